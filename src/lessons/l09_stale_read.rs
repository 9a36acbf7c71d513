//! Lesson 9: stale reads from an isolated old leader, and how ReadIndex and
//! leases prevent them (thesis §6.4).

use super::cue::{Cue, on};
use super::{Lesson, Step, Variant, step, t};
use crate::raft::Role;
use crate::trace::ClientPhase;

/// Up to the read sent to the old leader: the same in every run.
fn setup() -> Vec<Step> {
    vec![
        step(
            on(Cue::Partition),
            t(
                "S1, leader of term 1, has committed x = 1. Now it is isolated. Nothing tells it so: it still believes it is the leader.",
                "S1 是任期 1 的领导者，已经提交了 x = 1。现在它被隔离了。没有任何东西告诉它这一点：它仍然认为自己是领导者。",
            ),
            t("S1 alone on its side of the partition.", "S1 独自处在分区的一侧。"),
        )
        .highlight(&[1]),
        step(
            on(Cue::Role(Role::Leader)),
            t(
                "The other four elect a leader of a later term. For a while there are two servers that believe they lead.",
                "另外四台服务器选出了一个更高任期的领导者。有一段时间，两台服务器都认为自己是领导者。",
            ),
            t(
                "Two leader marks: S1 in term 1, the new one in a later term.",
                "两个领导者标记：任期 1 的 S1，以及更高任期的新领导者。",
            ),
        ),
        step(
            on(Cue::Client(ClientPhase::Ok)),
            t(
                "A client wrote x = 2 through the new leader; it is committed and the client has its answer.",
                "一个客户端通过新领导者写入了 x = 2；写入已提交，客户端也收到了答复。",
            ),
            t(
                "x = 2 on the majority, x = 1 still on S1.",
                "多数派上 x = 2，S1 上仍然是 x = 1。",
            ),
        )
        .ask(
            t(
                "Another client now reads x. Which answer is correct (linearizable)?",
                "现在另一个客户端读取 x。哪个结果是正确的（线性一致的）？",
            ),
            &[t("1", "1"), t("2", "2"), t("Either.", "两个都行。")],
            1,
            t(
                "The write of 2 completed before the read began, so a linearizable read must see 2 (or a later value).",
                "写入 2 在读请求开始之前就已完成，所以线性一致的读必须读到 2（或者更新的值）。",
            ),
        ),
        step(
            on(Cue::Client(ClientPhase::Invoke)),
            t(
                "The read goes to S1, the old leader. Its state machine still says x = 1.",
                "读请求发给了旧领导者 S1。它的状态机里仍然是 x = 1。",
            ),
            t("The read request arriving at S1.", "到达 S1 的读请求。"),
        )
        .highlight(&[1])
        .ask(
            t(
                "May a leader answer a read straight from its own state machine?",
                "领导者可以直接用自己的状态机回答读请求吗？",
            ),
            &[
                t(
                    "Yes: the leader always has the latest committed data.",
                    "可以：领导者总是拥有最新的已提交数据。",
                ),
                t(
                    "Only if it knows it is still the leader: a newer leader may have committed writes it has not seen.",
                    "只有确认自己仍是领导者时才可以：更新的领导者可能已经提交了它没看到的写入。",
                ),
            ],
            1,
            t(
                "A deposed leader does not know it has been deposed. ReadIndex confirms leadership with a round of heartbeats acknowledged by a majority before answering; a lease lets the leader skip that round while a majority acknowledged it recently (thesis §6.4).",
                "被取代的领导者并不知道自己已经被取代。ReadIndex 在回答之前先发一轮心跳，得到多数派确认后才回答；租约则允许领导者在最近得到过多数派确认的期间内省去这一轮心跳（博士论文 §6.4）。",
            ),
        ),
    ]
}

pub(super) fn lesson() -> Lesson {
    let mut steps = setup();
    steps.push(
        step(
            on(Cue::Read),
            t(
                "With ReadIndex, S1 tried to confirm its leadership with a heartbeat round, but no majority answered, so it never replied. The client timed out and retried; the new leader confirmed its own leadership and served x = 2. No stale read.",
                "使用 ReadIndex 时，S1 试图通过一轮心跳确认自己的领导地位，但没有多数派回应，所以它始终没有回复。客户端超时后重试；新领导者确认了自己的领导地位，返回 x = 2。没有发生过期读。",
            ),
            t(
                "The read served by the current leader, and its read index.",
                "由当前领导者处理的读请求及其读索引。",
            ),
        ),
    );
    let mut local = setup();
    local.push(
        step(
            on(Cue::Read).node(1),
            t(
                "With reads served from the leader's local state, S1 answers x = 1 at once: a stale read. The write of 2 had already completed, so no order of the operations explains this answer: the history is not linearizable.",
                "如果直接从领导者的本地状态读取，S1 会立刻回答 x = 1：这是一次过期读。写入 2 已经完成，任何操作顺序都无法解释这个结果：这段历史不是线性一致的。",
            ),
            t("S1 answering 1.", "S1 回答 1。"),
        )
        .highlight(&[1]),
    );
    let mut lease = setup();
    lease.push(
        step(
            on(Cue::Read),
            t(
                "With leases, S1's lease ran out an election timeout after the majority last acknowledged it, so S1 cannot answer. The new leader holds a valid lease and answers x = 2 without a heartbeat round. Leases rely on bounded clock drift; ReadIndex relies on nothing but messages.",
                "使用租约时，S1 的租约在多数派最后一次确认它之后一个选举超时就过期了，所以 S1 无法回答。新领导者持有有效的租约，无需再发一轮心跳就回答了 x = 2。租约依赖于时钟漂移有界；ReadIndex 则只依赖消息。",
            ),
            t(
                "The answer coming faster than with ReadIndex.",
                "回答比使用 ReadIndex 时更快。",
            ),
        ),
    );
    Lesson {
        id: "stale-read",
        number: 9,
        title: t("Stale reads", "过期读"),
        summary: t(
            "An isolated old leader still thinks it leads. If it answers reads from its own state, clients can read a value that was already overwritten. See how ReadIndex and leases prevent it.",
            "被隔离的旧领导者仍然以为自己在领导。如果它直接用自己的状态回答读请求，客户端就可能读到已经被覆盖的值。看看 ReadIndex 和租约如何避免这种情况。",
        ),
        scenario: include_str!("scenarios/stale_read.json"),
        steps,
        variants: vec![
            Variant {
                id: "leader-local",
                label: t("local reads (unsafe)", "本地读（不安全）"),
                summary: t(
                    "The leader answers reads from its own state without checking that it still leads.",
                    "领导者不确认自己是否仍是领导者，直接用本地状态回答读请求。",
                ),
                scenario: include_str!("scenarios/stale_read_leader_local.json"),
                steps: local,
            },
            Variant {
                id: "lease",
                label: t("lease reads", "租约读"),
                summary: t(
                    "The leader answers reads while its lease holds: a majority acknowledged it within the last election timeout.",
                    "在租约有效期间（最近一个选举超时内得到过多数派确认），领导者直接回答读请求。",
                ),
                scenario: include_str!("scenarios/stale_read_lease.json"),
                steps: lease,
            },
        ],
        chart: None,
    }
}
