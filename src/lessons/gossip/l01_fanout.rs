//! Gossip lesson 1: fan-out against redundancy. A larger fan-out reaches
//! everyone in fewer rounds and sends more copies to nodes that already
//! know (Demers et al. 1987; Pittel 1987 for the rounds of push).

use super::cue::{GossipCue, GossipTrigger, on};
use super::{GossipLesson, step};
use crate::lessons::t;

pub(super) fn lesson() -> GossipLesson {
    GossipLesson {
        id: "gossip-fanout",
        number: 1,
        title: t("Fan-out and redundancy", "扇出与冗余"),
        summary: t(
            "A rumor spreads by push among 200 nodes, first with fan-out 1, then with fan-out 4. Count the rounds it takes to reach everyone, and the copies that land on nodes that already knew.",
            "一条传闻在 200 个节点中以推送方式传播，先用扇出 1，再用扇出 4。数一数它需要多少轮才能传遍所有节点，以及有多少副本落到了早已知晓的节点上。",
        ),
        scenario: include_str!("scenarios/fanout.json"),
        raft: None,
        steps: vec![
            step(
                on(GossipCue::Rumor),
                t(
                    "S1 starts rumor a. Each round (every 200 ms) every node that knows it pushes it to one random peer: fan-out 1.",
                    "S1 发起了传闻 a。每一轮（每 200 毫秒）每个知晓它的节点都把它推送给一个随机的对等节点：扇出为 1。",
                ),
                t(
                    "Orange triangles are spreading it; grey circles have not heard it yet.",
                    "橙色三角形表示正在传播；灰色圆圈表示尚未听说。",
                ),
            )
            .highlight(&[1]),
            step(
                GossipTrigger::reached(1, 50),
                t(
                    "Half the nodes know a. At first the number of informed nodes nearly doubles every round, like an epidemic.",
                    "一半的节点已经知晓 a。起初已知晓的节点数几乎每轮翻一番，就像流行病一样。",
                ),
                t(
                    "The chart: the measured curve beside the mean-field model.",
                    "图表：实测曲线与平均场模型并排。",
                ),
            )
            .ask(
                t(
                    "Why will the second half take longer than doubling suggests?",
                    "为什么后一半所需的时间会比翻倍的速度更长？",
                ),
                &[
                    t(
                        "More and more pushes land on nodes that already know it.",
                        "越来越多的推送落到了早已知晓的节点上。",
                    ),
                    t("The network becomes slower.", "网络变慢了。"),
                    t("Nodes stop spreading after a while.", "节点过一会儿就停止传播了。"),
                ],
                0,
                t(
                    "A push reaches a node that has not heard the rumor with probability equal to the fraction still uninformed. Near the end almost every push is wasted, which is why push needs about log₂ n + ln n rounds (Pittel), not just log₂ n.",
                    "一次推送命中尚未听说的节点的概率，等于仍未知晓节点所占的比例。临近结束时几乎每次推送都被浪费了，所以推送大约需要 log₂ n + ln n 轮（Pittel），而不只是 log₂ n 轮。",
                ),
            ),
            step(
                GossipTrigger::reached(1, 100),
                t(
                    "Everyone knows a, after about 13 rounds: Pittel's estimate for 200 nodes is log₂ 200 + ln 200 ≈ 13. Note the redundant receptions so far.",
                    "所有节点都知晓 a 了，大约用了 13 轮：Pittel 对 200 个节点的估计是 log₂ 200 + ln 200 ≈ 13。记下到目前为止的冗余接收次数。",
                ),
                t(
                    "The counters: rounds to 100 % and redundant receptions.",
                    "计数器：覆盖 100% 所用的轮数和冗余接收次数。",
                ),
            ),
            step(
                on(GossipCue::Configure),
                t(
                    "The fan-out goes up to 4: every spreading node now contacts four random peers per round. In a moment S1 starts rumor b.",
                    "扇出提高到 4：现在每个正在传播的节点每轮联系四个随机对等节点。稍后 S1 将发起传闻 b。",
                ),
                t(
                    "When b starts, the chart shows it; its model curve is steeper.",
                    "b 开始后图表会显示它；它的模型曲线更陡。",
                ),
            ),
            step(
                GossipTrigger::reached(2, 100),
                t(
                    "Rumor b reached all 200 nodes in about 6 rounds, less than half the rounds of a, but with more redundant receptions on the way, crowded into fewer rounds: each spreading node now sends four messages a round instead of one.",
                    "传闻 b 大约用 6 轮就传遍了全部 200 个节点，不到 a 所用轮数的一半，但途中的冗余接收更多，而且挤在更少的轮次里：现在每个正在传播的节点每轮发送四条消息，而不是一条。",
                ),
                t(
                    "Compare the redundant receptions of b with those of a (pick a in the rumor list).",
                    "把 b 的冗余接收次数与 a 的比较一下（在传闻列表中选择 a）。",
                ),
            )
            .ask(
                t("What did fan-out 4 buy, and at what price?", "扇出 4 换来了什么，代价又是什么？"),
                &[
                    t(
                        "Fewer rounds, paid for with more messages to nodes that already knew.",
                        "更少的轮数，代价是向早已知晓的节点发送更多消息。",
                    ),
                    t(
                        "Fewer messages in total, at the price of more rounds.",
                        "消息总数更少，代价是更多的轮数。",
                    ),
                    t("Nothing: it is simply better.", "什么代价都没有：它就是更好。"),
                ],
                0,
                t(
                    "Fan-out trades latency for load: each round multiplies the informed set by about 1 + fan-out, so rounds fall like log n / log(1 + f), while every extra contact near the end is mostly redundant.",
                    "扇出是用负载换延迟：每一轮已知晓的集合大约乘以 1 + 扇出，所以轮数按 log n / log(1 + f) 下降，而临近结束时每次额外的联系大多是冗余的。",
                ),
            ),
        ],
    }
}
