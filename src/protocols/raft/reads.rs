//! Client requests at a server: proposals (§8), reads by ReadIndex, by lease
//! or (unsafely) from local state (thesis §6.4), and leadership transfer
//! (thesis §3.10).

use super::config::{RaftConfig, ReadMode};
use super::message::Message;
use super::node::{ClientReply, ClientRequest, Note, PendingRead, RaftNode, ReadBy};
use super::types::{Command, RequestId, Role};
use crate::lang::Tag;
use crate::sim::{NodeId, SimTime};
use std::sync::Arc;

/// A transfer asked for while the toggle is off.
const TRANSFER_OFF: Tag = Tag::new(
    "transfer_off",
    "leadership transfer is switched off",
    "领导权转移功能已关闭",
);

/// A transfer asked of a server that does not lead, or to itself.
const NOT_LEADER: Tag = Tag::new(
    "not_leader",
    "only a leader can transfer leadership, to another server",
    "只有领导者才能把领导权转移给另一台服务器",
);

impl RaftNode {
    /// A client request arrives. Non-leaders redirect to the leader they know (§8).
    pub fn client_request(
        &mut self,
        now: SimTime,
        id: RequestId,
        request: ClientRequest,
        cfg: &RaftConfig,
    ) {
        self.begin_input(cfg);
        self.take_request(now, id, request, cfg);
        self.persist(now, cfg);
    }

    fn take_request(
        &mut self,
        now: SimTime,
        id: RequestId,
        request: ClientRequest,
        cfg: &RaftConfig,
    ) {
        match request {
            ClientRequest::Write(op) => {
                if self.role != Role::Leader {
                    self.reply(id, ClientReply::NotLeader(self.leader));
                } else if self.transfer.is_some() {
                    self.reply(id, ClientReply::Retry);
                } else {
                    let index = self.append_local(Command::Op {
                        client: id.client,
                        seq: id.seq,
                        op,
                    });
                    self.pending_writes.insert(index, id);
                    self.replicate_to_idle(now, cfg);
                    self.maybe_commit(now, cfg);
                }
            }
            ClientRequest::Read { key } => self.read(now, id, key, cfg),
        }
    }

    fn read(&mut self, now: SimTime, id: RequestId, key: Arc<str>, cfg: &RaftConfig) {
        let local = match cfg.read_mode {
            ReadMode::AnyLocal => true,
            ReadMode::LeaderLocal => self.role == Role::Leader,
            ReadMode::ReadIndex | ReadMode::Lease => false,
        };
        if local {
            self.serve_read(id, key);
            return;
        }
        if self.role != Role::Leader {
            self.reply(id, ClientReply::NotLeader(self.leader));
            return;
        }
        // A retry replaces the client's earlier attempt.
        self.pending_reads
            .retain(|r| !(r.id.client == id.client && r.id.seq == id.seq));
        // ReadIndex needs an entry of this term committed (§6.4 step 1); without the
        // no-op on election, append one now.
        if self.log.last_term() != self.term {
            self.append_local(Command::Noop);
            self.replicate_to_idle(now, cfg);
            self.maybe_commit(now, cfg);
        }
        self.pending_reads.push(PendingRead {
            id,
            key,
            registered_at: now,
            read_index: None,
            confirmed: false,
            by_lease: false,
        });
        if !(cfg.read_mode == ReadMode::Lease && self.lease_holds(now, cfg)) {
            // Confirm leadership with a round of heartbeats stamped `now` (§6.4 step 2).
            self.broadcast_append(now, cfg);
        }
        self.advance_reads(now, cfg);
    }

    fn serve_read(&mut self, id: RequestId, key: Arc<str>) {
        let value = self.kv.get(&key).cloned();
        let read_index = self.applied;
        self.note(Note::ReadServed {
            client: id.client,
            key,
            read_index,
            value: value.clone(),
            by: ReadBy::Local,
        });
        self.reply(id, ClientReply::Ok(value));
    }

    /// The latest time at which a majority (counting this leader, at `now`) is
    /// known to have still recognised it.
    fn quorum_ack(&self, now: SimTime) -> Option<SimTime> {
        let mut stamps: Vec<Option<SimTime>> = self
            .progress
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if i == self.id.index() {
                    Some(now)
                } else {
                    p.acked_stamp
                }
            })
            .collect();
        stamps.sort_unstable_by(|a, b| b.cmp(a));
        stamps.get(self.quorum() - 1).copied().flatten()
    }

    /// A lease holds for the minimum election timeout after the last heartbeat a
    /// majority acknowledged (thesis §6.4.1), counting only heartbeats sent
    /// since the switch to lease reads, while no transfer is under way, and
    /// once the target of every transfer given up has acknowledged a
    /// heartbeat sent after it was given up: until then its TimeoutNow may
    /// still start an election that the vote rule lets through (thesis §3.10).
    pub(super) fn lease_holds(&self, now: SimTime, cfg: &RaftConfig) -> bool {
        self.transfer.is_none()
            && self.abandoned_transfers.iter().all(|&(to, at)| {
                self.progress
                    .get(to.index())
                    .and_then(|p| p.acked_stamp)
                    .is_some_and(|s| s > at)
            })
            && self
                .quorum_ack(now)
                .is_some_and(|t| t >= self.lease_from && now < t + cfg.election_timeout_min)
    }

    /// Serves the pending reads whose leadership check passed and whose read
    /// index is applied (§6.4 steps 1–4).
    pub(super) fn advance_reads(&mut self, now: SimTime, cfg: &RaftConfig) {
        if self.role != Role::Leader || self.pending_reads.is_empty() {
            return;
        }
        // Step 1: the read index is the commit index once this term has committed an entry.
        let committed_in_term = self.log.term_at(self.commit) == Some(self.term);
        let acked = self.quorum_ack(now);
        let lease = cfg.read_mode == ReadMode::Lease && self.lease_holds(now, cfg);
        let (commit, applied) = (self.commit, self.applied);
        let mut ready = Vec::new();
        self.pending_reads.retain_mut(|r| {
            if r.read_index.is_none() && committed_in_term {
                r.read_index = Some(commit);
            }
            if !r.confirmed && (lease || acked.is_some_and(|t| t >= r.registered_at)) {
                r.confirmed = true;
                r.by_lease = lease;
            }
            let done = r.confirmed && r.read_index.is_some_and(|i| applied >= i);
            if done {
                ready.push(r.clone());
            }
            !done
        });
        for r in ready {
            let value = self.kv.get(&r.key).cloned();
            let read_index = r.read_index.unwrap_or(applied);
            self.note(Note::ReadServed {
                client: r.id.client,
                key: r.key,
                read_index,
                value: value.clone(),
                by: if r.by_lease {
                    ReadBy::Lease
                } else {
                    ReadBy::ReadIndex
                },
            });
            self.reply(r.id, ClientReply::Ok(value));
        }
    }

    /// Hands leadership to `to`: stop taking proposals, bring `to` up to date,
    /// then tell it to time out now (thesis §3.10).
    pub fn transfer_leadership(&mut self, now: SimTime, to: NodeId, cfg: &RaftConfig) {
        self.begin_input(cfg);
        self.start_transfer(now, to, cfg);
        self.persist(now, cfg);
    }

    fn start_transfer(&mut self, now: SimTime, to: NodeId, cfg: &RaftConfig) {
        if !cfg.leader_transfer {
            self.note(Note::Refused { why: TRANSFER_OFF });
            return;
        }
        if self.role != Role::Leader || to == self.id {
            self.note(Note::Refused { why: NOT_LEADER });
            return;
        }
        if let Some((earlier, _)) = self.transfer
            && earlier != to
        {
            self.abandon_transfer(earlier, now);
        }
        self.transfer = Some((to, now));
        self.note(Note::TransferStarted { to });
        if self.progress[to.index()].matched == self.log.last_index() {
            let msg = Message::TimeoutNow {
                term: self.term,
                stamp: now,
            };
            self.send(to, msg);
        } else {
            self.send_append(now, to, cfg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::raft::message::Message;
    use crate::protocols::raft::test_support::{
        append_reply, drain, ms, new_follower, new_leader, request, set,
    };
    use crate::protocols::raft::types::{ClientId, LogIndex, Term};
    use crate::sim::SimRng;

    fn lease() -> RaftConfig {
        RaftConfig {
            read_mode: ReadMode::Lease,
            ..RaftConfig::default()
        }
    }

    /// Server 1 of 3, leader of term 1 since 0 ms, its no-op committed.
    fn leader(cfg: &RaftConfig) -> RaftNode {
        let mut n = RaftNode::new(NodeId(1), 3, SimRng::fork(7, 1));
        n.campaign(SimTime::ZERO, false, false, cfg);
        n.handle_vote_reply(SimTime::ZERO, NodeId(2), Term(1), true, false, cfg);
        assert_eq!(n.role(), Role::Leader);
        ack(&mut n, 2, ms(0), cfg);
        n.drain_outputs().for_each(drop);
        n
    }

    /// `from` acknowledges the request stamped `stamp`, at that time.
    fn ack(n: &mut RaftNode, from: u16, stamp: SimTime, cfg: &RaftConfig) {
        let reply = Message::AppendEntriesReply {
            term: Term(1),
            success: true,
            index: LogIndex(1),
            last_index: LogIndex(1),
            conflict_term: None,
            conflict_index: LogIndex(0),
            stamp,
        };
        n.step(stamp, NodeId(from), reply, cfg);
    }

    #[test]
    fn a_lease_holds_for_the_minimum_election_timeout_after_a_majority_ack() {
        let cfg = lease();
        let mut n = leader(&cfg);
        ack(&mut n, 3, ms(100), &cfg);
        assert!(n.lease_holds(ms(249), &cfg));
        assert!(!n.lease_holds(ms(250), &cfg));
    }

    #[test]
    fn an_abandoned_transfer_voids_the_lease_until_its_target_acks_a_later_heartbeat() {
        let cfg = lease();
        let mut n = leader(&cfg);
        n.transfer_leadership(ms(10), NodeId(2), &cfg);
        n.abandon_transfer(NodeId(2), ms(20));
        ack(&mut n, 3, ms(30), &cfg);
        assert!(
            !n.lease_holds(ms(40), &cfg),
            "server 2 may still get the TimeoutNow"
        );
        ack(&mut n, 2, ms(20), &cfg);
        assert!(!n.lease_holds(ms(40), &cfg), "sent at the abort, not after");
        ack(&mut n, 2, ms(35), &cfg);
        assert!(n.lease_holds(ms(40), &cfg));
    }

    #[test]
    fn acknowledgements_from_before_a_switch_to_lease_reads_do_not_count() {
        let before = RaftConfig::default();
        let cfg = lease();
        let mut n = leader(&before);
        ack(&mut n, 3, ms(100), &before);
        n.reconfigure(ms(110), &before, &cfg);
        assert!(!n.lease_holds(ms(120), &cfg));
        ack(&mut n, 3, ms(130), &cfg);
        assert!(n.lease_holds(ms(140), &cfg));
    }

    // ---- ReadIndex (thesis §6.4), one input at a time ----------------------

    fn read_x() -> ClientRequest {
        ClientRequest::Read { key: "x".into() }
    }

    /// Server 1 of 3, leader of term 1, whose log holds `set x 5`,
    /// committed and applied at 10 ms with server 2's acknowledgement.
    fn leader_with_x() -> RaftNode {
        let cfg = RaftConfig::default();
        let mut n = new_leader(1, 3, 1, &[]);
        n.client_request(ms(0), request(1), ClientRequest::Write(set("x", "5")), &cfg);
        n.step(ms(10), NodeId(2), append_reply(1, true, 1, ms(0)), &cfg);
        assert_eq!(n.applied_index(), LogIndex(1));
        drain(&mut n);
        n
    }

    #[test]
    fn a_read_is_served_only_after_a_heartbeat_round_confirms_leadership() {
        // Thesis §6.4 steps 2–4: record the commit index, send a heartbeat
        // round, and answer once a majority acknowledged it.
        let cfg = RaftConfig::default();
        let mut n = leader_with_x();
        n.client_request(ms(100), request(2), read_x(), &cfg);
        let out = drain(&mut n);
        assert_eq!(out.replies, vec![], "not before the round");
        let to: Vec<_> = out.sent.iter().map(|(to, _)| to.0).collect();
        assert_eq!(to, vec![2, 3]);
        assert!(out.sent.iter().all(|(_, m)| matches!(
            m,
            Message::AppendEntries { term: Term(1), stamp, .. } if *stamp == ms(100)
        )));
        n.step(ms(110), NodeId(3), append_reply(1, true, 1, ms(100)), &cfg);
        let out = drain(&mut n);
        assert_eq!(
            out.replies,
            vec![(request(2), ClientReply::Ok(Some("5".into())))]
        );
        assert!(out.notes.contains(&Note::ReadServed {
            client: ClientId(1),
            key: "x".into(),
            read_index: LogIndex(1),
            value: Some("5".into()),
            by: ReadBy::ReadIndex,
        }));
        assert_eq!(n.pending_reads(), 0);
    }

    #[test]
    fn an_acknowledgement_sent_before_the_read_arrived_confirms_nothing() {
        // Thesis §6.4 step 2: only heartbeats sent after the read was
        // received prove the leader was still leader when it was.
        let cfg = RaftConfig::default();
        let mut n = leader_with_x();
        n.client_request(ms(100), request(2), read_x(), &cfg);
        drain(&mut n);
        n.step(ms(110), NodeId(3), append_reply(1, true, 1, ms(90)), &cfg);
        assert_eq!(drain(&mut n).replies, vec![]);
        assert_eq!(n.pending_reads(), 1);
    }

    #[test]
    fn a_new_leader_serves_no_read_before_an_entry_of_its_term_commits() {
        // Thesis §6.4 step 1: until an entry of its own term commits, a
        // leader does not know the latest commit index; it appends a no-op.
        let cfg = RaftConfig::default();
        let mut n = new_leader(1, 3, 2, &[1]);
        n.client_request(ms(10), request(1), read_x(), &cfg);
        assert_eq!(n.log().last_term(), Term(2), "a no-op of term 2");
        drain(&mut n);
        n.step(ms(20), NodeId(2), append_reply(2, true, 0, ms(10)), &cfg);
        assert_eq!(
            drain(&mut n).replies,
            vec![],
            "leadership confirmed, read index unknown"
        );
        n.step(ms(21), NodeId(2), append_reply(2, true, 2, ms(10)), &cfg);
        let out = drain(&mut n);
        assert_eq!(n.commit_index(), LogIndex(2));
        assert_eq!(out.replies, vec![(request(1), ClientReply::Ok(None))]);
        assert!(out.notes.iter().any(|n| matches!(
            n,
            Note::ReadServed {
                read_index: LogIndex(2),
                by: ReadBy::ReadIndex,
                ..
            }
        )));
    }

    #[test]
    fn a_follower_sends_a_read_to_the_leader_it_knows() {
        // §8: a server that does not lead redirects the client.
        let cfg = RaftConfig::default();
        let mut n = new_follower(2, 3, 1, &[1]);
        n.leader = Some(NodeId(3));
        n.client_request(ms(10), request(1), read_x(), &cfg);
        let out = drain(&mut n);
        assert_eq!(
            out.replies,
            vec![(request(1), ClientReply::NotLeader(Some(NodeId(3))))]
        );
        assert_eq!(out.sent, vec![]);
    }
}
