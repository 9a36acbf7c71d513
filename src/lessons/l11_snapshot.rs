//! Lesson 11: log compaction with snapshots, and InstallSnapshot for a
//! follower that is too far behind (§7).

use super::cue::{Cue, on};
use super::{Lesson, step, t};
use crate::raft::MsgKind;

pub(super) fn lesson() -> Lesson {
    Lesson {
        id: "snapshot",
        number: 11,
        title: t(
            "Snapshots and InstallSnapshot",
            "快照与 InstallSnapshot",
        ),
        summary: t(
            "Logs cannot grow forever: servers snapshot their state and discard the entries it covers. A follower that was down too long then needs the snapshot itself, sent with InstallSnapshot.",
            "日志不能无限增长：服务器把状态保存为快照，并丢弃快照已覆盖的条目。宕机太久的跟随者就需要领导者通过 InstallSnapshot 直接发送快照。",
        ),
        scenario: include_str!("scenarios/snapshot.json"),
        steps: vec![
            step(
                on(Cue::Crash).node(5),
                t(
                    "S5 goes down after receiving only the leader's no-op. The others will commit 20 commands without it.",
                    "S5 只收到了领导者的空操作条目就宕机了。其余服务器会在没有它的情况下提交 20 条命令。",
                ),
                t("S5's log stopping at index 1.", "S5 的日志停在索引 1。"),
            )
            .highlight(&[5]),
            step(
                on(Cue::Snapshot).node(1),
                t(
                    "S1 has applied 5 entries: it writes its state machine to a snapshot, together with the index and term of the last entry it covers (5, term 1), and discards log entries 1–5. Every server compacts on its own, without coordination.",
                    "S1 已经应用了 5 条条目：它把状态机写成快照，连同快照覆盖的最后一条条目的索引和任期（5，任期 1）一起保存，然后丢弃日志条目 1–5。每台服务器各自独立地压缩日志，无需相互协调。",
                ),
                t(
                    "S1's log now starting after index 5.",
                    "S1 的日志现在从索引 5 之后开始。",
                ),
            )
            .highlight(&[1])
            .ask(
                t(
                    "Why does a snapshot record the index and term of the last entry it covers?",
                    "快照为什么要记录它覆盖的最后一条条目的索引和任期？",
                ),
                &[
                    t(
                        "So that the AppendEntries consistency check still works for the entry right after the snapshot.",
                        "为了让快照之后紧接着的那条条目仍然能够通过 AppendEntries 的一致性检查。",
                    ),
                    t("To know who the leader was.", "为了知道当时谁是领导者。"),
                    t("For debugging only.", "仅用于调试。"),
                ],
                0,
                t(
                    "The next entry's AppendEntries carries prevLogIndex 5 and prevLogTerm 1; without the snapshot's last index and term the follower could not check them (§7).",
                    "下一条条目的 AppendEntries 携带 prevLogIndex 5 和 prevLogTerm 1；如果快照中没有记录最后的索引和任期，跟随者就无法检查它们（§7）。",
                ),
            ),
            step(
                on(Cue::Restart).node(5),
                t(
                    "S5 returns. It needs entries from index 2 on, but the leader has discarded everything up to index 20 into its snapshot.",
                    "S5 回来了。它需要从索引 2 开始的条目，但领导者已经把索引 20 及之前的所有条目都压缩进快照丢弃了。",
                ),
                t(
                    "S5's nextIndex at the leader, below the start of the leader's log.",
                    "领导者为 S5 记录的 nextIndex，低于领导者日志的起点。",
                ),
            )
            .highlight(&[5])
            .ask(
                t(
                    "How can the leader bring S5 up to date?",
                    "领导者怎样才能让 S5 跟上进度？",
                ),
                &[
                    t(
                        "By resending the entries from its log.",
                        "从自己的日志中重新发送条目。",
                    ),
                    t(
                        "By sending its snapshot with InstallSnapshot.",
                        "通过 InstallSnapshot 发送自己的快照。",
                    ),
                    t(
                        "S5 has to fetch the entries from another follower.",
                        "S5 必须从其他跟随者那里获取条目。",
                    ),
                ],
                1,
                t(
                    "The entries no longer exist anywhere in the leader's log; the snapshot is their summary. Data flows only from the leader to followers in Raft.",
                    "这些条目已经不在领导者的日志中了，快照就是它们的汇总。在 Raft 中，数据只从领导者流向跟随者。",
                ),
            ),
            step(
                on(Cue::Deliver(MsgKind::InstallSnapshot)).node(5),
                t(
                    "InstallSnapshot arrives at S5: the leader's whole state as of index 20, with its last index and term.",
                    "InstallSnapshot 到达 S5：其中是领导者截至索引 20 的完整状态，以及最后的索引和任期。",
                ),
                t(
                    "The snapshot message, much larger than an AppendEntries.",
                    "快照消息，比 AppendEntries 大得多。",
                ),
            )
            .highlight(&[1, 5]),
            step(
                on(Cue::InstallSnapshot).node(5),
                t(
                    "S5 replaces its state machine with the snapshot and discards its log, which the snapshot supersedes. Its commit index jumps to 20: a snapshot holds only committed entries.",
                    "S5 用快照替换了自己的状态机，并丢弃了被快照取代的日志。它的提交索引直接跳到 20：快照里只包含已提交的条目。",
                ),
                t("S5's state: the same keys as the others.", "S5 的状态：和其他服务器一样的键值。"),
            )
            .highlight(&[5]),
            step(
                on(Cue::Apply).node(5).index(21),
                t(
                    "The entries after the snapshot, here entry 21, arrive in ordinary AppendEntries. S5 is fully caught up.",
                    "快照之后的条目（这里是条目 21）通过普通的 AppendEntries 到达。S5 已经完全跟上了。",
                ),
                t("All five state machines equal.", "五台状态机完全一致。"),
            )
            .highlight(&[5]),
        ],
        variants: Vec::new(),
        chart: None,
    }
}
