//! Lesson 5: a network partition; the minority leader cannot commit and steps
//! down on heal (§5.1, §5.3).

use super::cue::{Cue, on};
use super::{Lesson, step, t};
use crate::raft::Role;

pub(super) fn lesson() -> Lesson {
    Lesson {
        id: "partition",
        number: 5,
        title: t("Network partition", "网络分区"),
        summary: t(
            "The leader ends up on the small side of a partition. See why it cannot commit, how the majority carries on with a new leader, and what happens to the old leader's entries when the network heals.",
            "领导者被分到了网络分区中较小的一侧。看看它为什么无法提交，多数派如何选出新领导者继续工作，以及网络恢复后旧领导者的条目会怎样。",
        ),
        scenario: include_str!("scenarios/partition.json"),
        steps: vec![
            step(
                on(Cue::Partition),
                t(
                    "The network splits: S1 (the leader) and S2 on one side, S3, S4 and S5 on the other. S1 is not told; it still believes it leads.",
                    "网络被分割：S1（领导者）和 S2 在一边，S3、S4、S5 在另一边。没有人通知 S1，它仍然认为自己是领导者。",
                ),
                t(
                    "Messages from S1 to S3–S5 being dropped at the partition line.",
                    "S1 发往 S3–S5 的消息在分区边界处被丢弃。",
                ),
            )
            .highlight(&[1, 2]),
            step(
                on(Cue::Append).node(2).index(3),
                t(
                    "A client sent `set x lost` to S1. S1 appended it as entry 3 and replicated it to S2: two copies out of five.",
                    "一个客户端向 S1 发送了 `set x lost`。S1 把它追加为条目 3 并复制给了 S2：五台中只有两份。",
                ),
                t("Entry 3 on S1 and S2 only.", "条目 3 只存在于 S1 和 S2 上。"),
            )
            .highlight(&[1, 2])
            .ask(
                t("Can S1 commit entry 3?", "S1 能提交条目 3 吗？"),
                &[
                    t("Yes, it is the leader.", "能，它是领导者。"),
                    t(
                        "No: it needs 3 of 5 servers to store it and can reach only 2.",
                        "不能：需要五台中的三台存储该条目，而它只能联系到两台。",
                    ),
                    t(
                        "Yes, once S2 acknowledges.",
                        "能，只要 S2 确认了就行。",
                    ),
                ],
                1,
                t(
                    "A minority can never commit. The client waits for an answer that will never come, and eventually gives up. Nothing it was told was false.",
                    "少数派永远无法提交。客户端等待一个永远不会到来的回复，最后只能放弃。它从未收到过任何错误的答复。",
                ),
            ),
            step(
                on(Cue::Role(Role::Leader)).term(2),
                t(
                    "On the majority side, the followers stopped hearing from S1, timed out and elected a leader for term 2.",
                    "在多数派一侧，跟随者收不到 S1 的消息，超时后选出了任期 2 的领导者。",
                ),
                t(
                    "Two servers that both think they lead, in terms 1 and 2.",
                    "有两台服务器都认为自己是领导者，分别在任期 1 和任期 2。",
                ),
            )
            .ask(
                t(
                    "There are now two leaders. Does that break Election Safety?",
                    "现在有两个领导者。这违反选举安全性吗？",
                ),
                &[
                    t("Yes.", "违反。"),
                    t(
                        "No: Election Safety allows at most one leader per term, and these lead different terms. Only the term-2 leader can commit.",
                        "不违反：选举安全性要求的是每个任期至多一个领导者，而这两个领导者属于不同的任期。只有任期 2 的领导者能够提交。",
                    ),
                ],
                1,
                t(
                    "A stale leader may exist for a while, but it cannot commit anything, because a majority has moved to a higher term. Lesson 9 shows why it must not answer reads either.",
                    "过时的领导者可能会存在一段时间，但它什么也提交不了，因为多数派已经进入了更高的任期。第 9 课会说明为什么它也不能回答读请求。",
                ),
            ),
            step(
                on(Cue::Commit).index(4),
                t(
                    "The term-2 leader commits its no-op and then `set y 2` as entries 3 and 4. At index 3 its log now holds a different entry from S1's.",
                    "任期 2 的领导者提交了自己的空操作条目和 `set y 2`，分别是条目 3 和 4。此时它在索引 3 处的条目与 S1 的不同。",
                ),
                t(
                    "Index 3: term 1 on S1 and S2, term 2 on the majority.",
                    "索引 3：S1 和 S2 上是任期 1 的条目，多数派上是任期 2 的条目。",
                ),
            ),
            step(
                on(Cue::Heal),
                t(
                    "The network heals. Messages of term 1 and term 2 meet.",
                    "网络恢复了。任期 1 和任期 2 的消息相遇。",
                ),
                t("The partition line disappearing.", "分区边界消失。"),
            ),
            step(
                on(Cue::StepDown).node(1),
                t(
                    "S1 saw term 2 in a message from the new leader: a leader that sees a higher term steps down at once and becomes a follower.",
                    "S1 在新领导者的消息中看到了任期 2：领导者一旦看到更高的任期，就会立刻退位成为跟随者。",
                ),
                t("S1 losing its leader mark.", "S1 失去领导者标记。"),
            )
            .highlight(&[1]),
            step(
                on(Cue::Truncate).node(1),
                t(
                    "S1's entry 3 (term 1) conflicts with the leader's entry 3 (term 2), so S1 deletes it and takes the leader's entries instead. `set x lost` is gone. This is safe: it was never committed and its client was never told it succeeded.",
                    "S1 的条目 3（任期 1）与领导者的条目 3（任期 2）冲突，于是 S1 删除它并换上领导者的条目。`set x lost` 消失了。这是安全的：它从未被提交，它的客户端也从未被告知写入成功。",
                ),
                t(
                    "S1's and S2's logs now identical to the leader's.",
                    "S1 和 S2 的日志现在与领导者完全一致。",
                ),
            )
            .highlight(&[1, 2])
            .ask(
                t(
                    "Which entries may a follower ever delete?",
                    "跟随者可能删除哪些条目？",
                ),
                &[
                    t("Any entry the leader lacks.", "领导者没有的任何条目。"),
                    t(
                        "Only uncommitted ones: a leader holds every committed entry, so committed entries never conflict with its log.",
                        "只有未提交的条目：领导者持有所有已提交的条目，所以已提交的条目永远不会与领导者的日志冲突。",
                    ),
                ],
                1,
                t(
                    "Followers overwrite conflicts with the leader's log (§5.3). Leader Completeness guarantees those conflicts are never committed entries.",
                    "跟随者用领导者的日志覆盖冲突的部分（§5.3）。领导者完整性保证了这些冲突的条目绝不会是已提交的条目。",
                ),
            ),
        ],
        variants: Vec::new(),
        chart: None,
    }
}
