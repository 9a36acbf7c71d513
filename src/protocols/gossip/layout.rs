//! Where gossip nodes sit: on rings, on a grid, or by a small force
//! simulation, for anything from one node to a few thousand. Partition
//! groups are drawn apart: ring and grid give each group its own strip of
//! the stage; the force layout pulls each group towards its own centre.
//! Everything is a pure function of the node count, the stage and the
//! groups, so the same inputs always give the same picture.

use crate::view::geometry::{Point, Stage};

/// How nodes are arranged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// Concentric rings, S1 at the top of the outer one, clockwise.
    #[default]
    Ring,
    /// Rows, S1 top left.
    Grid,
    /// Nodes push each other apart and are pulled towards their group's centre.
    Force,
}

impl Layout {
    pub const ALL: [Layout; 3] = [Layout::Ring, Layout::Grid, Layout::Force];

    pub fn name(self) -> &'static str {
        match self {
            Layout::Ring => "ring",
            Layout::Grid => "grid",
            Layout::Force => "force",
        }
    }
}

/// Space kept free at the top of the stage for the status line.
const TOP: f64 = 34.0;
const MARGIN: f64 = 14.0;

/// Glyph radius for `n` nodes: about a quarter of the spacing a node gets.
pub fn node_radius(n: usize, stage: &Stage) -> f64 {
    let area = (stage.width - 2.0 * MARGIN).max(1.0) * (stage.height - TOP - MARGIN).max(1.0);
    ((area / n.max(1) as f64).sqrt() * 0.24).clamp(2.0, 15.0)
}

/// A rectangle of the stage.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn center(&self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
}

/// The groups in order of their first member, each with its members.
fn group_members(n: usize, groups: &[u16]) -> Vec<Vec<usize>> {
    let mut keys: Vec<u16> = Vec::new();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for i in 0..n {
        let g = groups.get(i).copied().unwrap_or(0);
        match keys.iter().position(|&k| k == g) {
            Some(j) => out[j].push(i),
            None => {
                keys.push(g);
                out.push(vec![i]);
            }
        }
    }
    out
}

/// Side-by-side strips, widths by group size (each at least a sixth of the whole).
fn strips(stage: &Stage, sizes: &[usize]) -> Vec<Rect> {
    let inner = Rect {
        x: MARGIN,
        y: TOP,
        w: (stage.width - 2.0 * MARGIN).max(1.0),
        h: (stage.height - TOP - MARGIN).max(1.0),
    };
    if sizes.len() <= 1 {
        return vec![inner];
    }
    let gap = inner.w * 0.05;
    let usable = inner.w - gap * (sizes.len() - 1) as f64;
    let total: usize = sizes.iter().sum();
    let share: Vec<f64> = sizes
        .iter()
        .map(|&s| (s as f64 / total.max(1) as f64).max(1.0 / 6.0))
        .collect();
    let sum: f64 = share.iter().sum();
    let mut x = inner.x;
    share
        .iter()
        .map(|s| {
            let w = usable * s / sum;
            let r = Rect { w, x, ..inner };
            x += w + gap;
            r
        })
        .collect()
}

/// `m` points on concentric rings filling `r`, outer ring first.
fn rings(m: usize, r: Rect, spacing: f64) -> Vec<Point> {
    let c = r.center();
    let outer = (r.w.min(r.h) / 2.0 - spacing * 0.5).max(0.0);
    if m == 1 || outer < 1e-6 {
        return vec![c; m];
    }
    // Radii inward from the outer ring until they hold every node.
    let mut radii = Vec::new();
    let mut room = 0.0;
    let mut rad = outer;
    while room < m as f64 && rad > spacing * 0.5 {
        radii.push(rad);
        room += std::f64::consts::TAU * rad / spacing;
        rad -= spacing;
    }
    if room < m as f64 {
        radii.push(0.0);
    }
    let length: f64 = radii.iter().sum::<f64>().max(1e-9);
    let mut out = Vec::with_capacity(m);
    let mut left = m;
    for (k, &rad) in radii.iter().enumerate() {
        let last = k + 1 == radii.len();
        let count = if last {
            left
        } else {
            ((m as f64 * rad / length).round() as usize).clamp(1, left)
        };
        for j in 0..count {
            let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * j as f64 / count as f64;
            out.push(Point::new(c.x + rad * a.cos(), c.y + rad * a.sin()));
        }
        left -= count;
        if left == 0 {
            break;
        }
    }
    out
}

/// `m` points in rows filling `r`.
fn grid(m: usize, r: Rect) -> Vec<Point> {
    let cols = ((m as f64 * r.w / r.h.max(1.0)).sqrt().ceil() as usize).clamp(1, m.max(1));
    let rows = m.div_ceil(cols).max(1);
    let cell = (r.w / cols as f64).min(r.h / rows as f64);
    let x0 = r.x + (r.w - cell * cols as f64) / 2.0 + cell / 2.0;
    let y0 = r.y + (r.h - cell * rows as f64) / 2.0 + cell / 2.0;
    (0..m)
        .map(|i| Point::new(x0 + (i % cols) as f64 * cell, y0 + (i / cols) as f64 * cell))
        .collect()
}

/// Positions of `n` nodes (`groups[i]` is node i's partition group).
pub fn positions(layout: Layout, n: usize, stage: &Stage, groups: &[u16]) -> Vec<Point> {
    if n == 0 {
        return Vec::new();
    }
    let members = group_members(n, groups);
    if layout == Layout::Force {
        return force(n, stage, &members);
    }
    let sizes: Vec<usize> = members.iter().map(Vec::len).collect();
    let spacing = node_radius(n, stage) * 2.8;
    let mut out = vec![Point::default(); n];
    for (group, rect) in members.iter().zip(strips(stage, &sizes)) {
        let points = match layout {
            Layout::Ring => rings(group.len(), rect, spacing),
            _ => grid(group.len(), rect),
        };
        for (&i, p) in group.iter().zip(points) {
            out[i] = p;
        }
    }
    out
}

/// The force layout: seeds on a sunflower spiral around each group's centre,
/// then a fixed number of rounds in which nodes closer than a spacing push
/// apart (found through a bucket grid, so a round is linear in `n`) and a
/// node outside its group's disc is pulled back towards it.
fn force(n: usize, stage: &Stage, members: &[Vec<usize>]) -> Vec<Point> {
    let inner = Rect {
        x: MARGIN,
        y: TOP,
        w: (stage.width - 2.0 * MARGIN).max(1.0),
        h: (stage.height - TOP - MARGIN).max(1.0),
    };
    let c = inner.center();
    let k = members.len();
    let spread = inner.w.min(inner.h) * 0.3;
    let centers: Vec<Point> = (0..k)
        .map(|g| {
            if k == 1 {
                return c;
            }
            let a = std::f64::consts::PI + std::f64::consts::TAU * g as f64 / k as f64;
            Point::new(c.x + 1.3 * spread * a.cos(), c.y + 0.9 * spread * a.sin())
        })
        .collect();
    let spacing = node_radius(n, stage) * 3.0;
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let mut p = vec![Point::default(); n];
    let mut home = vec![0usize; n];
    for (g, group) in members.iter().enumerate() {
        for (j, &i) in group.iter().enumerate() {
            let rad = spacing * 0.5 * ((j as f64) + 0.5).sqrt();
            let a = j as f64 * golden;
            p[i] = Point::new(centers[g].x + rad * a.cos(), centers[g].y + rad * a.sin());
            home[i] = g;
        }
    }
    let cols = ((inner.w + 2.0 * MARGIN) / spacing).ceil().max(1.0) as usize + 2;
    let rows = ((inner.h + TOP + MARGIN) / spacing).ceil().max(1.0) as usize + 2;
    let cell = |q: Point| {
        let x = ((q.x / spacing).max(0.0) as usize + 1).min(cols - 2);
        let y = ((q.y / spacing).max(0.0) as usize + 1).min(rows - 2);
        (x, y)
    };
    // The radius of a disc holding a group's nodes at the spacing.
    let reach: Vec<f64> = members
        .iter()
        .map(|g| spacing * 0.55 * (g.len() as f64).sqrt())
        .collect();
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); cols * rows];
    for _ in 0..40 {
        buckets.iter_mut().for_each(Vec::clear);
        for (i, q) in p.iter().enumerate() {
            let (x, y) = cell(*q);
            buckets[y * cols + x].push(i);
        }
        let mut moved = p.clone();
        for i in 0..n {
            let (x, y) = cell(p[i]);
            let (mut dx, mut dy) = (0.0, 0.0);
            for yy in y - 1..=y + 1 {
                for xx in x - 1..=x + 1 {
                    for &j in &buckets[yy * cols + xx] {
                        let (ex, ey) = (p[i].x - p[j].x, p[i].y - p[j].y);
                        let d = ex.hypot(ey);
                        if j == i || d >= spacing {
                            continue;
                        }
                        // Coincident points part along a direction fixed by their ids.
                        let (ux, uy) = if d < 1e-6 {
                            let a = (i * 7 + j * 13) as f64;
                            (a.cos(), a.sin())
                        } else {
                            (ex / d, ey / d)
                        };
                        let push = (spacing - d) * 0.5;
                        dx += ux * push;
                        dy += uy * push;
                    }
                }
            }
            // Beyond its group's disc, a node is pulled back towards the disc.
            let h = centers[home[i]];
            let (hx, hy) = (h.x - p[i].x, h.y - p[i].y);
            let out = hx.hypot(hy) - reach[home[i]];
            if out > 0.0 {
                let pull = out * 0.3 / hx.hypot(hy);
                dx += hx * pull;
                dy += hy * pull;
            }
            moved[i] = Point::new(p[i].x + dx, p[i].y + dy);
        }
        p = moved;
    }
    fit(p, inner)
}

/// Scales and moves points so they fill `r` without changing their shape.
fn fit(points: Vec<Point>, r: Rect) -> Vec<Point> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for q in &points {
        x0 = x0.min(q.x);
        y0 = y0.min(q.y);
        x1 = x1.max(q.x);
        y1 = y1.max(q.y);
    }
    let (w, h) = ((x1 - x0).max(1e-9), (y1 - y0).max(1e-9));
    let s = (r.w / w).min(r.h / h).min(2.5);
    let c = r.center();
    let (mx, my) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    points
        .into_iter()
        .map(|q| Point::new(c.x + (q.x - mx) * s, c.y + (q.y - my) * s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STAGE: Stage = Stage {
        width: 900.0,
        height: 600.0,
        text: 1.0,
    };

    fn inside(p: &[Point]) -> bool {
        p.iter()
            .all(|q| q.x >= 0.0 && q.x <= STAGE.width && q.y >= TOP - 1e-6 && q.y <= STAGE.height)
    }

    fn closest_pair(p: &[Point]) -> f64 {
        let mut best = f64::MAX;
        for i in 0..p.len() {
            for j in i + 1..p.len() {
                best = best.min(p[i].dist(p[j]));
            }
        }
        best
    }

    #[test]
    fn every_layout_keeps_nodes_on_the_stage_and_apart() {
        for layout in Layout::ALL {
            for n in [1, 2, 5, 50, 500, 2000] {
                let p = positions(layout, n, &STAGE, &vec![0; n]);
                assert_eq!(p.len(), n);
                assert!(inside(&p), "{layout:?} {n}");
                if n > 1 {
                    let r = node_radius(n, &STAGE);
                    let gap = closest_pair(&p);
                    assert!(gap > r * 1.2, "{layout:?} {n}: {gap} vs radius {r}");
                }
            }
        }
    }

    #[test]
    fn a_ring_starts_at_the_top_and_goes_clockwise() {
        let p = positions(Layout::Ring, 8, &STAGE, &[0; 8]);
        assert!(p[0].y < p[4].y && (p[0].x - p[4].x).abs() < 1e-6);
        assert!(p[2].x > p[6].x, "S3 to the right of S7");
    }

    #[test]
    fn partition_groups_are_drawn_apart() {
        for layout in Layout::ALL {
            let mut groups = vec![1u16; 40];
            groups[20..].fill(2);
            let p = positions(layout, 40, &STAGE, &groups);
            let left = p[..20].iter().map(|q| q.x).fold(f64::MIN, f64::max);
            let right = p[20..].iter().map(|q| q.x).fold(f64::MAX, f64::min);
            assert!(left < right, "{layout:?}: the groups overlap");
        }
    }

    #[test]
    fn the_force_layout_is_deterministic() {
        let groups: Vec<u16> = (0..300).map(|i| (i % 3) as u16).collect();
        let a = positions(Layout::Force, 300, &STAGE, &groups);
        let b = positions(Layout::Force, 300, &STAGE, &groups);
        assert_eq!(a, b);
    }
}
