//! Lesson 3: log replication and commit; committed versus applied (§5.3, §5.4.2).

use super::cue::{Cue, on};
use super::{Lesson, step, t};
use crate::raft::Role;
use crate::trace::ClientPhase;

pub(super) fn lesson() -> Lesson {
    Lesson {
        id: "replication",
        number: 3,
        title: t("Log replication and commit", "日志复制与提交"),
        summary: t(
            "Follow one client command from the leader's log to a majority, to the commit index, and into every state machine. Learn what exactly is committed, and why followers apply later than the leader.",
            "跟随一条客户端命令：从领导者的日志到多数派，再到提交索引，最后进入每台服务器的状态机。弄清楚被提交的究竟是什么，以及为什么跟随者比领导者更晚应用。",
        ),
        scenario: include_str!("scenarios/replication.json"),
        steps: vec![
            step(
                on(Cue::Role(Role::Leader)).node(1),
                t(
                    "S1 is the leader of term 1. Its first act is to append a no-op entry of its own term and replicate it (§8): committing it tells S1 which entries are committed.",
                    "S1 成为任期 1 的领导者。它做的第一件事是追加一条本任期的空操作条目并复制出去（§8）：这条条目提交后，S1 就能知道哪些条目已经提交。",
                ),
                t(
                    "Entry 1 (term 1) appearing in every server's log.",
                    "条目 1（任期 1）出现在每台服务器的日志中。",
                ),
            )
            .highlight(&[1]),
            step(
                on(Cue::Client(ClientPhase::Invoke)),
                t(
                    "A client sends the command `set x 1` to the leader. Only the leader accepts commands; followers redirect clients to it.",
                    "一个客户端向领导者发送命令 `set x 1`。只有领导者接受命令，跟随者会把客户端重定向到领导者。",
                ),
                t("The request arriving at S1.", "到达 S1 的请求。"),
            )
            .ask(
                t(
                    "What does the leader do with the command first?",
                    "领导者收到命令后首先做什么？",
                ),
                &[
                    t(
                        "Applies it to its state machine and answers the client.",
                        "把它应用到状态机，然后回复客户端。",
                    ),
                    t(
                        "Appends it to its own log as a new entry and sends the entry to the followers.",
                        "把它作为一条新条目追加到自己的日志中，并把条目发送给跟随者。",
                    ),
                    t(
                        "Asks the followers whether it may store it.",
                        "先询问跟随者是否允许存储它。",
                    ),
                ],
                1,
                t(
                    "The leader appends first and replicates with AppendEntries. It may apply the command only once the entry is committed, and only then answer the client.",
                    "领导者先追加，再通过 AppendEntries 复制。只有等条目提交之后，它才能应用这条命令并回复客户端。",
                ),
            ),
            step(
                on(Cue::Append).node(1).index(2),
                t(
                    "S1 appended entry 2: index 2, term 1, command `set x 1`. An entry is a position in the log, the term of the leader that created it, and the command. It is stored, not committed: nobody may apply it yet.",
                    "S1 追加了条目 2：索引 2、任期 1、命令 `set x 1`。一条日志条目由它在日志中的位置、创建它的领导者的任期以及命令组成。现在它只是被存储了，还没有提交：谁都不能应用它。",
                ),
                t(
                    "Entry 2 in S1's log, not yet marked committed.",
                    "S1 日志中的条目 2，尚未标记为已提交。",
                ),
            )
            .highlight(&[1]),
            step(
                on(Cue::Append).index(2),
                t(
                    "A follower stored entry 2 and acknowledges it. The leader counts the servers that hold the entry, itself included.",
                    "一个跟随者存下了条目 2 并确认。领导者统计持有该条目的服务器数量（包括它自己）。",
                ),
                t(
                    "Acknowledgements travelling back to S1.",
                    "正在返回 S1 的确认消息。",
                ),
            )
            .ask(
                t(
                    "How many servers must hold entry 2 before S1 may commit it?",
                    "条目 2 至少要存在于几台服务器上，S1 才能提交它？",
                ),
                &[t("2", "2 台"), t("3", "3 台"), t("5", "5 台")],
                1,
                t(
                    "A majority: 3 of 5, the leader included. Any future leader needs votes from a majority too, and one of those voters holds the entry and refuses a candidate without it (lesson 12).",
                    "多数派：五台中的三台（包括领导者）。将来的任何领导者也需要多数派的选票，而其中至少有一个投票者持有该条目，它会拒绝没有这条条目的候选者（第 12 课）。",
                ),
            ),
            step(
                on(Cue::Commit).node(1).index(2),
                t(
                    "A majority holds entry 2, so S1 commits it: its commit index is now 2. What is committed is the log entry at index 2 of term 1, and with it every entry before it. The command `set x 1` is only that entry's payload: the same command could sit in another entry, for instance if the client retried, and that entry might never be committed.",
                    "多数派已经持有条目 2，于是 S1 提交了它：提交索引变为 2。被提交的是“索引 2、任期 1”这条日志条目，以及它之前的所有条目。命令 `set x 1` 只是这条条目携带的内容：同一条命令也可能出现在另一条条目里（比如客户端重试时），而那条条目未必会被提交。",
                ),
                t("S1's commit index moving to 2.", "S1 的提交索引变为 2。"),
            )
            .ask(
                t("What exactly has been committed?", "究竟是什么被提交了？"),
                &[
                    t(
                        "The command `set x 1`, wherever it appears.",
                        "命令 `set x 1`，无论它出现在哪里。",
                    ),
                    t(
                        "The log entry at index 2 with term 1, and all entries before it.",
                        "索引 2、任期 1 的日志条目，以及它之前的所有条目。",
                    ),
                    t("The client's request.", "客户端的请求。"),
                ],
                1,
                t(
                    "Raft commits log positions: an entry identified by its index and term, together with its whole prefix (Log Matching). Duplicate commands are a matter for client sessions (§8).",
                    "Raft 提交的是日志中的位置：由索引和任期唯一确定的条目，连同它之前的全部前缀（日志匹配特性）。重复命令的问题交给客户端会话去处理（§8）。",
                ),
            )
            .highlight(&[1]),
            step(
                on(Cue::Apply).node(1).index(2),
                t(
                    "S1 applies entry 2 to its key-value store (x = 1) and answers the client. Committed means safely stored on a majority; applied means executed by this server's state machine. Applying always follows committing.",
                    "S1 把条目 2 应用到它的键值存储（x = 1），并回复客户端。“已提交”表示已安全地存储在多数派上；“已应用”表示已经被这台服务器的状态机执行。应用总是发生在提交之后。",
                ),
                t(
                    "S1's applied index and its state: x = 1. The followers still show x unset.",
                    "S1 的已应用索引及其状态：x = 1。跟随者上 x 仍未设置。",
                ),
            )
            .highlight(&[1]),
            step(
                on(Cue::Commit).node(3).index(2),
                t(
                    "S3 has held entry 2 for a while, but only now learns that it is committed, from the leaderCommit field of the leader's next AppendEntries. Only then does it apply it. Followers' applied indexes lag the leader's.",
                    "S3 早就存下了条目 2，但直到现在才从领导者下一次 AppendEntries 的 leaderCommit 字段得知它已经提交，然后才应用它。跟随者的已应用索引总是落后于领导者。",
                ),
                t(
                    "S3's commit and applied indexes catching up with S1's.",
                    "S3 的提交索引和已应用索引追上 S1。",
                ),
            )
            .highlight(&[3])
            .ask(
                t(
                    "When S1 answered the client, what was S3's applied index?",
                    "S1 回复客户端的时候，S3 的已应用索引是多少？",
                ),
                &[t("2", "2"), t("1", "1"), t("0", "0")],
                1,
                t(
                    "S3 had applied only the no-op, entry 1. A client reading from a follower at that moment would have missed its own write, which is why reads go through the leader (lesson 9).",
                    "S3 当时只应用了空操作条目 1。如果那一刻客户端从跟随者读取，就读不到自己刚写入的值——这正是读请求要经过领导者的原因（第 9 课）。",
                ),
            ),
        ],
        variants: Vec::new(),
        chart: None,
    }
}
