//! A simulated Raft cluster: servers, the network between them, clients, the
//! user's actions and the invariant checker, advanced one event at a time.
//! A run is a pure function of the configuration (with its seed) and the
//! script of timed actions; the whole cluster is `Clone` for checkpoints.

mod action;
mod actions;
mod clients;
mod config;
mod dispatch;
mod footprint;

pub use action::{Action, MsgFilter, NodeRef};
pub use clients::{ClientFlight, Clients, FIRST_CONSOLE_CLIENT, PendingOp};
pub use config::{ClientConfig, ClusterConfig, MAX_NODES, Workload};
pub use footprint::ENTRY_BYTES;

use crate::check::Checker;
use crate::raft::{ClientId, Message, MsgKind, RaftNode, Role, Timer};
use crate::sim::{ActionScript, EventQueue, MsgId, Network, NodeId, SimRng, SimTime, event_first};
use crate::trace::{EventKind, TraceEvent, Violation};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Random stream numbers forked from the seed.
const NETWORK_STREAM: u64 = 0;
const CLIENT_STREAM: u64 = 1;
const NODE_STREAM_BASE: u64 = 100;

/// Whether a server's process runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Health {
    Up,
    Down,
    /// Running but frozen: its events wait until it resumes.
    Paused,
}

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
pub type Script = Arc<Vec<(SimTime, Action)>>;

/// A simulated cluster.
#[derive(Clone, Debug)]
pub struct Cluster {
    cfg: ClusterConfig,
    now: SimTime,
    queue: EventQueue<Event>,
    net: Network<Message>,
    nodes: Vec<RaftNode>,
    health: Vec<Health>,
    timers: Vec<[TimerSlot; 2]>,
    held: Vec<Vec<Event>>,
    clients: Clients,
    checker: Checker,
    script: ActionScript<Action>,
    trace: Vec<TraceEvent>,
    tracing: bool,
    violations: Vec<Violation>,
    stats: Stats,
    /// Reused buffer for a server's outputs (flush is re-entrant only through it).
    outputs: Vec<crate::raft::Output>,
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
            })
            .collect();
        let mut cluster = Cluster {
            now: SimTime::ZERO,
            queue: EventQueue::new(),
            net,
            nodes,
            health: vec![Health::Up; n],
            timers: vec![[TimerSlot::default(); 2]; n],
            held: vec![Vec::new(); n],
            clients: Clients::new(SimRng::fork(cfg.seed, CLIENT_STREAM)),
            checker: Checker::new(n),
            script: ActionScript::default(),
            trace: Vec::new(),
            tracing: true,
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

    /// A cluster that will follow `script` (actions sorted by time).
    pub fn with_script(cfg: ClusterConfig, script: Vec<(SimTime, Action)>) -> Self {
        let mut c = Cluster::new(cfg);
        c.script = ActionScript::new(script);
        c
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
    /// The actions of this run, applied and still to come, in time order.
    pub fn script(&self) -> &Script {
        self.script.actions()
    }
    /// How many script actions have been applied.
    pub fn script_position(&self) -> usize {
        self.script.position()
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

    /// The server that leads now: the live leader of the highest term.
    pub fn leader(&self) -> Option<NodeId> {
        self.nodes
            .iter()
            .filter(|n| n.role() == Role::Leader && self.health[n.id().index()] != Health::Down)
            .max_by_key(|n| (n.term(), std::cmp::Reverse(n.id())))
            .map(|n| n.id())
    }

    /// The time of the next thing that will happen (event or scripted action).
    pub fn next_time(&self) -> Option<SimTime> {
        match (self.queue.peek_time(), self.script.next_time()) {
            (Some(e), Some(a)) => Some(e.min(a)),
            (e, a) => e.or(a),
        }
    }

    // ---- tracing ------------------------------------------------------------

    /// Turns recording of trace events on or off (the invariant checker runs either way).
    pub fn set_tracing(&mut self, on: bool) {
        self.tracing = on;
    }

    /// Stops recording client histories (for long interactive runs).
    pub fn set_record_history(&mut self, on: bool) {
        self.clients.set_record_history(on);
    }

    /// Trace events recorded since the last drain.
    pub fn trace(&self) -> &[TraceEvent] {
        &self.trace
    }

    pub fn drain_trace(&mut self) -> std::vec::Drain<'_, TraceEvent> {
        self.trace.drain(..)
    }

    pub(crate) fn record(&mut self, kind: EventKind) {
        if self.tracing {
            self.trace.push(TraceEvent { at: self.now, kind });
        }
    }

    // ---- running --------------------------------------------------------------

    /// Processes the next event or scripted action. Returns false when nothing is left.
    pub fn step(&mut self) -> bool {
        self.step_within(SimTime::MAX)
    }

    /// Processes the next event or scripted action due at or before `limit`,
    /// discarding stale queue entries on the way; false if there is none. (The
    /// queue may hold stale timer and delivery entries, so `next_time` can be
    /// earlier than the next thing that really happens.)
    pub fn step_within(&mut self, limit: SimTime) -> bool {
        loop {
            let (event_time, action_time) = (self.queue.peek_time(), self.script.next_time());
            let Some(event_first) = event_first(event_time, action_time) else {
                return false;
            };
            let due = if event_first { event_time } else { action_time };
            if due.is_none_or(|t| t > limit) {
                return false;
            }
            if !event_first {
                self.apply_next_scripted();
                return true;
            }
            if self.process_next_event() {
                return true;
            }
        }
    }

    /// Processes everything due at or before `t`, then sets the clock to `t`.
    pub fn run_until(&mut self, t: SimTime) {
        while self.step_within(t) {}
        self.now = self.now.max(t);
    }

    fn apply_next_scripted(&mut self) {
        let Some((at, action)) = self.script.take_next() else {
            return;
        };
        self.now = self.now.max(at);
        self.stats.events += 1;
        self.apply(action);
    }

    /// Applies `action` now and records it in the script: first every event due
    /// at the current instant is processed, so a replay of the script (where an
    /// action at `t` follows every event at `t`) reaches the same state. Scripted
    /// actions not yet reached are discarded: acting forks a new future.
    pub fn act(&mut self, action: Action) {
        let now = self.now;
        self.run_until(now);
        self.script.record(now, action.clone());
        self.stats.events += 1;
        self.apply(action);
    }

    /// Replaces the script by one with the same past (the actions already applied)
    /// and possibly another future: used when a checkpoint is restored into a
    /// branch whose future differs from the one the checkpoint was taken in.
    pub fn replace_script(&mut self, script: Script) {
        self.script.replace(script);
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

    /// Whether acting now would discard scripted actions that have not happened yet.
    pub fn has_future_script(&self) -> bool {
        self.script.has_future()
    }
}
