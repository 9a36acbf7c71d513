//! Lesson 12: the election restriction keeps committed entries (§5.4.1).

use super::cue::{Cue, on};
use super::{Lesson, Step, Variant, step, t};
use crate::raft::Role;
use crate::trace::Invariant;

/// Up to S5's first campaign: the same in both runs.
fn setup() -> Vec<Step> {
    vec![
        step(
            on(Cue::Crash).node(5),
            t(
                "S1 leads term 1. S5 crashes: it will miss the next entry.",
                "S1 是任期 1 的领导者。S5 崩溃了：它会错过下一条条目。",
            ),
            t("S5 going down.", "S5 宕机。"),
        )
        .highlight(&[5]),
        step(
            on(Cue::Commit).node(1).index(2),
            t(
                "S1 commits `set x 1` as entry 2 on S1–S4, a majority without S5, and tells the client it succeeded.",
                "S1 在 S1–S4（不包括 S5 的多数派）上提交了条目 2 `set x 1`，并告诉客户端写入成功。",
            ),
            t("Entry 2 on four servers, not on S5.", "条目 2 在四台服务器上，S5 没有。"),
        )
        .highlight(&[1]),
        step(
            on(Cue::Role(Role::Candidate)).node(5),
            t(
                "S1 crashed; S5 restarted with a log that ends at entry 1, and starts an election for term 2.",
                "S1 崩溃了；S5 重启后日志只到条目 1，它发起了任期 2 的选举。",
            ),
            t("S5's short log, and its RequestVote.", "S5 较短的日志，以及它发出的 RequestVote。"),
        )
        .highlight(&[5])
        .ask(
            t(
                "S5 asks S3 for its vote. S3's last entry is (index 2, term 1); S5's is (index 1, term 1). Should S3 grant it?",
                "S5 向 S3 请求投票。S3 的最后一条条目是（索引 2，任期 1），S5 的是（索引 1，任期 1）。S3 应该投票给它吗？",
            ),
            &[
                t(
                    "Yes: S5's term (2) is higher than S3's.",
                    "应该：S5 的任期（2）比 S3 的高。",
                ),
                t(
                    "No: S5's log is less up to date: same last term, but shorter.",
                    "不应该：S5 的日志不如 S3 的新——最后一条的任期相同，但更短。",
                ),
            ],
            1,
            t(
                "A voter grants its vote only if the candidate's log is at least as up to date as its own: the later last term wins; with equal last terms, the longer log wins (§5.4.1).",
                "只有当候选者的日志至少和自己的一样新时，投票者才会投票：最后一条条目任期更大的更新；最后任期相同时，日志更长的更新（§5.4.1）。",
            ),
        ),
    ]
}

pub(super) fn lesson() -> Lesson {
    let mut steps = setup();
    steps.extend([
        step(
            on(Cue::Vote {
                granted: false,
                pre_vote: false,
            }),
            t(
                "S3 refuses: S5's log is less up to date than its own. S2 and S4 refuse for the same reason, so S5 can never gather a majority.",
                "S3 拒绝了：S5 的日志不如自己的新。S2 和 S4 也因为同样的原因拒绝，所以 S5 永远凑不齐多数派。",
            ),
            t("Refusals coming back to S5.", "返回 S5 的拒绝回复。"),
        ),
        step(
            on(Cue::Role(Role::Leader)),
            t(
                "Eventually a server that holds entry 2 times out and wins. The committed entry survives. The reason: entry 2 is on a majority, a winner needs votes from a majority, and the two majorities share at least one server, which refuses any candidate lacking the entry.",
                "最终，一台持有条目 2 的服务器超时并当选。已提交的条目保住了。原因在于：条目 2 存在于多数派上，当选者需要多数派的选票，而这两个多数派至少有一台服务器重合，它会拒绝任何缺少这条条目的候选者。",
            ),
            t("The new leader's log, with entry 2.", "新领导者的日志，其中有条目 2。"),
        ),
    ]);
    let mut off = setup();
    off.extend([
        step(
            on(Cue::Vote {
                granted: true,
                pre_vote: false,
            }),
            t(
                "Without the restriction, S3 grants its vote to S5 just because S5's term is newer.",
                "没有选举限制时，S3 仅仅因为 S5 的任期更新就把票投给了它。",
            ),
            t("Votes flowing to S5.", "选票流向 S5。"),
        ),
        step(
            on(Cue::Role(Role::Leader)).node(5),
            t(
                "S5 wins term 2 with a log that lacks the committed entry 2.",
                "S5 以缺少已提交条目 2 的日志赢得了任期 2。",
            ),
            t("S5 as leader, with its short log.", "成为领导者的 S5 及其较短的日志。"),
        )
        .highlight(&[5]),
        step(
            on(Cue::Violation(Some(Invariant::LeaderCompleteness))),
            t(
                "The checker flags Leader Completeness: the leader of term 2 lacks the entry committed at index 2.",
                "检查器报告违反领导者完整性：任期 2 的领导者缺少索引 2 处已提交的条目。",
            ),
            t("The red mark on Leader Completeness.", "领导者完整性上的红色标记。"),
        ),
        step(
            on(Cue::Truncate),
            t(
                "S5 appends its no-op at index 2 and forces it on the followers: they delete the committed `set x 1`.",
                "S5 在索引 2 处追加了自己的空操作条目，并强制跟随者接受：它们删除了已提交的 `set x 1`。",
            ),
            t("Entry 2 changing on S2–S4.", "S2–S4 上的条目 2 被替换。"),
        ),
        step(
            on(Cue::Violation(Some(Invariant::StateMachineSafety))),
            t(
                "State Machine Safety is broken: S1 applied `set x 1` at index 2, S5 applies a no-op there. The client was told its write succeeded, and the write is gone.",
                "状态机安全性被破坏了：S1 在索引 2 处应用了 `set x 1`，S5 在同一位置应用的却是空操作。客户端被告知写入成功，而这次写入却消失了。",
            ),
            t("Both violations in the invariant panel.", "不变量面板中的两处违规。"),
        )
        .ask(
            t(
                "What exactly went wrong?",
                "究竟是哪里出了问题？",
            ),
            &[
                t(
                    "S1 committed too early.",
                    "S1 提交得太早了。",
                ),
                t(
                    "Voters elected a candidate whose log lacked a committed entry; nothing else in Raft recovers it afterwards.",
                    "投票者选出了一个日志缺少已提交条目的候选者；此后 Raft 中再没有任何机制能找回这条条目。",
                ),
                t("The network lost a message.", "网络丢失了一条消息。"),
            ],
            1,
            t(
                "Raft never copies entries from followers to a leader: a leader must already hold every committed entry. The election restriction is what guarantees it.",
                "Raft 从不把条目从跟随者复制到领导者：领导者必须本来就持有所有已提交的条目。选举限制正是这一点的保证。",
            ),
        ),
    ]);
    Lesson {
        id: "election-restriction",
        number: 12,
        title: t("The election restriction", "选举限制"),
        summary: t(
            "A server that missed a committed entry runs for leader. See why the others refuse it, and what is lost if they vote for it anyway.",
            "一台错过了已提交条目的服务器参加竞选。看看其他服务器为什么拒绝它，以及如果它们仍然投票给它会失去什么。",
        ),
        scenario: include_str!("scenarios/election_restriction.json"),
        steps,
        variants: vec![Variant {
            id: "no-restriction",
            label: t("restriction off", "关闭选举限制"),
            summary: t(
                "Voters grant votes without comparing logs: S5 wins without the committed entry and overwrites it.",
                "投票者不比较日志就投票：S5 在缺少已提交条目的情况下当选，并覆盖了它。",
            ),
            scenario: include_str!("scenarios/election_restriction_off.json"),
            steps: off,
        }],
        chart: None,
    }
}
