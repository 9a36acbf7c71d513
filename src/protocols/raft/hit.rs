//! What lies under the pointer on the Raft canvas, and where an overlay
//! about a selected thing sits: pure functions over a [`Scene`], so the
//! canvas component only forwards pointer positions.
//!
//! Priority, topmost first as drawn: a server, a client or the cell counting
//! the clients not drawn, a client's request or reply, a message (one being
//! dropped too, while it fades), and last a link.

use crate::app::Selection;
use crate::protocols::raft::ClientId;
use crate::protocols::raft::scene::{FlightKey, Scene};
use crate::sim::{MsgId, NodeId};
use crate::view::geometry::{Point, hit_link, hit_node};

/// Anything on the canvas the pointer can be over.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Target {
    #[default]
    None,
    Node(NodeId),
    Message(MsgId),
    /// A link, lower id first.
    Link(NodeId, NodeId),
    Client(ClientId),
    Flight(FlightKey),
    /// The cell saying how many clients are not drawn: `shown` of `total`.
    MoreClients {
        shown: usize,
        total: usize,
    },
}

impl Target {
    /// What a click on it selects (clients and their flights are not
    /// selectable: they have a tooltip and no actions).
    pub fn selection(self) -> Selection {
        match self {
            Target::Node(id) => Selection::Node(id),
            Target::Message(id) => Selection::Message(id),
            Target::Link(a, b) => Selection::Link(a, b),
            Target::None | Target::Client(_) | Target::Flight(_) | Target::MoreClients { .. } => {
                Selection::None
            }
        }
    }
}

impl From<Selection> for Target {
    fn from(s: Selection) -> Self {
        match s {
            Selection::None => Target::None,
            Selection::Node(id) => Target::Node(id),
            Selection::Message(id) => Target::Message(id),
            Selection::Link(a, b) => Target::Link(a, b),
        }
    }
}

/// How far from a glyph's centre the pointer still finds it: its drawn size
/// with some slack, and at least a finger's tip on small glyphs.
fn reach(size: f64) -> f64 {
    (size * 1.6).max(9.0)
}

/// The topmost thing under `p`.
pub fn target(scene: &Scene, p: Point) -> Target {
    let positions: Vec<Point> = scene.nodes.iter().map(|n| n.pos).collect();
    if let Some(id) = hit_node(p, &positions, scene.radius) {
        return Target::Node(id);
    }
    if let Some(c) = scene.clients.iter().find(|c| c.cell.contains(p)) {
        return Target::Client(c.id);
    }
    let count = &scene.client_count;
    if count.more_at.is_some_and(|r| r.contains(p)) {
        return Target::MoreClients {
            shown: count.shown,
            total: count.total,
        };
    }
    let near = |pos: Point, size: f64| {
        let d = pos.dist(p);
        (d <= reach(size)).then_some(d)
    };
    let flight = scene
        .flights
        .iter()
        .filter_map(|f| near(f.pos, f.size).map(|d| (d, f.key)))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((_, key)) = flight {
        return Target::Flight(key);
    }
    // In flight before dropped, nearest first.
    let message = scene
        .messages
        .iter()
        .filter_map(|m| near(m.pos, m.size).map(|d| ((m.dropped.is_some(), d), m.id)))
        .min_by(|a, b| a.0.0.cmp(&b.0.0).then(a.0.1.total_cmp(&b.0.1)));
    if let Some((_, id)) = message {
        return Target::Message(id);
    }
    match hit_link(p, &positions, scene.radius * 1.2, 7.0) {
        Some((a, b)) => Target::Link(a, b),
        None => Target::None,
    }
}

/// What a click at `p` selects: a server, else a message, else a link.
pub fn hit(scene: &Scene, p: Point) -> Selection {
    target(scene, p).selection()
}

/// Where an overlay about `sel` should sit (CSS px within the stage): to the
/// right of a server, just below and right of a message, on the middle of a
/// link. Always on the stage.
pub fn anchor(scene: &Scene, sel: Selection) -> Option<Point> {
    let at = match sel {
        Selection::Node(id) => scene
            .nodes
            .get(id.index())
            .map(|n| Point::new(n.pos.x + n.radius * 1.6, n.pos.y - n.radius)),
        Selection::Message(id) => scene
            .messages
            .iter()
            .find(|m| m.id == id)
            .map(|m| Point::new(m.pos.x + m.size + 8.0, m.pos.y + 8.0)),
        Selection::Link(a, b) => {
            let (pa, pb) = (
                scene.nodes.get(a.index())?.pos,
                scene.nodes.get(b.index())?.pos,
            );
            Some(pa.lerp(pb, 0.5))
        }
        Selection::None => None,
    }?;
    Some(Point::new(
        at.x.clamp(0.0, scene.stage.width),
        at.y.clamp(0.0, scene.stage.height),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::NetAction;
    use crate::protocols::raft::cluster::{Action, Cluster, ClusterConfig, MsgFilter, NodeRef};
    use crate::protocols::raft::scene::build_scene;
    use crate::sim::{Run, SimTime};
    use crate::view::geometry::Stage;

    const STAGE: Stage = Stage {
        width: 900.0,
        height: 600.0,
        text: 1.0,
    };

    fn elected() -> Run<Cluster> {
        let mut c = Run::new(Cluster::new(ClusterConfig::default()), Vec::new());
        c.run_until(SimTime::from_millis(1000));
        c
    }

    /// Runs on until a message is in flight whose sprite is clear of every
    /// server (a pointer on it cannot be on a server).
    fn with_message_in_open_space(c: &mut Run<Cluster>) -> Scene {
        loop {
            let s = build_scene(c.world(), &STAGE);
            let clear = s.messages.iter().any(|m| {
                m.dropped.is_none() && s.nodes.iter().all(|n| n.pos.dist(m.pos) > n.radius * 1.3)
            });
            if clear {
                return s;
            }
            c.step();
        }
    }

    #[test]
    fn a_server_under_the_pointer_wins() {
        let c = elected();
        let s = build_scene(c.world(), &STAGE);
        for n in &s.nodes {
            assert_eq!(hit(&s, n.pos), Selection::Node(n.id));
            let edge = Point::new(n.pos.x + n.radius * 0.9, n.pos.y);
            assert_eq!(hit(&s, edge), Selection::Node(n.id), "its edge too");
        }
    }

    #[test]
    fn a_message_near_a_server_is_found_on_its_link() {
        let mut c = elected();
        let s = with_message_in_open_space(&mut c);
        let m = s
            .messages
            .iter()
            .find(|m| s.nodes.iter().all(|n| n.pos.dist(m.pos) > n.radius * 1.3))
            .unwrap();
        assert_eq!(hit(&s, m.pos), Selection::Message(m.id));
        // Just off its centre, towards its link: still the message.
        let (a, b) = (s.nodes[m.from.index()].pos, s.nodes[m.to.index()].pos);
        let on_link = crate::view::geometry::segment_distance(m.pos, a, b).1;
        let toward = m.pos.lerp(a.lerp(b, on_link), 0.8);
        assert_eq!(hit(&s, toward), Selection::Message(m.id));
    }

    #[test]
    fn a_dropped_message_still_wins_over_its_link() {
        let mut c = elected();
        let s = with_message_in_open_space(&mut c);
        let id = s
            .messages
            .iter()
            .find(|m| s.nodes.iter().all(|n| n.pos.dist(m.pos) > n.radius * 1.3))
            .unwrap()
            .id;
        c.act(Action::from(NetAction::Drop(MsgFilter::id(id))));
        let s = build_scene(c.world(), &STAGE);
        let m = s.messages.iter().find(|m| m.id == id).unwrap();
        assert!(m.dropped.is_some());
        assert_eq!(target(&s, m.pos), Target::Message(id));
    }

    #[test]
    fn a_link_away_from_messages_and_nothing_elsewhere() {
        let mut c = Run::new(Cluster::new(ClusterConfig::default()), Vec::new());
        // Before any election nothing is in flight.
        c.act(Action::from(NetAction::Crash(NodeRef::Id(NodeId(5)))));
        let s = build_scene(c.world(), &STAGE);
        assert!(s.messages.is_empty());
        let (a, b) = (s.nodes[0].pos, s.nodes[2].pos);
        assert_eq!(
            hit(&s, a.lerp(b, 0.5)),
            Selection::Link(NodeId(1), NodeId(3))
        );
        assert_eq!(
            hit(&s, Point::new(2.0, STAGE.height - 2.0)),
            Selection::None
        );
        assert_eq!(target(&s, s.stage.center()), Target::None);
    }

    #[test]
    fn anchors_sit_inside_the_stage() {
        let mut c = elected();
        let s = with_message_in_open_space(&mut c);
        let inside =
            |p: Point| (0.0..=STAGE.width).contains(&p.x) && (0.0..=STAGE.height).contains(&p.y);
        for n in &s.nodes {
            let p = anchor(&s, Selection::Node(n.id)).unwrap();
            assert!(inside(p), "{p:?}");
            assert!(p.x > n.pos.x, "to the right of the server");
        }
        let m = &s.messages[0];
        assert!(inside(anchor(&s, Selection::Message(m.id)).unwrap()));
        let mid = anchor(&s, Selection::Link(NodeId(1), NodeId(2))).unwrap();
        assert!(mid.dist(s.nodes[0].pos.lerp(s.nodes[1].pos, 0.5)) < 1e-9);
        assert_eq!(anchor(&s, Selection::None), None);
        assert_eq!(anchor(&s, Selection::Message(MsgId(u64::MAX))), None);
        // A tiny stage keeps them on it too.
        let tiny = Stage {
            width: 200.0,
            height: 150.0,
            text: 1.0,
        };
        let s = build_scene(c.world(), &tiny);
        for n in &s.nodes {
            let p = anchor(&s, Selection::Node(n.id)).unwrap();
            assert!(p.x <= tiny.width && p.y >= 0.0, "{p:?}");
        }
    }

    #[test]
    fn clients_and_their_flights_are_found_before_links() {
        let cfg = ClusterConfig {
            workload: Some(crate::protocols::raft::cluster::Workload {
                clients: 3,
                ..Default::default()
            }),
            ..Default::default()
        };
        let mut c = Run::new(Cluster::new(cfg), Vec::new());
        c.run_until(SimTime::from_millis(1000));
        let s = loop {
            let s = build_scene(c.world(), &STAGE);
            let clear = s.flights.iter().any(|f| {
                s.nodes.iter().all(|n| n.pos.dist(f.pos) > n.radius * 1.3)
                    && s.clients.iter().all(|k| !k.cell.contains(f.pos))
            });
            if clear {
                break s;
            }
            c.step();
        };
        for k in &s.clients {
            assert_eq!(target(&s, k.pos), Target::Client(k.id));
            assert_eq!(hit(&s, k.pos), Selection::None, "not selectable");
        }
        let f = s
            .flights
            .iter()
            .find(|f| {
                s.nodes.iter().all(|n| n.pos.dist(f.pos) > n.radius * 1.3)
                    && s.clients.iter().all(|k| !k.cell.contains(f.pos))
            })
            .unwrap();
        assert!(matches!(
            target(&s, f.pos),
            Target::Flight(_) | Target::Message(_)
        ));
    }
}
