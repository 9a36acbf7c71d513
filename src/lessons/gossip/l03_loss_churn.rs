//! Gossip lesson 3: tolerance of loss and churn. A quarter of all messages
//! are lost and a tenth of the nodes crash mid-way; the rumor still reaches
//! every live node, and the returning nodes catch up by themselves.

use super::cue::{GossipCue, GossipTrigger, on};
use super::{GossipLesson, step};
use crate::lessons::t;

pub(super) fn lesson() -> GossipLesson {
    GossipLesson {
        id: "gossip-loss-churn",
        number: 3,
        title: t("Loss and churn", "丢包与节点变动"),
        summary: t(
            "A rumor spreads by push-pull among 300 nodes while 25 % of all messages are lost and 30 nodes crash part-way through. Later they come back.",
            "一条传闻以推拉方式在 300 个节点中传播，同时 25% 的消息会丢失，还有 30 个节点在中途崩溃。之后它们又回来了。",
        ),
        scenario: include_str!("scenarios/loss_churn.json"),
        raft: None,
        steps: vec![
            step(
                on(GossipCue::Rumor),
                t(
                    "S1 starts a rumor. One message in four is lost on the way: watch for red crosses.",
                    "S1 发起了一条传闻。每四条消息就有一条在途中丢失：注意红色的叉。",
                ),
                t(
                    "The model curve already counts the loss and is a little less steep.",
                    "模型曲线已经考虑了丢包，所以略平缓一些。",
                ),
            ),
            step(
                on(GossipCue::Crash),
                t(
                    "Nodes S270 to S299 crash, ten percent of the cluster, while the rumor is still young. Messages on their way to them are lost too.",
                    "节点 S270 到 S299 崩溃了，占集群的百分之十，而此时传闻才刚开始传播。发往它们的消息也丢失了。",
                ),
                t("Crossed-out nodes are down.", "被划掉的节点已宕机。"),
            ),
            step(
                GossipTrigger::reached(1, 100),
                t(
                    "Every live node knows the rumor, after about 10 rounds, only a little slower than without any loss.",
                    "所有存活节点都知晓了这条传闻，大约用了 10 轮，只比完全没有丢包时稍慢一点。",
                ),
                t("Informed: all live nodes.", "已知晓：全部存活节点。"),
            )
            .ask(
                t(
                    "Why does losing a quarter of all messages barely slow gossip down?",
                    "为什么丢失四分之一的消息几乎不会拖慢 Gossip？",
                ),
                &[
                    t(
                        "A lost message is simply not counted.",
                        "丢失的消息根本不被计算在内。",
                    ),
                    t(
                        "Every node keeps contacting random peers, so a rumor has many independent paths to each node; a loss only thins the fan-out a little.",
                        "每个节点都在不断联系随机对等节点，所以一条传闻到达每个节点都有许多条独立的路径；丢包只是让扇出略微变小。",
                    ),
                    t(
                        "Lost messages are resent until they arrive.",
                        "丢失的消息会被重发直到送达。",
                    ),
                ],
                1,
                t(
                    "Nothing is retransmitted. Redundancy does the work: with loss p the effective fan-out shrinks to about (1 − p) of itself, which costs a fraction of a round per doubling.",
                    "没有任何重传。是冗余在起作用：丢包率为 p 时，有效扇出大约缩小为原来的 (1 − p)，每翻一番只多花一小部分轮次。",
                ),
            ),
            step(
                on(GossipCue::Restart),
                t(
                    "The crashed nodes come back with only what they knew before the crash: they never heard the rumor.",
                    "崩溃的节点回来了，只带着崩溃前所知的内容：它们从未听说这条传闻。",
                ),
                t("Returning nodes drawn as grey circles.", "回来的节点显示为灰色圆圈。"),
            ),
            step(
                GossipTrigger::Converged,
                t(
                    "A few rounds later all 300 nodes are up to date, with no special recovery step.",
                    "几轮之后全部 300 个节点都是最新的，没有任何专门的恢复步骤。",
                ),
                t("Informed: 300 of 300.", "已知晓：300 / 300。"),
            )
            .ask(
                t("How did the returning nodes catch up?", "回来的节点是如何追上的？"),
                &[
                    t(
                        "In push-pull every node asks a random peer each round, so a node that missed a rumor soon pulls it from someone who has it.",
                        "在推拉模式中每个节点每轮都会询问一个随机对等节点，所以错过传闻的节点很快就能从拥有它的节点那里拉取到。",
                    ),
                    t(
                        "S1 sent the rumor to each of them again.",
                        "S1 把传闻重新发给了它们每一个。",
                    ),
                    t(
                        "They read it from a shared log.",
                        "它们从一个共享日志中读取了它。",
                    ),
                ],
                0,
                t(
                    "Gossip needs no coordinator and no membership change to heal: the periodic random exchanges that spread a rumor also repair whoever missed it. With a stop rule, anti-entropy does the same job.",
                    "Gossip 不需要协调者，也不需要变更成员关系来修复：传播传闻的那些周期性随机交换，同样会修复错过它的节点。若使用停止规则，反熵机制也能完成同样的工作。",
                ),
            ),
        ],
    }
}
