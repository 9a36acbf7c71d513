//! Paints a Raft scene: partition islands, links (cut ones broken, one-way
//! cuts with their direction), messages in flight, the servers with their
//! role, term, election timer, votes and health, and the clients beside the
//! ring with their requests and replies. The legend paints its samples with
//! the same functions.

use std::f64::consts::{FRAC_PI_2, TAU};
use web_sys::CanvasRenderingContext2d as Ctx;

use crate::app::Selection;
use crate::draw::glyphs::{
    arrowhead, check, cross, envelope_flap, rounded_rect, star, trace_message, trace_person,
    trace_shape, trace_tag, trace_terminal, u_turn,
};
use crate::lang::Lang;
use crate::protocols::raft::cluster::Health;
use crate::protocols::raft::hit::Target;
use crate::protocols::raft::scene::{
    Answer, Carried, ClientName, ClientSprite, FlightSprite, MessageSprite, MsgGlyph, NodeSprite,
    Scene, Shape, carried_label,
};
use crate::protocols::raft::{Role, VoteState};
use crate::sim::{LinkState, MsgId, NodeId};
use crate::view::geometry::{CAPTION_PX, Point, label_room, server_label_lines};
use crate::view::palette::{CanvasColors, Rgb};

/// What else the painter needs besides the scene.
pub struct Decor<'a> {
    pub colors: &'a CanvasColors,
    /// Line and text scale (larger when presenting).
    pub scale: f64,
    pub selection: Selection,
    /// What the pointer is over.
    pub hover: Target,
    /// Servers and the message the current narration is about.
    pub highlight_nodes: &'a [NodeId],
    pub highlight_msg: Option<MsgId>,
    /// A slice being dragged across the stage.
    pub slice: Option<(Point, Point)>,
    pub lang: Lang,
    /// The user asked for less motion: dropped messages do not fade.
    pub reduced_motion: bool,
    /// The corner status line's right end and bottom (CSS px), which
    /// partition names keep clear of; `(0.0, 0.0)` when there is none.
    pub status: (f64, f64),
}

/// The fill and stroke styles last handed to the context: setting a style
/// formats a string and crosses into JavaScript, so unchanged ones are skipped.
#[derive(Clone, Copy, Default)]
struct Styles {
    fill: Option<(Rgb, u32)>,
    stroke: Option<(Rgb, u32)>,
}

thread_local! {
    static STYLES: std::cell::Cell<Styles> = std::cell::Cell::new(Styles::default());
}

fn alpha_key(alpha: f64) -> u32 {
    (alpha.clamp(0.0, 1.0) * 1000.0).round() as u32
}

fn fill(ctx: &Ctx, c: Rgb, alpha: f64) {
    let key = (c, alpha_key(alpha));
    let mut s = STYLES.get();
    if s.fill != Some(key) {
        ctx.set_fill_style_str(&c.css(alpha));
        s.fill = Some(key);
        STYLES.set(s);
    }
}

fn stroke(ctx: &Ctx, c: Rgb, alpha: f64) {
    let key = (c, alpha_key(alpha));
    let mut s = STYLES.get();
    if s.stroke != Some(key) {
        ctx.set_stroke_style_str(&c.css(alpha));
        s.stroke = Some(key);
        STYLES.set(s);
    }
}

fn font(ctx: &Ctx, weight: u16, px: f64) {
    ctx.set_font(&format!(
        "{weight} {px:.1}px system-ui, -apple-system, 'Segoe UI', sans-serif"
    ));
}

/// Paints the whole scene (the caller has cleared the canvas).
pub fn paint(ctx: &Ctx, scene: &Scene, d: &Decor) {
    // Clearing set the fill style behind the cache's back.
    STYLES.set(Styles::default());
    islands(ctx, scene, d);
    links(ctx, scene, d);
    trails(ctx, scene, d);
    for m in &scene.messages {
        message(ctx, scene, m, d);
    }
    let positions: Vec<Point> = scene.nodes.iter().map(|n| n.pos).collect();
    for n in &scene.nodes {
        node(ctx, scene, &positions, n, d);
    }
    // Client traffic over the servers it passes (it starts and ends at the
    // glyphs' edges). Named when there is little, else only the user's own.
    let few = scene.flights.len() <= 4;
    for f in &scene.flights {
        let mine = scene
            .clients
            .iter()
            .any(|k| k.id == f.key.client && matches!(k.name, ClientName::Console(_)));
        let hovered = d.hover == Target::Flight(f.key);
        flight(ctx, f, d, few || mine || hovered);
    }
    for k in &scene.clients {
        client(ctx, k, d, true);
    }
    more_clients(ctx, scene, d);
    if let Some((a, b)) = d.slice {
        stroke(ctx, d.colors.cut, 0.9);
        ctx.set_line_width(2.0 * d.scale);
        let _ = ctx.set_line_dash(&js_sys::Array::of2(
            &(8.0 * d.scale).into(),
            &(6.0 * d.scale).into(),
        ));
        ctx.begin_path();
        ctx.move_to(a.x, a.y);
        ctx.line_to(b.x, b.y);
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }
}

fn pos(scene: &Scene, id: NodeId) -> Point {
    scene.nodes[id.index()].pos
}

/// Each partition group on a soft island of its own.
fn islands(ctx: &Ctx, scene: &Scene, d: &Decor) {
    if scene.islands.is_empty() {
        return;
    }
    let groups: Vec<Vec<Point>> = scene
        .islands
        .iter()
        .map(|g| g.iter().map(|id| pos(scene, *id)).collect())
        .collect();
    let positions: Vec<Point> = scene.nodes.iter().map(|n| n.pos).collect();
    let look = crate::draw::IslandLook {
        color: d.colors.island,
        scale: d.scale,
        lang: d.lang,
        status: d.status,
    };
    crate::draw::islands(ctx, &groups, &positions, scene.radius, &look);
    // The shared painter set styles behind the cache's back.
    STYLES.set(Styles::default());
}

fn links(ctx: &Ctx, scene: &Scene, d: &Decor) {
    let r = scene.radius;
    for l in &scene.links {
        let (a, b) = (pos(scene, l.a), pos(scene, l.b));
        let partitioned = l.ab == LinkState::Partitioned;
        if partitioned {
            continue;
        }
        let selected = d.selection == Selection::Link(l.a, l.b);
        let hovered = d.hover == Target::Link(l.a, l.b);
        let both_cut = l.ab == LinkState::Cut && l.ba == LinkState::Cut;
        let color = if l.ab == LinkState::Cut || l.ba == LinkState::Cut {
            d.colors.cut
        } else {
            d.colors.link
        };
        stroke(
            ctx,
            if selected { d.colors.selection } else { color },
            if hovered || selected { 1.0 } else { 0.7 },
        );
        ctx.set_line_width(if selected || hovered { 3.0 } else { 1.4 } * d.scale);
        let dash = if both_cut {
            js_sys::Array::of2(&(6.0 * d.scale).into(), &(5.0 * d.scale).into())
        } else {
            js_sys::Array::new()
        };
        let _ = ctx.set_line_dash(&dash);
        let mid = a.lerp(b, 0.5);
        ctx.begin_path();
        if both_cut {
            // A gap in the middle: the wire is broken.
            let gap = 0.06;
            let (g1, g2) = (a.lerp(b, 0.5 - gap), a.lerp(b, 0.5 + gap));
            ctx.move_to(a.x, a.y);
            ctx.line_to(g1.x, g1.y);
            ctx.move_to(g2.x, g2.y);
            ctx.line_to(b.x, b.y);
        } else {
            ctx.move_to(a.x, a.y);
            ctx.line_to(b.x, b.y);
        }
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
        if both_cut {
            stroke(ctx, d.colors.cut, 1.0);
            cross(ctx, mid, r * 0.22, 2.5 * d.scale);
        } else {
            // One-way cut: an arrow in the blocked direction, crossed out.
            for (from, to, state) in [(a, b, l.ab), (b, a, l.ba)] {
                if state == LinkState::Cut {
                    let angle = (to.y - from.y).atan2(to.x - from.x);
                    let tip = from.lerp(to, 0.62);
                    fill(ctx, d.colors.cut, 1.0);
                    arrowhead(ctx, tip, angle, r * 0.45);
                    stroke(ctx, d.colors.cut, 1.0);
                    cross(ctx, from.lerp(to, 0.52), r * 0.16, 2.2 * d.scale);
                }
            }
        }
    }
}

fn message(ctx: &Ctx, scene: &Scene, m: &MessageSprite, d: &Decor) {
    let (a, b) = (pos(scene, m.from), pos(scene, m.to));
    message_glyph(ctx, m, (b.y - a.y).atan2(b.x - a.x), d);
}

/// Paints message `m` travelling along `angle`: its glyph, filled or
/// hollow, with its marks (refused, granted, dropped).
pub fn message_glyph(ctx: &Ctx, m: &MessageSprite, angle: f64, d: &Decor) {
    let s = m.size;
    let alpha = if d.reduced_motion && m.dropped.is_some() {
        1.0
    } else {
        m.alpha
    };
    ctx.set_global_alpha(alpha.clamp(0.0, 1.0));
    let selected = d.selection == Selection::Message(m.id);
    let hovered = d.hover == Target::Message(m.id);
    if selected || hovered || d.highlight_msg == Some(m.id) {
        fill(
            ctx,
            if selected {
                d.colors.selection
            } else {
                d.colors.highlight
            },
            0.35,
        );
        ctx.begin_path();
        let _ = ctx.arc(m.pos.x, m.pos.y, s * 2.4, 0.0, TAU);
        ctx.fill();
    }
    trace_message(ctx, m.glyph, m.pos, s, angle);
    if m.filled {
        fill(ctx, m.color, 1.0);
        ctx.fill();
    } else {
        fill(ctx, d.colors.background, 1.0);
        ctx.fill();
    }
    stroke(ctx, m.color, 1.0);
    ctx.set_line_width(if m.filled { 1.0 } else { 2.0 } * d.scale);
    ctx.stroke();
    if m.glyph == MsgGlyph::Envelope {
        stroke(
            ctx,
            if m.filled {
                d.colors.background
            } else {
                m.color
            },
            0.9,
        );
        ctx.set_line_width(d.scale);
        envelope_flap(ctx, m.pos, s);
    }
    if m.rejected {
        stroke(ctx, d.colors.refused, 1.0);
        cross(ctx, m.pos, s * 0.6, 2.0 * d.scale);
    } else if !m.filled && m.glyph == MsgGlyph::Ballot {
        stroke(ctx, d.colors.granted, 1.0);
        check(ctx, m.pos, s * 0.65, 2.0 * d.scale);
    }
    if m.dropped.is_some() {
        stroke(ctx, d.colors.cut, 1.0);
        cross(
            ctx,
            Point::new(m.pos.x + s * 1.4, m.pos.y - s * 1.4),
            s * 0.7,
            2.5 * d.scale,
        );
    }
    ctx.set_global_alpha(1.0);
}

/// Paints server `n`; `positions` are every server's, in id order.
fn node(ctx: &Ctx, scene: &Scene, positions: &[Point], n: &NodeSprite, d: &Decor) {
    let r = n.radius;
    let c = n.pos;
    let down = n.health == Health::Down;
    let selected = d.selection == Selection::Node(n.id);
    let hovered = d.hover == Target::Node(n.id);
    if d.highlight_nodes.contains(&n.id) || selected || hovered {
        let color = if selected {
            d.colors.selection
        } else {
            d.colors.highlight
        };
        fill(ctx, color, if selected { 0.35 } else { 0.22 });
        ctx.begin_path();
        let _ = ctx.arc(c.x, c.y, r * 1.45, 0.0, TAU);
        ctx.fill();
    }
    // Election timer: the arc still to run, clockwise from the top.
    if let Some(left) = n.timer {
        stroke(ctx, d.colors.timer, 0.25);
        ctx.set_line_width(3.0 * d.scale);
        ctx.begin_path();
        let _ = ctx.arc(c.x, c.y, r * 1.22, 0.0, TAU);
        ctx.stroke();
        stroke(ctx, d.colors.timer, 0.95);
        ctx.begin_path();
        let _ = ctx.arc(c.x, c.y, r * 1.22, -FRAC_PI_2, -FRAC_PI_2 + TAU * left);
        ctx.stroke();
    }
    trace_shape(ctx, n.shape, c, r);
    let (fill_color, fill_alpha) = match (down, n.role) {
        (true, _) => (d.colors.down, 0.35),
        (false, Role::PreCandidate) => (n.color, 0.25),
        (false, _) => (n.color, 0.9),
    };
    fill(ctx, fill_color, fill_alpha);
    ctx.fill();
    stroke(ctx, if down { d.colors.down } else { n.color }, 1.0);
    ctx.set_line_width(if n.shape == Shape::Square { 3.5 } else { 2.0 } * d.scale);
    if n.role == Role::PreCandidate && !down {
        let _ = ctx.set_line_dash(&js_sys::Array::of2(
            &(5.0 * d.scale).into(),
            &(4.0 * d.scale).into(),
        ));
    }
    ctx.stroke();
    let _ = ctx.set_line_dash(&js_sys::Array::new());
    // Name and term inside.
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let text = if down || n.role == Role::PreCandidate {
        d.colors.text
    } else {
        Rgb(255, 255, 255)
    };
    fill(ctx, text, 1.0);
    let (name_y, term_y, term_width) = server_label_lines(r, n.name_px, n.term_px);
    font(ctx, 700, n.name_px);
    let _ = ctx.fill_text_with_max_width(&n.id.to_string(), c.x, c.y + name_y, r * 1.8);
    font(ctx, 500, n.term_px);
    let term = match d.lang {
        Lang::En => format!("term {}", n.term),
        Lang::Zh => format!("任期 {}", n.term),
    };
    // Squeezed rather than shrunk where the glyph is narrow.
    let _ = ctx.fill_text_with_max_width(&term, c.x, c.y + term_y, term_width);
    if let Some(done) = n.persist {
        persist_mark(ctx, c, r, done, d);
    }
    if n.role == Role::Leader && !down {
        fill(ctx, Rgb(250, 204, 21), 1.0);
        star(ctx, Point::new(c.x, c.y - r * 1.25), r * 0.32);
    }
    // Votes around a candidate: each on the side of its voter.
    for (voter, vote) in &n.votes {
        let v = pos(scene, *voter);
        let a = (v.y - c.y).atan2(v.x - c.x);
        let p = Point::new(c.x + r * 1.55 * a.cos(), c.y + r * 1.55 * a.sin());
        let vr = (r * 0.16).max(4.0);
        ctx.begin_path();
        let _ = ctx.arc(p.x, p.y, vr, 0.0, TAU);
        match vote {
            VoteState::Granted => {
                fill(ctx, d.colors.granted, 1.0);
                ctx.fill();
            }
            VoteState::Refused => {
                stroke(ctx, d.colors.refused, 1.0);
                cross(ctx, p, vr * 0.8, 2.0 * d.scale);
            }
            VoteState::Pending => {
                stroke(ctx, d.colors.muted, 1.0);
                ctx.set_line_width(1.5 * d.scale);
                ctx.stroke();
            }
        }
    }
    // Health marks.
    if down {
        stroke(ctx, d.colors.cut, 0.9);
        cross(ctx, c, r * 0.75, 3.0 * d.scale);
    }
    let below = c.y + r * 1.55 + 8.0 * d.scale;
    font(ctx, 500, CAPTION_PX * d.scale);
    fill(ctx, d.colors.muted, 1.0);
    let status = match (n.health, d.lang) {
        (Health::Down, Lang::En) => "crashed".to_string(),
        (Health::Down, Lang::Zh) => "已崩溃".to_string(),
        (Health::Paused, Lang::En) => "❚❚ paused".to_string(),
        (Health::Paused, Lang::Zh) => "❚❚ 已暂停".to_string(),
        (Health::Up, Lang::En) => format!("log {} · commit {}", n.last_index, n.commit),
        (Health::Up, Lang::Zh) => format!("日志 {} · 提交 {}", n.last_index, n.commit),
        (Health::Left | Health::Vacant, _) => String::new(),
    };
    // Squeezed rather than run into the label of a server beside it.
    let _ = match label_room(positions, n.id.index(), 16.0 * d.scale, 8.0 * d.scale) {
        Some(room) => ctx.fill_text_with_max_width(&status, c.x, below, room.max(r * 2.0)),
        None => ctx.fill_text(&status, c.x, below),
    };
    if n.slow > 1 {
        fill(ctx, d.colors.cut, 1.0);
        let slow = match d.lang {
            Lang::En => format!("slow ×{}", n.slow),
            Lang::Zh => format!("变慢 ×{}", n.slow),
        };
        let _ = ctx.fill_text(&slow, c.x, below + 14.0 * d.scale);
    }
}

/// A write to stable storage under way: a small disk at the glyph's lower
/// right, filled as far as the write has got.
fn persist_mark(ctx: &Ctx, c: Point, r: f64, done: f64, d: &Decor) {
    let p = Point::new(c.x + r * 0.9, c.y + r * 0.9);
    let pr = (r * 0.24).max(4.0);
    fill(ctx, d.colors.background, 1.0);
    ctx.begin_path();
    let _ = ctx.arc(p.x, p.y, pr, 0.0, TAU);
    ctx.fill();
    fill(ctx, d.colors.timer, 1.0);
    ctx.begin_path();
    ctx.move_to(p.x, p.y);
    let _ = ctx.arc(
        p.x,
        p.y,
        pr,
        -FRAC_PI_2,
        -FRAC_PI_2 + TAU * done.clamp(0.0, 1.0),
    );
    ctx.close_path();
    ctx.fill();
    stroke(ctx, d.colors.timer, 1.0);
    ctx.set_line_width(d.scale);
    ctx.begin_path();
    let _ = ctx.arc(p.x, p.y, pr, 0.0, TAU);
    ctx.stroke();
}

/// Text with a halo of the background around it, readable over links.
fn halo_text(ctx: &Ctx, text: &str, at: Point, color: Rgb, d: &Decor) {
    stroke(ctx, d.colors.background, 0.9);
    ctx.set_line_width(3.0 * d.scale);
    ctx.set_line_join("round");
    let _ = ctx.stroke_text(text, at.x, at.y);
    fill(ctx, color, 1.0);
    let _ = ctx.fill_text(text, at.x, at.y);
}

/// A faint dashed line from a waiting client to the server it waits on,
/// for the user's own clients and the one under the pointer.
fn trails(ctx: &Ctx, scene: &Scene, d: &Decor) {
    let _ = ctx.set_line_dash(&js_sys::Array::of2(
        &(3.0 * d.scale).into(),
        &(4.0 * d.scale).into(),
    ));
    for k in &scene.clients {
        let Some(w) = &k.waiting else { continue };
        let Some(server) = scene.nodes.get(w.target.index()) else {
            continue;
        };
        let hovered = d.hover == Target::Client(k.id);
        let alpha = match (hovered, k.name) {
            (true, _) => 0.85,
            (false, ClientName::Console(_)) => 0.5,
            (false, ClientName::Workload(_)) => continue,
        };
        stroke(ctx, d.colors.client, alpha);
        ctx.set_line_width(if hovered { 1.6 } else { 1.0 } * d.scale);
        // From the client's edge to the server's.
        let (a, b) = (k.pos, server.pos);
        let len = a.dist(b).max(1e-6);
        let from = a.lerp(b, (k.size * 1.2 / len).min(0.5));
        let to = b.lerp(a, (server.radius * 1.3 / len).min(0.5));
        ctx.begin_path();
        ctx.move_to(from.x, from.y);
        ctx.line_to(to.x, to.y);
        ctx.stroke();
    }
    let _ = ctx.set_line_dash(&js_sys::Array::new());
}

/// The colour of what a client's reply says.
fn answer_color(answer: &Answer, d: &Decor) -> Rgb {
    match answer {
        Answer::Done { .. } => d.colors.granted,
        Answer::Redirect(_) => d.colors.redirect,
        Answer::Retry => d.colors.refused,
    }
}

/// Paints a client's request or a server's reply: a tag in the clients'
/// colour pointing where it goes, filled going in, hollow coming back with
/// the answer marked (✓ done, U-turn redirected, ✕ refused); named by what
/// it carries when `named`.
pub fn flight(ctx: &Ctx, f: &FlightSprite, d: &Decor, named: bool) {
    let s = f.size;
    let ink = d.colors.client;
    ctx.set_global_alpha(if f.stale { 0.45 } else { 1.0 });
    if d.hover == Target::Flight(f.key) {
        fill(ctx, d.colors.highlight, 0.35);
        ctx.begin_path();
        let _ = ctx.arc(f.pos.x, f.pos.y, s * 2.4, 0.0, TAU);
        ctx.fill();
    }
    trace_tag(ctx, f.pos, s, f.angle);
    let color = match &f.carried {
        Carried::Request { .. } => {
            fill(ctx, ink, 1.0);
            ctx.fill();
            stroke(ctx, d.colors.background, 0.9);
            ctx.set_line_width(d.scale);
            ctx.stroke();
            ink
        }
        Carried::Reply { answer, .. } => {
            fill(ctx, d.colors.background, 1.0);
            ctx.fill();
            stroke(ctx, ink, 1.0);
            ctx.set_line_width(1.6 * d.scale);
            ctx.stroke();
            let mark = answer_color(answer, d);
            stroke(ctx, mark, 1.0);
            let w = 1.8 * d.scale;
            match answer {
                Answer::Done { .. } => check(ctx, f.pos, s * 0.55, w),
                Answer::Redirect(_) => u_turn(ctx, f.pos, s * 0.6, w),
                Answer::Retry => cross(ctx, f.pos, s * 0.45, w),
            }
            mark
        }
    };
    if named {
        font(ctx, 600, 10.0 * d.scale);
        ctx.set_text_align("center");
        ctx.set_text_baseline("middle");
        let at = Point::new(f.pos.x, f.pos.y - s * 1.2 - 7.0 * d.scale);
        halo_text(ctx, &carried_label(&f.carried, d.lang), at, color, d);
    }
    ctx.set_global_alpha(1.0);
}

/// Paints a client: a screen for a workload client, a person for the
/// user's own; solid while it waits on an operation, an outline while it
/// thinks; its name underneath when `named`.
pub fn client(ctx: &Ctx, k: &ClientSprite, d: &Decor, named: bool) {
    let s = k.size;
    let ink = d.colors.client;
    if d.hover == Target::Client(k.id) {
        fill(ctx, d.colors.highlight, 0.22);
        ctx.begin_path();
        let _ = ctx.arc(k.pos.x, k.pos.y, s * 1.7, 0.0, TAU);
        ctx.fill();
    }
    match k.name {
        ClientName::Workload(_) => trace_terminal(ctx, k.pos, s),
        ClientName::Console(_) => trace_person(ctx, k.pos, s),
    }
    let waiting = k.waiting.is_some();
    fill(ctx, if waiting { ink } else { d.colors.background }, 1.0);
    ctx.fill();
    stroke(ctx, ink, if waiting { 1.0 } else { 0.6 });
    ctx.set_line_width(1.5 * d.scale);
    ctx.stroke();
    if !named {
        return;
    }
    font(ctx, 600, CAPTION_PX * d.scale);
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    fill(
        ctx,
        if waiting {
            d.colors.text
        } else {
            d.colors.muted
        },
        1.0,
    );
    let _ = ctx.fill_text(&k.name.label(d.lang), k.label_at.x, k.label_at.y);
}

/// The cell saying how many clients are not drawn: "+28".
fn more_clients(ctx: &Ctx, scene: &Scene, d: &Decor) {
    let Some(cell) = scene.client_count.more_at else {
        return;
    };
    let hidden = scene
        .client_count
        .total
        .saturating_sub(scene.client_count.shown);
    let pad = 4.0 * d.scale;
    if matches!(d.hover, Target::MoreClients { .. }) {
        fill(ctx, d.colors.highlight, 0.22);
        ctx.begin_path();
        rounded_rect(
            ctx,
            cell.x0 + pad,
            cell.y0 + pad,
            cell.x1 - cell.x0 - 2.0 * pad,
            cell.y1 - cell.y0 - 2.0 * pad,
            pad,
        );
        ctx.fill();
    }
    stroke(ctx, d.colors.client, 0.6);
    ctx.set_line_width(d.scale);
    let _ = ctx.set_line_dash(&js_sys::Array::of2(
        &(3.0 * d.scale).into(),
        &(3.0 * d.scale).into(),
    ));
    ctx.begin_path();
    rounded_rect(
        ctx,
        cell.x0 + pad,
        cell.y0 + pad,
        cell.x1 - cell.x0 - 2.0 * pad,
        cell.y1 - cell.y0 - 2.0 * pad,
        pad,
    );
    ctx.stroke();
    let _ = ctx.set_line_dash(&js_sys::Array::new());
    font(ctx, 700, 12.0 * d.scale);
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    fill(ctx, d.colors.text, 1.0);
    let c = Point::new((cell.x0 + cell.x1) / 2.0, (cell.y0 + cell.y1) / 2.0);
    let _ = ctx.fill_text_with_max_width(
        &format!("+{hidden}"),
        c.x,
        c.y,
        cell.x1 - cell.x0 - 2.0 * pad,
    );
}

/// One sample of the legend.
pub enum Sample<'a> {
    Message(&'a MessageSprite),
    Flight(&'a FlightSprite),
    Client(&'a ClientSprite),
}

/// Paints a legend sample on its own small canvas (travelling left to
/// right), as the stage paints it.
pub fn sample(ctx: &Ctx, sample: Sample, d: &Decor) {
    // Another context: the cached styles say nothing about it.
    STYLES.set(Styles::default());
    match sample {
        Sample::Message(m) => message_glyph(ctx, m, 0.0, d),
        Sample::Flight(f) => flight(ctx, f, d, false),
        Sample::Client(k) => client(ctx, k, d, false),
    }
    STYLES.set(Styles::default());
}
