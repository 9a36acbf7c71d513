//! Where things are on the stage: servers on a ring (partition groups pushed
//! apart), messages along their links, and what lies under a pointer. Pure
//! geometry in CSS pixels, shared by the drawing code and the input handlers.

use crate::sim::NodeId;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
    pub fn dist(self, o: Point) -> f64 {
        (self.x - o.x).hypot(self.y - o.y)
    }
    pub fn lerp(self, o: Point, t: f64) -> Point {
        Point::new(self.x + (o.x - self.x) * t, self.y + (o.y - self.y) * t)
    }
}

/// The drawing area.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stage {
    pub width: f64,
    pub height: f64,
}

impl Stage {
    pub fn center(&self) -> Point {
        Point::new(self.width / 2.0, self.height / 2.0)
    }
    /// Radius of the ring the servers sit on.
    pub fn ring_radius(&self) -> f64 {
        (self.width.min(self.height) / 2.0 * 0.68).max(10.0)
    }
}

/// Radius of a server's glyph: large for few servers, smaller for nine.
pub fn node_radius(n: usize, stage: &Stage) -> f64 {
    let ring = stage.ring_radius();
    let spacing = if n > 1 {
        2.0 * ring * (std::f64::consts::PI / n as f64).sin()
    } else {
        ring
    };
    (spacing * 0.32).clamp(12.0, ring * 0.3).min(64.0)
}

/// Positions of `n` servers on the ring, S1 at the top, clockwise. Servers in
/// different partition groups (`groups[i]` per server, all equal when healed)
/// are pushed apart along the direction of their group's centre.
pub fn ring_positions(n: usize, stage: &Stage, groups: &[u16]) -> Vec<Point> {
    let c = stage.center();
    let r = stage.ring_radius();
    let base: Vec<Point> = (0..n)
        .map(|i| {
            let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
            if n == 1 {
                c
            } else {
                Point::new(c.x + r * a.cos(), c.y + r * a.sin())
            }
        })
        .collect();
    let partitioned = groups.iter().any(|&g| Some(&g) != groups.first());
    if !partitioned || groups.len() != n {
        return base;
    }
    let push = r * 0.22;
    let pushed: Vec<Point> = base
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let members: Vec<&Point> = base
                .iter()
                .enumerate()
                .filter(|(j, _)| groups[*j] == groups[i])
                .map(|(_, q)| q)
                .collect();
            let gx = members.iter().map(|q| q.x).sum::<f64>() / members.len() as f64;
            let gy = members.iter().map(|q| q.y).sum::<f64>() / members.len() as f64;
            let (dx, dy) = (gx - c.x, gy - c.y);
            let len = dx.hypot(dy);
            if len < 1e-6 {
                *p
            } else {
                Point::new(p.x + dx / len * push, p.y + dy / len * push)
            }
        })
        .collect();
    fit(pushed, stage, node_radius(n, stage))
}

/// Scales positions about the centre so that every glyph, with its timer,
/// votes, leader mark and caption, stays on the stage.
fn fit(points: Vec<Point>, stage: &Stage, radius: f64) -> Vec<Point> {
    let c = stage.center();
    let (side, top, bottom) = (radius * 1.8, radius * 1.8, radius * 1.6 + 34.0);
    let mut scale: f64 = 1.0;
    for p in &points {
        let (dx, dy) = (p.x - c.x, p.y - c.y);
        if dx.abs() > 1e-9 {
            scale = scale.min(((stage.width / 2.0 - side) / dx.abs()).max(0.0));
        }
        if dy < -1e-9 {
            scale = scale.min(((stage.height / 2.0 - top) / -dy).max(0.0));
        }
        if dy > 1e-9 {
            scale = scale.min(((stage.height / 2.0 - bottom) / dy).max(0.0));
        }
    }
    points
        .into_iter()
        .map(|p| Point::new(c.x + (p.x - c.x) * scale, c.y + (p.y - c.y) * scale))
        .collect()
}

/// Where a message is drawn: along its link, shifted to the right of its
/// direction of travel so that requests and replies on one link do not overlap.
pub fn message_position(from: Point, to: Point, progress: f64, lane: f64) -> Point {
    let p = from.lerp(to, progress.clamp(0.0, 1.0));
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let len = dx.hypot(dy);
    if len < 1e-6 {
        return p;
    }
    Point::new(p.x - dy / len * lane, p.y + dx / len * lane)
}

/// How wide the label centred under server `i` may be before it runs into
/// the label of a server beside it: the horizontal distance to the nearest
/// server less than `band` above or below, less a `gap`. `None` when no
/// server shares its row.
pub fn label_room(positions: &[Point], i: usize, band: f64, gap: f64) -> Option<f64> {
    let me = *positions.get(i)?;
    positions
        .iter()
        .enumerate()
        .filter(|&(j, q)| j != i && (q.y - me.y).abs() < band)
        .map(|(_, q)| ((q.x - me.x).abs() - gap).max(0.0))
        .min_by(f64::total_cmp)
}

/// The server under `p`, if any (`radius` is the glyph radius).
pub fn hit_node(p: Point, positions: &[Point], radius: f64) -> Option<NodeId> {
    positions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.dist(p) <= radius * 1.15)
        .min_by(|a, b| a.1.dist(p).total_cmp(&b.1.dist(p)))
        .map(|(i, _)| NodeId::from_index(i))
}

/// Distance from `p` to the segment `a–b`, and how far along it (0..1) the closest point lies.
pub fn segment_distance(p: Point, a: Point, b: Point) -> (f64, f64) {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    if len2 < 1e-9 {
        return (p.dist(a), 0.0);
    }
    let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0);
    (p.dist(a.lerp(b, t)), t)
}

/// The link under `p` (the pair of servers, lower id first), ignoring the ends
/// hidden under the server glyphs.
pub fn hit_link(
    p: Point,
    positions: &[Point],
    radius: f64,
    tolerance: f64,
) -> Option<(NodeId, NodeId)> {
    let mut best: Option<(f64, (NodeId, NodeId))> = None;
    for i in 0..positions.len() {
        for j in i + 1..positions.len() {
            let (a, b) = (positions[i], positions[j]);
            let (d, _) = segment_distance(p, a, b);
            if d <= tolerance
                && p.dist(a) > radius
                && p.dist(b) > radius
                && best.is_none_or(|(bd, _)| d < bd)
            {
                best = Some((d, (NodeId::from_index(i), NodeId::from_index(j))));
            }
        }
    }
    best.map(|(_, link)| link)
}

/// Which side of the directed line `a → b` the point `p` is on.
pub fn side_of(p: Point, a: Point, b: Point) -> bool {
    (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) >= 0.0
}

/// Groups after slicing the stage along `a → b`: each current group splits by
/// side of the line. Returns `None` if the slice separates nothing.
pub fn slice(a: Point, b: Point, positions: &[Point], groups: &[u16]) -> Option<Vec<Vec<NodeId>>> {
    if a.dist(b) < 10.0 {
        return None;
    }
    let mut keys: Vec<(u16, bool)> = Vec::new();
    let mut out: Vec<Vec<NodeId>> = Vec::new();
    for (i, p) in positions.iter().enumerate() {
        let key = (groups.get(i).copied().unwrap_or(0), side_of(*p, a, b));
        match keys.iter().position(|k| *k == key) {
            Some(g) => out[g].push(NodeId::from_index(i)),
            None => {
                keys.push(key);
                out.push(vec![NodeId::from_index(i)]);
            }
        }
    }
    let before = {
        let mut g: Vec<u16> = groups.to_vec();
        g.sort_unstable();
        g.dedup();
        g.len()
    };
    (out.len() > before).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STAGE: Stage = Stage {
        width: 800.0,
        height: 600.0,
    };

    #[test]
    fn servers_sit_on_a_ring_starting_at_the_top() {
        let p = ring_positions(4, &STAGE, &[0; 4]);
        let c = STAGE.center();
        let r = STAGE.ring_radius();
        assert!((p[0].x - c.x).abs() < 1e-9 && (p[0].y - (c.y - r)).abs() < 1e-9);
        assert!(p[1].x > c.x, "clockwise: S2 to the right");
        for q in &p {
            assert!((q.dist(c) - r).abs() < 1e-9);
        }
        assert_eq!(ring_positions(1, &STAGE, &[0]), vec![c]);
    }

    #[test]
    fn labels_have_room_up_to_the_nearest_server_on_their_row() {
        let p = [
            Point::new(100.0, 100.0),
            Point::new(160.0, 104.0),
            Point::new(400.0, 100.0),
            Point::new(130.0, 300.0),
        ];
        assert_eq!(label_room(&p, 0, 20.0, 6.0), Some(54.0));
        assert_eq!(label_room(&p, 2, 20.0, 6.0), Some(234.0));
        assert_eq!(label_room(&p, 3, 20.0, 6.0), None, "alone on its row");
        assert_eq!(label_room(&p, 9, 20.0, 6.0), None);
        // The bottom pair of a five-server ring shares a row.
        let ring = ring_positions(5, &STAGE, &[0; 5]);
        let room = label_room(&ring, 2, 20.0, 0.0).unwrap();
        assert!((room - (ring[2].x - ring[3].x)).abs() < 1e-9);
    }

    #[test]
    fn partitioned_layouts_stay_on_the_stage() {
        let stage = Stage {
            width: 870.0,
            height: 450.0,
        };
        let r = node_radius(5, &stage);
        let split = ring_positions(5, &stage, &[1, 2, 2, 2, 2]);
        for p in &split {
            assert!(
                p.y - r * 1.8 >= -1e-6 && p.y + r * 1.6 + 34.0 <= stage.height + 1e-6,
                "{p:?}"
            );
            assert!(
                p.x - r * 1.8 >= -1e-6 && p.x + r * 1.8 <= stage.width + 1e-6,
                "{p:?}"
            );
        }
    }

    #[test]
    fn partition_groups_move_apart() {
        let healed = ring_positions(5, &STAGE, &[0; 5]);
        let split = ring_positions(5, &STAGE, &[1, 1, 2, 2, 2]);
        // Relative to the distance between two servers of one group, the
        // groups are further apart than before.
        let gap = |p: &[Point]| p[0].dist(p[4]).min(p[1].dist(p[2])) / p[2].dist(p[3]);
        assert!(
            gap(&split) > gap(&healed) * 1.15,
            "{} vs {}",
            gap(&split),
            gap(&healed)
        );
    }

    #[test]
    fn messages_travel_along_their_lane() {
        let (a, b) = (Point::new(0.0, 0.0), Point::new(100.0, 0.0));
        assert_eq!(message_position(a, b, 0.5, 0.0), Point::new(50.0, 0.0));
        let there = message_position(a, b, 0.5, 4.0);
        let back = message_position(b, a, 0.5, 4.0);
        assert!(
            (there.y - back.y).abs() > 7.0,
            "opposite directions use opposite lanes"
        );
    }

    #[test]
    fn hit_testing_finds_nodes_and_links() {
        let p = ring_positions(3, &STAGE, &[0; 3]);
        let r = node_radius(3, &STAGE);
        assert_eq!(hit_node(p[1], &p, r), Some(NodeId(2)));
        assert_eq!(hit_node(STAGE.center(), &p, r), None);
        let mid = p[0].lerp(p[2], 0.5);
        assert_eq!(hit_link(mid, &p, r, 8.0), Some((NodeId(1), NodeId(3))));
        assert_eq!(hit_link(Point::new(0.0, 0.0), &p, r, 8.0), None);
    }

    #[test]
    fn slicing_divides_servers_by_side() {
        let p = ring_positions(4, &STAGE, &[0; 4]);
        // A vertical line through the centre: S1 (top) and S3 (bottom) lie on it,
        // so slice slightly to the right.
        let c = STAGE.center();
        let groups = slice(
            Point::new(c.x + 5.0, 0.0),
            Point::new(c.x + 5.0, 600.0),
            &p,
            &[0; 4],
        )
        .unwrap();
        assert_eq!(groups.len(), 2);
        assert!(groups.iter().any(|g| g == &vec![NodeId(2)]));
        assert_eq!(
            slice(Point::new(0.0, 0.0), Point::new(1.0, 1.0), &p, &[0; 4]),
            None,
            "too short"
        );
        assert_eq!(
            slice(Point::new(0.0, 1.0), Point::new(800.0, 1.0), &p, &[0; 4]),
            None,
            "separates nothing"
        );
    }

    #[test]
    fn glyphs_shrink_with_more_servers() {
        assert!(node_radius(9, &STAGE) < node_radius(3, &STAGE));
        assert!(node_radius(9, &STAGE) >= 12.0);
    }
}
