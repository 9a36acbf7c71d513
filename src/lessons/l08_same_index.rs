//! Lesson 8: two different entries at index 20, told apart by their terms (§5.3).

use super::cue::{Cue, on};
use super::{Lesson, step, t};
use crate::raft::Role;

pub(super) fn lesson() -> Lesson {
    Lesson {
        id: "same-index",
        number: 8,
        title: t(
            "Two different entries at index 20",
            "索引 20 处的两条不同条目",
        ),
        summary: t(
            "An old leader wrote entry 20 and crashed; a new leader wrote a different entry 20. See how the term tells them apart, how the consistency check on prevLogIndex and prevLogTerm catches the stale one, and how it is replaced.",
            "旧领导者写下条目 20 后崩溃，新领导者又写下了另一条条目 20。看看任期如何区分它们，prevLogIndex 和 prevLogTerm 上的一致性检查如何发现过时的那条，以及它如何被替换。",
        ),
        scenario: include_str!("scenarios/same_index.json"),
        steps: vec![
            step(
                on(Cue::Commit).node(1).index(19),
                t(
                    "S1, leader of term 1, has committed entries 1–19; every server holds them.",
                    "S1 是任期 1 的领导者，已经提交了条目 1–19，每台服务器上都有它们。",
                ),
                t("Five identical logs, 19 entries long.", "五份完全相同的日志，长度为 19。"),
            )
            .highlight(&[1]),
            step(
                on(Cue::Append).node(1).index(20),
                t(
                    "Cut off from everyone, S1 still accepts a command and appends it as entry 20: term 1, `set x A`. No other server receives it.",
                    "S1 与所有服务器断开了联系，但仍接受了一条命令，把它追加为条目 20：任期 1，`set x A`。其他服务器都没有收到它。",
                ),
                t("Entry 20 in S1's log only.", "只在 S1 日志中的条目 20。"),
            )
            .highlight(&[1]),
            step(
                on(Cue::Crash).node(1),
                t(
                    "S1 crashes with its entry 20 safely on its disk.",
                    "S1 崩溃了，它的条目 20 安然保存在磁盘上。",
                ),
                t("S1 going down.", "S1 宕机。"),
            )
            .highlight(&[1]),
            step(
                on(Cue::Append).node(3).index(20),
                t(
                    "S3, elected leader of term 2, receives a different command and appends it at the same index: entry 20, term 2, `set x B`.",
                    "S3 当选任期 2 的领导者后收到了另一条命令，并把它追加在同一个索引上：条目 20，任期 2，`set x B`。",
                ),
                t(
                    "Index 20 on S1 and on S3: same position, different entries.",
                    "S1 和 S3 的索引 20：位置相同，条目不同。",
                ),
            )
            .highlight(&[1, 3])
            .ask(
                t(
                    "Two logs now hold different commands at index 20. What tells the entries apart?",
                    "现在两份日志在索引 20 处存着不同的命令。是什么区分了这两条条目？",
                ),
                &[
                    t("The command text.", "命令的内容。"),
                    t(
                        "The term stored with each entry: 1 on S1, 2 on S3.",
                        "每条条目上记录的任期：S1 上是 1，S3 上是 2。",
                    ),
                    t("The time each was written.", "各自写入的时间。"),
                ],
                1,
                t(
                    "A leader creates at most one entry per index in its term, and entries never change position. So the pair (index, term) names one entry: if two logs hold an entry with the same index and term, the entries are the same, and so is everything before them (Log Matching).",
                    "一个领导者在自己的任期内对每个索引至多创建一条条目，而且条目在日志中的位置永远不变。所以（索引，任期）这一对就唯一确定一条条目：如果两份日志在某个索引处的条目任期相同，那么这两条条目相同，它们之前的所有条目也都相同（日志匹配特性）。",
                ),
            ),
            step(
                on(Cue::Commit).node(3).index(20),
                t(
                    "S3 commits its entry 20 (term 2) on S2, S3, S4 and S5. The entry of term 1 at index 20 can now never be committed.",
                    "S3 在 S2、S3、S4、S5 上提交了它的条目 20（任期 2）。任期 1 的那条条目 20 从此再也不可能被提交了。",
                ),
                t("S3's commit index reaching 20.", "S3 的提交索引达到 20。"),
            )
            .highlight(&[3]),
            step(
                on(Cue::Role(Role::Leader)).node(4).term(3),
                t(
                    "S3 crashed in turn; S4 is leader of term 3. Its log ends with entry 20 of term 2, so it sets every follower's nextIndex to 21. Then it appends entry 21 (term 3, `set y C`).",
                    "随后 S3 也崩溃了；S4 成为任期 3 的领导者。它的日志以任期 2 的条目 20 结尾，所以它把每个跟随者的 nextIndex 设为 21。随后它追加了条目 21（任期 3，`set y C`）。",
                ),
                t("S4's log: …, 20 (term 2), 21 (term 3).", "S4 的日志：……，20（任期 2），21（任期 3）。"),
            )
            .highlight(&[4]),
            step(
                on(Cue::Restart).node(1),
                t(
                    "S1 comes back, still holding its entry 20 of term 1.",
                    "S1 回来了，仍然持有任期 1 的条目 20。",
                ),
                t("S1's stale entry 20.", "S1 上过时的条目 20。"),
            )
            .highlight(&[1]),
            step(
                on(Cue::Reject).node(1).index(20),
                t(
                    "S4 sends entry 21 with prevLogIndex 20 and prevLogTerm 2. S1 has an entry at index 20, but of term 1: the consistency check fails and S1 rejects. Comparing one term was enough to see that the logs differ.",
                    "S4 发送条目 21，附带 prevLogIndex 20 和 prevLogTerm 2。S1 在索引 20 处确实有条目，但任期是 1：一致性检查失败，S1 拒绝。只比较一个任期，就足以看出两份日志不同。",
                ),
                t("The rejection going back to S4.", "正在返回 S4 的拒绝回复。"),
            )
            .highlight(&[1, 4])
            .ask(
                t(
                    "If S1's entry 20 had term 2, would S1 have to compare entries 1–19 too before accepting entry 21?",
                    "如果 S1 的条目 20 任期是 2，S1 在接受条目 21 之前还需要逐一比较条目 1–19 吗？",
                ),
                &[
                    t("Yes, every one of them.", "需要，每一条都要比较。"),
                    t(
                        "No: same index and term at 20 means the logs are identical up to 20.",
                        "不需要：索引 20 处的索引和任期都相同，就说明两份日志到 20 为止完全一致。",
                    ),
                ],
                1,
                t(
                    "That is the Log Matching Property at work: the check on one (prevLogIndex, prevLogTerm) pair vouches for the whole prefix.",
                    "这正是日志匹配特性的作用：对一对（prevLogIndex, prevLogTerm）的检查就能为整个前缀作保。",
                ),
            ),
            step(
                on(Cue::Backoff).node(4),
                t(
                    "S4 backs off S1's nextIndex to 20 and retries with prevLogIndex 19, prevLogTerm 1. That matches.",
                    "S4 把 S1 的 nextIndex 回退到 20，然后以 prevLogIndex 19、prevLogTerm 1 重试。这次匹配了。",
                ),
                t("S1's nextIndex at S4.", "S4 为 S1 记录的 nextIndex。"),
            )
            .highlight(&[4]),
            step(
                on(Cue::Truncate).node(1).index(20),
                t(
                    "The incoming entry 20 has term 2, S1's has term 1: a conflict. S1 deletes its entry 20 and everything after it, then appends the leader's entries 20 and 21. `set x A` is gone; it was never committed, and its client never heard that it succeeded.",
                    "传来的条目 20 任期为 2，而 S1 的是任期 1：发生冲突。S1 删除自己的条目 20 及其之后的所有条目，然后追加领导者的条目 20 和 21。`set x A` 消失了；它从未被提交，它的客户端也从未得到写入成功的答复。",
                ),
                t("S1's log, now identical to S4's.", "S1 的日志，现在与 S4 的完全一致。"),
            )
            .highlight(&[1]),
        ],
        variants: Vec::new(),
        chart: None,
    }
}
