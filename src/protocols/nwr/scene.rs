//! What the Quorum NWR canvas shows at one moment, as plain data (the
//! drawing code only paints it): the servers on the hash ring in token
//! order, each with its value and version of the key on show; the key's
//! place on the ring and its preference list; the requests coordinators are
//! working on, with how many answers they have and which servers they still
//! wait for; the messages in flight along their links with the version they
//! carry, and those lost a moment ago fading out; and partition islands.

use super::coordinator::Stage;
use super::{Health, MsgKind, NwrWorld, Stored, Version};
use crate::sim::{DropReason, MsgId, NodeId, SimDuration, SimTime};
use crate::view::geometry::{Layout, Point, Stage as StageSize, layout, message_position};
use std::sync::Arc;

/// One server as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerSprite {
    pub id: NodeId,
    pub pos: Point,
    pub health: Health,
    /// Its value and version of the key on show.
    pub stored: Option<Stored>,
    /// Its place in the key's preference list (0: first replica), if it is a replica.
    pub replica: Option<usize>,
    /// It holds the newest version any server holds of the key on show.
    pub newest: bool,
    /// A request on the key on show still waits for its answer.
    pub awaited: bool,
    /// Hints it keeps for replicas that did not answer (any key).
    pub hints: usize,
    /// Requests it coordinates now.
    pub coordinating: usize,
}

/// Where the key on show sits on the ring, and who holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyMark {
    pub key: Arc<str>,
    pub pos: Point,
    /// The preference list, first replica first.
    pub replicas: Vec<NodeId>,
}

/// What a request is doing now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Asking replicas for their version (a read, or a two-phase write's first phase).
    Query,
    /// Writing a version to replicas.
    Write,
    /// A read writing the newest version back before it answers.
    Repair,
    /// An answered read repairing late replies in the background.
    Background,
}

/// A request in progress at a coordinator.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestView {
    pub coordinator: NodeId,
    /// `put` or `get`.
    pub op: &'static str,
    pub key: Arc<str>,
    pub phase: Phase,
    /// Answers so far, and how many the phase needs (W or R).
    pub got: usize,
    pub need: usize,
    /// The servers it still waits for (replicas, or stand-ins in their place).
    pub waiting_for: Vec<NodeId>,
    /// How long it has been going.
    pub age: SimDuration,
}

impl RequestView {
    /// The share of the needed answers in, from 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.need == 0 {
            1.0
        } else {
            (self.got as f64 / self.need as f64).min(1.0)
        }
    }
}

/// A message in flight, or lost a moment ago.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageSprite {
    pub id: MsgId,
    pub kind: MsgKind,
    pub from: NodeId,
    pub to: NodeId,
    pub pos: Point,
    /// An answer (drawn hollow) rather than a request.
    pub reply: bool,
    pub key: Arc<str>,
    pub version: Option<Version>,
    /// How far along its link, from 0 to 1.
    pub progress: f64,
    /// 1 in flight, fading towards 0 after a loss.
    pub alpha: f64,
    pub dropped: Option<DropReason>,
}

/// Everything the canvas shows at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct NwrScene {
    pub now: SimTime,
    pub radius: f64,
    pub servers: Vec<ServerSprite>,
    pub key: Option<KeyMark>,
    pub requests: Vec<RequestView>,
    pub messages: Vec<MessageSprite>,
    /// Partition groups, when there is more than one: members of each.
    pub islands: Vec<Vec<NodeId>>,
}

/// The key shown when none is picked: the latest a client used, else the
/// first any server stores.
pub fn default_key(world: &NwrWorld) -> Option<Arc<str>> {
    world.clients().last_key().cloned().or_else(|| {
        world
            .nodes()
            .iter()
            .filter_map(|n| n.store().next().map(|(k, _)| k.clone()))
            .min()
    })
}

/// A point on the ring between `a` and `b` (clockwise), `t` of the way.
fn on_ring(center: Point, a: Point, b: Point, t: f64) -> Point {
    let angle = |p: Point| (p.y - center.y).atan2(p.x - center.x);
    let (a0, mut a1) = (angle(a), angle(b));
    if a1 <= a0 {
        a1 += std::f64::consts::TAU;
    }
    let r = |p: Point| p.dist(center);
    let (th, rad) = (a0 + (a1 - a0) * t, r(a) + (r(b) - r(a)) * t);
    Point::new(center.x + rad * th.cos(), center.y + rad * th.sin())
}

fn request_view(world: &NwrWorld, coordinator: NodeId, req: &super::Request) -> RequestView {
    let phase = match &req.stage {
        Stage::Query { .. } => Phase::Query,
        Stage::Write {
            kind: super::WriteKind::Put,
            ..
        } => Phase::Write,
        Stage::Write { .. } => Phase::Repair,
        Stage::Linger { .. } | Stage::Done => Phase::Background,
    };
    let open = req.is_open();
    RequestView {
        coordinator,
        op: req.op.name(),
        key: req.key.clone(),
        phase,
        got: if open { req.answered().len() } else { req.need },
        need: req.need,
        waiting_for: req.waiting_for(),
        age: world.now().since(req.started),
    }
}

/// How long a lost message stays visible: twice the network's longest latency.
fn fade_span(world: &NwrWorld) -> SimDuration {
    let lat = world.network().config().latency.max.as_micros().max(1000);
    SimDuration(lat * 2)
}

/// Builds the scene of `world` on `stage`, showing `key` (else [`default_key`]).
pub fn build_scene(world: &NwrWorld, stage: &StageSize, key: Option<&str>) -> NwrScene {
    let n = world.setup().nodes;
    let now = world.now();
    let groups = world.network().groups();
    let Layout { positions, radius } = layout(n, stage, groups);
    let key: Option<Arc<str>> = key.map(Arc::from).or_else(|| default_key(world));
    let replicas = key
        .as_deref()
        .map(|k| world.replicas(k))
        .unwrap_or_default();
    let requests: Vec<RequestView> = world
        .nodes()
        .iter()
        .filter(|s| world.health(s.id()) != Health::Down)
        .flat_map(|s| s.requests().map(move |r| (s.id(), r)))
        .map(|(id, r)| request_view(world, id, r))
        .collect();
    let awaited: Vec<NodeId> = requests
        .iter()
        .filter(|r| Some(&r.key) == key.as_ref())
        .flat_map(|r| r.waiting_for.iter().copied())
        .collect();
    let stored = |id: NodeId| {
        key.as_deref()
            .and_then(|k| world.node(id).stored(k))
            .cloned()
    };
    let newest = NodeId::all(n)
        .filter_map(|id| stored(id).map(|s| s.version))
        .max();
    let servers = NodeId::all(n)
        .map(|id| {
            let s = stored(id);
            ServerSprite {
                id,
                pos: positions[id.index()],
                health: world.health(id),
                newest: s.as_ref().is_some_and(|s| Some(s.version) == newest),
                stored: s,
                replica: replicas.iter().position(|&r| r == id),
                awaited: awaited.contains(&id),
                hints: world.node(id).hints().count(),
                coordinating: requests.iter().filter(|r| r.coordinator == id).count(),
            }
        })
        .collect();
    let mark = key.as_ref().map(|k| {
        let ring = world.ring();
        let (before, first) = (
            ring.predecessor(k),
            replicas.first().copied().unwrap_or(NodeId(1)),
        );
        let center = stage.center();
        let pos = if n == 1 {
            Point::new(positions[0].x, positions[0].y - radius * 2.0)
        } else {
            on_ring(
                center,
                positions[before.index()],
                positions[first.index()],
                ring.fraction(k),
            )
        };
        KeyMark {
            key: k.clone(),
            pos,
            replicas: replicas.clone(),
        }
    });
    let lane = (radius * 0.22).max(3.0);
    let sprite = |e: &crate::sim::Envelope<super::Msg>, progress: f64| {
        let kind = e.msg.kind();
        let (a, b) = (positions[e.from.index()], positions[e.to.index()]);
        MessageSprite {
            id: e.id,
            kind,
            from: e.from,
            to: e.to,
            pos: message_position(a, b, progress, lane),
            reply: kind.is_reply(),
            key: e.msg.key().clone(),
            version: e.msg.version(),
            progress,
            alpha: 1.0,
            dropped: None,
        }
    };
    let mut messages: Vec<MessageSprite> = world
        .network()
        .in_flight()
        .map(|e| sprite(e, e.progress(now)))
        .collect();
    let fade = fade_span(world);
    for d in world.network().recent_drops() {
        let age = now.since(d.at);
        if d.at > now || age >= fade {
            continue;
        }
        // Lost and blocked messages vanish halfway; others where they were.
        let progress = match d.reason {
            DropReason::Loss | DropReason::Partition | DropReason::Cut => 0.5,
            DropReason::NodeDown | DropReason::User => d.envelope.progress(d.at),
        };
        let mut s = sprite(&d.envelope, progress);
        s.alpha = 1.0 - age.as_micros() as f64 / fade.as_micros() as f64;
        s.dropped = Some(d.reason);
        messages.push(s);
    }
    let mut islands = Vec::new();
    if world.network().is_partitioned() {
        let mut keys: Vec<u16> = groups.to_vec();
        keys.sort_unstable();
        keys.dedup();
        for g in keys {
            islands.push(
                NodeId::all(n)
                    .filter(|id| groups[id.index()] == g)
                    .collect(),
            );
        }
    }
    NwrScene {
        now,
        radius,
        servers,
        key: mark,
        requests,
        messages,
        islands,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::nwr::{Action, NwrSetup};
    use crate::sim::{NetConfig, Run, World};

    const STAGE: StageSize = StageSize {
        width: 800.0,
        height: 600.0,
        text: 1.0,
    };

    fn world() -> Run<NwrWorld> {
        let setup = NwrSetup {
            net: NetConfig {
                jitter: SimDuration::ZERO,
                ..NetConfig::default()
            },
            ..NwrSetup::default()
        };
        Run::new(NwrWorld::new(setup), Vec::new())
    }

    #[test]
    fn a_write_in_flight_shows_its_replicas_progress_and_messages() {
        let mut run = world();
        run.act(Action::Put {
            node: Some(NodeId(1)),
            key: "x".into(),
            value: "1".into(),
        });
        // The client's request has reached S1, which sent Put to the replicas.
        run.run_until(SimTime::from_millis(6));
        let scene = build_scene(run.world(), &STAGE, None);
        let mark = scene.key.as_ref().expect("the key on show");
        assert_eq!(&*mark.key, "x");
        assert_eq!(mark.replicas, run.world().replicas("x"));
        let replicas: Vec<NodeId> = scene
            .servers
            .iter()
            .filter(|s| s.replica.is_some())
            .map(|s| s.id)
            .collect();
        assert_eq!(replicas.len(), 3);
        let req = &scene.requests[0];
        assert_eq!(
            (req.coordinator, req.op, req.phase),
            (NodeId(1), "put", Phase::Write)
        );
        assert_eq!(req.need, 2);
        assert_eq!(
            req.got + req.waiting_for.len(),
            3,
            "answered or awaited: every replica"
        );
        for id in &req.waiting_for {
            assert!(scene.servers[id.index()].awaited);
        }
        let puts: Vec<&MessageSprite> = scene
            .messages
            .iter()
            .filter(|m| m.kind == MsgKind::Put)
            .collect();
        assert!(!puts.is_empty());
        for m in puts {
            assert!(!m.reply && m.progress > 0.0 && m.progress < 1.0);
            assert_eq!(m.version, Some(Version::new(1, NodeId(1))));
        }
    }

    #[test]
    fn once_written_the_replicas_show_the_newest_value() {
        let mut run = world();
        run.act(Action::Put {
            node: None,
            key: "x".into(),
            value: "1".into(),
        });
        run.run_until(SimTime::from_millis(1000));
        let scene = build_scene(run.world(), &STAGE, Some("x"));
        assert!(scene.requests.is_empty());
        for s in &scene.servers {
            assert_eq!(s.replica.is_some(), s.newest, "{:?}", s.id);
            assert_eq!(s.stored.is_some(), s.replica.is_some());
        }
        assert!(scene.messages.iter().all(|m| m.dropped.is_none()));
        let center = STAGE.center();
        let mark = scene.key.unwrap();
        let ring = scene.servers[0].pos.dist(center);
        assert!(
            (mark.pos.dist(center) - ring).abs() < ring * 0.5,
            "on the ring"
        );
    }

    #[test]
    fn a_partition_shows_islands_and_lost_messages_fade() {
        let mut run = world();
        run.act(crate::net::NetAction::Isolate(crate::net::NodeRef::Id(NodeId(2))).into());
        run.act(Action::Get {
            node: Some(NodeId(2)),
            key: "x".into(),
        });
        run.run_until(SimTime::from_millis(6));
        let scene = build_scene(run.world(), &STAGE, None);
        assert_eq!(scene.islands.len(), 2);
        assert!(
            scene
                .messages
                .iter()
                .any(|m| m.dropped == Some(DropReason::Partition) && m.alpha > 0.0)
        );
        assert!(run.world().events() > 0);
    }
}
