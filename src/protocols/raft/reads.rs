//! Client requests at a server: proposals (§8), reads by ReadIndex, by lease
//! or (unsafely) from local state (thesis §6.4), and leadership transfer
//! (thesis §3.10).

use super::config::{RaftConfig, ReadMode};
use super::message::Message;
use super::node::{ClientReply, ClientRequest, Note, PendingRead, RaftNode, ReadBy};
use super::types::{Command, RequestId, Role};
use crate::sim::{NodeId, SimTime};
use std::sync::Arc;

impl RaftNode {
    /// A client request arrives. Non-leaders redirect to the leader they know (§8).
    pub fn client_request(
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
    /// majority acknowledged, while no transfer is under way (thesis §6.4.1).
    pub(super) fn lease_holds(&self, now: SimTime, cfg: &RaftConfig) -> bool {
        self.transfer.is_none()
            && self
                .quorum_ack(now)
                .is_some_and(|t| now < t + cfg.election_timeout_min)
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
        if !cfg.leader_transfer {
            self.note(Note::Refused {
                what: "leadership transfer is switched off",
            });
            return;
        }
        if self.role != Role::Leader || to == self.id {
            self.note(Note::Refused {
                what: "only a leader can transfer leadership, to another server",
            });
            return;
        }
        self.transfer = Some((to, now));
        self.note(Note::TransferStarted { to });
        if self.progress[to.index()].matched == self.log.last_index() {
            self.send(to, Message::TimeoutNow { term: self.term });
        } else {
            self.send_append(now, to, cfg);
        }
    }
}
