//! Clients of the store: the random workload's closed-loop clients and
//! one-off clients for the operations a user or a script sends. A client
//! sends its operation to one server, the coordinator, and waits for its
//! answer; a refusal or no answer in time fails the operation (no retry:
//! the refusal is what a partition shows). Every operation goes into the
//! history the linearizability checker reads, and every completed one past
//! the freshness monitor.

use super::Health;
use super::event::EventKind;
use super::freshness::{Floor, Verdict};
use super::node::{ClientOp, Reply};
use super::version::Version;
use super::world::{Due, NwrWorld};
use crate::check::{HistoryOp, OpKind};
use crate::client::{ClientEvent, ClientPhase};
use crate::sim::{NodeId, SimDuration, SimRng, SimTime};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The first id given to one-off clients; workload clients are numbered from 1.
pub const FIRST_ONE_OFF_CLIENT: u32 = 101;

/// An operation a client is waiting on.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingOp {
    pub seq: u64,
    pub key: Arc<str>,
    pub op: ClientOp,
    /// The coordinator it was sent to.
    pub node: NodeId,
    pub invoked_at: SimTime,
    pub one_off: bool,
    floor: Floor,
    history: Option<usize>,
}

/// A request or an answer between a client and a server (clients are
/// outside the cluster's network: partitions do not reach them).
#[derive(Clone, Debug, PartialEq)]
pub struct ClientFlight {
    pub client: u32,
    pub seq: u64,
    pub node: NodeId,
    pub sent_at: SimTime,
    pub arrive_at: SimTime,
    /// `Ok((key, op))` on its way to the server, `Err(reply)` on its way back.
    pub payload: Result<(Arc<str>, ClientOp), Reply>,
}

/// All client state of a world.
#[derive(Clone, Debug)]
pub struct Clients {
    pending: BTreeMap<u32, PendingOp>,
    flights: BTreeMap<u64, ClientFlight>,
    next_flight: u64,
    next_one_off: u32,
    seqs: BTreeMap<u32, u64>,
    values: u64,
    rng: SimRng,
    record_history: bool,
    history: Vec<HistoryOp>,
    ok: u64,
    failed: u64,
    last_key: Option<Arc<str>>,
}

impl Clients {
    pub(super) fn new(rng: SimRng) -> Self {
        Clients {
            pending: BTreeMap::new(),
            flights: BTreeMap::new(),
            next_flight: 0,
            next_one_off: FIRST_ONE_OFF_CLIENT,
            seqs: BTreeMap::new(),
            values: 0,
            rng,
            record_history: true,
            history: Vec::new(),
            ok: 0,
            failed: 0,
            last_key: None,
        }
    }

    /// Operations waiting for an answer, by client.
    pub fn pending(&self) -> &BTreeMap<u32, PendingOp> {
        &self.pending
    }
    /// Requests and answers on their way.
    pub fn flights(&self) -> impl Iterator<Item = &ClientFlight> + '_ {
        self.flights.values()
    }
    /// Every operation issued so far with its outcome, for linearizability checking.
    pub fn history(&self) -> &[HistoryOp] {
        &self.history
    }
    /// Operations answered successfully.
    pub fn ok(&self) -> u64 {
        self.ok
    }
    /// Operations that failed (refused, or no answer in time).
    pub fn failed(&self) -> u64 {
        self.failed
    }

    /// The key of the latest operation a client sent.
    pub fn last_key(&self) -> Option<&Arc<str>> {
        self.last_key.as_ref()
    }

    /// Stops recording the history (long interactive runs need not keep it).
    pub fn set_record_history(&mut self, on: bool) {
        self.record_history = on;
        if !on {
            self.history.clear();
        }
    }

    pub(super) fn take_flight(&mut self, id: u64) -> Option<ClientFlight> {
        self.flights.remove(&id)
    }

    /// Puts a flight on its way; returns its id.
    pub(super) fn send(
        &mut self,
        client: u32,
        seq: u64,
        node: NodeId,
        now: SimTime,
        latency: SimDuration,
        payload: Result<(Arc<str>, ClientOp), Reply>,
    ) -> u64 {
        let id = self.next_flight;
        self.next_flight += 1;
        self.flights.insert(
            id,
            ClientFlight {
                client,
                seq,
                node,
                sent_at: now,
                arrive_at: now + latency,
                payload,
            },
        );
        id
    }
}

/// The client event's operation name: a put is a `set`, as in every protocol's trace.
fn op_name(op: &ClientOp) -> (&'static str, Option<Arc<str>>) {
    match op {
        ClientOp::Put(v) => ("set", Some(v.clone())),
        ClientOp::Get => ("get", None),
    }
}

impl NwrWorld {
    /// The server a client contacts when none is named: the first live
    /// replica of the key, else the first live server.
    pub fn default_coordinator(&self, key: &str) -> NodeId {
        let up = |n: &NodeId| self.health[n.index()] == Health::Up;
        self.ring
            .walk(key)
            .take(self.setup.nwr.n)
            .find(up)
            .or_else(|| NodeId::all(self.setup.nodes).find(up))
            .unwrap_or(NodeId(1))
    }

    /// Starts a one-off client that sends `op` on `key` to `node`.
    pub(super) fn issue_one_off(&mut self, key: Arc<str>, op: ClientOp, node: NodeId) -> u32 {
        let client = self.clients.next_one_off;
        self.clients.next_one_off += 1;
        self.issue(client, key, op, node, true);
        client
    }

    fn issue(&mut self, client: u32, key: Arc<str>, op: ClientOp, node: NodeId, one_off: bool) {
        let seq = {
            let s = self.clients.seqs.entry(client).or_insert(0);
            *s += 1;
            *s
        };
        let (name, value) = op_name(&op);
        self.clients.last_key = Some(key.clone());
        self.record(EventKind::Client(ClientEvent {
            client,
            op: name,
            key: key.clone(),
            value: value.clone(),
            phase: ClientPhase::Invoke,
            node: Some(node),
            result: None,
        }));
        let history = self.clients.record_history.then(|| {
            self.clients.history.push(HistoryOp {
                client,
                key: key.clone(),
                kind: value.map_or(OpKind::Get, OpKind::Set),
                invoke: self.now,
                result: None,
            });
            self.clients.history.len() - 1
        });
        let pending = PendingOp {
            seq,
            key: key.clone(),
            op: op.clone(),
            node,
            invoked_at: self.now,
            one_off,
            floor: self.fresh.floor(&key),
            history,
        };
        self.clients.pending.insert(client, pending);
        let latency = self.setup.client.latency;
        let id = self
            .clients
            .send(client, seq, node, self.now, latency, Ok((key, op)));
        self.queue.push(self.now + latency, Due::ClientArrive(id));
        let timeout = self.setup.client.timeout;
        self.queue
            .push(self.now + timeout, Due::ClientTimeout { client, seq });
    }

    /// An answer reached its client.
    pub(super) fn client_receive(&mut self, flight: super::clients::ClientFlight) {
        let Err(reply) = flight.payload else { return };
        if self
            .clients
            .pending
            .get(&flight.client)
            .is_none_or(|p| p.seq != flight.seq)
        {
            return;
        }
        let outcome = match reply {
            Reply::Written(v) => Some((None, Some(v))),
            Reply::Read(stored) => Some((
                stored.as_ref().map(|s| s.value.clone()),
                stored.map(|s| s.version),
            )),
            Reply::Failed => None,
        };
        self.complete(flight.client, outcome);
    }

    /// The client heard nothing in time: it gives up.
    pub(super) fn client_timeout(&mut self, client: u32, seq: u64) -> bool {
        if self
            .clients
            .pending
            .get(&client)
            .is_none_or(|p| p.seq != seq)
        {
            return false;
        }
        self.complete(client, None);
        true
    }

    /// Finishes the client's operation: `Some((read value, version))` on
    /// success, `None` if it failed.
    fn complete(&mut self, client: u32, outcome: Option<(Option<Arc<str>>, Option<Version>)>) {
        let Some(op) = self.clients.pending.remove(&client) else {
            return;
        };
        let (name, value) = op_name(&op.op);
        let result = match (&outcome, &value) {
            (Some(_), Some(written)) => Some(written.clone()),
            (Some((read, _)), None) => read.clone(),
            (None, _) => None,
        };
        let phase = if outcome.is_some() {
            self.clients.ok += 1;
            ClientPhase::Ok
        } else {
            self.clients.failed += 1;
            ClientPhase::Fail
        };
        self.record(EventKind::Client(ClientEvent {
            client,
            op: name,
            key: op.key.clone(),
            value: value.clone(),
            phase,
            node: Some(op.node),
            result: result.clone(),
        }));
        if let (Some(i), Some(_)) = (op.history, &outcome)
            && let Some(h) = self.clients.history.get_mut(i)
        {
            h.result = Some((self.now, result));
        }
        if let Some((_, version)) = outcome {
            match (&op.op, version) {
                (ClientOp::Put(_), Some(v)) => {
                    let verdict = self.fresh.write_done(&op.key, v, op.floor);
                    self.judge(client, &op, Some(v), verdict);
                }
                (ClientOp::Get, got) => {
                    let verdict = self.fresh.read_done(&op.key, got, op.floor);
                    self.judge(client, &op, got, verdict);
                }
                _ => {}
            }
        }
        if !op.one_off {
            self.schedule_workload(client);
        }
    }

    fn judge(&mut self, client: u32, op: &PendingOp, version: Option<Version>, v: Verdict) {
        let (key, node) = (op.key.clone(), op.node);
        match v {
            Verdict::Fresh => {}
            Verdict::Stale(newer) => self.record(EventKind::StaleRead {
                client,
                node,
                key,
                version,
                newer,
            }),
            Verdict::Inversion(newer) => self.record(EventKind::Inversion {
                client,
                node,
                key,
                version,
                newer,
            }),
            Verdict::Lost(newer) => self.record(EventKind::LostWrite {
                client,
                node,
                key,
                version: version.unwrap_or(newer),
                newer,
            }),
        }
    }

    /// Schedules the first operation of every workload client.
    pub(super) fn start_workload(&mut self) {
        let Some(w) = self.setup.workload.clone() else {
            return;
        };
        for client in 1..=w.clients {
            if !self.clients.pending.contains_key(&client) {
                let at = self.now.max(w.start) + self.think_time(w.rate);
                self.queue.push(at, Due::WorkloadNext(client));
            }
        }
    }

    fn think_time(&mut self, rate: f64) -> SimDuration {
        let mean_us = if rate > 0.0 {
            1_000_000.0 / rate
        } else {
            1_000_000.0
        };
        SimDuration((self.clients.rng.unit() * 2.0 * mean_us) as u64)
    }

    fn schedule_workload(&mut self, client: u32) {
        let Some(w) = self.setup.workload.clone() else {
            return;
        };
        if client > w.clients {
            return;
        }
        let at = self.now + self.think_time(w.rate);
        self.queue.push(at, Due::WorkloadNext(client));
    }

    /// A workload client sends its next random operation to a random server.
    pub(super) fn workload_next(&mut self, client: u32) {
        let Some(w) = self.setup.workload.clone() else {
            return;
        };
        if client > w.clients
            || w.stop.is_some_and(|s| self.now >= s)
            || self.clients.pending.contains_key(&client)
        {
            return;
        }
        let rng = &mut self.clients.rng;
        let key: Arc<str> = format!("k{}", 1 + rng.below(w.keys.max(1) as usize)).into();
        let op = if rng.chance(w.read_ratio) {
            ClientOp::Get
        } else {
            self.clients.values += 1;
            ClientOp::Put(self.clients.values.to_string().into())
        };
        let node = NodeId::from_index(self.clients.rng.below(self.setup.nodes));
        self.issue(client, key, op, node, false);
    }
}
