//! Paints a Quorum NWR scene: partition islands, the hash ring with the
//! key on show and the arc to its preference list, the servers with their
//! copy of the key (coloured by version), the replicas numbered in
//! preference order, the requests coordinators are working on (a ring that
//! fills as answers come in, and dashed rings on the servers still awaited),
//! and the messages in flight (requests filled, replies hollow, lost ones
//! crossed out and fading).

use std::f64::consts::{FRAC_PI_2, TAU};
use web_sys::CanvasRenderingContext2d as Ctx;

use crate::draw::glyphs::{cross, rounded_rect};
use crate::lang::Lang;
use crate::protocols::nwr::scene::{MessageSprite, NwrScene, Phase, RequestView, ServerSprite};
use crate::protocols::nwr::{Health, MsgKind, Version};
use crate::sim::NodeId;
use crate::view::geometry::Point;
use crate::view::palette::{CanvasColors, Rgb, term_color};

/// What else the painter needs besides the scene.
pub struct NwrDecor<'a> {
    pub colors: &'a CanvasColors,
    /// Line and text scale (larger when presenting).
    pub scale: f64,
    pub lang: Lang,
    pub selected: Option<NodeId>,
    pub hover: Option<NodeId>,
    /// Servers the narration or a lesson step points at.
    pub highlight: &'a [NodeId],
    /// A slice being dragged across the stage.
    pub slice: Option<(Point, Point)>,
    /// The user asked for less motion: lost messages do not fade.
    pub reduced_motion: bool,
    /// The corner status line's right end and bottom; `(0.0, 0.0)` if none.
    pub status: (f64, f64),
}

fn fill(ctx: &Ctx, c: Rgb, alpha: f64) {
    ctx.set_fill_style_str(&c.css(alpha));
}

fn stroke(ctx: &Ctx, c: Rgb, alpha: f64) {
    ctx.set_stroke_style_str(&c.css(alpha));
}

fn font(ctx: &Ctx, weight: u16, px: f64) {
    ctx.set_font(&format!(
        "{weight} {px:.1}px system-ui, -apple-system, 'Segoe UI', sans-serif"
    ));
}

fn dash(ctx: &Ctx, on: f64, off: f64) {
    let pattern = if on > 0.0 {
        js_sys::Array::of2(&on.into(), &off.into())
    } else {
        js_sys::Array::new()
    };
    let _ = ctx.set_line_dash(&pattern);
}

/// The colour of a version: versions with the same counter look alike.
pub fn version_color(v: Version) -> Rgb {
    term_color(v.counter)
}

/// A version as the canvas writes it: `(2,S3)`.
pub fn version_text(v: Version) -> String {
    format!("({},{})", v.counter, v.writer)
}

/// Paints the whole scene (the caller has cleared the canvas).
pub fn paint(ctx: &Ctx, scene: &NwrScene, d: &NwrDecor) {
    let positions: Vec<Point> = scene.servers.iter().map(|s| s.pos).collect();
    if !scene.islands.is_empty() {
        let groups: Vec<Vec<Point>> = scene
            .islands
            .iter()
            .map(|g| g.iter().map(|id| positions[id.index()]).collect())
            .collect();
        let look = crate::draw::IslandLook {
            color: d.colors.island,
            scale: d.scale,
            lang: d.lang,
            status: d.status,
        };
        crate::draw::islands(ctx, &groups, &positions, scene.radius, &look);
    } else {
        ring(ctx, &positions, d);
    }
    key_arc(ctx, scene, &positions, d);
    for m in &scene.messages {
        message(ctx, m, scene.radius, d, scene.messages.len() <= 12);
    }
    for s in &scene.servers {
        server(ctx, scene, s, d);
    }
    key_tag(ctx, scene, d);
    if let Some((a, b)) = d.slice {
        stroke(ctx, d.colors.cut, 0.9);
        ctx.set_line_width(2.0 * d.scale);
        dash(ctx, 8.0 * d.scale, 6.0 * d.scale);
        ctx.begin_path();
        ctx.move_to(a.x, a.y);
        ctx.line_to(b.x, b.y);
        ctx.stroke();
        dash(ctx, 0.0, 0.0);
    }
}

/// The centre of the servers and the radius of the ring they sit on.
fn ring_of(positions: &[Point]) -> (Point, f64) {
    let n = positions.len().max(1) as f64;
    let c = Point::new(
        positions.iter().map(|p| p.x).sum::<f64>() / n,
        positions.iter().map(|p| p.y).sum::<f64>() / n,
    );
    let r = positions.iter().map(|p| p.dist(c)).sum::<f64>() / n;
    (c, r)
}

/// The hash ring: a thin circle through the servers, with an arrow saying
/// which way is clockwise (the direction preference lists run).
fn ring(ctx: &Ctx, positions: &[Point], d: &NwrDecor) {
    if positions.len() < 2 {
        return;
    }
    let (c, r) = ring_of(positions);
    stroke(ctx, d.colors.link, 0.9);
    ctx.set_line_width(1.5 * d.scale);
    ctx.begin_path();
    let _ = ctx.arc(c.x, c.y, r, 0.0, TAU);
    ctx.stroke();
}

/// The arc clockwise from where the key on show hashes through its replicas.
fn key_arc(ctx: &Ctx, scene: &NwrScene, positions: &[Point], d: &NwrDecor) {
    let Some(mark) = &scene.key else { return };
    if scene.islands.is_empty() && positions.len() >= 2 && !mark.replicas.is_empty() {
        let (c, r) = ring_of(positions);
        let angle = |p: Point| (p.y - c.y).atan2(p.x - c.x);
        let start = angle(mark.pos);
        let last = positions[mark.replicas[mark.replicas.len() - 1].index()];
        let mut end = angle(last);
        while end <= start {
            end += TAU;
        }
        stroke(ctx, d.colors.highlight, 0.55);
        ctx.set_line_width(5.0 * d.scale);
        ctx.set_line_cap("round");
        ctx.begin_path();
        let _ = ctx.arc(c.x, c.y, r, start, end);
        ctx.stroke();
    }
}

/// The key on show: a mark on the ring where the key hashes and its name
/// outside the ring, over the servers.
fn key_tag(ctx: &Ctx, scene: &NwrScene, d: &NwrDecor) {
    let Some(mark) = &scene.key else { return };
    let s = 6.0 * d.scale;
    fill(ctx, d.colors.highlight, 1.0);
    ctx.begin_path();
    ctx.move_to(mark.pos.x, mark.pos.y - s);
    ctx.line_to(mark.pos.x + s, mark.pos.y);
    ctx.line_to(mark.pos.x, mark.pos.y + s);
    ctx.line_to(mark.pos.x - s, mark.pos.y);
    ctx.close_path();
    ctx.fill();
    // The name goes outward from the ring's centre, clear of the servers.
    let positions: Vec<Point> = scene.servers.iter().map(|v| v.pos).collect();
    let (c, _) = ring_of(&positions);
    let (dx, dy) = (mark.pos.x - c.x, mark.pos.y - c.y);
    let len = dx.hypot(dy);
    let at = if len > 1.0 && positions.len() > 1 {
        let out = scene.radius * 1.1 + 10.0 * d.scale;
        Point::new(mark.pos.x + dx / len * out, mark.pos.y + dy / len * out)
    } else {
        Point::new(mark.pos.x, mark.pos.y - s - 8.0 * d.scale)
    };
    // Below the corner status line, whose plate would cover it.
    let at = Point::new(at.x, at.y.max(d.status.1 + 10.0 * d.scale));
    let name = match d.lang {
        Lang::En => format!("key {}", mark.key),
        Lang::Zh => format!("键 {}", mark.key),
    };
    font(ctx, 700, 13.0 * d.scale);
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    stroke(ctx, d.colors.highlight, 0.6);
    ctx.set_line_width(1.0 * d.scale);
    ctx.begin_path();
    ctx.move_to(mark.pos.x, mark.pos.y);
    ctx.line_to(at.x, at.y);
    ctx.stroke();
    halo_text(ctx, &name, at, d.colors.highlight, d);
}

/// Text with a thin outline of the background, readable over lines.
fn halo_text(ctx: &Ctx, text: &str, at: Point, color: Rgb, d: &NwrDecor) {
    stroke(ctx, d.colors.background, 0.9);
    ctx.set_line_width(3.0 * d.scale);
    ctx.set_line_join("round");
    let _ = ctx.stroke_text(text, at.x, at.y);
    fill(ctx, color, 1.0);
    let _ = ctx.fill_text(text, at.x, at.y);
}

fn message_color(m: &MessageSprite, d: &NwrDecor) -> Rgb {
    match m.version {
        Some(v) => version_color(v),
        None => d.colors.client,
    }
}

/// A message: a dot, filled for a request and hollow for a reply, with a
/// bar for a repair or a handoff; its version beside it when there are few.
fn message(ctx: &Ctx, m: &MessageSprite, radius: f64, d: &NwrDecor, named: bool) {
    let alpha = if d.reduced_motion && m.dropped.is_some() {
        1.0
    } else {
        m.alpha
    };
    ctx.set_global_alpha(alpha.clamp(0.0, 1.0));
    let r = (radius * 0.22).clamp(4.0, 8.0) * d.scale.sqrt();
    let color = message_color(m, d);
    ctx.begin_path();
    let _ = ctx.arc(m.pos.x, m.pos.y, r, 0.0, TAU);
    if m.reply {
        fill(ctx, d.colors.background, 1.0);
        ctx.fill();
        stroke(ctx, color, 1.0);
        ctx.set_line_width(2.0 * d.scale);
        ctx.stroke();
    } else {
        fill(ctx, color, 1.0);
        ctx.fill();
    }
    if matches!(
        m.kind,
        MsgKind::Repair | MsgKind::RepairAck | MsgKind::Handoff | MsgKind::HandoffAck
    ) {
        stroke(ctx, d.colors.text, 0.9);
        ctx.set_line_width(1.5 * d.scale);
        ctx.begin_path();
        ctx.move_to(m.pos.x - r * 0.6, m.pos.y);
        ctx.line_to(m.pos.x + r * 0.6, m.pos.y);
        ctx.stroke();
    }
    if m.dropped.is_some() {
        stroke(ctx, d.colors.cut, 1.0);
        cross(
            ctx,
            Point::new(m.pos.x + r * 1.4, m.pos.y - r * 1.4),
            r * 0.7,
            2.5 * d.scale,
        );
    }
    if named {
        font(ctx, 500, 10.5 * d.scale);
        ctx.set_text_align("left");
        ctx.set_text_baseline("middle");
        let text = match m.version {
            Some(v) => format!("{} {}", m.kind.name(), version_text(v)),
            None => m.kind.name().to_string(),
        };
        halo_text(
            ctx,
            &text,
            Point::new(m.pos.x + r + 3.0, m.pos.y),
            d.colors.muted,
            d,
        );
    }
    ctx.set_global_alpha(1.0);
}

/// The requests `id` coordinates, first.
fn requests_of(scene: &NwrScene, id: NodeId) -> impl Iterator<Item = &RequestView> {
    scene.requests.iter().filter(move |r| r.coordinator == id)
}

fn phase_name(p: Phase, lang: Lang) -> &'static str {
    match p {
        Phase::Query => lang.pick("asking", "询问中"),
        Phase::Write => lang.pick("writing", "写入中"),
        Phase::Repair => lang.pick("writing back", "写回中"),
        Phase::Background => lang.pick("repairing", "修复中"),
    }
}

/// A server: its circle, name, copy of the key, place in the preference
/// list, the request it coordinates and the marks of selection and focus.
fn server(ctx: &Ctx, scene: &NwrScene, s: &ServerSprite, d: &NwrDecor) {
    let r = scene.radius;
    let c = s.pos;
    let down = s.health == Health::Down;
    let focus = d.highlight.contains(&s.id);
    if d.selected == Some(s.id) || d.hover == Some(s.id) || focus {
        let color = if d.selected == Some(s.id) {
            d.colors.selection
        } else {
            d.colors.highlight
        };
        fill(ctx, color, 0.25);
        ctx.begin_path();
        let _ = ctx.arc(c.x, c.y, r * 1.45, 0.0, TAU);
        ctx.fill();
    }
    // The body: the version's colour when it holds the key on show.
    ctx.begin_path();
    let _ = ctx.arc(c.x, c.y, r, 0.0, TAU);
    let body = match (&s.stored, down) {
        (_, true) => d.colors.down,
        (Some(st), false) => version_color(st.version),
        (None, false) => d.colors.link,
    };
    fill(ctx, d.colors.background, 1.0);
    ctx.fill();
    fill(ctx, body, if down { 0.5 } else { 0.35 });
    ctx.fill();
    let edge = if s.replica.is_some() {
        d.colors.highlight
    } else {
        d.colors.muted
    };
    stroke(ctx, edge, if down { 0.5 } else { 1.0 });
    ctx.set_line_width(if s.replica.is_some() { 3.0 } else { 1.5 } * d.scale);
    ctx.stroke();
    if s.awaited && !down {
        stroke(ctx, d.colors.timer, 0.9);
        ctx.set_line_width(1.5 * d.scale);
        dash(ctx, 4.0 * d.scale, 4.0 * d.scale);
        ctx.begin_path();
        let _ = ctx.arc(c.x, c.y, r * 1.25, 0.0, TAU);
        ctx.stroke();
        dash(ctx, 0.0, 0.0);
    }
    // The request it coordinates: a ring that fills as answers come in.
    if let Some(req) = requests_of(scene, s.id).next() {
        let color = if req.op == "get" {
            term_color(1)
        } else {
            term_color(2)
        };
        stroke(ctx, color, 0.3);
        ctx.set_line_width(4.0 * d.scale);
        ctx.begin_path();
        let _ = ctx.arc(c.x, c.y, r * 1.18, 0.0, TAU);
        ctx.stroke();
        stroke(ctx, color, 1.0);
        ctx.begin_path();
        let _ = ctx.arc(
            c.x,
            c.y,
            r * 1.18,
            -FRAC_PI_2,
            -FRAC_PI_2 + TAU * req.progress(),
        );
        ctx.stroke();
    }
    // Name, and the copy of the key under it.
    fill(ctx, d.colors.text, if down { 0.6 } else { 1.0 });
    font(ctx, 700, (r * 0.55).clamp(12.0, 18.0) * d.scale.sqrt());
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let _ = ctx.fill_text(&s.id.to_string(), c.x, c.y);
    if down {
        stroke(ctx, d.colors.cut, 0.9);
        cross(ctx, c, r * 0.55, 3.0 * d.scale);
    }
    if let Some(rank) = s.replica {
        badge(
            ctx,
            &format!("#{}", rank + 1),
            Point::new(c.x + r * 0.8, c.y - r * 0.85),
            d.colors.highlight,
            d,
        );
    }
    if s.hints > 0 {
        let text = match d.lang {
            Lang::En => format!("{} hint", s.hints),
            Lang::Zh => format!("{} 个提示", s.hints),
        };
        badge(
            ctx,
            &text,
            Point::new(c.x - r * 0.8, c.y - r * 0.85),
            d.colors.redirect,
            d,
        );
    }
    let mut y = c.y + r * 1.35 + 8.0 * d.scale;
    font(ctx, 600, 12.0 * d.scale);
    ctx.set_text_baseline("middle");
    if let Some(st) = &s.stored {
        let key = scene.key.as_ref().map(|k| &*k.key).unwrap_or("");
        let text = format!("{key}={} {}", st.value, version_text(st.version));
        let color = if s.newest {
            d.colors.text
        } else {
            d.colors.muted
        };
        halo_text(ctx, &text, Point::new(c.x, y), color, d);
        y += 15.0 * d.scale;
    }
    if let Some(req) = requests_of(scene, s.id).next() {
        font(ctx, 500, 11.0 * d.scale);
        let op = if req.op == "get" { "get" } else { "put" };
        let text = format!(
            "{op} {} {}/{}",
            phase_name(req.phase, d.lang),
            req.got.min(req.need),
            req.need
        );
        halo_text(ctx, &text, Point::new(c.x, y), d.colors.muted, d);
    }
}

/// A small label on a plate.
fn badge(ctx: &Ctx, text: &str, at: Point, color: Rgb, d: &NwrDecor) {
    font(ctx, 700, 10.5 * d.scale);
    let w = ctx.measure_text(text).map_or(18.0, |m| m.width()) + 8.0 * d.scale;
    let h = 15.0 * d.scale;
    fill(ctx, d.colors.background, 0.95);
    ctx.begin_path();
    rounded_rect(ctx, at.x - w / 2.0, at.y - h / 2.0, w, h, 4.0 * d.scale);
    ctx.fill();
    stroke(ctx, color, 1.0);
    ctx.set_line_width(1.2 * d.scale);
    ctx.stroke();
    fill(ctx, color, 1.0);
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let _ = ctx.fill_text(text, at.x, at.y + 0.5);
}
