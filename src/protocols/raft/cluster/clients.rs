//! Clients of the replicated key-value store: the random workload's closed-loop
//! clients and one-off clients for commands typed by a user or scripted. They
//! follow redirects, retry after timeouts with the same sequence number (so
//! sessions apply a command once, §8), and record a history for the
//! linearizability checker.

use super::{Cluster, Event};
use crate::check::{HistoryOp, OpKind};
use crate::protocols::raft::trace::{Cause, ClientEvent, ClientPhase, EventKind};
use crate::protocols::raft::{
    ClientId, ClientReply, ClientRequest, KvOp, ReadMode, RequestId, Role,
};
use crate::sim::{NodeId, SimRng, SimTime};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The first id given to one-off clients; workload clients are numbered from 1.
pub const FIRST_CONSOLE_CLIENT: u32 = 101;

/// An operation a client is waiting on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingOp {
    pub seq: u64,
    pub request: ClientRequest,
    pub invoked_at: SimTime,
    pub attempts: u32,
    pub target: NodeId,
    pub one_off: bool,
    history: Option<usize>,
}

/// A client request or reply on its way (clients are outside the cluster network).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientFlight {
    pub client: ClientId,
    pub node: NodeId,
    pub seq: u64,
    /// Which of the client's tries at operation `seq` this belongs to.
    pub attempt: u32,
    pub sent_at: SimTime,
    pub arrive_at: SimTime,
    /// `Ok(request)` travelling to the server, `Err(reply)` travelling back.
    pub payload: Result<ClientRequest, ClientReply>,
}

impl ClientFlight {
    /// The request this flight carries or answers.
    pub fn request_id(&self) -> RequestId {
        RequestId {
            client: self.client,
            seq: self.seq,
            attempt: self.attempt,
        }
    }
}

/// All client state of a cluster.
#[derive(Clone, Debug)]
pub struct Clients {
    pending: BTreeMap<ClientId, PendingOp>,
    flights: BTreeMap<u64, ClientFlight>,
    next_flight: u64,
    next_one_off: u32,
    seqs: BTreeMap<ClientId, u64>,
    hints: BTreeMap<ClientId, NodeId>,
    values: u64,
    rng: SimRng,
    record_history: bool,
    history: Vec<HistoryOp>,
    completed: u64,
}

impl Clients {
    pub(super) fn new(rng: SimRng) -> Self {
        Clients {
            pending: BTreeMap::new(),
            flights: BTreeMap::new(),
            next_flight: 0,
            next_one_off: FIRST_CONSOLE_CLIENT,
            seqs: BTreeMap::new(),
            hints: BTreeMap::new(),
            values: 0,
            rng,
            record_history: true,
            history: Vec::new(),
            completed: 0,
        }
    }

    /// Operations waiting for a reply, by client.
    pub fn pending(&self) -> &BTreeMap<ClientId, PendingOp> {
        &self.pending
    }

    /// Requests and replies in flight between clients and servers.
    pub fn flights(&self) -> impl Iterator<Item = &ClientFlight> + '_ {
        self.flights.values()
    }

    /// Every operation issued so far with its outcome, for linearizability checking.
    pub fn history(&self) -> &[HistoryOp] {
        &self.history
    }

    /// Operations completed successfully.
    pub fn completed(&self) -> u64 {
        self.completed
    }

    /// Stops recording the history (long interactive runs need not keep it).
    pub fn set_record_history(&mut self, on: bool) {
        self.record_history = on;
        if !on {
            self.history.clear();
        }
    }

    fn next_seq(&mut self, client: ClientId) -> u64 {
        let s = self.seqs.entry(client).or_insert(0);
        *s += 1;
        *s
    }
}

fn op_name(request: &ClientRequest) -> (&'static str, Arc<str>, Option<Arc<str>>) {
    match request {
        ClientRequest::Write(op) => (op.name(), op.key().clone(), op.value().cloned()),
        ClientRequest::Read { key } => ("get", key.clone(), None),
    }
}

fn history_kind(request: &ClientRequest) -> OpKind {
    match request {
        ClientRequest::Write(KvOp::Set { value, .. }) => OpKind::Set(value.clone()),
        ClientRequest::Write(KvOp::Append { value, .. }) => OpKind::Append(value.clone()),
        ClientRequest::Write(KvOp::Delete { .. }) => OpKind::Delete,
        ClientRequest::Read { .. } => OpKind::Get,
    }
}

impl Cluster {
    /// Starts a one-off client that sends `request` to `target`.
    pub(super) fn issue_one_off(&mut self, request: ClientRequest, target: NodeId) -> ClientId {
        let client = ClientId(self.clients.next_one_off);
        self.clients.next_one_off += 1;
        self.issue(client, request, target, true);
        client
    }

    fn issue(&mut self, client: ClientId, request: ClientRequest, target: NodeId, one_off: bool) {
        let seq = self.clients.next_seq(client);
        let (op, key, value) = op_name(&request);
        let cause = self.request_cause(&request, target);
        self.record(EventKind::Client {
            event: ClientEvent {
                client: client.0,
                op,
                key: key.clone(),
                value,
                phase: ClientPhase::Invoke,
                node: Some(target),
                result: None,
            },
            cause,
        });
        let history = self.clients.record_history.then(|| {
            self.clients.history.push(HistoryOp {
                client: client.0,
                key,
                kind: history_kind(&request),
                invoke: self.now,
                result: None,
            });
            self.clients.history.len() - 1
        });
        let op = PendingOp {
            seq,
            request,
            invoked_at: self.now,
            attempts: 0,
            target,
            one_off,
            history,
        };
        self.clients.pending.insert(client, op);
        self.send_request(client);
    }

    /// What `target` will do with `request`, as things stand: the rule a
    /// client's request is about to meet (§8, thesis §6.4).
    fn request_cause(&self, request: &ClientRequest, target: NodeId) -> Cause {
        let leads = self.nodes[target.index()].role() == Role::Leader;
        match (request, self.cfg.raft.read_mode, leads) {
            (ClientRequest::Read { .. }, ReadMode::AnyLocal, _)
            | (ClientRequest::Read { .. }, ReadMode::LeaderLocal, true) => Cause::LocalRead,
            (_, _, false) => Cause::NotLeader,
            (ClientRequest::Write(_), _, true) => Cause::ClientCommand,
            (ClientRequest::Read { .. }, ReadMode::Lease, true) => Cause::Lease,
            (ClientRequest::Read { .. }, _, true) => Cause::ReadIndex,
        }
    }

    /// Sends (or re-sends) the client's pending request to its current target.
    fn send_request(&mut self, client: ClientId) {
        let Some(op) = self.clients.pending.get_mut(&client) else {
            return;
        };
        op.attempts += 1;
        let (seq, attempt, node, request) = (op.seq, op.attempts, op.target, op.request.clone());
        let arrive_at = self.now + self.cfg.client.latency;
        let flight = ClientFlight {
            client,
            node,
            seq,
            attempt,
            sent_at: self.now,
            arrive_at,
            payload: Ok(request),
        };
        let id = self.clients.next_flight;
        self.clients.next_flight += 1;
        self.clients.flights.insert(id, flight);
        self.queue.push(arrive_at, Event::ClientArrive(id));
        self.queue.push(
            self.now + self.cfg.client.timeout,
            Event::ClientTimeout {
                client,
                seq,
                attempt,
            },
        );
    }

    /// A server's reply starts its way back to the client.
    pub(super) fn send_reply(&mut self, node: NodeId, to: RequestId, reply: ClientReply) {
        let arrive_at = self.now + self.cfg.client.latency;
        let flight = ClientFlight {
            client: to.client,
            node,
            seq: to.seq,
            attempt: to.attempt,
            sent_at: self.now,
            arrive_at,
            payload: Err(reply),
        };
        let id = self.clients.next_flight;
        self.clients.next_flight += 1;
        self.clients.flights.insert(id, flight);
        self.queue.push(arrive_at, Event::ClientReturn(id));
    }

    /// Takes a client flight that has arrived.
    pub(super) fn take_flight(&mut self, id: u64) -> Option<ClientFlight> {
        self.clients.flights.remove(&id)
    }

    /// Puts a held flight back (its server was paused).
    pub(super) fn hold_flight(&mut self, id: u64, flight: ClientFlight) {
        self.clients.flights.insert(id, flight);
    }

    /// A reply reached its client.
    pub(super) fn client_receive(&mut self, flight: ClientFlight) {
        let Err(reply) = flight.payload else { return };
        let client = flight.client;
        let Some(op) = self.clients.pending.get(&client) else {
            return;
        };
        if op.seq != flight.seq {
            return;
        }
        match reply {
            ClientReply::Ok(result) => self.complete(client, Some(result)),
            // A refusal of a try the client already replaced (it timed out, or
            // was redirected) says nothing new: the replacement is on its way.
            // Following it too would start a second chain of tries.
            _ if flight.attempt != op.attempts => {}
            ClientReply::NotLeader(Some(hint)) if hint != flight.node => {
                self.record(EventKind::Redirect {
                    client: client.0,
                    node: flight.node,
                    leader: Some(hint),
                });
                self.clients.hints.insert(client, hint);
                self.retarget(client, hint);
            }
            ClientReply::NotLeader(hint) => {
                if hint.is_none() {
                    self.record(EventKind::Redirect {
                        client: client.0,
                        node: flight.node,
                        leader: None,
                    });
                }
                self.clients.hints.remove(&client);
                let seq = flight.seq;
                self.queue.push(
                    self.now + self.cfg.client.backoff,
                    Event::ClientRetry { client, seq },
                );
            }
            ClientReply::Retry => {
                self.clients.hints.remove(&client);
                let seq = flight.seq;
                self.queue.push(
                    self.now + self.cfg.client.backoff,
                    Event::ClientRetry { client, seq },
                );
            }
        }
    }

    /// The client's request `attempt` timed out: try elsewhere.
    pub(super) fn client_timeout(&mut self, client: ClientId, seq: u64, attempt: u32) {
        let Some(op) = self.clients.pending.get(&client) else {
            return;
        };
        if op.seq != seq || op.attempts != attempt {
            return;
        }
        self.clients.hints.remove(&client);
        self.client_retry(client, seq);
    }

    /// Retries with the hinted leader, or a random server.
    pub(super) fn client_retry(&mut self, client: ClientId, seq: u64) {
        let Some(op) = self.clients.pending.get(&client) else {
            return;
        };
        if op.seq != seq {
            return;
        }
        let target = match self.clients.hints.get(&client) {
            Some(&h) => h,
            None => NodeId::from_index(self.clients.rng.below(self.cfg.nodes)),
        };
        self.retarget(client, target);
    }

    fn retarget(&mut self, client: ClientId, target: NodeId) {
        let Some(op) = self.clients.pending.get_mut(&client) else {
            return;
        };
        if op.one_off && op.attempts >= self.cfg.client.max_attempts {
            self.complete(client, None);
            return;
        }
        op.target = target;
        self.send_request(client);
    }

    /// Finishes the client's operation: `Some(result)` on success, `None` if it gave up.
    fn complete(&mut self, client: ClientId, result: Option<Option<Arc<str>>>) {
        let Some(op) = self.clients.pending.remove(&client) else {
            return;
        };
        let (name, key, value) = op_name(&op.request);
        let phase = if result.is_some() {
            ClientPhase::Ok
        } else {
            ClientPhase::Fail
        };
        if result.is_some() {
            self.clients.completed += 1;
        }
        self.record(EventKind::Client {
            event: ClientEvent {
                client: client.0,
                op: name,
                key,
                value,
                phase,
                node: Some(op.target),
                result: result.clone().flatten(),
            },
            cause: Cause::Unstated,
        });
        if let (Some(i), Some(r)) = (op.history, result)
            && let Some(h) = self.clients.history.get_mut(i)
        {
            h.result = Some((self.now, r));
        }
        if !op.one_off {
            self.schedule_workload(client);
        }
    }

    /// Schedules the first operation of every workload client.
    pub(super) fn start_workload(&mut self) {
        let Some(w) = self.cfg.workload.clone() else {
            return;
        };
        for c in 1..=w.clients {
            let client = ClientId(c);
            if !self.clients.pending.contains_key(&client) {
                let at = self.now.max(w.start);
                let think = self.think_time(w.rate);
                self.queue.push(at + think, Event::WorkloadNext(client));
            }
        }
    }

    fn think_time(&mut self, rate: f64) -> crate::sim::SimDuration {
        let mean_us = if rate > 0.0 {
            1_000_000.0 / rate
        } else {
            1_000_000.0
        };
        crate::sim::SimDuration((self.clients.rng.unit() * 2.0 * mean_us) as u64)
    }

    fn schedule_workload(&mut self, client: ClientId) {
        let Some(w) = self.cfg.workload.clone() else {
            return;
        };
        if client.0 > w.clients {
            return;
        }
        let think = self.think_time(w.rate);
        self.queue
            .push(self.now + think, Event::WorkloadNext(client));
    }

    /// A workload client issues its next random operation.
    pub(super) fn workload_next(&mut self, client: ClientId) {
        let Some(w) = self.cfg.workload.clone() else {
            return;
        };
        if client.0 > w.clients || w.stop.is_some_and(|s| self.now >= s) {
            return;
        }
        if self.clients.pending.contains_key(&client) {
            return;
        }
        let rng = &mut self.clients.rng;
        let key: Arc<str> = format!("k{}", 1 + rng.below(w.keys.max(1) as usize)).into();
        let request = if rng.chance(w.read_ratio) {
            ClientRequest::Read { key }
        } else {
            self.clients.values += 1;
            let v = self.clients.values;
            let pick = self.clients.rng.below(10);
            ClientRequest::Write(match pick {
                0..=6 => KvOp::Set {
                    key,
                    value: v.to_string().into(),
                },
                7..=8 => KvOp::Append {
                    key,
                    value: format!("+{v}").into(),
                },
                _ => KvOp::Delete { key },
            })
        };
        let target = match self.clients.hints.get(&client) {
            Some(&h) => h,
            None => NodeId::from_index(self.clients.rng.below(self.cfg.nodes)),
        };
        self.issue(client, request, target, false);
    }
}
