//! Paints a gossip scene: partition boxes, messages (those sent a moment
//! ago as fading lines, those in flight as dots), the nodes (kept on a
//! layer that only redraws nodes whose look changed, see
//! [`draw_nodes`](super::draw_nodes)), SWIM's verdicts, and the marks of
//! selection, hover and lessons. Messages of one class are stroked at once.

use std::f64::consts::TAU;
use web_sys::CanvasRenderingContext2d as Ctx;

use super::draw_nodes::NodeLayer;
use crate::protocols::gossip::MemberState;
use crate::protocols::gossip::scene::{GossipScene, Knows, MsgClass, NodeShape};
use crate::sim::NodeId;
use crate::view::geometry::Point;
use crate::view::palette::{CanvasColors, Rgb};
use crate::viewport::Viewport;

/// What else the painter needs besides positions and the scene.
pub struct GossipDecor<'a> {
    pub colors: &'a CanvasColors,
    /// Line and text scale (larger when presenting).
    pub scale: f64,
    pub radius: f64,
    pub selected: Option<NodeId>,
    pub hover: Option<NodeId>,
    /// Nodes a lesson step points at.
    pub highlight: &'a [NodeId],
    /// A slice being dragged across the stage.
    pub slice: Option<(Point, Point)>,
}

pub(super) fn fill(ctx: &Ctx, c: Rgb, alpha: f64) {
    ctx.set_fill_style_str(&c.css(alpha));
}

pub(super) fn stroke(ctx: &Ctx, c: Rgb, alpha: f64) {
    ctx.set_stroke_style_str(&c.css(alpha));
}

fn dash(ctx: &Ctx, on: f64, off: f64) {
    let pattern = if on > 0.0 {
        js_sys::Array::of2(&on.into(), &off.into())
    } else {
        js_sys::Array::new()
    };
    let _ = ctx.set_line_dash(&pattern);
}

/// Adds a node glyph as a sub-path of the current path.
pub(super) fn glyph(ctx: &Ctx, s: NodeShape, p: Point, r: f64) {
    match s {
        NodeShape::Circle => {
            ctx.move_to(p.x + r, p.y);
            let _ = ctx.arc(p.x, p.y, r, 0.0, TAU);
        }
        NodeShape::Triangle => {
            ctx.move_to(p.x, p.y - r * 1.25);
            ctx.line_to(p.x + r * 1.1, p.y + r * 0.8);
            ctx.line_to(p.x - r * 1.1, p.y + r * 0.8);
            ctx.close_path();
        }
        NodeShape::Square => ctx.rect(p.x - r * 0.88, p.y - r * 0.88, r * 1.76, r * 1.76),
        NodeShape::Diamond => {
            ctx.move_to(p.x, p.y - r * 1.2);
            ctx.line_to(p.x + r * 1.05, p.y);
            ctx.line_to(p.x, p.y + r * 1.2);
            ctx.line_to(p.x - r * 1.05, p.y);
            ctx.close_path();
        }
    }
}

pub(super) fn ring(ctx: &Ctx, p: Point, r: f64) {
    ctx.move_to(p.x + r, p.y);
    let _ = ctx.arc(p.x, p.y, r, 0.0, TAU);
}

/// Paints the scene with node `i` at `pos[i]` over the whole canvas of
/// `view`; `layer` keeps the nodes between frames.
pub fn paint(
    ctx: &Ctx,
    view: &Viewport,
    pos: &[Point],
    scene: &GossipScene,
    d: &GossipDecor,
    layer: &mut NodeLayer,
) {
    let line = line_width(d);
    // The layer is opaque: background and nodes.
    layer.update(view, pos, scene, d);
    layer.blit(ctx, view);
    // Partition groups, each in a dashed box.
    if !scene.groups.is_empty() {
        stroke(ctx, d.colors.island, 0.7);
        fill(ctx, d.colors.island, 0.05);
        ctx.set_line_width(1.5 * d.scale);
        dash(ctx, 7.0, 5.0);
        for b in &scene.groups {
            ctx.begin_path();
            ctx.rect(b.min.x, b.min.y, b.max.x - b.min.x, b.max.y - b.min.y);
            ctx.fill();
            ctx.stroke();
        }
        dash(ctx, 0.0, 0.0);
    }
    messages(ctx, scene, d, line);
    verdicts(ctx, pos, scene, d, line);
    marks(ctx, pos, scene, d);
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

fn class_color(c: MsgClass) -> Rgb {
    match c {
        MsgClass::Rumor => Rgb(230, 159, 0),
        MsgClass::Ask => Rgb(86, 180, 233),
        MsgClass::Swim => Rgb(204, 121, 167),
    }
}

/// Messages sent a moment ago as fading lines, those in flight as a faint
/// trail from the sender and a dot where they are, losses as small crosses.
fn messages(ctx: &Ctx, scene: &GossipScene, d: &GossipDecor, line: f64) {
    let dot = (d.radius * 0.45).clamp(1.5, 4.0) * d.scale;
    ctx.set_line_width(line);
    for class in [MsgClass::Swim, MsgClass::Ask, MsgClass::Rumor] {
        // Three steps of fading, one stroke each.
        for (lo, hi, alpha) in [(0.66, 1.01, 0.12), (0.33, 0.66, 0.25), (0.0, 0.33, 0.45)] {
            ctx.begin_path();
            let mut any = false;
            for f in scene
                .flashes
                .iter()
                .filter(|f| f.class == class && f.age >= lo && f.age < hi)
            {
                ctx.move_to(f.from.x, f.from.y);
                ctx.line_to(f.to.x, f.to.y);
                any = true;
            }
            if any {
                stroke(ctx, class_color(class), alpha);
                ctx.stroke();
            }
        }
    }
    for class in [MsgClass::Swim, MsgClass::Ask, MsgClass::Rumor] {
        let ms: Vec<_> = scene.messages.iter().filter(|m| m.class == class).collect();
        if ms.is_empty() {
            continue;
        }
        let c = class_color(class);
        stroke(ctx, c, 0.28);
        ctx.set_line_width(line);
        ctx.begin_path();
        for m in &ms {
            ctx.move_to(m.from.x, m.from.y);
            ctx.line_to(m.at.x, m.at.y);
        }
        ctx.stroke();
        fill(ctx, c, 0.95);
        ctx.begin_path();
        for m in &ms {
            ring(ctx, m.at, dot);
        }
        ctx.fill();
    }
    if !scene.drops.is_empty() {
        stroke(ctx, d.colors.cut, 0.9);
        ctx.set_line_width(1.5 * d.scale);
        ctx.begin_path();
        for p in &scene.drops {
            let s = dot * 1.2;
            ctx.move_to(p.x - s, p.y - s);
            ctx.line_to(p.x + s, p.y + s);
            ctx.move_to(p.x + s, p.y - s);
            ctx.line_to(p.x - s, p.y + s);
        }
        ctx.stroke();
    }
}

/// Stroke width of node outlines and message trails.
pub(super) fn line_width(d: &GossipDecor) -> f64 {
    (d.radius / 6.0).clamp(0.6, 2.0) * d.scale
}

/// Rings: a glow around nodes that just learned the rumor, and SWIM's
/// verdicts (suspected dashed, declared dead solid red).
fn verdicts(ctx: &Ctx, pos: &[Point], scene: &GossipScene, d: &GossipDecor, line: f64) {
    let r = d.radius;
    let looks = || scene.nodes.iter().zip(pos);
    ctx.begin_path();
    for (_, p) in looks().filter(|(n, _)| n.flash) {
        ring(ctx, *p, r * 1.9);
    }
    stroke(ctx, Knows::Spreading.color(d.colors), 0.8);
    ctx.set_line_width((r * 0.5).max(1.5));
    ctx.stroke();
    // SWIM: suspected (dashed) and declared dead (solid, red).
    ctx.set_line_width((line * 1.4).max(1.2));
    for (state, color, dashed) in [
        (MemberState::Suspect, d.colors.selection, true),
        (MemberState::Dead, d.colors.cut, false),
    ] {
        ctx.begin_path();
        let mut any = false;
        for (_, p) in looks().filter(|(n, _)| n.member == state) {
            ring(ctx, *p, r * 1.6);
            any = true;
        }
        if any {
            stroke(ctx, color, 1.0);
            if dashed {
                dash(ctx, 3.0, 2.5);
            }
            ctx.stroke();
            dash(ctx, 0.0, 0.0);
        }
    }
}

/// Selection, hover and lesson highlights, with node names where they fit.
fn marks(ctx: &Ctx, pos: &[Point], scene: &GossipScene, d: &GossipDecor) {
    let r = d.radius;
    let label = |id: NodeId, p: Point, color: Rgb| {
        fill(ctx, color, 1.0);
        ctx.set_font(&format!(
            "600 {:.1}px system-ui, sans-serif",
            12.0 * d.scale
        ));
        ctx.set_text_align("left");
        ctx.set_text_baseline("middle");
        let _ = ctx.fill_text(&id.to_string(), p.x + r * 1.9 + 3.0, p.y);
    };
    if scene.nodes.len() <= 40 {
        fill(ctx, d.colors.muted, 1.0);
        ctx.set_font(&format!("{:.1}px system-ui, sans-serif", 10.0 * d.scale));
        ctx.set_text_align("center");
        ctx.set_text_baseline("top");
        for (i, p) in pos.iter().enumerate().take(scene.nodes.len()) {
            let _ = ctx.fill_text(&NodeId::from_index(i).to_string(), p.x, p.y + r * 1.7);
        }
    }
    for &id in d.highlight {
        if let Some(&p) = pos.get(id.index()) {
            stroke(ctx, d.colors.highlight, 0.9);
            ctx.set_line_width(2.0 * d.scale);
            ctx.begin_path();
            ring(ctx, p, r * 2.2 + 2.0);
            ctx.stroke();
        }
    }
    for (id, color, width) in [
        (d.hover, d.colors.highlight, 1.5),
        (d.selected, d.colors.selection, 2.5),
    ] {
        let Some(id) = id else { continue };
        let Some(&p) = pos.get(id.index()) else {
            continue;
        };
        stroke(ctx, color, 1.0);
        ctx.set_line_width(width * d.scale);
        ctx.begin_path();
        ring(ctx, p, r * 2.0 + 3.0);
        ctx.stroke();
        label(id, p, color);
    }
}
