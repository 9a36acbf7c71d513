//! Lesson 13: timing and availability: broadcastTime ≪ electionTimeout ≪ MTBF (§9.3).

use super::cue::{Cue, on};
use super::{Chart, Lesson, Step, Trigger, Variant, step, t};
use crate::raft::Role;

fn first_leader() -> Step {
    step(
        on(Cue::Role(Role::Leader)).term(1),
        t(
            "A leader is elected. Note the three time scales: a message takes 10–20 ms (the broadcast time is one round of messages), heartbeats go every 50 ms, and election timeouts are 150–300 ms, roughly ten times the broadcast time.",
            "选出了领导者。注意这三个时间尺度：一条消息需要 10–20 毫秒（广播时间即一轮消息往返的时间），心跳每 50 毫秒一次，选举超时为 150–300 毫秒，大约是广播时间的十倍。",
        ),
        t(
            "Messages in flight against the timers around the servers.",
            "飞行中的消息与服务器周围计时器的对比。",
        ),
    )
    .ask(
        t(
            "Raft needs broadcastTime ≪ electionTimeout ≪ MTBF. What goes wrong when the election timeout is close to the broadcast time?",
            "Raft 要求广播时间 ≪ 选举超时 ≪ 平均故障间隔时间（MTBF）。如果选举超时接近广播时间，会出什么问题？",
        ),
        &[
            t("Nothing; elections are just faster.", "没问题，选举只会更快。"),
            t(
                "Followers time out before heartbeats and votes arrive: needless elections, and elections that never finish.",
                "跟随者在心跳和选票到达之前就超时了：引发不必要的选举，而且选举可能永远完成不了。",
            ),
            t("Servers crash more often.", "服务器会更频繁地崩溃。"),
        ],
        1,
        t(
            "The timeout must comfortably exceed the time messages take, or servers keep interrupting a working leader. It must also be far below the mean time between failures, because the cluster is unavailable for about one election timeout after each leader crash.",
            "选举超时必须明显长于消息所需的时间，否则服务器会不断打断正常工作的领导者。同时它又必须远小于平均故障间隔时间，因为每次领导者崩溃后，集群大约会有一个选举超时的时间不可用。",
        ),
    )
}

pub(super) fn lesson() -> Lesson {
    let steps = vec![
        first_leader(),
        step(
            on(Cue::Crash),
            t(
                "The leader crashes. From now on the cluster cannot commit anything until a new leader is elected.",
                "领导者崩溃了。从现在起，在新领导者选出之前，集群无法提交任何东西。",
            ),
            t("The clock: downtime starts now.", "时钟：不可用时间从此刻开始计算。"),
        ),
        step(
            on(Cue::Timeout),
            t(
                "The first follower times out, 150–300 ms after the last heartbeat it received.",
                "第一个跟随者超时了，距离它收到最后一次心跳已过去 150–300 毫秒。",
            ),
            t("The candidate's RequestVote.", "候选者发出的 RequestVote。"),
        ),
        step(
            on(Cue::Role(Role::Leader)).term(2),
            t(
                "A new leader, one round of votes later. The downtime was the election timeout plus about one broadcast time. The chart repeats this experiment many times for several timeout ranges, like Figure 16 of the Raft paper.",
                "一轮投票之后，新领导者产生了。不可用时间约为一个选举超时加一次广播时间。旁边的图表针对几种不同的超时范围把这个实验重复了许多次，就像 Raft 论文中的图 16。",
            ),
            t(
                "The chart: fraction of trials with a leader, against time since the crash.",
                "图表：已选出领导者的试验所占比例随崩溃后时间的变化。",
            ),
        )
        .ask(
            t(
                "In the chart, which range of timeouts has the longest tail?",
                "在图表中，哪个超时范围的尾部最长？",
            ),
            &[
                t("150–150 ms (no randomness)", "150–150 毫秒（无随机性）"),
                t("150–155 ms", "150–155 毫秒"),
                t("150–300 ms", "150–300 毫秒"),
            ],
            0,
            t(
                "With identical timeouts, servers that time out together split the vote again and again: in the paper and here, elections took longer than 10 seconds. Just 5 ms of randomness helps a lot, and a wider range improves the worst case further.",
                "超时完全相同时，同时超时的服务器会一次又一次地瓜分选票：无论在论文中还是在这里，选举都花了 10 秒以上。仅仅 5 毫秒的随机性就大有帮助，而更宽的范围能进一步改善最坏情况。",
            ),
        ),
    ];
    let slow = vec![
        first_leader(),
        step(
            Trigger::at_ms(1000),
            t(
                "The network slows down: a message now takes 120–380 ms, as long as an election timeout. Nothing has crashed.",
                "网络变慢了：一条消息现在需要 120–380 毫秒，和选举超时一样长。没有任何服务器崩溃。",
            ),
            t("Messages crawling between servers.", "在服务器之间缓慢爬行的消息。"),
        ),
        step(
            on(Cue::StepDown),
            t(
                "A follower timed out before the next heartbeat reached it and started an election; its higher term made the healthy leader step down.",
                "一个跟随者在下一次心跳到达之前就超时了，发起了选举；它更高的任期迫使健康的领导者退位。",
            ),
            t("The leader losing its mark.", "领导者失去标记。"),
        ),
        step(
            Trigger::at_ms(3500),
            t(
                "No leader since: by the time votes arrive, their candidates have already timed out and moved to the next term. The terms climb, nothing is committed. Raft stays safe, but it is not available.",
                "从那以后再也没有领导者：选票到达时，候选者早已超时并进入了下一个任期。任期不断攀升，却什么也提交不了。Raft 依然是安全的，但已经不可用了。",
            ),
            t("The terms, far above 2.", "任期号已经远远超过 2。"),
        )
        .ask(
            t(
                "How would you fix this cluster?",
                "你会怎样修复这个集群？",
            ),
            &[
                t(
                    "Shorter election timeouts, to elect faster.",
                    "缩短选举超时，让选举更快。",
                ),
                t(
                    "Longer election timeouts, well above the new broadcast time.",
                    "延长选举超时，使其远大于新的广播时间。",
                ),
                t("More servers.", "增加服务器。"),
            ],
            1,
            t(
                "Timeouts must be an order of magnitude above the broadcast time. Shorter ones make it worse, and more servers only add messages.",
                "选举超时应该比广播时间高一个数量级。缩短超时只会更糟，增加服务器也只会增加消息。",
            ),
        ),
    ];
    Lesson {
        id: "timing",
        number: 13,
        title: t(
            "Timing: broadcastTime ≪ electionTimeout ≪ MTBF",
            "时间要求：广播时间 ≪ 选举超时 ≪ 平均故障间隔",
        ),
        summary: t(
            "How long is a cluster without a leader after a crash, and how do the election timeouts decide it? Measure it, like Figure 16 of the Raft paper, and see what happens when the network is as slow as the timeout.",
            "领导者崩溃后集群会有多久没有领导者？选举超时又如何决定这段时间？像 Raft 论文的图 16 那样测量它，再看看网络和超时一样慢时会发生什么。",
        ),
        scenario: include_str!("scenarios/timing.json"),
        steps,
        variants: vec![Variant {
            id: "slow-network",
            label: t("slow network", "慢速网络"),
            summary: t(
                "Messages become as slow as the election timeout: leaders are deposed and no election completes.",
                "消息变得和选举超时一样慢：领导者被赶下台，而且没有一次选举能够完成。",
            ),
            scenario: include_str!("scenarios/timing_slow_network.json"),
            steps: slow,
        }],
        chart: Some(Chart::ElectionTimes),
    }
}
