//! What the gossip canvas shows, as plain data: for every node its rumor
//! state (shape and colour), whether it is up, and what the live nodes
//! together believe about it under SWIM; a sample of the messages in
//! flight, drawn along their links, with the honest count beside it;
//! recently lost messages; and the outline of each partition group.

use crate::protocols::gossip::{
    GossipWorld, Health, MemberState, Msg, MsgKind, RumorId, RumorState,
};
use crate::sim::{Envelope, SimDuration, SimTime};
use crate::view::geometry::Point;
use crate::view::palette::{CanvasColors, Rgb};

/// Messages drawn at most in one frame; beyond that an even sample is drawn.
pub const MAX_DRAWN_MESSAGES: usize = 400;
/// How long a node glows after learning the rumor on show, and a lost message shows.
pub const FLASH: SimDuration = SimDuration::from_millis(120);

/// One node as drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeLook {
    pub state: RumorState,
    /// It holds another value of the shown rumor's key (older, newer or concurrent).
    pub other: bool,
    pub up: bool,
    /// The gravest claim the live nodes hold about it (always alive with SWIM off).
    pub member: MemberState,
    /// It learned the rumor on show a moment ago.
    pub flash: bool,
}

/// Shapes by what a node knows, so it reads without colour too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeShape {
    Circle,
    Triangle,
    Square,
    Diamond,
}

/// What a node knows of the rumor on show, as drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Knows {
    Not,
    Spreading,
    Stopped,
    /// Holds another value of the same key.
    Other,
}

impl Knows {
    pub const ALL: [Knows; 4] = [Knows::Not, Knows::Spreading, Knows::Stopped, Knows::Other];

    pub fn of(look: &NodeLook) -> Knows {
        match (look.other, look.state) {
            (true, _) => Knows::Other,
            (_, RumorState::Susceptible) => Knows::Not,
            (_, RumorState::Spreading) => Knows::Spreading,
            (_, RumorState::Removed) => Knows::Stopped,
        }
    }

    pub fn shape(self) -> NodeShape {
        match self {
            Knows::Not => NodeShape::Circle,
            Knows::Spreading => NodeShape::Triangle,
            Knows::Stopped => NodeShape::Square,
            Knows::Other => NodeShape::Diamond,
        }
    }

    /// Orange spreading, blue stopped, purple another value (Okabe–Ito), grey not heard.
    pub fn color(self, colors: &CanvasColors) -> Rgb {
        match self {
            Knows::Not => colors.muted,
            Knows::Spreading => Rgb(230, 159, 0),
            Knows::Stopped => Rgb(0, 114, 178),
            Knows::Other => Rgb(120, 94, 240),
        }
    }
}

/// What a message is doing, which sets its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MsgClass {
    /// It carries rumors the receiver may learn.
    Rumor,
    /// A request or an answer without rumors (pull, feedback, anti-entropy digest).
    Ask,
    /// SWIM membership traffic.
    Swim,
}

pub fn class_of(kind: MsgKind) -> MsgClass {
    match kind {
        k if k.is_membership() => MsgClass::Swim,
        MsgKind::Pull | MsgKind::Sync | MsgKind::Feedback => MsgClass::Ask,
        _ => MsgClass::Rumor,
    }
}

/// A message in flight, placed along its link.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MsgSprite {
    pub from: Point,
    pub at: Point,
    pub class: MsgClass,
}

/// A message sent a moment ago, drawn as a fading line along its link.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flash {
    pub from: Point,
    pub to: Point,
    /// 0 just sent, 1 about to fade out.
    pub age: f64,
    pub class: MsgClass,
}

/// An axis-aligned box around one partition group.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GroupBox {
    pub min: Point,
    pub max: Point,
}

/// Everything drawn in one frame besides the node positions.
#[derive(Clone, Debug, PartialEq)]
pub struct GossipScene {
    pub nodes: Vec<NodeLook>,
    /// Messages sent in the last `window`: all, or an even sample of them.
    pub flashes: Vec<Flash>,
    /// How many messages were sent in the last `window` (as far as the log reaches).
    pub sent_recently: usize,
    pub window: SimDuration,
    pub messages: Vec<MsgSprite>,
    /// Where messages were lost in the last moment.
    pub drops: Vec<Point>,
    /// Messages in flight, all of them (`messages` may be a sample).
    pub in_flight: usize,
    /// Partition groups, when there is more than one.
    pub groups: Vec<GroupBox>,
}

fn looks(world: &GossipWorld, rumor: Option<RumorId>, fresh: &[bool]) -> Vec<NodeLook> {
    let swim = world.config().swim.enabled;
    let key = rumor.map(|r| world.rumor(r).key.clone());
    crate::sim::NodeId::all(world.node_count())
        .map(|id| NodeLook {
            state: rumor.map_or(RumorState::Susceptible, |r| world.rumor_state(id, r)),
            other: match (rumor, &key) {
                (Some(r), Some(k)) => world.value_at(id, k).is_some_and(|v| v.id != r),
                _ => false,
            },
            up: world.health(id) == Health::Up,
            member: if swim {
                world.opinion(id).worst()
            } else {
                MemberState::Alive
            },
            flash: fresh.get(id.index()).copied().unwrap_or(false),
        })
        .collect()
}

/// Nodes that learned `rumor` at or after `since`, from the lab's recent events.
pub fn fresh_nodes<'a>(
    n: usize,
    rumor: Option<RumorId>,
    since: SimTime,
    events: impl DoubleEndedIterator<Item = &'a crate::protocols::gossip::GossipEvent>,
) -> Vec<bool> {
    let mut fresh = vec![false; n];
    let Some(r) = rumor else { return fresh };
    for e in events.rev().take_while(|e| e.at >= since) {
        if let crate::protocols::gossip::EventKind::Infect { node, rumor, .. } = e.kind
            && rumor == r
            && node.index() < n
        {
            fresh[node.index()] = true;
        }
    }
    fresh
}

fn sprite(e: &Envelope<Msg>, now: SimTime, pos: &[Point]) -> Option<MsgSprite> {
    let (a, b) = (*pos.get(e.from.index())?, *pos.get(e.to.index())?);
    Some(MsgSprite {
        from: a,
        at: a.lerp(b, e.progress(now)),
        class: class_of(e.msg.kind()),
    })
}

/// How long a sent message stays drawn: about half a round, at least 40 ms.
pub fn flash_window(world: &GossipWorld) -> SimDuration {
    let half = world.config().spread.period.as_micros() / 2;
    SimDuration(half.clamp(40_000, 250_000))
}

/// How many messages were sent within the flash window before now (as far as the log reaches).
pub fn sent_recently(world: &GossipWorld) -> usize {
    let since = SimTime(world.now().0.saturating_sub(flash_window(world).0));
    world
        .recent_sends()
        .rev()
        .take_while(|s| s.at >= since)
        .count()
}

/// Messages sent at or after `now − window`, evenly sampled down to `max`.
fn flashes(
    world: &GossipWorld,
    pos: &[Point],
    window: SimDuration,
    max: usize,
) -> (Vec<Flash>, usize) {
    let now = world.now();
    let since = SimTime(now.0.saturating_sub(window.0));
    let recent: Vec<_> = world
        .recent_sends()
        .rev()
        .take_while(|s| s.at >= since)
        .collect();
    let stride = recent.len().div_ceil(max.max(1)).max(1);
    let span = window.0.max(1) as f64;
    let drawn = recent
        .iter()
        .step_by(stride)
        .filter_map(|s| {
            Some(Flash {
                from: *pos.get(s.from.index())?,
                to: *pos.get(s.to.index())?,
                age: now.since(s.at).0 as f64 / span,
                class: class_of(s.kind),
            })
        })
        .collect();
    (drawn, recent.len())
}

fn group_boxes(world: &GossipWorld, pos: &[Point], pad: f64) -> Vec<GroupBox> {
    let groups = world.network().groups();
    let n = pos.len().min(groups.len());
    let mut keys: Vec<u16> = Vec::new();
    let mut boxes: Vec<GroupBox> = Vec::new();
    for i in 0..n {
        let p = pos[i];
        match keys.iter().position(|&k| k == groups[i]) {
            Some(j) => {
                let b = &mut boxes[j];
                b.min = Point::new(b.min.x.min(p.x - pad), b.min.y.min(p.y - pad));
                b.max = Point::new(b.max.x.max(p.x + pad), b.max.y.max(p.y + pad));
            }
            None => {
                keys.push(groups[i]);
                boxes.push(GroupBox {
                    min: Point::new(p.x - pad, p.y - pad),
                    max: Point::new(p.x + pad, p.y + pad),
                });
            }
        }
    }
    if boxes.len() > 1 { boxes } else { Vec::new() }
}

/// The scene of `world` with nodes at `pos`, showing `rumor`.
pub fn build(
    world: &GossipWorld,
    pos: &[Point],
    radius: f64,
    rumor: Option<RumorId>,
    fresh: &[bool],
) -> GossipScene {
    let now = world.now();
    let messages = world
        .in_flight_sample(MAX_DRAWN_MESSAGES)
        .into_iter()
        .filter_map(|e| sprite(e, now, pos))
        .collect();
    let since = SimTime(now.0.saturating_sub(FLASH.0));
    let drops = world
        .network()
        .recent_drops()
        .rev()
        .take_while(|d| d.at >= since)
        .filter_map(|d| {
            let (a, b) = (
                pos.get(d.envelope.from.index())?,
                pos.get(d.envelope.to.index())?,
            );
            Some(a.lerp(*b, d.envelope.progress(d.at).max(0.5)))
        })
        .collect();
    let window = flash_window(world);
    let (flashes, sent_recently) = flashes(world, pos, window, MAX_DRAWN_MESSAGES);
    GossipScene {
        nodes: looks(world, rumor, fresh),
        flashes,
        sent_recently,
        window,
        messages,
        drops,
        in_flight: world.network().in_flight().len(),
        groups: group_boxes(world, pos, radius * 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::{NetAction, NodeRef};
    use crate::protocols::gossip::layout::{Layout, positions};
    use crate::protocols::gossip::{Action, GossipConfig, SwimConfig};
    use crate::sim::{NodeId, Run};
    use crate::view::geometry::Stage;

    fn world(nodes: usize, swim: bool) -> Run<GossipWorld> {
        let cfg = GossipConfig {
            nodes,
            swim: SwimConfig {
                enabled: swim,
                ..SwimConfig::default()
            },
            ..GossipConfig::default()
        };
        Run::new(GossipWorld::new(cfg).unwrap(), Vec::new())
    }

    fn at(w: &GossipWorld) -> Vec<Point> {
        let stage = Stage {
            width: 800.0,
            height: 600.0,
            text: 1.0,
        };
        positions(Layout::Grid, w.node_count(), &stage, w.network().groups())
    }

    #[test]
    fn nodes_show_their_rumor_state_and_membership() {
        let mut w = world(20, true);
        w.act(Action::StartRumor {
            node: NodeId(3),
            key: "x".into(),
            value: "1".into(),
        });
        w.act(Action::from(NetAction::Crash(NodeRef::Id(NodeId(7)))));
        w.run_until(SimTime::from_millis(12_000));
        let s = build(w.world(), &at(w.world()), 5.0, Some(RumorId(1)), &[]);
        assert_eq!(s.nodes[2].state, RumorState::Spreading);
        assert_eq!(Knows::of(&s.nodes[2]).shape(), NodeShape::Triangle);
        assert!(!s.nodes[6].up);
        assert_eq!(s.nodes[6].member, MemberState::Dead);
        assert_eq!(s.nodes[0].member, MemberState::Alive);
    }

    #[test]
    fn a_busy_network_is_sampled_and_the_total_is_kept() {
        let mut w = world(2000, false);
        w.act(Action::StartRumor {
            node: NodeId(1),
            key: "x".into(),
            value: "1".into(),
        });
        let mut most = 0;
        for ms in (0..3_000).step_by(10) {
            w.run_until(SimTime::from_millis(ms));
            let s = build(w.world(), &at(w.world()), 3.0, Some(RumorId(1)), &[]);
            assert!(s.messages.len() <= MAX_DRAWN_MESSAGES);
            assert!(s.messages.len() <= s.in_flight);
            assert!(s.flashes.len() <= MAX_DRAWN_MESSAGES);
            assert!(s.flashes.len() <= s.sent_recently);
            assert!(s.flashes.iter().all(|f| (0.0..=1.0).contains(&f.age)));
            most = most.max(s.sent_recently);
        }
        assert!(most > MAX_DRAWN_MESSAGES, "the sample was needed: {most}");
    }

    #[test]
    fn nodes_holding_another_value_of_the_key_are_marked() {
        let mut w = world(6, false);
        w.act(Action::from(NetAction::Partition(vec![
            NodeId::all(3).collect(),
        ])));
        for (node, value) in [(1, "left"), (4, "right")] {
            w.act(Action::StartRumor {
                node: NodeId(node),
                key: "x".into(),
                value: value.into(),
            });
        }
        w.run_until(SimTime::from_millis(3_000));
        let s = build(w.world(), &at(w.world()), 5.0, Some(RumorId(2)), &[]);
        let kinds: Vec<Knows> = s.nodes.iter().map(Knows::of).collect();
        assert_eq!(
            kinds[..3],
            [Knows::Other; 3],
            "the left side holds x = left"
        );
        assert!(kinds[3..].iter().all(|k| *k == Knows::Spreading));
    }

    #[test]
    fn partition_groups_get_boxes_and_fresh_nodes_glow() {
        let mut w = world(10, false);
        w.act(Action::from(NetAction::Partition(vec![
            NodeId::all(5).collect(),
        ])));
        w.act(Action::StartRumor {
            node: NodeId(1),
            key: "x".into(),
            value: "1".into(),
        });
        w.run_until(SimTime::from_millis(600));
        assert_eq!(
            build(w.world(), &at(w.world()), 5.0, None, &[])
                .groups
                .len(),
            2
        );
        let events: Vec<_> = w.trace().to_vec();
        let fresh = fresh_nodes(10, Some(RumorId(1)), SimTime::ZERO, events.iter());
        assert!(fresh.iter().any(|&f| f));
        assert!(
            fresh[5..].iter().all(|&f| !f),
            "no one across the partition learned it"
        );
    }
}
