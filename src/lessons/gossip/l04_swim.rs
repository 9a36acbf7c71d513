//! Gossip lesson 4: a failure detected and spread by SWIM (Das, Gupta,
//! Motivala 2002): a failed probe, indirect probes, suspicion, the
//! confirmation, dissemination by piggybacking, and a refutation.

use super::cue::{GossipCue, GossipTrigger, on};
use super::{GossipLesson, step};
use crate::gossip::MemberState;
use crate::lessons::t;
use crate::sim::NodeId;

pub(super) fn lesson() -> GossipLesson {
    GossipLesson {
        id: "gossip-swim",
        number: 4,
        title: t("SWIM finds a failure", "SWIM 发现故障"),
        summary: t(
            "Forty nodes run SWIM: each protocol period (500 ms) every node pings one random member. S7 crashes. Follow how the cluster notices, agrees that S7 is dead, and takes S7 back when it returns.",
            "四十个节点运行 SWIM：每个协议周期（500 毫秒）每个节点 ping 一个随机成员。S7 崩溃了。看看集群如何察觉、如何一致认定 S7 已失效，以及 S7 回来时又如何重新接纳它。",
        ),
        scenario: include_str!("scenarios/swim.json"),
        raft: None,
        steps: vec![
            step(
                on(GossipCue::Crash).node(7),
                t(
                    "S7 crashes. Nobody is told: a crashed process sends no goodbye.",
                    "S7 崩溃了。没有人得到通知：崩溃的进程不会道别。",
                ),
                t("S7, crossed out. Pink dots are SWIM pings and acks.", "S7 被划掉了。粉色圆点是 SWIM 的 ping 和 ack。"),
            )
            .highlight(&[7]),
            step(
                on(GossipCue::Detect(MemberState::Suspect)).about(7),
                t(
                    "A member pinged S7 and got no ack within the ping timeout. It asked three other members to ping S7 for it (ping-req); none got an answer either, so at the end of the period it suspects S7.",
                    "一个成员 ping 了 S7，但在 ping 超时之内没有收到 ack。它请另外三个成员代它去 ping S7（ping-req）；它们也都没有得到回应，于是在本周期结束时它怀疑 S7 已失效。",
                ),
                t("A dashed yellow ring: S7 is suspected.", "黄色虚线圆环：S7 被怀疑。"),
            )
            .highlight(&[7])
            .ask(
                t(
                    "Why ask other members to ping S7 before suspecting it?",
                    "为什么在怀疑 S7 之前要请其他成员去 ping 它？",
                ),
                &[
                    t(
                        "To rule out a problem on the link between the two, rather than S7 itself.",
                        "为了排除是两者之间的链路出了问题，而不是 S7 本身。",
                    ),
                    t("To tell the others that S7 failed.", "为了告诉其他成员 S7 已失效。"),
                    t("To find a new leader.", "为了选出新的领导者。"),
                ],
                0,
                t(
                    "Indirect probes take different paths to S7. If any of them gets through, S7 is alive and the problem was local; this keeps false positives down (§3.1).",
                    "间接探测会经由不同的路径到达 S7。只要其中任何一个成功，就说明 S7 还活着，问题只是局部的；这样可以减少误报（§3.1）。",
                ),
            ),
            step(
                on(GossipCue::Detect(MemberState::Dead)).about(7),
                t(
                    "The suspicion lasted its timeout with no refutation from S7, so a member declares S7 dead (§4.2).",
                    "怀疑持续到超时，S7 没有作出反驳，于是一个成员宣告 S7 已失效（§4.2）。",
                ),
                t("A solid red ring: declared dead.", "红色实线圆环：已宣告失效。"),
            )
            .highlight(&[7]),
            step(
                GossipTrigger::Gone(NodeId(7)),
                t(
                    "Every live member now holds S7 dead. The news was not broadcast: it rode on the pings and acks that flow anyway.",
                    "现在每个存活成员都认为 S7 已失效。这个消息并不是广播出去的：它搭载在本来就在流动的 ping 和 ack 上。",
                ),
                t(
                    "The failure detection times in the counters, beside the model's estimate.",
                    "计数器中的故障检测时间，以及模型给出的估计值。",
                ),
            )
            .ask(
                t(
                    "How much extra traffic did spreading the news of S7's death cost?",
                    "传播 S7 失效的消息额外花费了多少流量？",
                ),
                &[
                    t("One message to every member.", "给每个成员一条消息。"),
                    t(
                        "None: updates are piggybacked on protocol messages, each carried about λ·log n times.",
                        "没有：更新搭载在协议消息上，每条大约被携带 λ·log n 次。",
                    ),
                    t("A message to every pair of members.", "每对成员之间一条消息。"),
                ],
                1,
                t(
                    "SWIM's load per member is constant whatever the cluster size: one ping per period plus a few indirect probes, with updates riding along (§4.1).",
                    "无论集群多大，SWIM 给每个成员带来的负载都是常数：每个周期一次 ping，再加上少量间接探测，更新则搭载其上（§4.1）。",
                ),
            ),
            step(
                on(GossipCue::Refute).node(7),
                t(
                    "S7 restarts. It announces itself alive with a higher incarnation number, which overrides the older death claim everywhere it spreads.",
                    "S7 重启了。它以更高的化身号宣告自己存活，这条声明传播到哪里，就在哪里推翻旧的失效声明。",
                ),
                t("The red ring around S7 fading away.", "S7 周围的红色圆环逐渐消失。"),
            )
            .highlight(&[7]),
        ],
    }
}
