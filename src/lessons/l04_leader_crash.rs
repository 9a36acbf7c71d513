//! Lesson 4: the leader crashes; a new one is elected and the old one rejoins (§5.2, §5.3).

use super::cue::{Cue, on};
use super::{Lesson, step, t};
use crate::raft::Role;
use crate::trace::ClientPhase;

pub(super) fn lesson() -> Lesson {
    Lesson {
        id: "leader-crash",
        number: 4,
        title: t("Leader crash and recovery", "领导者崩溃与恢复"),
        summary: t(
            "The leader dies. Watch the followers notice, elect a successor, keep every committed entry, and bring the old leader back in line when it restarts.",
            "领导者宕机了。观察跟随者如何察觉、选出继任者、保住所有已提交的条目，以及旧领导者重启后如何重新归队。",
        ),
        scenario: include_str!("scenarios/leader_crash.json"),
        steps: vec![
            step(
                on(Cue::Commit).node(1).index(2),
                t(
                    "S1 leads term 1 and has just committed `set x 1` (entry 2) on a majority.",
                    "S1 是任期 1 的领导者，刚刚在多数派上提交了 `set x 1`（条目 2）。",
                ),
                t("The logs: entries 1 and 2 everywhere.", "各服务器日志：都有条目 1 和 2。"),
            )
            .highlight(&[1]),
            step(
                on(Cue::Crash).node(1),
                t(
                    "The leader crashed. Nothing announces it: the followers only notice that heartbeats stop arriving.",
                    "领导者崩溃了。没有任何通知：跟随者只会发现心跳不再到来。",
                ),
                t(
                    "The followers' election timers, no longer reset.",
                    "跟随者的选举计时器不再被重置。",
                ),
            )
            .highlight(&[1])
            .ask(
                t(
                    "When will a follower start an election?",
                    "跟随者什么时候会发起选举？",
                ),
                &[
                    t("Immediately.", "立刻。"),
                    t(
                        "When its election timer (300–600 ms here) runs out without news from a leader.",
                        "当它的选举计时器（这里是 300–600 毫秒）到期，期间没有收到领导者的消息时。",
                    ),
                    t(
                        "When a client complains.",
                        "当客户端抱怨时。",
                    ),
                ],
                1,
                t(
                    "Failure detection in Raft is the election timeout. A shorter timeout detects crashes sooner but risks needless elections on a slow network (lesson 13).",
                    "Raft 的故障检测就是选举超时。超时越短，发现崩溃越快，但在较慢的网络上可能引发不必要的选举（第 13 课）。",
                ),
            ),
            step(
                on(Cue::Client(ClientPhase::Invoke)),
                t(
                    "A client sends `set x 2`. The follower it reaches redirects it to the leader it knows, S1, which is dead. Until a new leader exists, no write can be committed: the client waits and retries.",
                    "一个客户端发送 `set x 2`。收到请求的跟随者把它重定向到自己所知的领导者 S1，而 S1 已经宕机。在新领导者出现之前，任何写入都无法提交：客户端只能等待并重试。",
                ),
                t("The client's request going nowhere.", "客户端的请求无处可去。"),
            ),
            step(
                on(Cue::Timeout),
                t(
                    "A follower's timer ran out. It becomes a candidate for term 2 and asks for votes.",
                    "一个跟随者的计时器到期了。它成为任期 2 的候选者并请求投票。",
                ),
                t("The candidate's RequestVote messages.", "候选者发出的 RequestVote 消息。"),
            ),
            step(
                on(Cue::Role(Role::Leader)).term(2),
                t(
                    "A new leader for term 2, elected by the four live servers. It appends a no-op of term 2 and replicates it.",
                    "四台存活的服务器选出了任期 2 的新领导者。它追加一条任期 2 的空操作条目并复制出去。",
                ),
                t(
                    "The new leader's log: it still holds `set x 1`.",
                    "新领导者的日志：里面仍然有 `set x 1`。",
                ),
            )
            .ask(
                t(
                    "Could the new leader be missing the committed entry `set x 1`?",
                    "新领导者有没有可能缺少已提交的条目 `set x 1`？",
                ),
                &[
                    t(
                        "Yes, if it was slow to receive it.",
                        "有可能，如果它接收得比较慢。",
                    ),
                    t(
                        "No: the entry is on a majority, the winner needs votes from a majority, and voters refuse candidates whose log is less up to date than theirs.",
                        "不可能：该条目存在于多数派上，当选者需要多数派的选票，而投票者会拒绝日志不如自己新的候选者。",
                    ),
                ],
                1,
                t(
                    "This is the election restriction (§5.4.1), the subject of lesson 12. It guarantees Leader Completeness: every leader holds every committed entry.",
                    "这就是选举限制（§5.4.1），第 12 课会专门讲它。它保证了领导者完整性：每一任领导者都持有所有已提交的条目。",
                ),
            ),
            step(
                on(Cue::Client(ClientPhase::Ok)),
                t(
                    "The client timed out, retried, found the new leader, and `set x 2` is committed. Writes were unavailable for roughly one election timeout plus an election.",
                    "客户端超时后重试，找到了新领导者，`set x 2` 已提交。写入大约有“一个选举超时加一次选举”那么长的时间不可用。",
                ),
                t("The client's answer.", "客户端收到的回复。"),
            ),
            step(
                on(Cue::Restart).node(1),
                t(
                    "S1 restarts from what it stored on disk: term 1, its vote and its log. It does not know it was replaced. Every server starts as a follower.",
                    "S1 从磁盘上保存的状态重启：任期 1、它的投票记录和日志。它并不知道自己已经被取代了。每台服务器启动时都是跟随者。",
                ),
                t(
                    "S1's term (1) against everyone else's (2).",
                    "S1 的任期（1）和其他服务器的任期（2）。",
                ),
            )
            .highlight(&[1]),
            step(
                on(Cue::Role(Role::Follower)).node(1).term(2),
                t(
                    "The first AppendEntries from the new leader carries term 2: S1 adopts it, takes the entries it missed, learns the commit index and re-applies its log.",
                    "新领导者发来的第一条 AppendEntries 带着任期 2：S1 更新自己的任期，接收错过的条目，得知提交索引，然后重新应用日志。",
                ),
                t("S1's log and state catching up.", "S1 的日志和状态追上来了。"),
            )
            .highlight(&[1])
            .ask(
                t(
                    "Suppose S1 had come back still believing it was leader and sent AppendEntries of term 1. What would happen?",
                    "假设 S1 回来时仍以为自己是领导者，并发送了任期 1 的 AppendEntries，会发生什么？",
                ),
                &[
                    t(
                        "The followers would accept it: two leaders.",
                        "跟随者会接受它：出现两个领导者。",
                    ),
                    t(
                        "The followers would reject it as stale and reply with term 2, and S1 would step down.",
                        "跟随者会以任期过期为由拒绝，并在回复中带上任期 2，S1 随即退位。",
                    ),
                ],
                1,
                t(
                    "Any message with a smaller term is rejected, and a leader that sees a larger term steps down (§5.1). Lesson 5 shows exactly this after a partition heals.",
                    "任期较小的消息一律被拒绝，而领导者一旦看到更大的任期就会退位（§5.1）。第 5 课会在网络分区恢复后展示这个过程。",
                ),
            ),
        ],
        variants: Vec::new(),
        chart: None,
    }
}
