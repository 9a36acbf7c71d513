//! Lesson 10: what survives a crash, and what is rebuilt (Figure 2, §5.4.2).

use super::cue::{Cue, on};
use super::{Lesson, step, t};
use crate::raft::Role;

pub(super) fn lesson() -> Lesson {
    Lesson {
        id: "persistence",
        number: 10,
        title: t("Persistence: what survives a crash", "持久化：崩溃后什么会保留"),
        summary: t(
            "All three servers lose power at once. Term, vote and log come back from disk; commit index, role and the state machine do not, and are rebuilt once a new leader commits an entry of its term.",
            "三台服务器同时断电。任期、投票记录和日志会从磁盘恢复；提交索引、角色和状态机则不会，要等新领导者提交一条本任期的条目后才会重建。",
        ),
        scenario: include_str!("scenarios/persistence.json"),
        steps: vec![
            step(
                on(Cue::Crash).node(3),
                t(
                    "All servers crash at once, say a power cut. On disk: the current term (1), the vote and the log, entries 1–3. Only in memory: the commit index, the applied index, the role, the leader's nextIndex and matchIndex, and the state machine with x = 12.",
                    "所有服务器同时崩溃，比如断电。磁盘上保存着：当前任期（1）、投票记录以及日志条目 1–3。只在内存中的有：提交索引、已应用索引、角色、领导者的 nextIndex 和 matchIndex，以及 x = 12 的状态机。",
                ),
                t("Every server going down.", "每台服务器都宕机了。"),
            )
            .ask(
                t(
                    "What must a server write to stable storage before it answers an RPC?",
                    "服务器在回复 RPC 之前必须把什么写入稳定存储？",
                ),
                &[
                    t("Its commit index.", "它的提交索引。"),
                    t(
                        "Its current term, its vote and its log.",
                        "它的当前任期、投票记录和日志。",
                    ),
                    t("Its state machine.", "它的状态机。"),
                    t("nextIndex for each follower.", "每个跟随者的 nextIndex。"),
                ],
                1,
                t(
                    "Figure 2 lists exactly these as persistent state. The rest can be recomputed: the commit index from the logs, the state machine by replaying committed entries (or from a snapshot, lesson 11).",
                    "图 2 列出的持久化状态正是这三项。其余的都可以重新计算：提交索引可以从日志中重新得出，状态机可以通过重放已提交的条目重建（或者从快照恢复，见第 11 课）。",
                ),
            ),
            step(
                on(Cue::Role(Role::Follower)).node(3).term(1),
                t(
                    "The servers restart from disk: followers in term 1, logs 1–3 intact. But the commit index is 0 and the state machine is empty: x is unset.",
                    "服务器从磁盘重启：都是任期 1 的跟随者，日志 1–3 完好无损。但提交索引是 0，状态机是空的：x 没有值。",
                ),
                t(
                    "Logs present, commit index 0, no x in the state.",
                    "日志都在，提交索引为 0，状态里没有 x。",
                ),
            )
            .ask(
                t(
                    "Why must the vote survive a crash?",
                    "为什么投票记录必须在崩溃后保留？",
                ),
                &[
                    t(
                        "To remember who the leader was.",
                        "为了记住谁是领导者。",
                    ),
                    t(
                        "Otherwise a server could vote twice in one term, before and after a crash, and two leaders could be elected in that term.",
                        "否则一台服务器可能在同一任期内投两次票（崩溃前一次、崩溃后一次），导致该任期选出两个领导者。",
                    ),
                    t("To speed up elections.", "为了加快选举。"),
                ],
                1,
                t(
                    "Election Safety depends on one vote per server per term. A forgotten vote is a second vote waiting to happen. The term must survive for the same reason: a server must never go back to an older term.",
                    "选举安全性依赖于每台服务器每个任期只投一票。忘掉的投票就意味着可能投出第二票。任期必须保留也是同样的道理：服务器绝不能退回到更早的任期。",
                ),
            ),
            step(
                on(Cue::Role(Role::Leader)).term(2),
                t(
                    "A leader is elected for term 2. Its entries 1–3 are on every server, but they are of term 1, so it cannot commit them by counting replicas (lesson 7). It appends a no-op of term 2.",
                    "任期 2 选出了领导者。它的条目 1–3 存在于每台服务器上，但它们属于任期 1，所以不能通过统计副本数来提交（第 7 课）。它追加了一条任期 2 的空操作条目。",
                ),
                t("The no-op entry 4 of term 2.", "任期 2 的空操作条目 4。"),
            ),
            step(
                on(Cue::Commit).index(4),
                t(
                    "The no-op is committed, and with it entries 1–3: the commit index jumps from 0 to 4.",
                    "空操作条目被提交，条目 1–3 也随之提交：提交索引从 0 直接跳到 4。",
                ),
                t("The leader's commit index.", "领导者的提交索引。"),
            ),
            step(
                on(Cue::Apply).index(1),
                t(
                    "The state machine is rebuilt by applying the log from the start: x = 1, then x = 12. Applying is deterministic, so every server rebuilds the same state.",
                    "状态机通过从头应用日志来重建：先是 x = 1，然后 x = 12。应用过程是确定性的，所以每台服务器都会重建出相同的状态。",
                ),
                t(
                    "Entries being applied one by one; x reappearing.",
                    "条目被逐条应用，x 重新出现。",
                ),
            ),
        ],
        variants: Vec::new(),
        chart: None,
    }
}
