//! Paints a gossip scene cheaply enough for thousands of nodes: nodes of one
//! shape and colour go into one path and are filled at once, and messages
//! of one class are stroked at once, so a frame costs a few dozen canvas
//! calls per class plus one sub-path per node, never one fill per node.

use std::f64::consts::TAU;
use web_sys::CanvasRenderingContext2d as Ctx;

use crate::gossip::{MemberState, RumorState};
use crate::sim::NodeId;
use crate::view::geometry::Point;
use crate::view::gossip_scene::{GossipScene, MsgClass, NodeShape, shape, state_color};
use crate::view::palette::{CanvasColors, Rgb};

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

fn fill(ctx: &Ctx, c: Rgb, alpha: f64) {
    ctx.set_fill_style_str(&c.css(alpha));
}

fn stroke(ctx: &Ctx, c: Rgb, alpha: f64) {
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
fn glyph(ctx: &Ctx, s: NodeShape, p: Point, r: f64) {
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
    }
}

fn ring(ctx: &Ctx, p: Point, r: f64) {
    ctx.move_to(p.x + r, p.y);
    let _ = ctx.arc(p.x, p.y, r, 0.0, TAU);
}

/// Paints the scene with node `i` at `pos[i]` (the caller has cleared the canvas).
pub fn paint(ctx: &Ctx, pos: &[Point], scene: &GossipScene, d: &GossipDecor) {
    let r = d.radius;
    let line = (r / 6.0).clamp(0.6, 2.0) * d.scale;
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
    nodes(ctx, pos, scene, d, line);
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

/// Messages as a faint trail from the sender and a dot where they are; losses as small crosses.
fn messages(ctx: &Ctx, scene: &GossipScene, d: &GossipDecor, line: f64) {
    let dot = (d.radius * 0.45).clamp(1.5, 4.0) * d.scale;
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

/// Nodes batched by rumor state and health; SWIM's verdicts as rings around them.
fn nodes(ctx: &Ctx, pos: &[Point], scene: &GossipScene, d: &GossipDecor, line: f64) {
    let r = d.radius;
    let looks = || scene.nodes.iter().zip(pos);
    // Glow behind nodes that just learned the rumor.
    fill(ctx, Rgb(230, 159, 0), 0.35);
    ctx.begin_path();
    for (_, p) in looks().filter(|(n, _)| n.flash) {
        ring(ctx, *p, r * 2.0);
    }
    ctx.fill();
    for state in [
        RumorState::Susceptible,
        RumorState::Spreading,
        RumorState::Removed,
    ] {
        for up in [true, false] {
            let mut any = false;
            ctx.begin_path();
            for (_, p) in looks().filter(|(n, _)| n.state == state && n.up == up) {
                glyph(ctx, shape(state), *p, r);
                any = true;
            }
            if !any {
                continue;
            }
            let c = if up {
                state_color(state, d.colors)
            } else {
                d.colors.down
            };
            if state == RumorState::Susceptible {
                fill(ctx, d.colors.background, 1.0);
                ctx.fill();
                stroke(ctx, c, 1.0);
                ctx.set_line_width(line * 1.2);
                ctx.stroke();
            } else {
                fill(ctx, c, if up { 1.0 } else { 0.55 });
                ctx.fill();
            }
        }
    }
    // Down nodes are crossed out.
    stroke(ctx, d.colors.text, 0.8);
    ctx.set_line_width(line);
    ctx.begin_path();
    for (_, p) in looks().filter(|(n, _)| !n.up) {
        let s = r * 0.75;
        ctx.move_to(p.x - s, p.y - s);
        ctx.line_to(p.x + s, p.y + s);
        ctx.move_to(p.x + s, p.y - s);
        ctx.line_to(p.x - s, p.y + s);
    }
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
