//! Lesson 2: split votes, and why election timeouts are randomized (§5.2).

use super::cue::{Cue, on};
use super::{Lesson, Step, Trigger, Variant, step, t};
use crate::raft::Role;

/// The forced simultaneous timeout and the split vote it causes.
fn split() -> Vec<Step> {
    vec![
        step(
            Trigger::at_ms(100),
            t(
                "We made all five servers time out at the same instant. Each becomes a candidate in term 1 and votes for itself before any request arrives.",
                "我们让五台服务器在同一瞬间超时。每台都成为任期 1 的候选者，并在收到任何请求之前先投了自己一票。",
            ),
            t(
                "Five candidates, five RequestVote broadcasts crossing each other.",
                "五个候选者，五组相互交错的 RequestVote 广播。",
            ),
        )
        .ask(
            t(
                "Can any candidate win term 1?",
                "有候选者能赢得任期 1 吗？",
            ),
            &[
                t(
                    "Yes, the one whose messages arrive first.",
                    "能，消息最先到达的那个。",
                ),
                t(
                    "No: every server has already spent its term-1 vote on itself, so each candidate has one vote of the three it needs.",
                    "不能：每台服务器都已把任期 1 的选票投给了自己，每个候选者只有一票，而它需要三票。",
                ),
                t(
                    "Yes, the one with the lowest id.",
                    "能，编号最小的那个。",
                ),
            ],
            1,
            t(
                "A server votes once per term. With five candidates each holding its own vote, nobody can reach a majority: a split vote. Term 1 ends without a leader.",
                "每台服务器每个任期只投一票。五个候选者各自握着自己的一票，谁也凑不够多数派：这就是选票瓜分（split vote）。任期 1 没有选出领导者。",
            ),
        ),
        step(
            on(Cue::Vote {
                granted: false,
                pre_vote: false,
            }),
            t(
                "The refusals arrive: \"already voted for myself in this term\". Each candidate now waits for its election timer to run out again and then tries a new term.",
                "拒绝投票的回复陆续到达：\"本任期我已经投给自己了\"。每个候选者只能等选举计时器再次到期，然后在新的任期里重试。",
            ),
            t(
                "Votes refused everywhere; no one gets a majority.",
                "到处都是拒绝，没有谁拿到多数派。",
            ),
        ),
    ]
}

pub(super) fn lesson() -> Lesson {
    let mut steps = split();
    steps.extend([
        step(
            on(Cue::Timeout).term(1),
            t(
                "Each candidate drew a new random timeout. One of them ran out first and starts term 2 while the others are still waiting.",
                "每个候选者都重新随机选取了超时时间。其中一个最先到期，在其他服务器还在等待时就发起了任期 2 的选举。",
            ),
            t(
                "The gap between this timer and the next one to run out.",
                "这个计时器与下一个到期的计时器之间的时间差。",
            ),
        ),
        step(
            on(Cue::Role(Role::Leader)).term(2),
            t(
                "Its requests reached the others before their timers ran out, so they voted for it: a leader in term 2. A later candidate of term 2, if any, finds the votes already taken.",
                "它的投票请求在其他服务器计时器到期之前就到达了，于是它们都投给了它：任期 2 选出了领导者。如果之后还有任期 2 的候选者，它会发现选票已经被投出去了。",
            ),
            t("The new leader of term 2.", "任期 2 的新领导者。"),
        )
        .ask(
            t(
                "Why does Raft randomize election timeouts?",
                "Raft 为什么要把选举超时随机化？",
            ),
            &[
                t(
                    "To make elections fair among servers.",
                    "为了让各服务器当选的机会公平。",
                ),
                t(
                    "So that usually one server times out well before the others and wins before anyone else competes; split votes become rare and short.",
                    "这样通常会有一台服务器明显早于其他服务器超时，在别人参与竞争之前就赢得选举；选票瓜分变得少见，而且很快就能化解。",
                ),
                t(
                    "To send fewer messages.",
                    "为了少发消息。",
                ),
            ],
            1,
            t(
                "Randomization spreads the timeouts out (§5.2). The spread only has to be larger than the time a round of RequestVote takes; the Timing lesson measures how much is enough.",
                "随机化把各台服务器的超时时间错开（§5.2）。错开的幅度只要大于一轮 RequestVote 所需的时间就够了；“时间要求”一课会测量需要多大的随机范围。",
            ),
        ),
    ]);
    let mut fixed = split();
    fixed.extend([
        step(
            on(Cue::Timeout).term(1),
            t(
                "Without randomization every timer has the same length, 150 ms. All five candidates run out at the same instant again and start term 2 together.",
                "没有随机化，每个计时器的长度都一样，都是 150 毫秒。五个候选者又在同一瞬间到期，一起进入任期 2。",
            ),
            t(
                "Five timers running out together.",
                "五个计时器同时到期。",
            ),
        ),
        step(
            on(Cue::Role(Role::Candidate)).term(3),
            t(
                "Term 2 split the same way, and now term 3 starts, all five together once more. Nothing in the protocol breaks the tie.",
                "任期 2 也以同样的方式被瓜分，现在五台服务器又一起进入任期 3。协议中没有任何东西能打破这种平局。",
            ),
            t("The term climbing with no leader.", "任期不断增长，却始终没有领导者。"),
        ),
        step(
            Trigger::at_ms(1900),
            t(
                "Almost two seconds and still no leader; the cluster cannot serve a single request. This goes on for as long as the timeouts stay equal.",
                "将近两秒过去了，仍然没有领导者，集群一个请求也处理不了。只要超时时间保持相同，这种情况就会一直持续下去。",
            ),
            t("The term number, far above 1.", "任期号已经远远超过 1。"),
        )
        .ask(
            t("What fixes this?", "怎样才能解决这个问题？"),
            &[
                t("Adding more servers.", "增加服务器数量。"),
                t(
                    "Giving each server a fresh random timeout from a range before each election.",
                    "每次选举前让每台服务器从一个范围中重新随机选取超时时间。",
                ),
                t("A faster network.", "更快的网络。"),
            ],
            1,
            t(
                "With random timeouts one server almost always wakes up first. More servers make simultaneous candidates more likely, not less, and a faster network does not separate timers that run out at the same instant.",
                "有了随机超时，几乎总会有一台服务器先醒来。增加服务器只会让同时出现的候选者更多；而更快的网络也无法把同一瞬间到期的计时器错开。",
            ),
        ),
    ]);
    Lesson {
        id: "split-vote",
        number: 2,
        title: t(
            "Split votes and randomized timeouts",
            "选票瓜分与随机化超时",
        ),
        summary: t(
            "All servers time out at once and split the vote. See how randomized timeouts break the tie, and what happens without them.",
            "所有服务器同时超时，选票被瓜分。看看随机化的超时如何打破僵局，以及没有随机化时会发生什么。",
        ),
        scenario: include_str!("scenarios/split_vote.json"),
        steps,
        variants: vec![Variant {
            id: "fixed-timeouts",
            label: t("randomization off", "关闭随机化"),
            summary: t(
                "Every election timeout is exactly 150 ms: the candidates time out together forever.",
                "每个选举超时都恰好是 150 毫秒：候选者永远同时超时。",
            ),
            scenario: include_str!("scenarios/split_vote_fixed.json"),
            steps: fixed,
        }],
        chart: None,
    }
}
