//! The event loop's inner workings: delivering messages, firing timers,
//! moving client traffic, and turning what servers output into network sends,
//! timers, replies, trace events and invariant checks.

use super::{Cluster, Event, Health};
use crate::net::NetEvent;
use crate::protocols::raft::trace::{Cause, EventKind};
use crate::protocols::raft::{
    AppendedBy, CommitBy, LogIndex, Message, Note, Output, ReadBy, Refusal, Role, RoleChange,
    StepDown, Term, Timer,
};
use crate::sim::{DropReason, MsgId, NodeId, SendOutcome, SimTime};

/// The words for a request a server refused (its note says which).
fn timer_slot(timer: Timer) -> usize {
    match timer {
        Timer::Election => 0,
        Timer::Heartbeat => 1,
        Timer::Disk => 2,
    }
}

impl Cluster {
    /// Pops one event; returns true if it did something (stale entries do nothing).
    pub(super) fn process_next_event(&mut self) -> bool {
        let Some(s) = self.queue.pop() else {
            return false;
        };
        let before = self.now;
        self.now = self.now.max(s.at);
        let did = match s.event {
            Event::Deliver(id) => self.deliver(id),
            Event::Timer(node, timer) => self.fire_timer(node, timer, s.at),
            Event::ClientArrive(id) => self.client_arrive(id),
            Event::ClientReturn(id) => match self.take_flight(id) {
                Some(f) => {
                    self.client_receive(f);
                    true
                }
                None => false,
            },
            Event::ClientTimeout {
                client,
                seq,
                attempt,
            } => {
                self.client_timeout(client, seq, attempt);
                true
            }
            Event::ClientRetry { client, seq } => {
                self.client_retry(client, seq);
                true
            }
            Event::WorkloadNext(client) => {
                self.workload_next(client);
                true
            }
        };
        if did {
            self.stats.events += 1;
        } else {
            // A stale entry is not an event: time moves only when something happens.
            self.now = before;
        }
        did
    }

    fn deliver(&mut self, id: MsgId) -> bool {
        let to = match self.net.get(id) {
            Some(e) if e.deliver_at == self.now => e.to,
            _ => return false,
        };
        if self.health[to.index()] == Health::Paused {
            self.held[to.index()].push(Event::Deliver(id));
            return true;
        }
        match self.net.take_due(id, self.now) {
            Ok(None) => false,
            Err((e, reason)) => {
                self.count_drop(&e.msg);
                self.record_drop(e.from, e.to, &e.msg, e.id, reason);
                true
            }
            Ok(Some(e)) => {
                if self.health[to.index()] == Health::Down {
                    self.count_drop(&e.msg);
                    self.record_drop(e.from, e.to, &e.msg, e.id, DropReason::NodeDown);
                    return true;
                }
                *self.stats.delivered.entry(e.msg.kind()).or_default() += 1;
                if self.trace.is_on() {
                    let kind = EventKind::Net(NetEvent::Deliver {
                        from: e.from,
                        to,
                        msg: e.msg.kind().name(),
                        term: Some(e.msg.term().0),
                        id: e.id,
                        note: e.msg.note(),
                    });
                    self.record(kind);
                }
                let raft = &self.cfg.raft;
                self.nodes[to.index()].step(self.now, e.from, e.msg, raft);
                self.flush(to);
                true
            }
        }
    }

    fn count_drop(&mut self, msg: &Message) {
        *self.stats.dropped.entry(msg.kind()).or_default() += 1;
    }

    pub(super) fn record_drop(
        &mut self,
        from: NodeId,
        to: NodeId,
        msg: &Message,
        id: MsgId,
        reason: DropReason,
    ) {
        if self.trace.is_on() {
            let kind = EventKind::Net(NetEvent::Drop {
                from,
                to,
                msg: msg.kind().name(),
                term: Some(msg.term().0),
                id,
                reason,
            });
            self.record(kind);
        }
    }

    fn fire_timer(&mut self, node: NodeId, timer: Timer, at: SimTime) -> bool {
        let slot = &mut self.timers[node.index()][timer_slot(timer)];
        if slot.queued != Some(at) {
            return false;
        }
        slot.queued = None;
        match slot.deadline {
            Some(d) if d == at => slot.deadline = None,
            Some(d) if d > at => {
                // The timer was pushed back since it was queued: look again later.
                slot.queued = Some(d);
                self.queue.push(d, Event::Timer(node, timer));
                return false;
            }
            _ => return false,
        }
        match self.health[node.index()] {
            Health::Down | Health::Left | Health::Vacant => false,
            Health::Paused => {
                self.held[node.index()].push(Event::Timer(node, timer));
                true
            }
            Health::Up => {
                let raft = &self.cfg.raft;
                self.nodes[node.index()].tick(self.now, timer, raft);
                self.flush(node);
                true
            }
        }
    }

    /// Arms `timer` of `node` for `at`, queueing only when it fires earlier than queued.
    fn arm(&mut self, node: NodeId, timer: Timer, at: SimTime) {
        let slot = &mut self.timers[node.index()][timer_slot(timer)];
        slot.deadline = Some(at);
        if slot.queued.is_none_or(|q| q > at) {
            slot.queued = Some(at);
            self.queue.push(at, Event::Timer(node, timer));
        }
    }

    pub(super) fn disarm_all(&mut self, node: NodeId) {
        self.timers[node.index()] = Default::default();
    }

    fn client_arrive(&mut self, id: u64) -> bool {
        let Some(flight) = self.take_flight(id) else {
            return false;
        };
        let node = flight.node;
        match self.health[node.index()] {
            Health::Down | Health::Left | Health::Vacant => {}
            Health::Paused => {
                self.hold_flight(id, flight);
                self.held[node.index()].push(Event::ClientArrive(id));
            }
            Health::Up => {
                let id = flight.request_id();
                if let Ok(request) = flight.payload {
                    let raft = &self.cfg.raft;
                    self.nodes[node.index()].client_request(self.now, id, request, raft);
                    self.flush(node);
                }
            }
        }
        true
    }

    /// Re-queues everything held for a paused server, in the order it arrived.
    pub(super) fn release_held(&mut self, node: NodeId) {
        for event in std::mem::take(&mut self.held[node.index()]) {
            match event {
                Event::Deliver(id) => {
                    if let Some(at) = self.net.hasten(id, self.now) {
                        self.queue.push(at, Event::Deliver(id));
                    }
                }
                Event::Timer(n, timer) => self.arm(n, timer, self.now),
                other => {
                    self.queue.push(self.now, other);
                }
            }
        }
    }

    pub(super) fn drop_held(&mut self, node: NodeId) {
        self.held[node.index()].clear();
    }

    /// Sends a message from `from` through the network.
    pub(super) fn send(&mut self, from: NodeId, to: NodeId, msg: Message) {
        let kind = msg.kind();
        let term = msg.term();
        let note = msg.note();
        *self.stats.sent.entry(kind).or_default() += 1;
        let outcome = self.net.send(self.now, from, to, msg);
        let id = match outcome {
            SendOutcome::Sent { id, .. } | SendOutcome::Dropped(id, _) => id,
        };
        if self.trace.is_on() {
            self.record(EventKind::Net(NetEvent::Send {
                from,
                to,
                msg: kind.name(),
                term: Some(term.0),
                id,
                note,
            }));
        }
        match outcome {
            SendOutcome::Sent { id, at, copy } => {
                self.queue.push(at, Event::Deliver(id));
                if let Some((copy, at)) = copy {
                    self.queue.push(at, Event::Deliver(copy));
                    if self.trace.is_on() {
                        self.record(EventKind::Net(NetEvent::Duplicate {
                            from,
                            to,
                            msg: kind.name(),
                            term: Some(term.0),
                            id,
                            copy,
                        }));
                    }
                }
            }
            SendOutcome::Dropped(id, reason) => {
                *self.stats.dropped.entry(kind).or_default() += 1;
                if self.trace.is_on() {
                    self.record(EventKind::Net(NetEvent::Drop {
                        from,
                        to,
                        msg: kind.name(),
                        term: Some(term.0),
                        id,
                        reason,
                    }));
                }
            }
        }
    }

    /// Schedules an already-accepted message copy or hastened message.
    pub(super) fn schedule_delivery(&mut self, id: MsgId, at: SimTime) {
        self.queue.push(at, Event::Deliver(id));
    }

    /// Carries out what `node` asked for, then checks the invariants.
    pub(super) fn flush(&mut self, node: NodeId) {
        let mut outputs = std::mem::take(&mut self.outputs);
        outputs.extend(self.nodes[node.index()].drain_outputs());
        for output in outputs.drain(..) {
            match output {
                Output::Send { to, msg } => self.send(node, to, msg),
                Output::SetTimer { timer, at } => self.arm(node, timer, at),
                Output::Reply { to, reply } => self.send_reply(node, to, reply),
                Output::Note(note) => {
                    let kind = self.describe(node, note);
                    self.observe(kind);
                }
            }
        }
        self.outputs = outputs;
        let mut found = Vec::new();
        self.checker
            .after_event(self.now, node, &self.nodes, &mut found);
        self.report(found);
    }

    /// Runs the invariant checker on an event, then records it.
    pub(super) fn observe(&mut self, kind: EventKind) {
        let mut found = Vec::new();
        self.checker
            .observe(self.now, &kind, &self.nodes, &mut found);
        self.record(kind);
        self.report(found);
    }

    fn report(&mut self, found: Vec<crate::protocols::raft::trace::Violation>) {
        for v in found {
            self.record(EventKind::Violation {
                invariant: v.invariant(),
                detail: v.clone(),
            });
            self.violations.push(v);
        }
    }

    /// A write to stable storage of `node`, with whether it is a leader's
    /// write of its own entries.
    pub(super) fn persist_event(
        &self,
        node: NodeId,
        phase: &'static str,
        (term, voted_for, last_index): (Term, Option<NodeId>, LogIndex),
        until: Option<SimTime>,
    ) -> EventKind {
        let leader = self.nodes[node.index()].role() == Role::Leader;
        EventKind::Persist {
            node,
            phase,
            term,
            voted_for,
            last_index,
            until,
            cause: if leader {
                Cause::LeaderWrite
            } else {
                Cause::Unstated
            },
        }
    }

    /// The trace event for a server's note, with its cause where the
    /// event's fields alone do not tell which rule fired.
    fn describe(&self, node: NodeId, note: Note) -> EventKind {
        let term = self.nodes[node.index()].term();
        match note {
            Note::Role { role, term, why } => EventKind::Role {
                node,
                role,
                term,
                cause: match why {
                    RoleChange::Campaign => Cause::Unstated,
                    RoleChange::HigherTerm => Cause::HigherTerm,
                    RoleChange::LeaderOfTerm => Cause::LeaderOfTerm,
                    RoleChange::LostQuorum => Cause::LostQuorum,
                    RoleChange::Restart => Cause::Restarted,
                },
            },
            Note::ElectionTimeout { term, forced, role } => EventKind::Timeout {
                node,
                term,
                forced,
                cause: if role == Role::Follower {
                    Cause::Unstated
                } else {
                    Cause::CandidateTimer
                },
            },
            Note::Vote {
                candidate,
                term,
                pre_vote,
                refused,
                unchecked,
            } => EventKind::Vote {
                node,
                candidate,
                term,
                granted: refused.is_none(),
                pre_vote,
                reason: refused.map(|r| match r {
                    Refusal::StaleTerm => "stale_term",
                    Refusal::AlreadyVoted(_) => "already_voted",
                    Refusal::LogBehind => "log_behind",
                }),
                voted_for: match refused {
                    Some(Refusal::AlreadyVoted(v)) => Some(v),
                    _ => None,
                },
                cause: if unchecked {
                    Cause::UncheckedVote
                } else {
                    Cause::Unstated
                },
            },
            Note::VoteIgnored {
                candidate,
                term,
                pre_vote,
            } => EventKind::VoteIgnored {
                node,
                candidate,
                term,
                pre_vote,
            },
            Note::StepDown(reason) => EventKind::StepDown {
                node,
                term,
                reason: match reason {
                    StepDown::HigherTerm(_) => "higher_term",
                    StepDown::LostQuorum => "lost_quorum",
                },
            },
            Note::Appended {
                first,
                last,
                term,
                by,
            } => EventKind::Append {
                node,
                first,
                last,
                term,
                cause: match by {
                    AppendedBy::ClientCommand => Cause::ClientCommand,
                    AppendedBy::Noop => Cause::Noop,
                    AppendedBy::Replication => Cause::Unstated,
                },
            },
            Note::Truncated { from, count } => EventKind::Truncate { node, from, count },
            Note::RejectedAppend {
                leader,
                prev_log_index,
                prev_log_term,
            } => EventKind::Reject {
                node,
                leader,
                prev_log_index,
                prev_log_term,
            },
            Note::Backoff { peer, next } => EventKind::Backoff { node, peer, next },
            Note::Committed { index, by } => EventKind::Commit {
                node,
                commit_index: index,
                cause: match by {
                    CommitBy::Majority => Cause::Majority,
                    CommitBy::MajorityEarlierTerm => Cause::MajorityEarlierTerm,
                    CommitBy::LeaderCommit => Cause::LeaderCommit,
                    CommitBy::Snapshot => Cause::Snapshot,
                },
            },
            Note::CommitDeferred { index, term } => EventKind::CommitDeferred { node, index, term },
            Note::Applied {
                index,
                term,
                hash,
                command,
                outcome,
            } => EventKind::Apply {
                node,
                index,
                term,
                command,
                duplicate: matches!(outcome, crate::protocols::raft::Applied::Duplicate(_)),
                hash,
            },
            Note::SnapshotTaken { index, term } => EventKind::Snapshot { node, index, term },
            Note::SnapshotInstalled { index, term } => {
                EventKind::InstallSnapshot { node, index, term }
            }
            Note::ReadServed {
                client,
                key,
                read_index,
                value,
                by,
            } => EventKind::Read {
                node,
                client: client.0,
                key,
                read_index,
                value,
                cause: match by {
                    ReadBy::ReadIndex => Cause::ReadIndex,
                    ReadBy::Lease => Cause::Lease,
                    ReadBy::Local => Cause::LocalRead,
                },
            },
            Note::TransferStarted { to } => EventKind::Transfer {
                node,
                to,
                phase: "start",
            },
            Note::TransferAborted { to } => EventKind::Transfer {
                node,
                to,
                phase: "abort",
            },
            Note::WriteStarted {
                term,
                voted_for,
                last_index,
                until,
            } => self.persist_event(node, "start", (term, voted_for, last_index), Some(until)),
            Note::WriteDone {
                term,
                voted_for,
                last_index,
            } => self.persist_event(node, "done", (term, voted_for, last_index), None),
            Note::Refused { why } => EventKind::Net(NetEvent::Skipped {
                action: crate::lang::Text::owned(
                    format!("request to {node}"),
                    format!("发给 {node} 的请求"),
                ),
                why,
            }),
        }
    }
}
