//! The simulated network: every message in flight is kept here, inspectable,
//! with its send and delivery time. Faults are explicit state: a loss and a
//! duplication probability, a partition into groups, one-way cut links, and a
//! slowdown factor per node. The network draws from its own random stream.

use super::rng::{SimRng, hashed_range};
use super::{MsgId, NodeId, SimDuration, SimTime};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Uniform latency bounds of a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LatencyRange {
    pub min: SimDuration,
    pub max: SimDuration,
}

impl LatencyRange {
    pub const fn millis(min: u64, max: u64) -> Self {
        LatencyRange {
            min: SimDuration::from_millis(min),
            max: SimDuration::from_millis(max),
        }
    }
}

/// Knobs of the whole network. Each directed link gets a fixed base latency
/// drawn uniformly from `latency` (its "distance"); each message then adds a
/// uniform extra delay in `0..=jitter`, so with zero jitter a link is FIFO.
#[derive(Clone, Debug, PartialEq)]
pub struct NetConfig {
    pub latency: LatencyRange,
    pub jitter: SimDuration,
    /// Probability that a message is lost.
    pub loss: f64,
    /// Probability that a message is delivered twice.
    pub duplicate: f64,
}

impl Default for NetConfig {
    fn default() -> Self {
        NetConfig {
            latency: LatencyRange::millis(10, 30),
            jitter: SimDuration::from_millis(5),
            loss: 0.0,
            duplicate: 0.0,
        }
    }
}

/// Network settings outside what the network can run with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetConfigError {
    /// The offending setting, as a dotted path (`net.loss`).
    pub field: &'static str,
    pub message: String,
}

impl std::fmt::Display for NetConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl NetConfig {
    /// Checks that the probabilities lie in 0..=1 and the latency bounds are ordered.
    pub fn validate(&self) -> Result<(), NetConfigError> {
        for (field, p) in [("net.loss", self.loss), ("net.duplicate", self.duplicate)] {
            if !(p.is_finite() && (0.0..=1.0).contains(&p)) {
                return Err(NetConfigError {
                    field,
                    message: format!("must be a probability between 0 and 1, got {p}"),
                });
            }
        }
        if self.latency.min > self.latency.max {
            return Err(NetConfigError {
                field: "net.latency",
                message: format!(
                    "minimum {} must not exceed maximum {}",
                    self.latency.min, self.latency.max
                ),
            });
        }
        Ok(())
    }
}

/// A message travelling from one node to another.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope<M> {
    pub id: MsgId,
    pub from: NodeId,
    pub to: NodeId,
    pub sent_at: SimTime,
    pub deliver_at: SimTime,
    /// The message this one duplicates, if the network copied it.
    pub copy_of: Option<MsgId>,
    pub msg: M,
}

impl<M> Envelope<M> {
    /// How far along its link the message is at `now`, from 0 to 1.
    pub fn progress(&self, now: SimTime) -> f64 {
        let span = self.deliver_at.since(self.sent_at).as_micros();
        if span == 0 {
            return 1.0;
        }
        (now.since(self.sent_at).as_micros() as f64 / span as f64).clamp(0.0, 1.0)
    }
}

/// Why a message never arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// Random loss on the link.
    Loss,
    /// The two ends are in different partition groups.
    Partition,
    /// The directed link is cut.
    Cut,
    /// The receiver is down.
    NodeDown,
    /// Dropped by hand.
    User,
}

/// A message the network lost, kept briefly so a view can show it fading.
#[derive(Clone, Debug, PartialEq)]
pub struct Dropped<M> {
    pub envelope: Envelope<M>,
    pub at: SimTime,
    pub reason: DropReason,
}

/// What became of a send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendOutcome {
    /// In flight; to be delivered at `at`, and a copy at `copy.1` if duplicated.
    Sent {
        id: MsgId,
        at: SimTime,
        copy: Option<(MsgId, SimTime)>,
    },
    /// Lost at once; the network recorded it among the recent drops.
    Dropped(MsgId, DropReason),
}

/// State of a directed link, as a view draws it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkState {
    Open,
    Cut,
    Partitioned,
}

/// How many dropped messages the network remembers for display.
const RECENT_DROPS: usize = 128;

/// The network between `n` nodes.
#[derive(Clone, Debug)]
pub struct Network<M> {
    config: NetConfig,
    links: BTreeMap<(NodeId, NodeId), LatencyRange>,
    group: Vec<u16>,
    cuts: BTreeSet<(NodeId, NodeId)>,
    slowdown: Vec<u16>,
    in_flight: BTreeMap<MsgId, Envelope<M>>,
    recent_drops: VecDeque<Dropped<M>>,
    next_id: u64,
    seed: u64,
    rng: SimRng,
}

impl<M: Clone> Network<M> {
    /// A healed network of `n` nodes drawing from `rng`; `seed` fixes each link's base latency.
    pub fn new(n: usize, config: NetConfig, seed: u64, rng: SimRng) -> Self {
        Network {
            config,
            links: BTreeMap::new(),
            group: vec![0; n],
            cuts: BTreeSet::new(),
            slowdown: vec![1; n],
            in_flight: BTreeMap::new(),
            recent_drops: VecDeque::new(),
            next_id: 0,
            seed,
            rng,
        }
    }

    pub fn config(&self) -> &NetConfig {
        &self.config
    }

    pub fn set_config(&mut self, config: NetConfig) {
        self.config = config;
    }

    /// Overrides the latency range of the directed link `from → to`.
    pub fn set_link_latency(&mut self, from: NodeId, to: NodeId, range: LatencyRange) {
        self.links.insert((from, to), range);
    }

    /// Latency range of `from → to`: its override, else the network's.
    pub fn link_latency(&self, from: NodeId, to: NodeId) -> LatencyRange {
        self.links
            .get(&(from, to))
            .copied()
            .unwrap_or(self.config.latency)
    }

    /// The fixed base latency of `from → to` (before jitter and slowdown).
    pub fn base_latency(&self, from: NodeId, to: NodeId) -> SimDuration {
        let r = self.link_latency(from, to);
        SimDuration(hashed_range(
            self.seed,
            u64::from(from.0),
            u64::from(to.0),
            r.min.as_micros(),
            r.max.as_micros(),
        ))
    }

    pub fn node_count(&self) -> usize {
        self.group.len()
    }

    /// Whether `from → to` currently carries messages.
    pub fn link_state(&self, from: NodeId, to: NodeId) -> LinkState {
        if self.group[from.index()] != self.group[to.index()] {
            LinkState::Partitioned
        } else if self.cuts.contains(&(from, to)) {
            LinkState::Cut
        } else {
            LinkState::Open
        }
    }

    /// Partition group of each node (all equal when healed).
    pub fn groups(&self) -> &[u16] {
        &self.group
    }

    pub fn is_partitioned(&self) -> bool {
        self.group.iter().any(|&g| g != self.group[0])
    }

    /// Cut one-way links, in order.
    pub fn cuts(&self) -> impl Iterator<Item = (NodeId, NodeId)> + '_ {
        self.cuts.iter().copied()
    }

    /// Splits the nodes into `groups`; nodes named in no group form one more group.
    /// Callers validate that no node is named twice.
    pub fn partition(&mut self, groups: &[Vec<NodeId>]) {
        let rest = groups.len() as u16 + 1;
        self.group.iter_mut().for_each(|g| *g = rest);
        for (i, members) in groups.iter().enumerate() {
            for node in members {
                self.group[node.index()] = i as u16 + 1;
            }
        }
    }

    /// Cuts the directed link `from → to` (the reverse direction stays open).
    pub fn cut(&mut self, from: NodeId, to: NodeId) {
        self.cuts.insert((from, to));
    }

    /// Reopens the directed link `from → to`.
    pub fn uncut(&mut self, from: NodeId, to: NodeId) {
        self.cuts.remove(&(from, to));
    }

    /// Removes every partition and cut.
    pub fn heal(&mut self) {
        self.group.iter_mut().for_each(|g| *g = 0);
        self.cuts.clear();
    }

    /// Makes every message to or from `node` take `factor` times as long.
    pub fn set_slowdown(&mut self, node: NodeId, factor: u16) {
        self.slowdown[node.index()] = factor.max(1);
    }

    pub fn slowdown(&self, node: NodeId) -> u16 {
        self.slowdown[node.index()]
    }

    fn latency_draw(&mut self, from: NodeId, to: NodeId) -> SimDuration {
        let base = self.base_latency(from, to).as_micros();
        let jitter = self.rng.range_inclusive(0, self.config.jitter.as_micros());
        let factor = self.slowdown[from.index()].max(self.slowdown[to.index()]);
        SimDuration((base + jitter).saturating_mul(u64::from(factor)))
    }

    fn fresh_id(&mut self) -> MsgId {
        let id = MsgId(self.next_id);
        self.next_id += 1;
        id
    }

    fn record_drop(&mut self, envelope: Envelope<M>, at: SimTime, reason: DropReason) {
        if self.recent_drops.len() == RECENT_DROPS {
            self.recent_drops.pop_front();
        }
        self.recent_drops.push_back(Dropped {
            envelope,
            at,
            reason,
        });
    }

    fn blocked(&self, from: NodeId, to: NodeId) -> Option<DropReason> {
        match self.link_state(from, to) {
            LinkState::Open => None,
            LinkState::Cut => Some(DropReason::Cut),
            LinkState::Partitioned => Some(DropReason::Partition),
        }
    }

    /// Hands `msg` to the network at `now`. Blocked links and random loss drop it at
    /// once (it is still given an id and remembered among the recent drops).
    pub fn send(&mut self, now: SimTime, from: NodeId, to: NodeId, msg: M) -> SendOutcome {
        let id = self.fresh_id();
        let latency = self.latency_draw(from, to);
        let envelope = Envelope {
            id,
            from,
            to,
            sent_at: now,
            deliver_at: now + latency,
            copy_of: None,
            msg,
        };
        let reason = match self.blocked(from, to) {
            Some(r) => Some(r),
            None if self.rng.chance(self.config.loss) => Some(DropReason::Loss),
            None => None,
        };
        if let Some(reason) = reason {
            self.record_drop(envelope, now, reason);
            return SendOutcome::Dropped(id, reason);
        }
        let copy = if self.rng.chance(self.config.duplicate) {
            self.copy_of(&envelope, now)
        } else {
            None
        };
        let at = envelope.deliver_at;
        self.in_flight.insert(id, envelope);
        SendOutcome::Sent { id, at, copy }
    }

    fn copy_of(&mut self, original: &Envelope<M>, now: SimTime) -> Option<(MsgId, SimTime)> {
        let id = self.fresh_id();
        let latency = self.latency_draw(original.from, original.to);
        let copy = Envelope {
            id,
            sent_at: now,
            deliver_at: now + latency,
            copy_of: Some(original.id),
            ..original.clone()
        };
        let at = copy.deliver_at;
        self.in_flight.insert(id, copy);
        Some((id, at))
    }

    /// Takes message `id` out of flight for delivery at `now`. Returns `Err` with the
    /// drop reason if the link was cut while it travelled (the drop is recorded),
    /// and `Ok(None)` if the message is no longer in flight or is not yet due.
    pub fn take_due(
        &mut self,
        id: MsgId,
        now: SimTime,
    ) -> Result<Option<Envelope<M>>, (Envelope<M>, DropReason)> {
        match self.in_flight.get(&id) {
            Some(e) if e.deliver_at == now => {}
            _ => return Ok(None),
        }
        let envelope = self.in_flight.remove(&id).expect("checked above");
        match self.blocked(envelope.from, envelope.to) {
            None => Ok(Some(envelope)),
            Some(reason) => {
                self.record_drop(envelope.clone(), now, reason);
                Err((envelope, reason))
            }
        }
    }

    /// Removes message `id` from flight for `reason`.
    pub fn drop_message(
        &mut self,
        id: MsgId,
        now: SimTime,
        reason: DropReason,
    ) -> Option<Envelope<M>> {
        let envelope = self.in_flight.remove(&id)?;
        self.record_drop(envelope.clone(), now, reason);
        Some(envelope)
    }

    /// Drops every message in flight to `node` (it crashed); returns them in id order.
    pub fn drop_all_to(&mut self, node: NodeId, now: SimTime) -> Vec<Envelope<M>> {
        let ids: Vec<MsgId> = self
            .in_flight
            .values()
            .filter(|e| e.to == node)
            .map(|e| e.id)
            .collect();
        ids.into_iter()
            .filter_map(|id| self.drop_message(id, now, DropReason::NodeDown))
            .collect()
    }

    /// Puts a second copy of message `id` on the wire, with a fresh latency from `now`.
    pub fn duplicate_message(&mut self, id: MsgId, now: SimTime) -> Option<(MsgId, SimTime)> {
        let original = self.in_flight.get(&id)?.clone();
        self.copy_of(&original, now)
    }

    /// Moves the delivery of message `id` to `now`; the caller schedules the delivery.
    pub fn hasten(&mut self, id: MsgId, now: SimTime) -> Option<SimTime> {
        let e = self.in_flight.get_mut(&id)?;
        e.deliver_at = now.max(e.sent_at);
        Some(e.deliver_at)
    }

    /// Messages in flight, in id (send) order.
    pub fn in_flight(&self) -> impl ExactSizeIterator<Item = &Envelope<M>> + '_ {
        self.in_flight.values()
    }

    pub fn get(&self, id: MsgId) -> Option<&Envelope<M>> {
        self.in_flight.get(&id)
    }

    /// The most recently dropped messages, oldest first.
    pub fn recent_drops(&self) -> impl DoubleEndedIterator<Item = &Dropped<M>> + '_ {
        self.recent_drops.iter()
    }

    /// Number of ids handed out so far (sends plus copies).
    pub fn messages_created(&self) -> u64 {
        self.next_id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(config: NetConfig) -> Network<&'static str> {
        Network::new(3, config, 1, SimRng::fork(1, 99))
    }

    fn quiet() -> NetConfig {
        NetConfig {
            jitter: SimDuration::ZERO,
            ..NetConfig::default()
        }
    }

    #[test]
    fn a_sent_message_is_in_flight_until_due() {
        let mut n = net(quiet());
        let SendOutcome::Sent { id, at, copy: None } =
            n.send(SimTime(0), NodeId(1), NodeId(2), "hi")
        else {
            panic!("expected a plain send");
        };
        assert!(at >= SimTime::from_millis(10) && at <= SimTime::from_millis(30));
        assert_eq!(n.in_flight().len(), 1);
        assert_eq!(n.take_due(id, SimTime(1)), Ok(None), "not due yet");
        let e = n.take_due(id, at).unwrap().unwrap();
        assert_eq!((e.from, e.to, e.msg), (NodeId(1), NodeId(2), "hi"));
        assert_eq!(n.in_flight().len(), 0);
    }

    #[test]
    fn without_jitter_a_link_has_one_latency() {
        let mut n = net(quiet());
        let mut times = BTreeSet::new();
        for t in 0..20 {
            if let SendOutcome::Sent { at, .. } = n.send(SimTime(t), NodeId(1), NodeId(3), "x") {
                times.insert(at.since(SimTime(t)));
            }
        }
        assert_eq!(times.len(), 1);
    }

    #[test]
    fn one_way_cut_blocks_only_its_direction() {
        let mut n = net(quiet());
        n.cut(NodeId(1), NodeId(2));
        assert_eq!(n.link_state(NodeId(1), NodeId(2)), LinkState::Cut);
        assert_eq!(n.link_state(NodeId(2), NodeId(1)), LinkState::Open);
        assert!(matches!(
            n.send(SimTime(0), NodeId(1), NodeId(2), "x"),
            SendOutcome::Dropped(_, DropReason::Cut)
        ));
        assert!(matches!(
            n.send(SimTime(0), NodeId(2), NodeId(1), "x"),
            SendOutcome::Sent { .. }
        ));
        assert_eq!(n.recent_drops().count(), 1);
    }

    #[test]
    fn partition_drops_messages_already_in_flight_at_delivery() {
        let mut n = net(quiet());
        let SendOutcome::Sent { id, at, .. } = n.send(SimTime(0), NodeId(1), NodeId(3), "x") else {
            panic!()
        };
        n.partition(&[vec![NodeId(1), NodeId(2)]]);
        assert_eq!(n.groups(), &[1, 1, 2]);
        assert!(matches!(
            n.take_due(id, at),
            Err((_, DropReason::Partition))
        ));
        n.heal();
        assert!(!n.is_partitioned());
    }

    #[test]
    fn certain_loss_and_duplication() {
        let mut lossy = net(NetConfig {
            loss: 1.0,
            ..quiet()
        });
        assert!(matches!(
            lossy.send(SimTime(0), NodeId(1), NodeId(2), "x"),
            SendOutcome::Dropped(_, DropReason::Loss)
        ));
        let mut dup = net(NetConfig {
            duplicate: 1.0,
            ..quiet()
        });
        let SendOutcome::Sent {
            copy: Some((copy, _)),
            id,
            ..
        } = dup.send(SimTime(0), NodeId(1), NodeId(2), "x")
        else {
            panic!("expected a copy")
        };
        assert_eq!(dup.get(copy).unwrap().copy_of, Some(id));
        assert_eq!(dup.in_flight().len(), 2);
    }

    #[test]
    fn user_can_drop_duplicate_and_hasten() {
        let mut n = net(quiet());
        let SendOutcome::Sent { id, .. } = n.send(SimTime(0), NodeId(1), NodeId(2), "x") else {
            panic!()
        };
        assert!(n.duplicate_message(id, SimTime(2)).is_some());
        assert_eq!(n.hasten(id, SimTime(3)), Some(SimTime(3)));
        assert_eq!(n.take_due(id, SimTime(3)).unwrap().unwrap().msg, "x");
        assert_eq!(n.drop_all_to(NodeId(2), SimTime(4)).len(), 1);
        assert_eq!(n.in_flight().len(), 0);
        assert_eq!(
            n.recent_drops().last().unwrap().reason,
            DropReason::NodeDown
        );
    }

    #[test]
    fn slow_nodes_stretch_latency() {
        let mut n = net(quiet());
        let SendOutcome::Sent { at: fast, .. } = n.send(SimTime(0), NodeId(1), NodeId(2), "x")
        else {
            panic!()
        };
        n.set_slowdown(NodeId(2), 10);
        let SendOutcome::Sent { at: slow, .. } = n.send(SimTime(0), NodeId(1), NodeId(2), "x")
        else {
            panic!()
        };
        assert_eq!(slow.as_micros(), fast.as_micros() * 10);
    }
}
