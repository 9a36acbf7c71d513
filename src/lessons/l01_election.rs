//! Lesson 1: leader election and terms (§5.1, §5.2).

use super::cue::{Cue, on};
use super::{Lesson, Trigger, step, t};
use crate::raft::Role;

pub(super) fn lesson() -> Lesson {
    Lesson {
        id: "election",
        number: 1,
        title: t("Leader election and terms", "领导者选举与任期"),
        summary: t(
            "Five servers start without a leader. Watch a randomized election timer fire, a candidate collect a majority of votes, and heartbeats keep the new leader in place.",
            "五台服务器启动时没有领导者。观察随机化的选举超时如何触发、候选者如何拿到多数派选票，以及心跳如何让新领导者稳住地位。",
        ),
        scenario: include_str!("scenarios/election.json"),
        steps: vec![
            step(
                Trigger::at_ms(0),
                t(
                    "Every server starts as a follower in term 0. Each has an election timer set to a random length between 150 and 300 ms; it restarts whenever the server hears from a leader.",
                    "每台服务器都以跟随者身份从任期 0 开始。每台都有一个选举计时器，长度在 150 到 300 毫秒之间随机选取；只要收到领导者的消息，计时器就会重新开始。",
                ),
                t(
                    "The timer ring around each server, and the term shown on it.",
                    "每台服务器周围的计时器圆环，以及上面显示的任期号。",
                ),
            )
            .ask(
                t(
                    "What does a follower do when its election timer runs out before it hears from a leader?",
                    "如果跟随者在收到领导者消息之前选举计时器就到期了，它会怎么做？",
                ),
                &[
                    t("It waits for another timeout.", "再等一个超时周期。"),
                    t(
                        "It becomes a candidate: increments its term, votes for itself and asks the others for votes.",
                        "成为候选者：任期加一，给自己投票，并向其他服务器请求投票。",
                    ),
                    t(
                        "It declares itself leader.",
                        "直接宣布自己是领导者。",
                    ),
                ],
                1,
                t(
                    "A follower that hears nothing assumes there is no leader and starts an election (§5.2). It cannot just declare itself leader: it needs votes from a majority.",
                    "收不到任何消息的跟随者会认为当前没有领导者，于是发起选举（§5.2）。它不能直接自封为领导者，必须先拿到多数派的选票。",
                ),
            ),
            step(
                on(Cue::Timeout),
                t(
                    "A timer ran out first. That server becomes a candidate, moves to term 1, votes for itself and sends RequestVote to every other server.",
                    "有一个计时器最先到期。这台服务器成为候选者，进入任期 1，先投自己一票，再向其他所有服务器发送 RequestVote 请求。",
                ),
                t(
                    "The RequestVote messages leaving the candidate; its term is now 1.",
                    "从候选者发出的 RequestVote 消息；它的任期已经变成 1。",
                ),
            ),
            step(
                on(Cue::Vote {
                    granted: true,
                    pre_vote: false,
                }),
                t(
                    "A follower granted its vote. It adopts term 1 and votes for the first candidate that asks in this term, provided the candidate's log is at least as up to date as its own. It will not vote again in term 1.",
                    "一个跟随者投出了选票。它先把自己的任期更新为 1，然后把这个任期的票投给第一个来请求的候选者——前提是候选者的日志至少和自己的一样新。在任期 1 内它不会再投第二次。",
                ),
                t(
                    "The vote replies travelling back to the candidate.",
                    "正在返回候选者的投票回复。",
                ),
            )
            .ask(
                t(
                    "In a cluster of five servers, how many votes, its own included, does a candidate need to win?",
                    "在五台服务器的集群里，候选者（包括自己那一票）需要多少张选票才能当选？",
                ),
                &[t("2", "2 张"), t("3", "3 张"), t("4", "4 张"), t("5", "5 张")],
                1,
                t(
                    "A majority of five is three. Requiring a majority, not everyone, lets the cluster elect a leader while two servers are down.",
                    "五台中的多数派是三台。只要求多数派而不是全部同意，集群在两台服务器宕机时仍然能选出领导者。",
                ),
            ),
            step(
                on(Cue::Vote {
                    granted: false,
                    pre_vote: false,
                }),
                t(
                    "A vote was refused: that server has already voted in term 1. A second candidate may have timed out a moment later, but each server gives at most one vote per term, first come, first served.",
                    "有一张选票被拒绝了：那台服务器在任期 1 已经投过票。也许另一台服务器稍晚一点也超时成了候选者，但每台服务器在一个任期内最多只投一票，先到先得。",
                ),
                t(
                    "Who voted for whom in term 1.",
                    "任期 1 里每台服务器把票投给了谁。",
                ),
            )
            .ask(
                t(
                    "Why can two candidates never both win term 1?",
                    "为什么两个候选者不可能同时赢得任期 1？",
                ),
                &[
                    t(
                        "Because the faster one always wins.",
                        "因为总是更快的那个赢。",
                    ),
                    t(
                        "Each needs a majority; any two majorities of five share a server, and that server votes only once per term.",
                        "两者都需要多数派；五台中的任意两个多数派至少有一台服务器重合，而这台服务器每个任期只投一票。",
                    ),
                    t(
                        "Because the leader tells the other candidate to stop.",
                        "因为领导者会通知另一个候选者停止。",
                    ),
                ],
                1,
                t(
                    "This is Election Safety: at most one leader per term. It follows from majorities overlapping and one vote per server per term, with the vote stored on disk.",
                    "这就是选举安全性：一个任期内至多一个领导者。它来自多数派必然相交，以及每台服务器每个任期只投一票（并且这张票会持久化到磁盘）。",
                ),
            ),
            step(
                on(Cue::Role(Role::Leader)),
                t(
                    "A candidate collected a majority: it is the leader of term 1. It immediately sends AppendEntries to everyone, carrying a no-op entry of its term, to announce itself.",
                    "一个候选者拿到了多数派选票，成为任期 1 的领导者。它立刻向所有服务器发送 AppendEntries，其中带着一条本任期的空操作（no-op）条目，以宣告自己的领导地位。",
                ),
                t(
                    "The leader's crown, and the first AppendEntries leaving it.",
                    "领导者头上的标记，以及它发出的第一批 AppendEntries。",
                ),
            ),
            step(
                on(Cue::Role(Role::Follower)).term(1),
                t(
                    "The other candidate received AppendEntries from a leader of its own term. A term has only one leader, so it steps back to follower and accepts it.",
                    "另一个候选者收到了同一任期领导者发来的 AppendEntries。一个任期只有一个领导者，所以它退回跟随者，接受这位领导者。",
                ),
                t(
                    "The losing candidate turning back into a follower.",
                    "落选的候选者变回跟随者。",
                ),
            ),
            step(
                Trigger::at_ms(1000),
                t(
                    "The leader sends heartbeats (empty AppendEntries) every 50 ms. Each one restarts the followers' election timers long before they run out, so no new election starts and the term stays 1.",
                    "领导者每 50 毫秒发送一次心跳（不带条目的 AppendEntries）。每次心跳都会在计时器到期之前把它重置，所以不会有新的选举，任期一直保持为 1。",
                ),
                t(
                    "The timers filling up and being reset by every heartbeat.",
                    "计时器不断走动，又被每次心跳重置。",
                ),
            )
            .ask(
                t("What is a term?", "什么是任期？"),
                &[
                    t(
                        "A fixed period of wall-clock time.",
                        "一段固定长度的真实时间。",
                    ),
                    t(
                        "A number that grows with each election and acts as a logical clock; each term has at most one leader.",
                        "一个随每次选举递增的编号，起到逻辑时钟的作用；每个任期至多有一个领导者。",
                    ),
                    t(
                        "The number of entries in the log.",
                        "日志中条目的数量。",
                    ),
                ],
                1,
                t(
                    "Terms are numbered consecutively. Servers exchange their terms in every message: a server that sees a larger term adopts it (and a leader or candidate steps down); messages with a smaller term are rejected (§5.1).",
                    "任期按顺序编号。服务器在每条消息中交换各自的任期：看到更大的任期就更新为它（领导者或候选者还会退位）；任期较小的消息会被拒绝（§5.1）。",
                ),
            ),
        ],
        variants: Vec::new(),
        chart: None,
    }
}
