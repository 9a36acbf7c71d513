//! Small drawing primitives for the cluster canvas: server shapes, message
//! glyphs, clients and marks, in CSS pixels on a 2D context.

use std::f64::consts::{FRAC_PI_2, PI, TAU};
use web_sys::CanvasRenderingContext2d as Ctx;

use crate::protocols::raft::scene::{MsgGlyph, Shape};
use crate::view::geometry::Point;

/// Traces the outline of a server glyph (the caller fills or strokes it).
pub fn trace_shape(ctx: &Ctx, shape: Shape, c: Point, r: f64) {
    ctx.begin_path();
    match shape {
        Shape::Circle => {
            let _ = ctx.arc(c.x, c.y, r, 0.0, TAU);
        }
        Shape::Hexagon => {
            for i in 0..6 {
                let a = FRAC_PI_2 + TAU * f64::from(i) / 6.0;
                let (x, y) = (c.x + r * 1.08 * a.cos(), c.y + r * 1.08 * a.sin());
                if i == 0 {
                    ctx.move_to(x, y);
                } else {
                    ctx.line_to(x, y);
                }
            }
            ctx.close_path();
        }
        Shape::Square => {
            let s = r * 0.92;
            rounded_rect(ctx, c.x - s, c.y - s, 2.0 * s, 2.0 * s, r * 0.22);
        }
    }
}

/// Adds a rounded rectangle to the current path.
pub fn rounded_rect(ctx: &Ctx, x: f64, y: f64, w: f64, h: f64, r: f64) {
    let r = r.min(w / 2.0).min(h / 2.0);
    ctx.move_to(x + r, y);
    let _ = ctx.arc_to(x + w, y, x + w, y + h, r);
    let _ = ctx.arc_to(x + w, y + h, x, y + h, r);
    let _ = ctx.arc_to(x, y + h, x, y, r);
    let _ = ctx.arc_to(x, y, x + w, y, r);
    ctx.close_path();
}

/// A five-pointed star (the leader's mark).
pub fn star(ctx: &Ctx, c: Point, r: f64) {
    ctx.begin_path();
    for i in 0..10 {
        let a = -FRAC_PI_2 + PI * f64::from(i) / 5.0;
        let rr = if i % 2 == 0 { r } else { r * 0.45 };
        let (x, y) = (c.x + rr * a.cos(), c.y + rr * a.sin());
        if i == 0 {
            ctx.move_to(x, y);
        } else {
            ctx.line_to(x, y);
        }
    }
    ctx.close_path();
    ctx.fill();
}

/// An ✕ of half-size `r`.
pub fn cross(ctx: &Ctx, c: Point, r: f64, width: f64) {
    ctx.set_line_width(width);
    ctx.begin_path();
    ctx.move_to(c.x - r, c.y - r);
    ctx.line_to(c.x + r, c.y + r);
    ctx.move_to(c.x + r, c.y - r);
    ctx.line_to(c.x - r, c.y + r);
    ctx.stroke();
}

/// A check mark of half-size `r`.
pub fn check(ctx: &Ctx, c: Point, r: f64, width: f64) {
    ctx.set_line_width(width);
    ctx.begin_path();
    ctx.move_to(c.x - r, c.y);
    ctx.line_to(c.x - r * 0.3, c.y + r * 0.7);
    ctx.line_to(c.x + r, c.y - r * 0.7);
    ctx.stroke();
}

/// Traces a message glyph of half-size `s` centred on `c`, turned to `angle`
/// (its direction of travel) for the glyphs that point.
pub fn trace_message(ctx: &Ctx, glyph: MsgGlyph, c: Point, s: f64, angle: f64) {
    ctx.begin_path();
    match glyph {
        MsgGlyph::Ballot => {
            let _ = ctx.arc(c.x, c.y, s, 0.0, TAU);
        }
        MsgGlyph::Envelope => {
            rounded_rect(
                ctx,
                c.x - s * 1.3,
                c.y - s * 0.9,
                s * 2.6,
                s * 1.8,
                s * 0.25,
            );
        }
        MsgGlyph::Package => {
            ctx.move_to(c.x, c.y - s * 1.25);
            ctx.line_to(c.x + s * 1.25, c.y);
            ctx.line_to(c.x, c.y + s * 1.25);
            ctx.line_to(c.x - s * 1.25, c.y);
            ctx.close_path();
        }
        MsgGlyph::Bolt => {
            let (ca, sa) = (angle.cos(), angle.sin());
            let p = |dx: f64, dy: f64| (c.x + dx * ca - dy * sa, c.y + dx * sa + dy * ca);
            let (x0, y0) = p(s * 1.5, 0.0);
            let (x1, y1) = p(-s, s);
            let (x2, y2) = p(-s, -s);
            ctx.move_to(x0, y0);
            ctx.line_to(x1, y1);
            ctx.line_to(x2, y2);
            ctx.close_path();
        }
    }
}

/// The flap of an envelope glyph (drawn over its outline).
pub fn envelope_flap(ctx: &Ctx, c: Point, s: f64) {
    ctx.begin_path();
    ctx.move_to(c.x - s * 1.3, c.y - s * 0.9);
    ctx.line_to(c.x, c.y + s * 0.15);
    ctx.line_to(c.x + s * 1.3, c.y - s * 0.9);
    ctx.stroke();
}

/// A small arrowhead at `tip` pointing along `angle`.
pub fn arrowhead(ctx: &Ctx, tip: Point, angle: f64, size: f64) {
    ctx.begin_path();
    ctx.move_to(tip.x, tip.y);
    ctx.line_to(
        tip.x - size * (angle - 0.45).cos(),
        tip.y - size * (angle - 0.45).sin(),
    );
    ctx.line_to(
        tip.x - size * (angle + 0.45).cos(),
        tip.y - size * (angle + 0.45).sin(),
    );
    ctx.close_path();
    ctx.fill();
}

/// Traces a workload client of half-size `s` centred on `c`: a small screen
/// on a stand.
pub fn trace_terminal(ctx: &Ctx, c: Point, s: f64) {
    ctx.begin_path();
    rounded_rect(
        ctx,
        c.x - s * 1.1,
        c.y - s * 0.95,
        s * 2.2,
        s * 1.45,
        s * 0.22,
    );
    ctx.move_to(c.x - s * 0.22, c.y + s * 0.5);
    ctx.line_to(c.x + s * 0.22, c.y + s * 0.5);
    ctx.line_to(c.x + s * 0.5, c.y + s * 0.95);
    ctx.line_to(c.x - s * 0.5, c.y + s * 0.95);
    ctx.close_path();
}

/// Traces a person of half-size `s` centred on `c` (the user's own client):
/// a head over shoulders.
pub fn trace_person(ctx: &Ctx, c: Point, s: f64) {
    ctx.begin_path();
    let head = s * 0.42;
    let _ = ctx.arc(c.x, c.y - s * 0.5, head, 0.0, TAU);
    ctx.move_to(c.x + s * 0.9, c.y + s);
    let _ = ctx.arc_with_anticlockwise(c.x, c.y + s, s * 0.9, 0.0, PI, true);
    ctx.close_path();
}

/// Traces a client's request or reply of half-height `s` centred on `c`: a
/// tag pointing along `angle`, its direction of travel.
pub fn trace_tag(ctx: &Ctx, c: Point, s: f64, angle: f64) {
    let (ca, sa) = (angle.cos(), angle.sin());
    let p = |dx: f64, dy: f64| (c.x + dx * ca - dy * sa, c.y + dx * sa + dy * ca);
    ctx.begin_path();
    for (i, (dx, dy)) in [
        (-s * 1.3, -s * 0.8),
        (s * 0.55, -s * 0.8),
        (s * 1.4, 0.0),
        (s * 0.55, s * 0.8),
        (-s * 1.3, s * 0.8),
    ]
    .into_iter()
    .enumerate()
    {
        let (x, y) = p(dx, dy);
        if i == 0 {
            ctx.move_to(x, y);
        } else {
            ctx.line_to(x, y);
        }
    }
    ctx.close_path();
}

/// A U-turn arrow of half-size `r` centred on `c`: a reply that sends its
/// client elsewhere.
pub fn u_turn(ctx: &Ctx, c: Point, r: f64, width: f64) {
    ctx.set_line_width(width);
    ctx.begin_path();
    ctx.move_to(c.x + r * 0.55, c.y + r);
    ctx.line_to(c.x + r * 0.55, c.y - r * 0.1);
    let _ = ctx.arc_with_anticlockwise(c.x, c.y - r * 0.1, r * 0.55, 0.0, PI, true);
    ctx.line_to(c.x - r * 0.55, c.y + r * 0.35);
    ctx.stroke();
    ctx.begin_path();
    ctx.move_to(c.x - r * 0.55 - r * 0.45, c.y + r * 0.05);
    ctx.line_to(c.x - r * 0.55, c.y + r * 0.6);
    ctx.line_to(c.x - r * 0.55 + r * 0.45, c.y + r * 0.05);
    ctx.stroke();
}
