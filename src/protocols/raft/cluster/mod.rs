//! A simulated Raft cluster: servers, the network between them, clients, the
//! user's actions and the invariant checker, advanced one event at a time by
//! the shared step loop ([`crate::sim::Run`]). A run is a pure function of
//! the configuration (with its seed) and the script of timed actions; the
//! whole cluster is `Clone` for checkpoints.

mod action;
mod actions;
mod clients;
mod config;
mod dispatch;
mod footprint;

pub use crate::net::{Health, MsgFilter, NodeRef};
pub use action::Action;
pub use clients::{ClientFlight, Clients, FIRST_CONSOLE_CLIENT, PendingOp};
pub use config::{ClientConfig, ClusterConfig, MAX_NODES, Workload};
pub use footprint::ENTRY_BYTES;

use crate::lang::Tag;
use crate::net::{NetEvent, NetHost, NetMsg};
use crate::protocols::raft::Checker;
use crate::protocols::raft::trace::{EventKind, TraceEvent, Violation};
use crate::protocols::raft::{ClientId, DiskWrite, Message, MsgKind, RaftNode, Role, Timer};
use crate::sim::{
    DropReason, Envelope, EventQueue, MsgId, NetConfig, Network, NodeId, SimRng, SimTime, Trace,
    World,
};
use std::collections::BTreeMap;

/// Random stream numbers forked from the seed.
const NETWORK_STREAM: u64 = 0;
const CLIENT_STREAM: u64 = 1;
const NODE_STREAM_BASE: u64 = 100;
const DISK_STREAM_BASE: u64 = 200;

/// Something scheduled in the queue.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Event {
    Deliver(MsgId),
    Timer(NodeId, Timer),
    ClientArrive(u64),
    ClientReturn(u64),
    ClientTimeout {
        client: ClientId,
        seq: u64,
        attempt: u32,
    },
    ClientRetry {
        client: ClientId,
        seq: u64,
    },
    WorkloadNext(ClientId),
}

/// A server's timer: when it should fire, and when the queue will next look at it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct TimerSlot {
    deadline: Option<SimTime>,
    queued: Option<SimTime>,
}

/// Timers per server: election, heartbeat, stable storage.
const TIMERS: usize = 3;

/// Counters of a run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Events processed (deliveries, timer firings, client steps, actions).
    pub events: u64,
    pub sent: BTreeMap<MsgKind, u64>,
    pub delivered: BTreeMap<MsgKind, u64>,
    pub dropped: BTreeMap<MsgKind, u64>,
}

/// The script of timed actions a run follows, shared between checkpoints.
pub type Script = crate::sim::Script<Action>;

/// A simulated cluster.
#[derive(Clone, Debug)]
pub struct Cluster {
    cfg: ClusterConfig,
    now: SimTime,
    queue: EventQueue<Event>,
    net: Network<Message>,
    nodes: Vec<RaftNode>,
    health: Vec<Health>,
    timers: Vec<[TimerSlot; TIMERS]>,
    held: Vec<Vec<Event>>,
    clients: Clients,
    checker: Checker,
    trace: Trace<EventKind>,
    violations: Vec<Violation>,
    stats: Stats,
    /// Reused buffer for a server's outputs (flush is re-entrant only through it).
    outputs: Vec<crate::protocols::raft::Output>,
}

impl Cluster {
    /// A cluster at time zero: every server a follower at term 0 with its election timer armed.
    /// The configuration must have been validated (1..=9 servers).
    pub fn new(cfg: ClusterConfig) -> Self {
        let n = cfg.nodes.clamp(1, MAX_NODES);
        let cfg = ClusterConfig { nodes: n, ..cfg };
        let net = Network::new(
            n,
            cfg.net.clone(),
            cfg.seed,
            SimRng::fork(cfg.seed, NETWORK_STREAM),
        );
        let nodes = NodeId::all(n)
            .map(|id| {
                RaftNode::new(
                    id,
                    n,
                    SimRng::fork(cfg.seed, NODE_STREAM_BASE + u64::from(id.0)),
                )
                .with_disk_rng(SimRng::fork(cfg.seed, DISK_STREAM_BASE + u64::from(id.0)))
            })
            .collect();
        let mut cluster = Cluster {
            now: SimTime::ZERO,
            queue: EventQueue::new(),
            net,
            nodes,
            health: vec![Health::Up; n],
            timers: vec![[TimerSlot::default(); TIMERS]; n],
            held: vec![Vec::new(); n],
            clients: Clients::new(SimRng::fork(cfg.seed, CLIENT_STREAM)),
            checker: Checker::new(n),
            trace: Trace::default(),
            violations: Vec::new(),
            stats: Stats::default(),
            outputs: Vec::new(),
            cfg,
        };
        for id in NodeId::all(n) {
            let raft = cluster.cfg.raft.clone();
            cluster.nodes[id.index()].start(SimTime::ZERO, &raft);
            cluster.flush(id);
        }
        cluster.start_workload();
        cluster
    }

    // ---- reading the state ------------------------------------------------

    pub fn config(&self) -> &ClusterConfig {
        &self.cfg
    }
    pub fn now(&self) -> SimTime {
        self.now
    }
    pub fn nodes(&self) -> &[RaftNode] {
        &self.nodes
    }
    pub fn node(&self, id: NodeId) -> &RaftNode {
        &self.nodes[id.index()]
    }
    pub fn health(&self, id: NodeId) -> Health {
        self.health[id.index()]
    }
    pub fn network(&self) -> &Network<Message> {
        &self.net
    }
    pub fn clients(&self) -> &Clients {
        &self.clients
    }
    pub fn checker(&self) -> &Checker {
        &self.checker
    }
    pub fn stats(&self) -> &Stats {
        &self.stats
    }
    /// Every violation found so far, in order.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
    /// Events held for a paused server.
    pub fn held_messages(&self, id: NodeId) -> impl Iterator<Item = MsgId> + '_ {
        self.held[id.index()].iter().filter_map(|e| match e {
            Event::Deliver(m) => Some(*m),
            _ => None,
        })
    }

    /// When `timer` of `node` fires next, if it is armed.
    pub fn timer_deadline(&self, node: NodeId, timer: Timer) -> Option<SimTime> {
        let slot = match timer {
            Timer::Election => 0,
            Timer::Heartbeat => 1,
            Timer::Disk => 2,
        };
        self.timers[node.index()][slot].deadline
    }

    /// The writes to stable storage under way on servers that run (or are
    /// paused), for drawing: which server, since when, until when.
    pub fn disk_writes(&self) -> Vec<(NodeId, DiskWrite)> {
        self.nodes
            .iter()
            .filter(|n| matches!(self.health[n.id().index()], Health::Up | Health::Paused))
            .filter_map(|n| n.disk_write().map(|w| (n.id(), w)))
            .collect()
    }

    /// The server that leads now: the live leader of the highest term.
    pub fn leader(&self) -> Option<NodeId> {
        self.nodes
            .iter()
            .filter(|n| n.role() == Role::Leader && self.health[n.id().index()] != Health::Down)
            .max_by_key(|n| (n.term(), std::cmp::Reverse(n.id())))
            .map(|n| n.id())
    }

    /// Stops recording client histories (for long interactive runs).
    pub fn set_record_history(&mut self, on: bool) {
        self.clients.set_record_history(on);
    }

    pub(crate) fn record(&mut self, kind: EventKind) {
        self.trace.record(self.now, kind);
    }

    /// A fingerprint of the observable state: time, every server's role, term,
    /// vote, log, commit, state and timer deadlines, the messages in flight and
    /// the client state. Equal states give equal fingerprints; stale queue
    /// entries (which do nothing when they come up) do not count.
    pub fn fingerprint(&self) -> u64 {
        let mut h = crate::sim::Fnv64::new();
        h.write_u64(self.now.as_micros())
            .write_u64(self.stats.events);
        for n in &self.nodes {
            h.write_u64(n.term().0).write(&[n.role() as u8]);
            h.write_u64(n.voted_for().map_or(0, |v| u64::from(v.0)));
            h.write_u64(n.log().last_index().0)
                .write_u64(n.log().last_hash());
            h.write_u64(n.commit_index().0)
                .write_u64(n.applied_index().0);
            for (k, v) in n.state().iter() {
                h.write_str(k).write_str(v);
            }
            h.write(&[self.health[n.id().index()] as u8]);
            for slot in &self.timers[n.id().index()] {
                h.write_u64(slot.deadline.map_or(u64::MAX, SimTime::as_micros));
            }
        }
        for e in self.net.in_flight() {
            h.write_u64(e.id.0).write_u64(e.deliver_at.as_micros());
        }
        h.write_u64(self.clients.completed());
        h.finish()
    }
}

impl World for Cluster {
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
        Cluster::process_next_event(self)
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
    fn trace(&self) -> &[TraceEvent] {
        self.trace.events()
    }
    fn drain_trace(&mut self) -> std::vec::Drain<'_, TraceEvent> {
        self.trace.drain()
    }
}

impl NetMsg for Message {
    fn kind_name(&self) -> &'static str {
        self.kind().name()
    }
    fn term(&self) -> Option<u64> {
        Some(Message::term(self).0)
    }
    fn note(&self) -> Option<&'static str> {
        Message::note(self)
    }
}

impl NetHost for Cluster {
    type Msg = Message;

    fn now(&self) -> SimTime {
        self.now
    }
    fn network(&self) -> &Network<Message> {
        &self.net
    }
    fn network_mut(&mut self) -> &mut Network<Message> {
        &mut self.net
    }
    fn servers(&self) -> usize {
        self.cfg.nodes
    }
    fn health(&self, node: NodeId) -> Health {
        self.health[node.index()]
    }
    fn leader(&self) -> Option<NodeId> {
        Cluster::leader(self)
    }
    fn record_net(&mut self, event: NetEvent) {
        self.record(EventKind::Net(event));
    }
    fn schedule_delivery(&mut self, id: MsgId, at: SimTime) {
        Cluster::schedule_delivery(self, id, at);
    }
    fn lost(&mut self, e: &Envelope<Message>, reason: DropReason) {
        self.record_drop(e.from, e.to, &e.msg, e.id, reason);
    }
    fn network_changed(&mut self, config: &NetConfig) {
        self.cfg.net = config.clone();
    }
    fn crash(&mut self, node: NodeId) -> Result<(), Tag> {
        self.crash_server(node)
    }
    fn restart(&mut self, node: NodeId) -> Result<(), Tag> {
        self.restart_server(node)
    }
    fn pause(&mut self, node: NodeId) -> Result<(), Tag> {
        self.pause_server(node)
    }
    fn resume(&mut self, node: NodeId) -> Result<(), Tag> {
        self.resume_server(node)
    }
}
