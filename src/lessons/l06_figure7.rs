//! Lesson 6: Figure 7 of the Raft paper; followers with missing, extra and
//! conflicting entries repaired by nextIndex backoff (§5.3).

use super::cue::{Cue, on};
use super::{Lesson, step, t};
use crate::raft::Role;

pub(super) fn lesson() -> Lesson {
    Lesson {
        id: "figure7",
        number: 6,
        title: t(
            "Figure 7: repairing inconsistent logs",
            "图 7：修复不一致的日志",
        ),
        summary: t(
            "Crashes and a partition leave one follower missing entries and another with extra, conflicting ones. The new leader repairs both with the consistency check and nextIndex backoff.",
            "几次崩溃和一次分区之后，一个跟随者缺少条目，另一个则多出了相互冲突的条目。新领导者通过一致性检查和 nextIndex 回退把它们都修复了。",
        ),
        scenario: include_str!("scenarios/figure7.json"),
        steps: vec![
            step(
                on(Cue::Crash).node(5),
                t(
                    "S1 leads term 1; entries 1–3 are committed everywhere. Now S5 crashes: it will miss what comes next.",
                    "S1 是任期 1 的领导者，条目 1–3 已在所有服务器上提交。现在 S5 崩溃了：它会错过接下来的条目。",
                ),
                t("S5's log stopping at index 3.", "S5 的日志停在索引 3。"),
            )
            .highlight(&[5]),
            step(
                on(Cue::Append).node(1).index(7),
                t(
                    "S1 was isolated but still takes commands: entries 4–7 of term 1 exist only in its log. They can never be committed.",
                    "S1 被隔离了，但仍在接受命令：任期 1 的条目 4–7 只存在于它自己的日志中，它们永远无法被提交。",
                ),
                t("S1's four extra entries.", "S1 多出来的四条条目。"),
            )
            .highlight(&[1]),
            step(
                on(Cue::Role(Role::Leader)).node(2).term(2),
                t(
                    "S2 is elected for term 2 by S3 and S4. It writes different entries at indices 4 and 5 (its no-op and `set g 7`) and commits them on S2, S3, S4.",
                    "S2 在 S3 和 S4 的支持下当选任期 2 的领导者。它在索引 4 和 5 处写入了不同的条目（空操作和 `set g 7`），并在 S2、S3、S4 上提交了它们。",
                ),
                t(
                    "Index 4: term 1 on S1, term 2 on S2–S4.",
                    "索引 4：S1 上是任期 1，S2–S4 上是任期 2。",
                ),
            )
            .highlight(&[2]),
            step(
                on(Cue::Role(Role::Leader)).node(3).term(3),
                t(
                    "S2 crashed and S5 came back; S3 is now leader of term 3. The logs disagree three ways, as in Figure 7: S5 is missing entries 4–5, S1 has conflicting and extra entries 4–7 of term 1, S4 matches. S3 does not know any of this: it sets every follower's nextIndex to just past its own last entry.",
                    "S2 崩溃了，S5 回来了；S3 现在是任期 3 的领导者。各日志有三种不一致，正如图 7 所示：S5 缺少条目 4–5；S1 有任期 1 的冲突条目和多余条目 4–7；S4 与领导者一致。S3 对此一无所知：它把每个跟随者的 nextIndex 设为自己最后一条条目的下一个位置。",
                ),
                t(
                    "The leader's nextIndex for each follower.",
                    "领导者为每个跟随者记录的 nextIndex。",
                ),
            )
            .highlight(&[3])
            .ask(
                t(
                    "S3's first AppendEntries to S5 says: prevLogIndex 5, prevLogTerm 2. S5's log ends at index 3. What does S5 answer?",
                    "S3 发给 S5 的第一条 AppendEntries 中写着：prevLogIndex 为 5，prevLogTerm 为 2。S5 的日志只到索引 3。S5 会怎么回答？",
                ),
                &[
                    t(
                        "It accepts and fills the gap with empty entries.",
                        "接受，并用空条目填补空缺。",
                    ),
                    t(
                        "It rejects: it has no entry at index 5 with term 2.",
                        "拒绝：它在索引 5 处没有任期 2 的条目。",
                    ),
                    t("It asks S1 for the missing entries.", "向 S1 索要缺失的条目。"),
                ],
                1,
                t(
                    "A follower accepts new entries only right after an entry that matches the leader's, same index and same term. This consistency check keeps Log Matching true by induction.",
                    "跟随者只有在前一条条目（索引和任期都相同）与领导者一致时，才会接受新的条目。这个一致性检查通过归纳保证了日志匹配特性。",
                ),
            ),
            step(
                on(Cue::Reject).node(5),
                t(
                    "S5 rejects: the consistency check failed.",
                    "S5 拒绝了：一致性检查没有通过。",
                ),
                t("The rejection travelling back to S3.", "拒绝回复正在返回 S3。"),
            )
            .highlight(&[5]),
            step(
                on(Cue::Backoff).node(3),
                t(
                    "S3 decrements S5's nextIndex and retries one entry earlier. It costs one round trip per entry; the paper mentions an optimization that skips a whole term per round trip.",
                    "S3 把 S5 的 nextIndex 减一，从前一条条目开始重试。每回退一条就要一次往返；论文中提到一种优化，可以每次往返跳过整个任期的条目。",
                ),
                t("S5's nextIndex going down.", "S5 的 nextIndex 在减小。"),
            )
            .highlight(&[3, 5]),
            step(
                on(Cue::Append).node(5),
                t(
                    "At prevLogIndex 3 the logs match, so S5 accepts entries 4–6 from S3: the missing entries are repaired.",
                    "在 prevLogIndex 为 3 时两份日志匹配，于是 S5 接收了 S3 发来的条目 4–6：缺失的条目被补齐了。",
                ),
                t("S5's log now equal to S3's.", "S5 的日志现在与 S3 的一致。"),
            )
            .highlight(&[5]),
            step(
                on(Cue::Reject).node(1),
                t(
                    "The partition healed. S1 learned of term 3 and stepped down, and now rejects S3's AppendEntries: its entry at index 5 has term 1, not 2.",
                    "分区恢复了。S1 得知了任期 3 并退位，现在它拒绝了 S3 的 AppendEntries：它在索引 5 处的条目任期是 1，而不是 2。",
                ),
                t("S1's conflicting entries 4–7.", "S1 上相互冲突的条目 4–7。"),
            )
            .highlight(&[1])
            .ask(
                t(
                    "What will happen to S1's entries 4–7 of term 1?",
                    "S1 上任期 1 的条目 4–7 会怎样？",
                ),
                &[
                    t(
                        "They are kept and sent to the others.",
                        "保留下来并发送给其他服务器。",
                    ),
                    t(
                        "They are deleted once S1 reaches the first conflicting index, and replaced by the leader's entries.",
                        "当回退到第一个冲突的位置时，它们会被删除，并被领导者的条目替换。",
                    ),
                    t(
                        "S1 keeps them but never applies them.",
                        "S1 保留它们，但永远不应用。",
                    ),
                ],
                1,
                t(
                    "The leader never changes its own log (Leader Append-Only); followers converge to it. Entries 4–7 of term 1 were never committed, so deleting them loses nothing a client was promised.",
                    "领导者从不修改自己的日志（领导者只追加）；跟随者向领导者的日志靠拢。任期 1 的条目 4–7 从未被提交，所以删除它们不会丢失任何向客户端承诺过的东西。",
                ),
            ),
            step(
                on(Cue::Truncate).node(1),
                t(
                    "After two backoffs the check passes at index 3. S1 deletes its entries from index 4 on, the extra entry 7 included, and appends the leader's entries 4–6. All logs are identical again.",
                    "经过两次回退，一致性检查在索引 3 处通过了。S1 删除了从索引 4 开始的所有条目（包括多出来的条目 7），然后追加领导者的条目 4–6。所有日志再次完全一致。",
                ),
                t("S1's log after the repair.", "修复之后 S1 的日志。"),
            )
            .highlight(&[1]),
        ],
        variants: Vec::new(),
        chart: None,
    }
}
