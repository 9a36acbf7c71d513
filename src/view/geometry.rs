//! Where things are on the stage: servers on a ring (partition groups pushed
//! apart, captions kept off neighbouring servers), messages along their links,
//! and what lies under a pointer. Pure geometry in CSS pixels, shared by the
//! drawing code and the input handlers.

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
    /// How large text is drawn (1 normally, larger for a presenter), which
    /// the room kept for captions follows.
    pub text: f64,
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
    // At least 12 px, unless the ring is too small for that.
    (spacing * 0.32).max(12.0).min(ring * 0.3).min(64.0)
}

/// Where the servers are drawn and how large.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Each server's centre, in id order.
    pub positions: Vec<Point>,
    /// The radius of every server's glyph.
    pub radius: f64,
}

/// How far a glyph's marks reach, in radii: the election timer's ring.
const TIMER_REACH: f64 = 1.22;
/// Where a server's caption ("log 3 · commit 2") is centred below it: this
/// many radii plus [`CAPTION_GAP`] pixels (the drawing code's numbers; the
/// pixel sizes here are at text scale 1 and grow with [`Stage::text`]).
const CAPTION_DROP: f64 = 1.55;
const CAPTION_GAP: f64 = 8.0;
/// Half the caption's height and half a typical caption's width, in pixels.
const CAPTION_HALF_HEIGHT: f64 = 7.0;
const CAPTION_HALF_WIDTH: f64 = 44.0;
/// Room below the lowest server of a partitioned layout for its caption and
/// its group's name, besides 1.6 radii.
const GROUP_NAME_DROP: f64 = 40.0;
/// Room at the top of a partitioned layout for the status line ("t = 1.2 s
/// ❚❚ paused"), clear of the leader's star 1.6 radii above its server.
const STATUS_BAND: f64 = 26.0;
/// How wide the status line is, about, in pixels.
const STATUS_WIDTH: f64 = 260.0;
/// How much wider than tall the ring may grow to keep captions clear, in the
/// order tried (as far as the stage's width allows).
const STRETCHES: [f64; 6] = [1.0, 1.2, 1.4, 1.6, 2.0, MAX_STRETCH];
const MAX_STRETCH: f64 = 2.4;
/// How far each partition group is pushed from the centre, in ring radii, in
/// the order tried until [`groups_apart`] holds.
const PUSHES: [f64; 4] = [0.22, 0.32, 0.45, 0.6];
/// How much further apart groups are than the servers within one.
const GROUP_GAP: f64 = 1.2;
/// How much smaller than [`node_radius`] glyphs may be drawn to keep captions
/// clear: below this the names inside them get too small to read.
const MIN_SHRINK: f64 = 0.6;
/// The smallest glyph the layout shrinks to; its name and term stay legible.
const MIN_RADIUS: f64 = 12.0;

/// Lays out `n` servers on `stage`: on a ring, partition groups pushed apart
/// ([`ring_positions_for`]). Where a caption would run into a server beside it, the
/// ring first widens into an ellipse (stages are wider than tall), and only
/// then are the glyphs drawn smaller than [`node_radius`], down to
/// [`MIN_SHRINK`] of it.
pub fn layout(n: usize, stage: &Stage, groups: &[u16]) -> Layout {
    let full = node_radius(n, stage);
    let mut positions = Vec::new();
    for stretch in STRETCHES {
        positions = ring_positions_for(n, stage, groups, full, stretch);
        if captions_clear(&positions, full, stage.text) {
            return Layout {
                positions,
                radius: full,
            };
        }
    }
    // Smaller glyphs need less margin, so the fit spreads the servers again:
    // a few rounds settle it.
    let floor = (full * MIN_SHRINK).max(MIN_RADIUS).min(full);
    let mut radius = full;
    for _ in 0..3 {
        let clear = clear_radius(&positions, radius, floor, stage.text);
        if clear >= radius - 0.5 {
            break;
        }
        radius = clear;
        positions = ring_positions_for(n, stage, groups, radius, MAX_STRETCH);
    }
    Layout { positions, radius }
}

/// Whether every server's caption stays clear of every other server's glyph
/// and timer ring, and the glyphs (with their timers) clear of each other.
fn captions_clear(positions: &[Point], radius: f64, text: f64) -> bool {
    let (half_width, half_height) = (CAPTION_HALF_WIDTH * text, CAPTION_HALF_HEIGHT * text);
    let reach = radius * TIMER_REACH + 2.0;
    let caption_y = radius * CAPTION_DROP + CAPTION_GAP * text;
    positions.iter().enumerate().all(|(i, p)| {
        positions.iter().enumerate().all(|(j, q)| {
            if i == j {
                return true;
            }
            // The point of i's caption box nearest to q's centre.
            let nx = q.x.clamp(p.x - half_width, p.x + half_width);
            let ny =
                q.y.clamp(p.y + caption_y - half_height, p.y + caption_y + half_height);
            q.dist(Point::new(nx, ny)) >= reach && p.dist(*q) >= 2.0 * reach
        })
    })
}

/// The largest radius up to `radius` (and no smaller than `floor`) at which
/// [`captions_clear`] holds for these positions.
fn clear_radius(positions: &[Point], radius: f64, floor: f64, text: f64) -> f64 {
    if radius <= floor || captions_clear(positions, radius, text) {
        return radius;
    }
    let (mut lo, mut hi) = (floor, radius);
    for _ in 0..16 {
        let mid = (lo + hi) / 2.0;
        if captions_clear(positions, mid, text) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Positions of `n` servers on a ring `stretch` times as wide as tall (as far
/// as the stage's width allows), S1 at the top, clockwise, for glyphs of
/// `radius`. Servers in different partition groups (`groups[i]` per server,
/// all equal when healed) are pushed apart along the direction of their
/// group's centre, and the layout is fitted to keep the glyphs, and the names
/// of the groups, on the stage.
fn ring_positions_for(
    n: usize,
    stage: &Stage,
    groups: &[u16],
    radius: f64,
    stretch: f64,
) -> Vec<Point> {
    let c = stage.center();
    let r = stage.ring_radius();
    let side = side_margin(radius, stage.text);
    let rx = (r * stretch).min(c.x - side).max(r);
    let base: Vec<Point> = (0..n)
        .map(|i| {
            let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
            if n == 1 {
                c
            } else {
                Point::new(c.x + rx * a.cos(), c.y + r * a.sin())
            }
        })
        .collect();
    let partitioned = groups.iter().any(|&g| Some(&g) != groups.first());
    if !partitioned || groups.len() != n {
        return below_status(base, stage, radius);
    }
    // Push the groups apart until, fitted, they are clearly further apart
    // than the servers within a group.
    let mut fitted = Vec::new();
    for push in PUSHES {
        fitted = fit(pushed(&base, c, groups, r * push), stage, radius);
        if groups_apart(&fitted, groups) {
            break;
        }
    }
    fitted
}

/// `points` squeezed down just enough, if a server's leader star would sit
/// under the status line in the stage's top left corner (on small stages),
/// keeping the lowest server where it is.
fn below_status(points: Vec<Point>, stage: &Stage, radius: f64) -> Vec<Point> {
    let need = radius * 1.6 + STATUS_BAND * stage.text;
    let under = |p: &Point| p.y < need && p.x - radius * 1.3 < STATUS_WIDTH * stage.text;
    if !points.iter().any(under) {
        return points;
    }
    let top = points.iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
    let bottom = points.iter().map(|p| p.y).fold(f64::NEG_INFINITY, f64::max);
    let scale = if bottom - top > 1e-9 {
        ((bottom - need) / (bottom - top)).max(0.0)
    } else {
        1.0
    };
    points
        .into_iter()
        .map(|p| Point::new(p.x, need + (p.y - top) * scale))
        .collect()
}

/// `base` with each server moved `push` along the direction from `c` to its
/// group's centre.
fn pushed(base: &[Point], c: Point, groups: &[u16], push: f64) -> Vec<Point> {
    base.iter()
        .zip(groups)
        .map(|(p, g)| {
            let members: Vec<&Point> = base
                .iter()
                .zip(groups)
                .filter(|(_, h)| *h == g)
                .map(|(q, _)| q)
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
        .collect()
}

/// Whether the nearest servers of different groups are [`GROUP_GAP`] times
/// as far apart as neighbours within a group (the widest-spaced neighbours:
/// every server of a group is at most that far from the next one).
fn groups_apart(positions: &[Point], groups: &[u16]) -> bool {
    let mut across = f64::INFINITY;
    let mut within: f64 = 0.0;
    for (i, p) in positions.iter().enumerate() {
        let mut neighbour = f64::INFINITY;
        for (j, q) in positions.iter().enumerate() {
            if i == j {
                continue;
            }
            if groups[i] == groups[j] {
                neighbour = neighbour.min(p.dist(*q));
            } else {
                across = across.min(p.dist(*q));
            }
        }
        if neighbour.is_finite() {
            within = within.max(neighbour);
        }
    }
    across >= within * GROUP_GAP
}

/// How far a server's centre stays from the stage's sides: its glyph's marks,
/// and half its caption.
fn side_margin(radius: f64, text: f64) -> f64 {
    (radius * 1.8).max(CAPTION_HALF_WIDTH * text + 4.0)
}

/// Moves and, where needed, squeezes the positions so that every glyph, with
/// its timer, votes, leader mark and caption, stays on the stage, and so does
/// the name of a group below its lowest caption. Each axis is squeezed only as
/// much as it must be: a wide stage keeps its width when the groups need
/// more height than it has.
fn fit(points: Vec<Point>, stage: &Stage, radius: f64) -> Vec<Point> {
    let side = side_margin(radius, stage.text);
    let top = (radius * 1.8).max(radius * 1.6 + STATUS_BAND * stage.text);
    let bottom = radius * 1.6 + GROUP_NAME_DROP * stage.text;
    let span = |f: fn(&Point) -> f64| {
        let lo = points.iter().map(f).fold(f64::INFINITY, f64::min);
        let hi = points.iter().map(f).fold(f64::NEG_INFINITY, f64::max);
        (lo, hi)
    };
    // The scale (at most 1) that fits `lo..hi` into `from..to`, and the
    // shift that centres it there.
    let axis = |(lo, hi): (f64, f64), from: f64, to: f64| {
        let room = (to - from).max(0.0);
        let scale = if hi - lo > room {
            room / (hi - lo)
        } else {
            1.0
        };
        let shift = (from + to) / 2.0 - (lo + hi) / 2.0 * scale;
        (scale, shift)
    };
    let (sx, tx) = axis(span(|p| p.x), side, stage.width - side);
    let (sy, ty) = axis(span(|p| p.y), top, stage.height - bottom);
    points
        .into_iter()
        .map(|p| Point::new(p.x * sx + tx, p.y * sy + ty))
        .collect()
}

/// Size of a server's caption ("log 3 · commit 2"), in CSS px at text scale 1.
pub const CAPTION_PX: f64 = 11.0;
/// The least size of a server's name ("S1") at text scale 1: 24 px for a
/// presenter (text scale 1.6), legible from the back of a room.
const NAME_PX: f64 = 15.0;

/// Font sizes of the two lines inside a server's glyph of `radius` at text
/// scale `text`, in CSS px: its name ("S1") and its term. The name grows with
/// the glyph and is at least [`NAME_PX`] times `text`, unless the glyph is too
/// small to hold it; the term line is never smaller than the caption.
pub fn server_label_px(radius: f64, text: f64) -> (f64, f64) {
    let name = (radius * 0.52).max(NAME_PX * text).min(radius * 1.1);
    let term = (radius * 0.34).max(CAPTION_PX * text);
    (name, term)
}

/// Where the name and the term line of a server's glyph are centred (as
/// offsets below its centre, for text drawn with a middle baseline), and how
/// wide the term line may be: the glyph's chord along its lower edge.
pub fn server_label_lines(radius: f64, name_px: f64, term_px: f64) -> (f64, f64, f64) {
    // Cap and x heights are about 0.72 of the font size.
    let height = 0.72 * name_px + 0.2 * name_px + 0.72 * term_px;
    let name_y = -height / 2.0 + 0.36 * name_px;
    let term_y = height / 2.0 - 0.36 * term_px;
    let edge = (height / 2.0).min(radius);
    let chord = 2.0 * (radius * radius - edge * edge).sqrt() * 0.96;
    (name_y, term_y, chord.max(radius))
}

/// An axis-aligned box on the stage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// The box centred on `c`, `half_w` to either side and `half_h` above and below.
    pub fn around(c: Point, half_w: f64, half_h: f64) -> Rect {
        Rect {
            x0: c.x - half_w,
            y0: c.y - half_h,
            x1: c.x + half_w,
            y1: c.y + half_h,
        }
    }
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    pub fn contains(&self, p: Point) -> bool {
        (self.x0..=self.x1).contains(&p.x) && (self.y0..=self.y1).contains(&p.y)
    }
    fn corners(&self) -> [Point; 4] {
        [
            Point::new(self.x0, self.y0),
            Point::new(self.x1, self.y0),
            Point::new(self.x0, self.y1),
            Point::new(self.x1, self.y1),
        ]
    }
}

/// What a server's drawing covers: its glyph with the timer ring, votes and
/// leader star (`reach` radii around it), and its caption of
/// `caption_chars` characters with the "slow ×2" line under it.
pub fn server_boxes(
    p: Point,
    radius: f64,
    text: f64,
    caption_chars: usize,
    reach: f64,
) -> [Rect; 2] {
    let glyph = Rect::around(p, radius * reach, radius * reach);
    let cy = p.y + radius * CAPTION_DROP + CAPTION_GAP * text;
    // About half an em per character, and at least a typical caption.
    let half_w =
        (caption_chars as f64 * 0.27 * CAPTION_PX * text).max(CAPTION_HALF_WIDTH * text) + 4.0;
    let caption = Rect {
        x0: p.x - half_w,
        y0: cy - CAPTION_HALF_HEIGHT * text - 2.0,
        x1: p.x + half_w,
        y1: cy + (CAPTION_HALF_HEIGHT + 14.0) * text + 2.0,
    };
    [glyph, caption]
}

/// The side of a client's square cell beside the ring (glyph and name), in
/// CSS px at text scale 1.
pub const CLIENT_CELL: f64 = 40.0;
/// How far a server's marks reach, in radii, when keeping clients clear: the
/// leader's star and the votes around a candidate.
const MARKS_REACH: f64 = 1.7;
/// The same on a partitioned stage: the island drawn around each group.
const ISLAND_REACH: f64 = 1.95;
/// Room kept from the stage's edges, in pixels.
const EDGE: f64 = 3.0;

/// The ring as a polygon: the servers in order of their angle around their
/// centre. Fewer than three servers enclose nothing (an empty polygon).
fn ring_polygon(positions: &[Point]) -> Vec<Point> {
    if positions.len() < 3 {
        return Vec::new();
    }
    let n = positions.len() as f64;
    let c = Point::new(
        positions.iter().map(|q| q.x).sum::<f64>() / n,
        positions.iter().map(|q| q.y).sum::<f64>() / n,
    );
    let mut ring: Vec<Point> = positions.to_vec();
    ring.sort_by(|a, b| {
        (a.y - c.y)
            .atan2(a.x - c.x)
            .total_cmp(&(b.y - c.y).atan2(b.x - c.x))
    });
    ring
}

/// Whether `p` lies inside `polygon` (even-odd rule).
fn inside_polygon(p: Point, polygon: &[Point]) -> bool {
    let mut inside = false;
    for (i, a) in polygon.iter().enumerate() {
        let b = polygon[(i + 1) % polygon.len()];
        if (a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y) {
            inside = !inside;
        }
    }
    inside
}

/// Whether `p` lies inside the ring of servers at `positions`.
pub fn inside_ring(p: Point, positions: &[Point]) -> bool {
    inside_polygon(p, &ring_polygon(positions))
}

/// Cells for clients beside the ring, at most `max`: squares of
/// [`CLIENT_CELL`] (times the text scale) in columns just right of the ring
/// and its captions, then in columns from the stage's right edge inwards
/// (where a narrow stage has room only in its corners), then the same on the
/// left. Each column is filled from the middle outwards and read top to
/// bottom, column by column. A cell is used only where it lies wholly outside
/// the ring and clear of every server's glyph, marks and caption
/// ([`server_boxes`], `captions` giving each caption's length), of the names
/// of partition groups (`groups`, one per server) and of the status line in
/// the top left corner.
pub fn client_cells(
    stage: &Stage,
    positions: &[Point],
    radius: f64,
    captions: &[usize],
    groups: &[u16],
    max: usize,
) -> Vec<Point> {
    let t = stage.text;
    let cell = CLIENT_CELL * t;
    let partitioned = groups.iter().any(|&g| Some(&g) != groups.first());
    let reach = if partitioned {
        ISLAND_REACH
    } else {
        MARKS_REACH
    };
    let mut keep_out: Vec<Rect> = positions
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            server_boxes(*p, radius, t, captions.get(i).copied().unwrap_or(0), reach)
        })
        .collect();
    keep_out.push(Rect {
        x0: 0.0,
        y0: 0.0,
        x1: STATUS_WIDTH * t + 16.0,
        y1: STATUS_BAND * t,
    });
    if partitioned && groups.len() == positions.len() {
        // A group's name sits above it or below its captions (the drawing
        // picks one); keep both clear.
        let mut keys: Vec<u16> = groups.to_vec();
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            let members: Vec<Point> = positions
                .iter()
                .zip(groups)
                .filter(|(_, g)| **g == k)
                .map(|(p, _)| *p)
                .collect();
            let cx = members.iter().map(|p| p.x).sum::<f64>() / members.len() as f64;
            let top = members.iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
            let bottom = members
                .iter()
                .map(|p| p.y)
                .fold(f64::NEG_INFINITY, f64::max);
            for y in [top - radius * 1.75, bottom + radius * 1.6 + 30.0 * t] {
                keep_out.push(Rect::around(Point::new(cx, y), 52.0 * t, 10.0 * t));
            }
        }
    }
    let rows = ((stage.height - 2.0 * EDGE) / cell).floor().max(0.0) as usize;
    let columns = ((stage.width - 2.0 * EDGE) / cell).floor().max(0.0) as usize;
    let top = (stage.height - rows as f64 * cell) / 2.0 + cell / 2.0;
    let mid = stage.height / 2.0;
    let mut row_order: Vec<f64> = (0..rows).map(|j| top + j as f64 * cell).collect();
    row_order.sort_by(|a, b| {
        (a - mid)
            .abs()
            .total_cmp(&(b - mid).abs())
            .then(a.total_cmp(b))
    });
    // How far the servers' drawings reach to either side.
    let servers = &keep_out[..2 * positions.len()];
    let ring_right = servers
        .iter()
        .map(|r| r.x1)
        .fold(stage.width / 2.0, f64::max);
    let ring_left = servers
        .iter()
        .map(|r| r.x0)
        .fold(stage.width / 2.0, f64::min);
    let gap = cell * 0.25;
    let half = stage.width / 2.0;
    let steps = move |from: f64, step: f64| (0..columns).map(move |k| from + step * k as f64);
    let xs = steps(ring_right + gap + cell / 2.0, cell)
        .take_while(|x| x + cell / 2.0 <= stage.width - EDGE)
        .chain(steps(stage.width - EDGE - cell / 2.0, -cell).take_while(|x| x - cell / 2.0 >= half))
        .chain(steps(ring_left - gap - cell / 2.0, -cell).take_while(|x| x - cell / 2.0 >= EDGE))
        .chain(steps(EDGE + cell / 2.0, cell).take_while(|x| x + cell / 2.0 <= half));
    let ring = ring_polygon(positions);
    let mut cells: Vec<Point> = Vec::new();
    for x in xs {
        for &y in &row_order {
            let c = Point::new(x, y);
            let b = Rect::around(c, cell / 2.0, cell / 2.0);
            // Cells of different columns may be offset: keep them apart.
            let apart =
                |d: &Point| !Rect::around(*d, cell / 2.0 - 0.01, cell / 2.0 - 0.01).overlaps(&b);
            let clear = !keep_out.iter().any(|k| k.overlaps(&b))
                && !b.corners().iter().any(|q| inside_polygon(*q, &ring))
                && !inside_polygon(c, &ring)
                && cells.iter().all(apart);
            if clear {
                cells.push(c);
                if cells.len() == max {
                    break;
                }
            }
        }
        if cells.len() == max {
            break;
        }
    }
    // Each column read top to bottom.
    let column = |p: &Point| cells.iter().position(|q| q.x == p.x);
    let mut ordered = cells.clone();
    ordered.sort_by(|a, b| column(a).cmp(&column(b)).then(a.y.total_cmp(&b.y)));
    ordered
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

/// Whether a pointer stroke from `a` to `b` is a drag that slices the
/// network rather than a click (CSS px).
pub fn is_slice(a: Point, b: Point) -> bool {
    a.dist(b) > 12.0
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

    #[test]
    fn a_short_stroke_is_a_click_and_a_long_one_slices() {
        let a = Point::new(0.0, 0.0);
        assert!(!is_slice(a, Point::new(12.0, 0.0)), "a click");
        assert!(is_slice(a, Point::new(9.0, 9.0)), "a drag");
    }

    /// The ring at full glyph size, before any widening for captions.
    fn ring_positions(n: usize, stage: &Stage, groups: &[u16]) -> Vec<Point> {
        ring_positions_for(n, stage, groups, node_radius(n, stage), 1.0)
    }

    const STAGE: Stage = Stage {
        width: 800.0,
        height: 600.0,
        text: 1.0,
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
            text: 1.0,
        };
        let Layout {
            positions,
            radius: r,
        } = layout(5, &stage, &[1, 2, 2, 2, 2]);
        for p in &positions {
            assert!(
                p.y - r * 1.6 - STATUS_BAND >= -1e-6
                    && p.y + r * 1.6 + GROUP_NAME_DROP <= stage.height + 1e-6,
                "{p:?}"
            );
            assert!(
                p.x - r * 1.8 >= -1e-6 && p.x + r * 1.8 <= stage.width + 1e-6,
                "{p:?}"
            );
        }
    }

    #[test]
    fn roomy_layouts_keep_their_ring_and_full_size_glyphs() {
        for n in 1..=6 {
            let l = layout(n, &STAGE, &vec![0; n]);
            assert_eq!(l.radius, node_radius(n, &STAGE), "{n} servers");
            assert_eq!(l.positions, ring_positions(n, &STAGE, &vec![0; n]));
        }
    }

    #[test]
    fn small_stages_keep_the_top_server_below_the_status_line() {
        let small = Stage {
            width: 360.0,
            height: 308.0,
            text: 1.0,
        };
        let l = layout(5, &small, &[0; 5]);
        let top = l.positions[0];
        assert!(top.y - l.radius * 1.6 >= STATUS_BAND - 1e-9, "{l:?}");
        let circle_top = small.center().y - small.ring_radius();
        assert!(
            circle_top - l.radius * 1.6 < STATUS_BAND,
            "on the circle it would be under it"
        );
        let circle_bottom = small.center().y + small.ring_radius() * 126f64.to_radians().sin();
        assert!(
            (l.positions[3].y - circle_bottom).abs() < 1e-9,
            "the lowest servers stay"
        );
    }

    #[test]
    fn crowded_rings_widen_before_their_glyphs_shrink() {
        // Nine servers on the canvas of the lab in a 1280×720 window.
        let wide = Stage {
            width: 820.0,
            height: 275.0,
            text: 1.0,
        };
        let circle = ring_positions(9, &wide, &[0; 9]);
        assert!(!captions_clear(&circle, node_radius(9, &wide), 1.0));
        let l = layout(9, &wide, &[0; 9]);
        let span = |p: &[Point]| {
            p.iter().map(|q| q.x).fold(f64::MIN, f64::max)
                - p.iter().map(|q| q.x).fold(f64::MAX, f64::min)
        };
        assert!(span(&l.positions) > span(&circle) * 1.3, "wider");
        assert!(
            l.positions
                .iter()
                .all(|p| p.x >= CAPTION_HALF_WIDTH && p.x <= wide.width - CAPTION_HALF_WIDTH)
        );
        assert!(l.radius >= node_radius(9, &wide) * MIN_SHRINK);
    }

    #[test]
    fn squeezed_layouts_shrink_the_glyphs_to_keep_captions_clear() {
        // The canvas of a lesson embedded in a 640×400 frame, split 2 | 3.
        let small = Stage {
            width: 360.0,
            height: 308.0,
            text: 1.0,
        };
        let groups = [1, 1, 2, 2, 2];
        let full = ring_positions(5, &small, &groups);
        assert!(
            !captions_clear(&full, node_radius(5, &small), 1.0),
            "at full size a caption runs into a neighbour"
        );
        let l = layout(5, &small, &groups);
        assert!(l.radius < node_radius(5, &small));
        assert!(l.radius >= node_radius(5, &small) * MIN_SHRINK);
        assert!(captions_clear(&l.positions, l.radius, 1.0), "{l:?}");
        // A presenter's larger captions need more room, on a larger stage.
        let presented = Stage {
            width: 1210.0,
            height: 500.0,
            text: 1.45,
        };
        let l = layout(5, &presented, &groups);
        assert!(captions_clear(&l.positions, l.radius, 1.45), "{l:?}");
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

    /// Stages the lab runs on: a phone, a lesson embedded at 640×400, the
    /// lab at 1280×800, a presenter at 1280×720 and 1920×1080.
    const STAGES: [Stage; 5] = [
        Stage {
            width: 390.0,
            height: 260.0,
            text: 1.0,
        },
        Stage {
            width: 358.4,
            height: 308.2,
            text: 1.0,
        },
        Stage {
            width: 819.2,
            height: 446.3,
            text: 1.0,
        },
        Stage {
            width: 819.2,
            height: 331.2,
            text: 1.6,
        },
        Stage {
            width: 1228.8,
            height: 667.3,
            text: 1.6,
        },
    ];

    #[test]
    fn client_cells_stay_outside_the_ring_and_clear_of_servers() {
        for stage in STAGES {
            for (n, groups) in [
                (3, vec![0; 3]),
                (5, vec![0; 5]),
                (5, vec![1, 1, 2, 2, 2]),
                (5, vec![1, 2, 2, 2, 2]),
                (7, vec![0; 7]),
            ] {
                let l = layout(n, &stage, &groups);
                let captions = vec![18; n];
                let cells = client_cells(&stage, &l.positions, l.radius, &captions, &groups, 12);
                let what = format!("{stage:?} {groups:?}");
                assert!(cells.len() >= 2, "room for two clients at least: {what}");
                let half = CLIENT_CELL * stage.text / 2.0;
                for (i, c) in cells.iter().enumerate() {
                    let b = Rect::around(*c, half, half);
                    assert!(
                        b.x0 >= 0.0 && b.y0 >= 0.0 && b.x1 <= stage.width && b.y1 <= stage.height,
                        "on the stage: {c:?} {what}"
                    );
                    assert!(!inside_ring(*c, &l.positions), "{c:?} {what}");
                    for (j, p) in l.positions.iter().enumerate() {
                        assert!(
                            p.dist(*c) > l.radius * 1.7,
                            "clear of S{}: {c:?} {what}",
                            j + 1
                        );
                        let [_, caption] = server_boxes(*p, l.radius, stage.text, captions[j], 1.7);
                        assert!(
                            !caption.overlaps(&b),
                            "clear of S{}'s caption: {c:?} {what}",
                            j + 1
                        );
                    }
                    for d in &cells[..i] {
                        assert!(
                            d.dist(*c) >= half * 2.0 - 0.05,
                            "cells apart: {d:?} {c:?} {what}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn client_cells_fill_the_right_side_first() {
        let stage = STAGES[4];
        let l = layout(5, &stage, &[0; 5]);
        let cells = client_cells(&stage, &l.positions, l.radius, &[16; 5], &[0; 5], 4);
        assert_eq!(cells.len(), 4);
        let c = stage.center();
        let right = l.positions.iter().map(|p| p.x).fold(0.0, f64::max);
        for p in &cells {
            assert!(p.x > right + l.radius, "right of the ring: {p:?}");
            assert!(
                p.x < stage.width - CLIENT_CELL,
                "beside it, not at the edge: {p:?}"
            );
        }
        // In one column about the middle, top to bottom.
        assert!(cells.iter().all(|p| p.x == cells[0].x));
        assert!(cells.windows(2).all(|w| w[0].y < w[1].y));
        let mid = (cells[0].y + cells[3].y) / 2.0;
        assert!((mid - c.y).abs() <= CLIENT_CELL * stage.text);
    }

    #[test]
    fn presenters_get_large_server_names() {
        // The lab's canvas in a 1280×720 window in presenter mode.
        let stage = STAGES[3];
        let l = layout(5, &stage, &[0; 5]);
        let (name, term) = server_label_px(l.radius, stage.text);
        assert!(name >= 24.0, "{name} for radius {}", l.radius);
        assert!(term >= CAPTION_PX * stage.text);
        let (name_y, term_y, width) = server_label_lines(l.radius, name, term);
        assert!(name_y < 0.0 && term_y > 0.0);
        assert!(term_y + term * 0.36 < l.radius, "inside the glyph");
        assert!(width >= l.radius * 1.5, "{width}");
        // An embedded lesson's names stay readable.
        let small = STAGES[1];
        let l = layout(5, &small, &[0; 5]);
        assert!(server_label_px(l.radius, 1.0).0 >= 14.0);
    }

    #[test]
    fn glyphs_shrink_with_more_servers() {
        assert!(node_radius(9, &STAGE) < node_radius(3, &STAGE));
        assert!(node_radius(9, &STAGE) >= 12.0);
    }
}
