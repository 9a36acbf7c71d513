//! Lesson 14: a server cut off from the leader disrupts the cluster; PreVote
//! and CheckQuorum (thesis §9.6, §4.2.3).

use super::cue::{Cue, on};
use super::{Lesson, Step, Trigger, Variant, step, t};
use crate::raft::Role;

fn cut() -> Step {
    step(
        on(Cue::Partition),
        t(
            "The link between the leader S1 and S3 breaks, in both directions. S3 still reaches S2, S4 and S5, and they still hear from S1.",
            "领导者 S1 与 S3 之间的链路断了，两个方向都不通。S3 仍然能联系到 S2、S4、S5，而它们也仍然能收到 S1 的消息。",
        ),
        t("The broken link S1–S3.", "断开的 S1–S3 链路。"),
    )
    .highlight(&[1, 3])
}

fn ignored() -> Step {
    step(
        on(Cue::VoteIgnored),
        t(
            "S3's request is ignored: this server heard from a leader less than an election timeout ago, so it does not even consider a vote (leader stickiness). CheckQuorum makes this safe: a leader that stops hearing from a majority steps down by itself, so a live leader really is alive.",
            "S3 的请求被忽略了：这台服务器在不到一个选举超时之前刚收到过领导者的消息，所以根本不考虑投票（领导者粘性）。CheckQuorum 保证了这样做是安全的：一旦领导者收不到多数派的回应，它会自行退位，所以“还活着的领导者”确实还活着。",
        ),
        t("The ignored requests.", "被忽略的请求。"),
    )
}

pub(super) fn lesson() -> Lesson {
    let plain = vec![
        cut(),
        step(
            on(Cue::Role(Role::Candidate)).node(3),
            t(
                "S3 hears no heartbeats, so its election timer runs out: it starts an election for term 2.",
                "S3 收不到心跳，于是它的选举计时器到期了：它发起了任期 2 的选举。",
            ),
            t("S3's RequestVote to S2, S4 and S5.", "S3 发给 S2、S4、S5 的 RequestVote。"),
        )
        .highlight(&[3])
        .ask(
            t(
                "S2, S4 and S5 hear from S1 every 50 ms. Will they vote for S3?",
                "S2、S4、S5 每 50 毫秒都能收到 S1 的消息。它们会投票给 S3 吗？",
            ),
            &[
                t("No, they already have a leader.", "不会，它们已经有领导者了。"),
                t(
                    "Yes: in plain Raft, a higher term and an up-to-date log are all it takes.",
                    "会：在基本的 Raft 中，任期更高、日志足够新就够了。",
                ),
            ],
            1,
            t(
                "A server that sees a higher term adopts it, and grants its vote if the log check passes. Whether it still hears from a leader plays no part.",
                "服务器看到更高的任期就会更新自己的任期，只要日志检查通过就会投票。它是否还能收到领导者的消息并不起作用。",
            ),
        ),
        step(
            on(Cue::StepDown).node(1),
            t(
                "S3 won term 2, and S1 learned of the higher term and stepped down. A healthy leader was deposed because of one broken link.",
                "S3 赢得了任期 2，S1 得知了更高的任期并退位。一位健康的领导者仅仅因为一条断开的链路就被赶下了台。",
            ),
            t("S1 losing its leader mark.", "S1 失去领导者标记。"),
        )
        .highlight(&[1, 3]),
        step(
            on(Cue::Role(Role::Candidate)).node(1),
            t(
                "Now S1 is the one cut off from the leader. It times out and starts a higher term in turn...",
                "现在轮到 S1 与领导者失联了。它也超时了，并发起了更高任期的选举……",
            ),
            t("S1 campaigning.", "S1 在竞选。"),
        )
        .highlight(&[1]),
        step(
            on(Cue::StepDown).node(3),
            t(
                "...and S3 steps down. Leadership flaps back and forth for as long as the link stays broken, and each flap leaves the cluster without a leader for an election.",
                "……于是 S3 退位。只要这条链路一直断开，领导权就会来回摇摆，每摇摆一次，集群就有一次选举的时间没有领导者。",
            ),
            t("The term climbing with every flap.", "任期随着每次摇摆不断上升。"),
        )
        .highlight(&[3]),
    ];

    let pre_vote = vec![
        cut(),
        step(
            on(Cue::Role(Role::PreCandidate)).node(3),
            t(
                "With PreVote, S3 first becomes a pre-candidate: it asks \"would you vote for me in term 2?\" without raising its own term.",
                "启用预投票后，S3 先成为预候选者：它询问“如果我发起任期 2 的选举，你会投票给我吗？”，但并不增加自己的任期。",
            ),
            t("S3's pre-vote requests.", "S3 的预投票请求。"),
        )
        .highlight(&[3]),
        step(
            on(Cue::Vote {
                granted: true,
                pre_vote: true,
            }),
            t(
                "The others answer yes: S3's log is as up to date as theirs, and PreVote checks only the log and the term.",
                "其他服务器都回答“会”：S3 的日志和它们的一样新，而预投票只检查日志和任期。",
            ),
            t("Pre-votes granted.", "预投票被批准。"),
        ),
        step(
            on(Cue::Role(Role::Leader)).node(3),
            t(
                "So S3 campaigns for real and wins term 2: S1 is deposed once. PreVote alone does not help a server that is cut off from the leader only.",
                "于是 S3 正式竞选并赢得了任期 2：S1 被赶下台一次。对于只是与领导者断开的服务器，仅靠预投票是不够的。",
            ),
            t("S3, the new leader.", "新领导者 S3。"),
        )
        .highlight(&[3]),
        step(
            on(Cue::Role(Role::PreCandidate)).node(1),
            t(
                "Now S1 cannot hear S3 and becomes a pre-candidate. Its pre-votes are refused: its log lacks the new leader's entries. It stays in its term and disturbs no one, so the cluster settles with S3.",
                "现在 S1 收不到 S3 的消息，成为预候选者。它的预投票被拒绝了：它的日志缺少新领导者的条目。它保持原来的任期，不会打扰任何人，集群就此在 S3 的领导下稳定下来。",
            ),
            t("S1's term staying at 2.", "S1 的任期停在 2。"),
        )
        .highlight(&[1]),
    ];

    let check_quorum = vec![
        cut(),
        step(
            on(Cue::Role(Role::Candidate)).node(3),
            t(
                "With CheckQuorum but no PreVote, S3 times out and starts term 2 as before.",
                "只启用 CheckQuorum、不启用预投票时，S3 像之前一样超时并发起任期 2 的选举。",
            ),
            t("S3's RequestVote.", "S3 发出的 RequestVote。"),
        )
        .highlight(&[3]),
        ignored(),
        step(
            Trigger::at_ms(2900),
            t(
                "S1 still leads term 1. But S3 has kept timing out, and its term is far above 1 now. As soon as the link returns, S1 will see that term and step down anyway.",
                "S1 仍然是任期 1 的领导者。但 S3 一直在超时，它的任期现在已经远远超过 1。一旦链路恢复，S1 就会看到这个任期，照样被迫退位。",
            ),
            t("S3's inflated term.", "S3 膨胀的任期。"),
        )
        .highlight(&[3]),
    ];

    let both = vec![
        cut(),
        step(
            on(Cue::Role(Role::PreCandidate)).node(3),
            t(
                "With PreVote and CheckQuorum, S3 becomes a pre-candidate and asks for pre-votes.",
                "同时启用预投票和 CheckQuorum 时，S3 成为预候选者并请求预投票。",
            ),
            t("S3's pre-vote requests.", "S3 的预投票请求。"),
        )
        .highlight(&[3]),
        ignored(),
        step(
            Trigger::at_ms(2900),
            t(
                "S1 has led term 1 all along, and S3's term is still 1: when the link returns, S3 simply follows S1 again. PreVote keeps terms from inflating; CheckQuorum keeps a server that merely cannot hear the leader from winning.",
                "S1 一直是任期 1 的领导者，S3 的任期也仍然是 1：链路恢复后，S3 会直接重新跟随 S1。预投票防止任期膨胀；CheckQuorum 防止一台只是收不到领导者消息的服务器赢得选举。",
            ),
            t("Every server still in term 1.", "每台服务器都仍在任期 1。"),
        )
        .ask(
            t(
                "Which combination keeps the leader here without storing up trouble?",
                "哪种组合能让领导者保持不变，又不留下隐患？",
            ),
            &[
                t("PreVote alone.", "只用预投票。"),
                t("CheckQuorum alone.", "只用 CheckQuorum。"),
                t("Both together.", "两者一起。"),
            ],
            2,
            t(
                "PreVote alone let S3 win once; CheckQuorum alone kept the leader but let S3's term climb. Together they do both jobs, which is why etcd and others enable them together.",
                "只用预投票时，S3 还是赢了一次；只用 CheckQuorum 时，领导者保住了，但 S3 的任期不断攀升。两者结合才能同时解决这两个问题，这也是 etcd 等系统将它们一起启用的原因。",
            ),
        ),
    ];

    Lesson {
        id: "prevote",
        number: 14,
        title: t("PreVote and CheckQuorum", "预投票与 CheckQuorum"),
        summary: t(
            "One broken link makes a server keep starting elections and depose a healthy leader. See how PreVote and CheckQuorum, alone and together, stop it.",
            "一条断开的链路就能让一台服务器不停地发起选举，把健康的领导者赶下台。看看预投票和 CheckQuorum 单独使用和组合使用时如何阻止这种情况。",
        ),
        scenario: include_str!("scenarios/prevote.json"),
        steps: plain,
        variants: vec![
            Variant {
                id: "pre-vote",
                label: t("PreVote", "预投票"),
                summary: t(
                    "Candidates first ask whether they could win. The cut-off server still wins once.",
                    "候选者先询问自己能否获胜。与领导者断开的服务器仍然赢了一次。",
                ),
                scenario: include_str!("scenarios/prevote_only.json"),
                steps: pre_vote,
            },
            Variant {
                id: "check-quorum",
                label: t("CheckQuorum", "CheckQuorum 机制"),
                summary: t(
                    "Servers that hear from a leader ignore vote requests. The leader stays, but the cut-off server's term climbs.",
                    "能收到领导者消息的服务器会忽略投票请求。领导者保住了，但断开的服务器任期不断上升。",
                ),
                scenario: include_str!("scenarios/prevote_check_quorum_only.json"),
                steps: check_quorum,
            },
            Variant {
                id: "both",
                label: t("PreVote + CheckQuorum", "预投票 + CheckQuorum"),
                summary: t(
                    "Together: the leader is never disturbed and no term inflates.",
                    "两者结合：领导者从未被打扰，任期也没有膨胀。",
                ),
                scenario: include_str!("scenarios/prevote_both.json"),
                steps: both,
            },
        ],
        chart: None,
    }
}
