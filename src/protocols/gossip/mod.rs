//! A simulated gossip world: rumor spreading and SWIM membership on the
//! deterministic network of `sim`, advanced one event at a time. A run is a
//! pure function of the configuration (with its seed) and the script of
//! timed actions; the whole world is `Clone` for checkpoints.
//!
//! Rumor spreading follows Demers et al. 1987, "Epidemic algorithms for
//! replicated database maintenance": in rounds of a fixed period each node
//! contacts `fanout` random peers (never the node it last learned from) and
//! pushes, pulls, or both; a node stops spreading a rumor by its stop rule
//! (infect forever, counter, or coin, with feedback, §1.4); anti-entropy
//! (§1.3) optionally exchanges full state with one random peer per period.
//! Rumors are key updates with versions, so what converges is state.
//!
//! Membership follows SWIM (Das, Gupta, Motivala 2002): each protocol period
//! a node pings one random member, asks `k` others to ping it on timeout
//! (§3.1), suspects it if no ack came back by the end of the period, and
//! declares it dead when the suspicion times out (§4.2). Updates ride on
//! pings and acks, each about λ·log n times (§4.1); incarnation numbers let a
//! suspected node refute. With SWIM off, nodes pick peers from the true
//! membership, as if an oracle told them who is in the cluster.
//!
//! The formulas theory predicts are in [`theory`]: Pittel's `log2 n + ln n`
//! rounds for push, Karp et al.'s `log3 n + O(log log n)` for push-pull, and
//! Demers et al.'s residue `s = e^{-(k+1)(1-s)}`.

mod action;
mod actions;
pub mod app;
pub mod chart;
mod churn;
mod config;
pub mod cue;
mod describe;
mod dispatch;
mod event;
pub mod form;
pub mod layout;
mod member;
mod message;
mod metrics;
mod node;
mod opinion;
mod piggyback;
mod protocol;
pub mod report;
mod rumor;
mod rumor_set;
mod run;
pub mod scenario;
pub mod scene;
mod spread;
mod swim;
pub mod theory;
mod traffic;
#[cfg(target_arch = "wasm32")]
pub mod ui;
mod view;

#[cfg(test)]
mod spread_tests;
#[cfg(test)]
mod swim_tests;
#[cfg(test)]
mod testkit;

pub use crate::lang::Lang;
pub use crate::net::Health;
pub use action::Action;
pub use config::{
    ConfigError, Feedback, GossipConfig, MAX_NODES, MAX_SMALL, Mode, SpreadConfig, StopRule,
    SwimConfig, millis, validate_net,
};
pub use event::{EventKind, GossipEvent, setting, skip};
pub use form::MAX_LIVE_NODES;
pub use member::{Member, MemberState, MemberView, Update};
pub use message::{Msg, MsgKind};
pub use metrics::{Counters, Failure, FalsePositives, MILESTONES, Reach, RumorStats, Sample};
pub use node::{GossipNode, Hot, Probe, RumorState};
pub use opinion::Opinion;
pub use piggyback::{Broadcasts, MAX_PIGGYBACK, Piggyback};
pub use protocol::Gossip;
pub use rumor::{MAX_RUMORS, Rumor, RumorId, RumorTable};
pub use rumor_set::RumorSet;
pub use traffic::{Flow, Sent, TRAFFIC_LOG};

use crate::sim::{EventQueue, MsgId, Network, NodeId, SimDuration, SimRng, SimTime, Trace};
use opinion::Opinions;
use std::collections::BTreeMap;
use traffic::TrafficLog;

/// Random stream numbers forked from the seed.
const NETWORK_STREAM: u64 = 0;
const NODE_STREAM_BASE: u64 = 100_000;
const PHASE_STREAM_BASE: u64 = 200_000;

/// A periodic timer of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Timer {
    Round,
    Probe,
    Sync,
}

/// Something scheduled in the queue. Timers carry the node's epoch (bumped
/// when it goes down) and the world's generation (bumped when settings
/// change), so stale ones are skipped.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Due {
    Deliver(MsgId),
    Tick {
        node: NodeId,
        timer: Timer,
        epoch: u32,
        generation: u32,
    },
    ProbeTimeout {
        node: NodeId,
        epoch: u32,
        seq: u32,
    },
    SuspicionTimeout {
        node: NodeId,
        epoch: u32,
        about: NodeId,
        incarnation: u32,
    },
}

/// Round numbering: round `first + j` starts at `origin + j·period`. All
/// nodes start their rounds together, as in the synchronous model of the
/// theory; a change of period starts a new clock at the round in progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RoundClock {
    origin: SimTime,
    first: u32,
    period: SimDuration,
}

impl RoundClock {
    fn round_at(&self, t: SimTime) -> u32 {
        let elapsed = t.since(self.origin).as_micros() / self.period.as_micros().max(1);
        self.first.saturating_add(elapsed as u32)
    }

    /// The first round start strictly after `now`.
    fn next_tick(&self, now: SimTime) -> SimTime {
        let p = self.period.as_micros().max(1);
        let k = now.since(self.origin).as_micros() / p + 1;
        self.origin + SimDuration(k * p)
    }
}

/// The first instant after `now` at `offset` past a multiple of `period`.
fn next_phase(now: SimTime, period: SimDuration, offset: u64) -> SimTime {
    let p = period.as_micros().max(1);
    let t = now.as_micros();
    if t < offset {
        return SimTime(offset);
    }
    SimTime(offset + ((t - offset) / p + 1) * p)
}

/// A simulated gossip world.
#[derive(Clone, Debug)]
pub struct GossipWorld {
    cfg: GossipConfig,
    now: SimTime,
    queue: EventQueue<Due>,
    net: Network<Msg>,
    nodes: Vec<GossipNode>,
    rngs: Vec<SimRng>,
    health: Vec<Health>,
    /// Slots in use: the initial members and those that joined since.
    active: usize,
    live: u32,
    generation: u32,
    clock: RoundClock,
    rumors: RumorTable,
    stats: Vec<RumorStats>,
    opinions: Opinions,
    failures: Vec<Failure>,
    open_failures: BTreeMap<NodeId, usize>,
    false_positives: FalsePositives,
    counters: Counters,
    traffic: TrafficLog,
    /// Messages in flight that could teach a rumor.
    carrying: u64,
    trace: Trace<EventKind>,
}

impl GossipWorld {
    /// A world at time zero with every initial member up and its timers armed.
    pub fn new(cfg: GossipConfig) -> Result<Self, ConfigError> {
        cfg.validate()?;
        let slots = cfg.slots();
        let net = Network::new(
            slots,
            cfg.net.clone(),
            cfg.seed,
            SimRng::fork(cfg.seed, NETWORK_STREAM),
        );
        let nodes = (0..slots)
            .map(|i| GossipNode::member(if i < cfg.nodes { cfg.nodes } else { 0 }))
            .collect();
        let rngs = NodeId::all(slots)
            .map(|id| SimRng::fork(cfg.seed, NODE_STREAM_BASE + u64::from(id.0)))
            .collect();
        let health = (0..slots)
            .map(|i| {
                if i < cfg.nodes {
                    Health::Up
                } else {
                    Health::Vacant
                }
            })
            .collect();
        let clock = RoundClock {
            origin: SimTime::ZERO,
            first: 0,
            period: cfg.spread.period,
        };
        let mut world = GossipWorld {
            now: SimTime::ZERO,
            queue: EventQueue::new(),
            net,
            nodes,
            rngs,
            health,
            active: cfg.nodes,
            live: cfg.nodes as u32,
            generation: 0,
            clock,
            rumors: RumorTable::default(),
            stats: Vec::new(),
            opinions: Opinions::new(cfg.nodes, slots),
            failures: Vec::new(),
            open_failures: BTreeMap::new(),
            false_positives: FalsePositives::default(),
            counters: Counters::default(),
            traffic: TrafficLog::default(),
            carrying: 0,
            trace: Trace::default(),
            cfg,
        };
        for id in NodeId::all(world.cfg.nodes) {
            world.opinions.viewer(&world.nodes[id.index()].view, 1);
            world.start_timers(id);
        }
        Ok(world)
    }

    /// The default world with `seed`: what starts when a configuration that
    /// should have been validated is not valid.
    pub fn fallback(seed: u64) -> Self {
        let cfg = GossipConfig {
            seed,
            ..GossipConfig::default()
        };
        match GossipWorld::new(cfg) {
            Ok(w) => w,
            Err(e) => unreachable!("the default gossip configuration is valid: {e}"),
        }
    }

    /// Roughly how many bytes a clone copies: every node's state, the queue
    /// and the messages in flight (rumor tables are shared).
    pub fn copied_bytes(&self) -> usize {
        use std::mem::size_of;
        self.nodes.len() * (size_of::<GossipNode>() + 64)
            + self.queue.len() * size_of::<crate::sim::Scheduled<Due>>()
            + self.net.in_flight().len() * size_of::<crate::sim::Envelope<Msg>>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_round_clock_counts_from_its_origin() {
        let c = RoundClock {
            origin: SimTime::ZERO,
            first: 0,
            period: SimDuration(100),
        };
        assert_eq!(c.round_at(SimTime(99)), 0);
        assert_eq!(c.round_at(SimTime(100)), 1);
        assert_eq!(c.next_tick(SimTime(100)), SimTime(200));
        assert_eq!(c.next_tick(SimTime(0)), SimTime(100));
        let later = RoundClock {
            origin: SimTime(250),
            first: 2,
            period: SimDuration(50),
        };
        assert_eq!(later.round_at(SimTime(320)), 3);
        assert_eq!(later.next_tick(SimTime(320)), SimTime(350));
    }

    #[test]
    fn phases_repeat_every_period() {
        assert_eq!(next_phase(SimTime(0), SimDuration(100), 30), SimTime(30));
        assert_eq!(next_phase(SimTime(30), SimDuration(100), 30), SimTime(130));
        assert_eq!(next_phase(SimTime(131), SimDuration(100), 30), SimTime(230));
    }

    #[test]
    fn invalid_configurations_are_refused_not_clamped() {
        let cfg = GossipConfig {
            nodes: 0,
            ..Default::default()
        };
        assert_eq!(GossipWorld::new(cfg).unwrap_err().field, "nodes");
    }
}
