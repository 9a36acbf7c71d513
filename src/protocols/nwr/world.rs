//! A simulated Quorum NWR cluster: servers on a hash ring, the network
//! between them, their clients and the freshness monitor, advanced one event
//! at a time by the shared step loop ([`crate::sim::Run`]). A run is a pure
//! function of the setup (with its seed) and the script of timed actions;
//! the whole world is `Clone` for checkpoints.

use super::clients::Clients;
use super::config::{MAX_NODES, NwrSetup};
use super::event::{EventKind, NwrEvent};
use super::freshness::Freshness;
use super::message::{Msg, MsgKind};
use super::node::{NwrNode, Timer};
use super::ring::Ring;
use super::{Action, Health};
use crate::lang::Tag;
use crate::net::{NetEvent, NetHost};
use crate::sim::{
    DropReason, Envelope, EventQueue, MsgId, NetConfig, Network, NodeId, SimRng, SimTime, Trace,
    World,
};
use std::collections::BTreeMap;

/// Random stream numbers forked from the seed.
const NETWORK_STREAM: u64 = 0;
const CLIENT_STREAM: u64 = 1;

/// Something scheduled in the queue.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Due {
    Deliver(MsgId),
    /// A server's timer, set in its `epoch` (a restart makes it stale).
    Timer {
        node: NodeId,
        epoch: u32,
        timer: Timer,
    },
    ClientArrive(u64),
    ClientReturn(u64),
    ClientTimeout {
        client: u32,
        seq: u64,
    },
    WorkloadNext(u32),
}

/// Counters of a run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Events processed (deliveries, timers, client steps, actions).
    pub events: u64,
    pub sent: BTreeMap<MsgKind, u64>,
    pub delivered: BTreeMap<MsgKind, u64>,
    pub dropped: BTreeMap<MsgKind, u64>,
}

/// A simulated Quorum NWR cluster.
#[derive(Clone, Debug)]
pub struct NwrWorld {
    pub(super) setup: NwrSetup,
    pub(super) ring: Ring,
    pub(super) now: SimTime,
    pub(super) queue: EventQueue<Due>,
    pub(super) net: Network<Msg>,
    pub(super) nodes: Vec<NwrNode>,
    pub(super) health: Vec<Health>,
    pub(super) clients: Clients,
    pub(super) fresh: Freshness,
    pub(super) trace: Trace<EventKind>,
    pub(super) stats: Stats,
    /// Writes that reached their quorum.
    pub(super) written: u64,
}

impl NwrWorld {
    /// A world at time zero with every server up and empty. The setup must
    /// have been validated; sizes out of range are clamped into it.
    pub fn new(setup: NwrSetup) -> Self {
        let n = setup.nodes.clamp(1, MAX_NODES);
        let mut setup = NwrSetup { nodes: n, ..setup };
        let c = &mut setup.nwr;
        c.n = c.n.clamp(1, n);
        c.w = c.w.clamp(1, c.n);
        c.r = c.r.clamp(1, c.n);
        let net = Network::new(
            n,
            setup.net.clone(),
            setup.seed,
            SimRng::fork(setup.seed, NETWORK_STREAM),
        );
        let mut world = NwrWorld {
            ring: Ring::new(n),
            now: SimTime::ZERO,
            queue: EventQueue::new(),
            net,
            nodes: NodeId::all(n).map(NwrNode::new).collect(),
            health: vec![Health::Up; n],
            clients: Clients::new(SimRng::fork(setup.seed, CLIENT_STREAM)),
            fresh: Freshness::default(),
            trace: Trace::default(),
            stats: Stats::default(),
            written: 0,
            setup,
        };
        world.start_workload();
        world
    }

    // ---- reading the state ------------------------------------------------

    pub fn setup(&self) -> &NwrSetup {
        &self.setup
    }
    pub fn ring(&self) -> Ring {
        self.ring
    }
    pub fn now(&self) -> SimTime {
        self.now
    }
    pub fn nodes(&self) -> &[NwrNode] {
        &self.nodes
    }
    pub fn node(&self, id: NodeId) -> &NwrNode {
        &self.nodes[id.index()]
    }
    pub fn health(&self, id: NodeId) -> Health {
        self.health[id.index()]
    }
    pub fn network(&self) -> &Network<Msg> {
        &self.net
    }
    pub fn clients(&self) -> &Clients {
        &self.clients
    }
    pub fn freshness(&self) -> &Freshness {
        &self.fresh
    }
    pub fn stats(&self) -> &Stats {
        &self.stats
    }
    /// Writes that reached their quorum so far.
    pub fn writes_done(&self) -> u64 {
        self.written
    }
    /// The preference list of `key`.
    pub fn replicas(&self, key: &str) -> Vec<NodeId> {
        self.ring.preference(key, self.setup.nwr.n)
    }

    /// Stops recording client histories (for long interactive runs).
    pub fn set_record_history(&mut self, on: bool) {
        self.clients.set_record_history(on);
    }

    pub(super) fn record(&mut self, kind: EventKind) {
        self.trace.record(self.now, kind);
    }

    /// A fingerprint of what the world shows: the time, every server's
    /// health, stored versions, hints and open requests, the clients'
    /// pending operations and the messages in flight.
    pub fn fingerprint(&self) -> u64 {
        let mut h = crate::sim::Fnv64::new();
        h.write_u64(self.now.as_micros())
            .write_u64(self.stats.events)
            .write_u64(self.written);
        for (n, health) in self.nodes.iter().zip(&self.health) {
            h.write(&[*health as u8]).write_u64(n.clock());
            for (k, s) in n.store() {
                h.write_str(k).write_str(&s.value);
                h.write_u64(s.version.counter)
                    .write_u64(u64::from(s.version.writer.0));
            }
            for ((to, k), s) in n.hints() {
                h.write_u64(u64::from(to.0)).write_str(k);
                h.write_u64(s.version.counter);
            }
            h.write_u64(n.requests().count() as u64);
        }
        h.write_u64(self.clients.pending().len() as u64)
            .write_u64(self.clients.ok())
            .write_u64(self.clients.failed());
        for e in self.net.in_flight() {
            h.write_u64(e.id.0).write_u64(e.deliver_at.as_micros());
        }
        h.finish()
    }

    /// Roughly how many bytes a clone copies: the queue, the messages in
    /// flight and every server's store and hints.
    pub fn copied_bytes(&self) -> usize {
        use std::mem::size_of;
        let stored: usize = self
            .nodes
            .iter()
            .map(|n| (n.store().count() + n.hints().count()) * 96 + size_of::<NwrNode>())
            .sum();
        stored
            + self.queue.len() * size_of::<crate::sim::Scheduled<Due>>()
            + self.net.in_flight().len() * size_of::<Envelope<Msg>>()
    }
}

impl World for NwrWorld {
    type Action = Action;
    type Event = EventKind;

    fn now(&self) -> SimTime {
        self.now
    }
    fn set_now(&mut self, t: SimTime) {
        self.now = t;
    }
    fn next_event_time(&self) -> Option<SimTime> {
        self.queue.peek_time()
    }
    fn process_next_event(&mut self) -> bool {
        NwrWorld::process_next_event(self)
    }
    fn apply(&mut self, action: Action) {
        self.stats.events += 1;
        self.apply_action(action);
    }
    fn events(&self) -> u64 {
        self.stats.events
    }
    fn set_tracing(&mut self, on: bool) {
        self.trace.set_on(on);
    }
    fn trace(&self) -> &[NwrEvent] {
        self.trace.events()
    }
    fn drain_trace(&mut self) -> std::vec::Drain<'_, NwrEvent> {
        self.trace.drain()
    }
}

impl NetHost for NwrWorld {
    type Msg = Msg;

    fn now(&self) -> SimTime {
        self.now
    }
    fn network(&self) -> &Network<Msg> {
        &self.net
    }
    fn network_mut(&mut self) -> &mut Network<Msg> {
        &mut self.net
    }
    fn servers(&self) -> usize {
        self.setup.nodes
    }
    fn health(&self, node: NodeId) -> Health {
        self.health[node.index()]
    }
    fn record_net(&mut self, event: NetEvent) {
        self.record(EventKind::Net(event));
    }
    fn schedule_delivery(&mut self, id: MsgId, at: SimTime) {
        self.queue.push(at, Due::Deliver(id));
    }
    fn lost(&mut self, e: &Envelope<Msg>, reason: DropReason) {
        self.record_drop(e, reason);
    }
    fn network_changed(&mut self, config: &NetConfig) {
        self.setup.net = config.clone();
    }
    fn crash(&mut self, node: NodeId) -> Result<(), Tag> {
        self.crash_server(node)
    }
    fn restart(&mut self, node: NodeId) -> Result<(), Tag> {
        self.restart_server(node)
    }
}
