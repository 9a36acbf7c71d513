//! Gossip lesson 2: push, pull and push-pull. Push starts fast and finishes
//! slowly, pull starts slowly and finishes fast, push-pull does both
//! (Demers et al. 1987 §1.3; Karp et al. 2000).

use super::cue::{GossipCue, GossipTrigger, on};
use super::{GossipLesson, step};
use crate::lessons::t;

pub(super) fn lesson() -> GossipLesson {
    GossipLesson {
        id: "gossip-modes",
        number: 2,
        title: t("Push, pull and push-pull", "推送、拉取与推拉"),
        summary: t(
            "Three rumors from S1 among 500 nodes, each with fan-out 1: the first spread by push, the second by pull, the third by push-pull. Watch where each mode is fast and where it is slow.",
            "S1 在 500 个节点中发起三条传闻，扇出均为 1：第一条用推送传播，第二条用拉取，第三条用推拉。观察每种模式在哪个阶段快、在哪个阶段慢。",
        ),
        scenario: include_str!("scenarios/modes.json"),
        raft: None,
        steps: vec![
            step(
                GossipTrigger::reached(1, 50),
                t(
                    "Push: each informed node sends the rumor to a random peer every round. Half of the 500 nodes know it after about 9 rounds.",
                    "推送：每个已知晓的节点每轮把传闻发给一个随机对等节点。大约 9 轮后，500 个节点中有一半知晓了它。",
                ),
                t("The measured curve climbing beside the model.", "实测曲线在模型旁边攀升。"),
            ),
            step(
                GossipTrigger::reached(1, 100),
                t(
                    "Push needed about 16 rounds to reach the last node: the last few uninformed nodes are rarely hit by a random push.",
                    "推送大约需要 16 轮才能传到最后一个节点：最后几个尚未知晓的节点很少被随机推送命中。",
                ),
                t("Rounds to 100 % in the counters.", "计数器中覆盖 100% 所用的轮数。"),
            ),
            step(
                on(GossipCue::Configure),
                t(
                    "The mode becomes pull: now every node, informed or not, asks one random peer each round for the rumors it lacks. S1 is about to start rumor b.",
                    "模式变为拉取：现在每个节点，无论是否知晓，每轮都向一个随机对等节点索取自己缺少的传闻。S1 即将发起传闻 b。",
                ),
                t("Blue dots: requests that carry no rumor.", "蓝色圆点：不携带传闻的请求。"),
            ),
            step(
                GossipTrigger::reached(2, 50),
                t(
                    "Pull reached half the nodes no faster than push did.",
                    "拉取覆盖一半节点的速度并不比推送快。",
                ),
                t("The chart's early rounds for rumor b.", "图表中传闻 b 的前几轮。"),
            )
            .ask(
                t("Why does pull start slowly?", "为什么拉取起步很慢？"),
                &[
                    t(
                        "While few nodes know the rumor, almost every request asks a node that does not know it either.",
                        "当知晓传闻的节点很少时，几乎每个请求问到的节点也不知道它。",
                    ),
                    t("Requests are lost more often.", "请求更容易丢失。"),
                    t("Only S1 may answer requests.", "只有 S1 能回答请求。"),
                ],
                0,
                t(
                    "An uninformed node learns by pulling only if the peer it asks is informed, which at first is very unlikely. Near the end it is the other way round: almost every peer is informed.",
                    "一个尚未知晓的节点只有在问到的对等节点已知晓时才能通过拉取学到，而起初这极不可能。临近结束时情况正好相反：几乎每个对等节点都已知晓。",
                ),
            ),
            step(
                GossipTrigger::reached(2, 100),
                t(
                    "But pull finished in about 12 rounds, well before push: once most nodes know, each remaining node finds an informed peer almost surely, so the uninformed share is squared every round.",
                    "但拉取大约 12 轮就完成了，远早于推送：一旦大多数节点已知晓，剩下的每个节点几乎必然能找到一个已知晓的对等节点，因此未知晓的比例每轮被平方。",
                ),
                t("The steep end of the pull curve.", "拉取曲线陡峭的尾部。"),
            ),
            step(
                GossipTrigger::reached(3, 100),
                t(
                    "Push-pull did both at once and reached all 500 nodes in about 8 rounds, close to Karp et al.'s log₃ n + O(log log n).",
                    "推拉同时具备两者的优点，大约 8 轮就传遍了全部 500 个节点，接近 Karp 等人给出的 log₃ n + O(log log n)。",
                ),
                t("Rounds to 100 % for the three rumors.", "三条传闻覆盖 100% 所用的轮数。"),
            )
            .ask(
                t(
                    "Which part of push-pull makes the end of the spread fast?",
                    "推拉中的哪一部分让传播的收尾变快？",
                ),
                &[
                    t("The push part.", "推送部分。"),
                    t("The pull part.", "拉取部分。"),
                    t("Neither: the fan-out does.", "都不是：是扇出的作用。"),
                ],
                1,
                t(
                    "Push quickly grows a small informed set; pull quickly mops up a small uninformed set. Push-pull uses each where it works best.",
                    "推送能迅速扩大较小的已知晓集合；拉取能迅速清扫较小的未知晓集合。推拉在各自最有效的阶段使用它们。",
                ),
            ),
        ],
    }
}
