//! Gossip lesson 5: why gossip is eventually consistent and Raft is not. A
//! gossip cluster and a Raft cluster run side by side on one clock under
//! the same partition: gossip accepts writes on both sides and converges
//! after the heal (losing one of two concurrent writes); Raft's minority
//! cannot commit, and its entry is replaced after the heal.

use super::cue::{GossipCue, GossipTrigger, on};
use super::{GossipLesson, step};
use crate::lessons::t;

pub(super) fn lesson() -> GossipLesson {
    GossipLesson {
        id: "gossip-vs-raft",
        number: 5,
        title: t(
            "Eventually consistent, or not: gossip beside Raft",
            "最终一致还是强一致：Gossip 与 Raft 对照",
        ),
        summary: t(
            "A gossip cluster of 12 nodes and a Raft cluster of 5 servers, on one clock, are partitioned at the same moment and both get a write on each side. See which one keeps accepting writes, which one keeps them all, and how each looks after the heal.",
            "一个 12 节点的 Gossip 集群和一个 5 台服务器的 Raft 集群在同一个时钟下、于同一时刻被分区，两边各收到一次写入。看看哪一个仍然接受写入，哪一个保住了所有写入，以及网络恢复后它们各自是什么样子。",
        ),
        scenario: include_str!("scenarios/versus_gossip.json"),
        raft: Some(include_str!("scenarios/versus_raft.json")),
        steps: vec![
            step(
                on(GossipCue::Partition),
                t(
                    "Both networks split at 1 s. Gossip: S1–S6 | S7–S12. Raft: its leader S1 with S2 | S3, S4, S5.",
                    "两个网络都在 1 秒时被分割。Gossip：S1–S6 | S7–S12。Raft：领导者 S1 与 S2 | S3、S4、S5。",
                ),
                t(
                    "The gossip canvas and, in the lesson panel, the Raft cluster.",
                    "Gossip 画布，以及课程面板中的 Raft 集群。",
                ),
            ),
            step(
                on(GossipCue::Rumor).node(2),
                t(
                    "Gossip S2 sets x = left. No one is asked for permission: the write is accepted at once and spreads on its side. At the same moment the Raft leader S1 receives set x left.",
                    "Gossip 的 S2 设置 x = left。无需征得任何人同意：写入立即被接受，并在它所在的一侧传播。与此同时，Raft 的领导者 S1 收到了 set x left。",
                ),
                t("S2 on the gossip canvas; S1 in the Raft picture.", "Gossip 画布上的 S2；Raft 图中的 S1。"),
            )
            .highlight(&[2])
            .ask(
                t(
                    "Can the Raft leader S1, with only S2 on its side, commit x = left?",
                    "只有 S2 在同一侧的 Raft 领导者 S1，能提交 x = left 吗？",
                ),
                &[
                    t("Yes, it is the leader.", "能，它是领导者。"),
                    t(
                        "No: committing needs a majority, 3 of 5, and it can reach only 2.",
                        "不能：提交需要多数派，即五台中的三台，而它只能联系到两台。",
                    ),
                ],
                1,
                t(
                    "Raft keeps the minority side unavailable for writes rather than let it disagree with the majority.",
                    "Raft 宁可让少数派一侧无法写入，也不让它与多数派产生分歧。",
                ),
            ),
            step(
                on(GossipCue::Rumor).node(9),
                t(
                    "On the other gossip side, S9 sets x = right. That side accepts it too. The two sides now hold different values of x.",
                    "在 Gossip 的另一侧，S9 设置 x = right。那一侧同样接受了它。现在两侧持有的 x 值不同了。",
                ),
                t(
                    "Orange: nodes holding x = right. Hover a node to read its x.",
                    "橙色：持有 x = right 的节点。把鼠标悬停在节点上可以看到它的 x。",
                ),
            )
            .highlight(&[9]),
            step(
                GossipTrigger::at_ms(4500),
                t(
                    "Meanwhile Raft's majority elected a new leader and committed x = right. S1's x = left sits uncommitted in its log and has not been applied. In gossip, each side has spread its own value.",
                    "与此同时，Raft 的多数派选出了新的领导者并提交了 x = right。S1 的 x = left 停留在日志中未被提交，也没有被应用。在 Gossip 中，两侧各自传播了自己的值。",
                ),
                t(
                    "Gossip: left side x = left, right side x = right. Raft: x = right on S3–S5 only.",
                    "Gossip：左侧 x = left，右侧 x = right。Raft：只有 S3–S5 上有 x = right。",
                ),
            )
            .ask(
                t(
                    "During the partition, which system accepted writes on both sides?",
                    "分区期间，哪个系统在两侧都接受了写入？",
                ),
                &[
                    t("Raft.", "Raft 系统。"),
                    t("Gossip.", "Gossip 系统。"),
                    t("Both.", "两者都是。"),
                ],
                1,
                t(
                    "Under a partition a system must choose: stay available on every side (gossip) or stay consistent (Raft, whose minority refuses). This is the trade-off of the CAP theorem.",
                    "在分区时系统必须做出选择：在每一侧都保持可用（Gossip），或者保持一致（Raft，其少数派拒绝写入）。这就是 CAP 定理所说的取舍。",
                ),
            ),
            step(
                on(GossipCue::Heal),
                t(
                    "Both networks heal at 5 s. Messages cross the old line again.",
                    "两个网络都在 5 秒时恢复。消息再次越过原来的分界线。",
                ),
                t("The partition boxes disappear.", "分区框消失了。"),
            ),
            step(
                GossipTrigger::Converged,
                t(
                    "Gossip has converged: every node holds x = right. Both writes were version 1, and a tie goes to the higher node, S9. S2's write is simply gone, and no one was told.",
                    "Gossip 已经收敛：每个节点都持有 x = right。两次写入都是版本 1，平局时较大的节点 S9 获胜。S2 的写入就这样消失了，而且没有人被告知。",
                ),
                t("Every node orange: x = right everywhere.", "所有节点都是橙色：处处 x = right。"),
            )
            .ask(
                t(
                    "What does eventual consistency promise here?",
                    "在这里，最终一致性承诺了什么？",
                ),
                &[
                    t(
                        "Every write that was accepted is kept.",
                        "每一次被接受的写入都会被保留。",
                    ),
                    t(
                        "Once messages flow again, all nodes end up holding the same value; not that every accepted write survives.",
                        "一旦消息再次流动，所有节点最终会持有相同的值；但并不保证每一次被接受的写入都能保留下来。",
                    ),
                    t(
                        "Reads never see an old value.",
                        "读操作永远不会看到旧值。",
                    ),
                ],
                1,
                t(
                    "Gossip converges, but a conflict between concurrent writes is settled by a rule (here: higher version, then higher node), so one of them is lost. Raft never loses a write it acknowledged, because it never acknowledged the minority's.",
                    "Gossip 会收敛，但并发写入之间的冲突要靠一条规则来解决（这里是：版本更高者胜，再比较节点编号），因此其中一次写入会丢失。Raft 从不丢失它确认过的写入，因为它从未确认过少数派的写入。",
                ),
            ),
            step(
                GossipTrigger::at_ms(7500),
                t(
                    "In Raft, S1 saw the higher term, stepped down, and replaced its uncommitted x = left with the committed x = right. All five servers agree, and no client was ever told that x = left succeeded.",
                    "在 Raft 中，S1 看到了更高的任期，退位，并用已提交的 x = right 替换了它未提交的 x = left。五台服务器达成一致，而且从来没有客户端被告知 x = left 写入成功。",
                ),
                t("The Raft picture: one leader, x = right everywhere.", "Raft 图：一个领导者，处处 x = right。"),
            ),
        ],
    }
}
