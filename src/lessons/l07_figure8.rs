//! Lesson 7: Figure 8 of the Raft paper; why a leader commits only entries of
//! its own term by counting replicas (§5.4.2).

use super::cue::{Cue, on};
use super::{Lesson, Step, Variant, step, t};
use crate::raft::Role;
use crate::trace::Invariant;

/// Figure 8 (a)–(c): the same in both runs.
fn setup() -> Vec<Step> {
    vec![
        step(
            on(Cue::Partition),
            t(
                "S1 leads term 1 and has committed entry 1 everywhere. Now it is cut off with S2. It appends entry 2 (`set x 2`, term 1) and replicates it to S2 only. This is (a) in Figure 8. (The no-op a new leader normally appends is switched off here, as in the paper's figure.)",
                "S1 是任期 1 的领导者，条目 1 已在所有服务器上提交。现在它和 S2 一起被隔离。它追加了条目 2（`set x 2`，任期 1），但只复制到了 S2。这就是图 8 中的 (a)。（和论文中的图一样，这里关闭了新领导者通常会追加的空操作条目。）",
            ),
            t("Entry 2 of term 1 on S1 and S2.", "S1 和 S2 上任期 1 的条目 2。"),
        )
        .highlight(&[1, 2]),
        step(
            on(Cue::Role(Role::Leader)).node(5).term(2),
            t(
                "S5 is elected for term 2 with votes from S3 and S4. It accepts a different entry at index 2 (`set x 3`, term 2)...",
                "S5 在 S3 和 S4 的投票下当选任期 2 的领导者。它在索引 2 处接受了一条不同的条目（`set x 3`，任期 2）……",
            ),
            t("S5, leader of term 2.", "任期 2 的领导者 S5。"),
        )
        .highlight(&[5]),
        step(
            on(Cue::Crash).node(5),
            t(
                "...and crashes before replicating it to anyone. This is (b).",
                "……然后在复制给任何服务器之前就崩溃了。这就是 (b)。",
            ),
            t(
                "Index 2: term 1 on S1 and S2, term 2 on S5 alone.",
                "索引 2：S1 和 S2 上是任期 1，只有 S5 上是任期 2。",
            ),
        )
        .highlight(&[5]),
        step(
            on(Cue::Role(Role::Leader)).node(1).term(3),
            t(
                "S1 is elected again, for term 3, by S2 and S3. It goes on replicating its old entry 2 of term 1. This is (c).",
                "S1 在 S2 和 S3 的支持下再次当选，这次是任期 3。它继续复制自己那条任期 1 的旧条目 2。这就是 (c)。",
            ),
            t("Entry 2 of term 1 reaching S3.", "任期 1 的条目 2 到达 S3。"),
        )
        .highlight(&[1]),
    ]
}

/// Figure 8 (d): S5 comes back and wins term 4.
fn s5_returns() -> Vec<Step> {
    vec![
        step(
            on(Cue::Crash).node(1),
            t(
                "S1 crashes before it has committed any entry of term 3.",
                "S1 在提交任何任期 3 的条目之前崩溃了。",
            ),
            t("S1 going down.", "S1 宕机。"),
        )
        .highlight(&[1]),
        step(
            on(Cue::Role(Role::Leader)).node(5).term(4),
            t(
                "S5 restarts and wins term 4 with votes from S2, S3 and S4: its last entry has term 2, later than their term 1, so its log counts as more up to date. This is (d).",
                "S5 重启后在 S2、S3、S4 的投票下赢得了任期 4：它最后一条条目的任期是 2，比它们的任期 1 更新，所以它的日志被认为更新。这就是 (d)。",
            ),
            t(
                "S5 as leader, with its term-2 entry at index 2.",
                "成为领导者的 S5，它在索引 2 处有一条任期 2 的条目。",
            ),
        )
        .highlight(&[5]),
    ]
}

pub(super) fn lesson() -> Lesson {
    let mut steps = setup();
    steps.push(
        step(
            on(Cue::CommitDeferred).node(1),
            t(
                "Entry 2 of term 1 is now on a majority: S1, S2 and S3. Yet S1 does not commit it. A leader commits by counting replicas only entries of its current term (§5.4.2).",
                "任期 1 的条目 2 现在已经存在于多数派上：S1、S2 和 S3。可是 S1 并不提交它。领导者只通过统计副本数来提交当前任期的条目（§5.4.2）。",
            ),
            t(
                "S1's commit index staying at 1.",
                "S1 的提交索引停留在 1。",
            ),
        )
        .highlight(&[1, 2, 3])
        .ask(
            t(
                "Why not commit entry 2 now that a majority holds it?",
                "既然多数派已经持有条目 2，为什么不现在提交它？",
            ),
            &[
                t(
                    "It would be safe; Raft is just being cautious.",
                    "提交是安全的，Raft 只是比较谨慎。",
                ),
                t(
                    "S5 could still be elected, with votes from S2, S3 and S4, because its last term (2) is higher than theirs (1); it would then overwrite index 2.",
                    "S5 仍然可能当选：它最后一条条目的任期（2）比 S2、S3、S4 的（1）都高，能拿到它们的选票；当选后它会覆盖索引 2。",
                ),
                t(
                    "Because S4 does not have it.",
                    "因为 S4 没有这条条目。",
                ),
            ],
            1,
            t(
                "Being on a majority protects an entry only if no candidate with a more up-to-date log can win. An entry of the leader's current term, once on a majority, has that property; an older one may not.",
                "只有当日志更新的候选者无法当选时，存在于多数派上才能保护一条条目。当前任期的条目一旦存在于多数派上就具备这一性质；更早任期的条目则未必。",
            ),
        ),
    );
    steps.extend(s5_returns());
    steps.extend([
        step(
            on(Cue::Truncate),
            t(
                "S5 overwrites index 2 on the others with its term-2 entry. This is allowed: entry 2 of term 1 was never committed, so no client was ever told it took effect.",
                "S5 用自己任期 2 的条目覆盖了其他服务器索引 2 处的条目。这是允许的：任期 1 的条目 2 从未被提交，所以没有任何客户端被告知它已生效。",
            ),
            t(
                "Index 2 changing from term 1 to term 2.",
                "索引 2 由任期 1 的条目变为任期 2 的条目。",
            ),
        ),
        step(
            on(Cue::Commit).node(5).index(3),
            t(
                "S5 commits entry 3 of its own term 4, and with it entry 2 of term 2: earlier entries are committed indirectly, through the Log Matching Property. The checker found no violation.",
                "S5 提交了自己任期 4 的条目 3，连带提交了任期 2 的条目 2：更早任期的条目是借助日志匹配特性被间接提交的。检查器没有发现任何违规。",
            ),
            t(
                "The invariant panel: everything green.",
                "不变量面板：全部正常。",
            ),
        )
        .highlight(&[5])
        .ask(
            t(
                "How does a leader commit an entry from an earlier term, then?",
                "那么，领导者怎样提交更早任期的条目呢？",
            ),
            &[
                t(
                    "By counting replicas like any other entry.",
                    "和其他条目一样统计副本数。",
                ),
                t(
                    "By committing an entry of its current term that comes after it; everything before that entry is then committed too.",
                    "通过提交排在它之后的一条当前任期的条目；这样它之前的所有条目也都随之提交。",
                ),
                t("It never does.", "永远不会提交。"),
            ],
            1,
            t(
                "That is why a new leader appends a no-op of its term (§8): committing it commits everything before it.",
                "这正是新领导者要追加一条本任期空操作条目的原因（§8）：提交它，就提交了它之前的一切。",
            ),
        ),
    ]);

    let mut broken = setup();
    broken.push(
        step(
            on(Cue::Commit).node(1).index(2),
            t(
                "With the rule broken, S1 counts replicas: entry 2 (term 1) is on S1, S2 and S3, so it commits it and applies `set x 2`. This is (c) with the mistake the paper warns about.",
                "在打破规则的情况下，S1 直接统计副本数：条目 2（任期 1）存在于 S1、S2、S3 上，于是它提交并应用了 `set x 2`。这就是论文所警告的、在 (c) 中犯下的错误。",
            ),
            t("S1's commit index moving to 2.", "S1 的提交索引变为 2。"),
        )
        .highlight(&[1, 2, 3]),
    );
    broken.extend(s5_returns());
    broken.extend([
        step(
            on(Cue::Violation(Some(Invariant::LeaderCompleteness))),
            t(
                "The invariant checker flags Leader Completeness: the leader of term 4 lacks the entry committed at index 2. Nothing in the election stopped S5, because its log really is more up to date by Raft's rule.",
                "不变量检查器报告违反了领导者完整性：任期 4 的领导者缺少索引 2 处已提交的条目。选举中没有任何规则能阻止 S5，因为按照 Raft 的规则，它的日志确实更新。",
            ),
            t(
                "The red mark on Leader Completeness.",
                "领导者完整性上的红色标记。",
            ),
        ),
        step(
            on(Cue::Truncate),
            t(
                "S5 overwrites index 2 on the others: a committed entry is being deleted.",
                "S5 覆盖了其他服务器索引 2 处的条目：一条已提交的条目正在被删除。",
            ),
            t(
                "Index 2 changing from term 1 to term 2 on S2 and S3.",
                "S2 和 S3 上索引 2 由任期 1 的条目变为任期 2 的条目。",
            ),
        ),
        step(
            on(Cue::Violation(Some(Invariant::StateMachineSafety))),
            t(
                "State Machine Safety is broken: S1 applied `set x 2` at index 2, S5 applies `set x 3` there. Two state machines have executed different commands at the same position.",
                "状态机安全性被破坏了：S1 在索引 2 处应用了 `set x 2`，而 S5 在同一位置应用了 `set x 3`。两台状态机在同一位置执行了不同的命令。",
            ),
            t("Both violations in the invariant panel.", "不变量面板中的两处违规。"),
        )
        .ask(
            t(
                "Which rule would have prevented this?",
                "哪条规则本可以避免这种情况？",
            ),
            &[
                t(
                    "The election restriction.",
                    "选举限制。",
                ),
                t(
                    "Committing by counting replicas only entries of the leader's current term.",
                    "只通过统计副本数来提交领导者当前任期的条目。",
                ),
                t("A longer election timeout.", "更长的选举超时。"),
            ],
            1,
            t(
                "The election restriction held all along: S5's log was more up to date. The fault was committing entry 2 of an earlier term by counting (§5.4.2).",
                "选举限制始终是满足的：S5 的日志确实更新。错误在于通过统计副本数提交了更早任期的条目 2（§5.4.2）。",
            ),
        ),
    ]);

    Lesson {
        id: "figure8",
        number: 7,
        title: t(
            "Figure 8: commit only entries of the current term",
            "图 8：只提交当前任期的条目",
        ),
        summary: t(
            "Replay Figure 8 of the Raft paper: an entry stored on a majority can still be overwritten. See why a leader counts replicas only for entries of its own term, and what breaks when it does not.",
            "重现 Raft 论文中的图 8：即使一条条目已经存在于多数派上，它仍然可能被覆盖。看看为什么领导者只为当前任期的条目统计副本数，以及不这样做会出什么问题。",
        ),
        scenario: include_str!("scenarios/figure8.json"),
        steps,
        variants: vec![Variant {
            id: "unsafe-commit",
            label: t("rule broken", "打破规则"),
            summary: t(
                "The leader commits entries of earlier terms by counting replicas. A committed entry is overwritten and the invariant checker flags it.",
                "领导者通过统计副本数提交更早任期的条目。一条已提交的条目被覆盖，不变量检查器发出警报。",
            ),
            scenario: include_str!("scenarios/figure8_unsafe_commit.json"),
            steps: broken,
        }],
        chart: None,
    }
}
