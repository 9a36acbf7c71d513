//! The coordinator's rules, one input at a time: a client request, a reply
//! or a timer goes in; the request's state and the outbox are checked.

use super::ReadRepair;
use super::config::NwrConfig;
use super::message::{Msg, ReqId, WriteKind};
use super::node::{ClientOp, Ctx, Note, NwrNode, OpTag, Output, Reply, Timer};
use super::ring::Ring;
use super::version::{Stored, Version};
use crate::sim::{NodeId, SimTime};

const TAG: OpTag = OpTag {
    client: 101,
    seq: 1,
};
const REQ: ReqId = ReqId { epoch: 0, seq: 0 };

fn cx(cfg: &NwrConfig, servers: usize) -> Ctx<'_> {
    Ctx {
        cfg,
        ring: Ring::new(servers),
        now: SimTime::from_millis(100),
    }
}

fn v(counter: u64, writer: u16) -> Version {
    Version::new(counter, NodeId(writer))
}

fn s(value: &str, version: Version) -> Stored {
    Stored::new(value, version)
}

/// A key whose preference list among `servers` starts at `first`.
fn key_at(servers: usize, first: u16) -> String {
    (0..)
        .map(|i| format!("k{i}"))
        .find(|k| Ring::new(servers).preference(k, 1)[0] == NodeId(first))
        .unwrap()
}

fn out(n: &mut NwrNode) -> Vec<Output> {
    n.drain_outputs().collect()
}

fn sends(outputs: &[Output]) -> Vec<(NodeId, &'static str)> {
    outputs
        .iter()
        .filter_map(|o| match o {
            Output::Send { to, msg } => Some((*to, msg.kind().name())),
            _ => None,
        })
        .collect()
}

fn replies(outputs: &[Output]) -> Vec<Reply> {
    outputs
        .iter()
        .filter_map(|o| match o {
            Output::Reply { to, reply } if *to == TAG => Some(reply.clone()),
            _ => None,
        })
        .collect()
}

fn notes(outputs: &[Output]) -> Vec<&Note> {
    outputs
        .iter()
        .filter_map(|o| match o {
            Output::Note(n) => Some(n),
            _ => None,
        })
        .collect()
}

fn ack(key: &str, kind: WriteKind, version: Version) -> Msg {
    Msg::WriteAck {
        req: REQ,
        kind,
        key: key.into(),
        version,
    }
}

fn reply(key: &str, stored: Option<Stored>) -> Msg {
    Msg::GetReply {
        req: REQ,
        key: key.into(),
        stored,
    }
}

#[test]
fn a_one_phase_write_stores_locally_sends_to_the_others_and_answers_after_w_acks() {
    let cfg = NwrConfig::for_nodes(3);
    let key = key_at(3, 1);
    let mut n = NwrNode::new(NodeId(1));
    n.client_request(
        &cx(&cfg, 3),
        TAG,
        key.as_str().into(),
        ClientOp::Put("a".into()),
    );
    let o = out(&mut n);
    assert_eq!(sends(&o), [(NodeId(2), "Put"), (NodeId(3), "Put")]);
    assert_eq!(
        n.stored(&key),
        Some(&s("a", v(1, 1))),
        "the coordinator is a replica"
    );
    assert!(o.contains(&Output::SetTimer {
        at: SimTime::from_millis(100) + cfg.timeout,
        timer: Timer::Deadline(REQ)
    }));
    assert!(replies(&o).is_empty(), "one acknowledgement of two");
    n.step(&cx(&cfg, 3), NodeId(3), ack(&key, WriteKind::Put, v(1, 1)));
    let o = out(&mut n);
    assert_eq!(replies(&o), [Reply::Written(v(1, 1))]);
    assert!(
        matches!(notes(&o)[..], [Note::Written { acks, .. }] if acks == &[NodeId(1), NodeId(3)])
    );
    assert_eq!(n.requests().count(), 0, "done");
}

#[test]
fn a_read_answers_with_the_newest_of_r_replies_and_repairs_in_the_background() {
    let cfg = NwrConfig::for_nodes(3);
    let key = key_at(3, 2);
    let mut n = NwrNode::new(NodeId(1));
    n.client_request(&cx(&cfg, 3), TAG, key.as_str().into(), ClientOp::Get);
    let o = out(&mut n);
    assert_eq!(sends(&o), [(NodeId(2), "Get"), (NodeId(3), "Get")]);
    // The coordinator's own (empty) reply counts: one of two.
    n.step(&cx(&cfg, 3), NodeId(2), reply(&key, Some(s("b", v(2, 2)))));
    let o = out(&mut n);
    assert_eq!(replies(&o), [Reply::Read(Some(s("b", v(2, 2))))]);
    assert!(matches!(notes(&o)[0], Note::ReadQuorum { stale, .. } if stale == &[NodeId(1)]));
    assert_eq!(n.stored(&key), Some(&s("b", v(2, 2))), "repaired locally");
    // The lingering read repairs a late stale reply too.
    n.step(&cx(&cfg, 3), NodeId(3), reply(&key, Some(s("a", v(1, 1)))));
    let o = out(&mut n);
    assert_eq!(sends(&o), [(NodeId(3), "Repair")]);
    n.tick(&cx(&cfg, 3), Timer::Deadline(REQ));
    assert!(
        replies(&out(&mut n)).is_empty(),
        "the read had answered already"
    );
    assert_eq!(n.requests().count(), 0);
}

#[test]
fn without_read_repair_a_read_answers_and_forgets() {
    let cfg = NwrConfig {
        read_repair: ReadRepair::Off,
        ..NwrConfig::for_nodes(3)
    };
    let key = key_at(3, 2);
    let mut n = NwrNode::new(NodeId(1));
    n.client_request(&cx(&cfg, 3), TAG, key.as_str().into(), ClientOp::Get);
    out(&mut n);
    n.step(&cx(&cfg, 3), NodeId(2), reply(&key, Some(s("b", v(2, 2)))));
    let o = out(&mut n);
    assert_eq!(replies(&o).len(), 1);
    assert!(sends(&o).is_empty(), "no repair");
    assert_eq!(n.stored(&key), None);
    assert_eq!(n.requests().count(), 0);
}

#[test]
fn a_blocking_read_writes_back_to_every_replica_behind_and_answers_once_w_hold_it() {
    let cfg = NwrConfig {
        read_repair: ReadRepair::Blocking,
        ..NwrConfig::for_nodes(3)
    };
    // Replicas S2 S3 S1.
    let key = key_at(3, 2);
    let mut n = NwrNode::new(NodeId(1));
    n.client_request(&cx(&cfg, 3), TAG, key.as_str().into(), ClientOp::Get);
    out(&mut n);
    n.step(&cx(&cfg, 3), NodeId(2), reply(&key, Some(s("b", v(2, 2)))));
    let o = out(&mut n);
    // Only S2 holds the newest: written back to S3 (not heard from) and to
    // S1 itself, at once, which makes W = 2 before anything else arrives.
    assert!(
        matches!(notes(&o)[1], Note::Repair { blocking: true, to, .. } if to == &[NodeId(3), NodeId(1)])
    );
    assert_eq!(sends(&o), [(NodeId(3), "Repair")]);
    assert_eq!(n.stored(&key), Some(&s("b", v(2, 2))));
    assert_eq!(replies(&o), [Reply::Read(Some(s("b", v(2, 2))))]);
    assert_eq!(n.requests().count(), 0);
}

#[test]
fn a_blocking_read_waits_for_the_write_back_acknowledgement() {
    let cfg = NwrConfig {
        read_repair: ReadRepair::Blocking,
        w: 3,
        r: 2,
        ..NwrConfig::for_nodes(3)
    };
    let key = key_at(3, 2);
    let mut n = NwrNode::new(NodeId(1));
    n.client_request(&cx(&cfg, 3), TAG, key.as_str().into(), ClientOp::Get);
    out(&mut n);
    n.step(&cx(&cfg, 3), NodeId(2), reply(&key, Some(s("b", v(2, 2)))));
    let o = out(&mut n);
    assert!(
        matches!(notes(&o)[1], Note::Repair { blocking: true, to, .. } if to == &[NodeId(3), NodeId(1)])
    );
    assert!(replies(&o).is_empty(), "S1 and S2 hold it: two of W = 3");
    n.step(
        &cx(&cfg, 3),
        NodeId(3),
        ack(&key, WriteKind::Repair, v(2, 2)),
    );
    let o = out(&mut n);
    assert_eq!(replies(&o), [Reply::Read(Some(s("b", v(2, 2))))]);
    assert!(matches!(notes(&o)[..], [Note::Repaired { holders, .. }] if holders.len() == 3));
}

#[test]
fn a_two_phase_write_reads_the_highest_version_first() {
    let cfg = NwrConfig {
        two_phase_writes: true,
        ..NwrConfig::for_nodes(3)
    };
    let key = key_at(3, 2);
    let mut n = NwrNode::new(NodeId(1));
    n.client_request(
        &cx(&cfg, 3),
        TAG,
        key.as_str().into(),
        ClientOp::Put("c".into()),
    );
    let o = out(&mut n);
    assert_eq!(sends(&o), [(NodeId(2), "Get"), (NodeId(3), "Get")]);
    assert_eq!(
        n.stored(&key),
        None,
        "nothing is written in the first phase"
    );
    n.step(&cx(&cfg, 3), NodeId(3), reply(&key, Some(s("b", v(5, 3)))));
    let o = out(&mut n);
    assert!(matches!(notes(&o)[0], Note::Query { version, .. } if *version == v(6, 1)));
    assert_eq!(sends(&o), [(NodeId(2), "Put"), (NodeId(3), "Put")]);
    assert_eq!(n.stored(&key), Some(&s("c", v(6, 1))));
}

#[test]
fn a_quorum_that_does_not_gather_in_time_fails_the_request() {
    let cfg = NwrConfig::for_nodes(3);
    let key = key_at(3, 2);
    let mut n = NwrNode::new(NodeId(1));
    n.client_request(&cx(&cfg, 3), TAG, key.as_str().into(), ClientOp::Get);
    out(&mut n);
    n.tick(&cx(&cfg, 3), Timer::Deadline(REQ));
    let o = out(&mut n);
    assert_eq!(replies(&o), [Reply::Failed]);
    assert!(matches!(
        notes(&o)[..],
        [Note::GaveUp {
            got: 1,
            need: 2,
            ..
        }]
    ));
    // A reply after the deadline finds nothing.
    n.step(&cx(&cfg, 3), NodeId(2), reply(&key, None));
    assert!(out(&mut n).is_empty());
}

#[test]
fn replies_from_before_a_restart_do_not_count() {
    let cfg = NwrConfig::for_nodes(3);
    let key = key_at(3, 2);
    let mut n = NwrNode::new(NodeId(1));
    n.client_request(&cx(&cfg, 3), TAG, key.as_str().into(), ClientOp::Get);
    n.crash();
    n.restart(&cx(&cfg, 3));
    n.client_request(&cx(&cfg, 3), TAG, key.as_str().into(), ClientOp::Get);
    out(&mut n);
    n.step(&cx(&cfg, 3), NodeId(2), reply(&key, None));
    assert!(replies(&out(&mut n)).is_empty(), "#0.0 is not #1.0");
}

#[test]
fn a_sloppy_quorum_asks_the_next_server_on_the_ring_with_a_hint() {
    let cfg = NwrConfig {
        sloppy_quorum: true,
        ..NwrConfig::for_nodes(5)
    };
    // Replicas S2 S3 S4; S1 coordinates; the next server after them is S5.
    let key = key_at(5, 2);
    let mut n = NwrNode::new(NodeId(1));
    n.client_request(
        &cx(&cfg, 5),
        TAG,
        key.as_str().into(),
        ClientOp::Put("s".into()),
    );
    let o = out(&mut n);
    assert!(o.contains(&Output::SetTimer {
        at: SimTime::from_millis(100) + cfg.fallback,
        timer: Timer::Fallback(REQ)
    }));
    n.step(&cx(&cfg, 5), NodeId(3), ack(&key, WriteKind::Put, v(1, 1)));
    out(&mut n);
    n.tick(&cx(&cfg, 5), Timer::Fallback(REQ));
    let o = out(&mut n);
    // S2 and S4 did not answer: S5 stands in for S2, then S1 itself for S4.
    assert_eq!(sends(&o), [(NodeId(5), "Put")]);
    assert!(matches!(
        &o[1],
        Output::Send {
            msg: Msg::Write {
                hint: Some(NodeId(2)),
                ..
            },
            ..
        }
    ));
    assert_eq!(
        replies(&o),
        [Reply::Written(v(1, 1))],
        "S3 and S1's hint for S4 make W = 2"
    );
    assert_eq!(n.hints().count(), 1);
    assert_eq!(n.stored(&key), None, "a hint is not S1's own copy");
}
