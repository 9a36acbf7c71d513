//! Paints the timeline: leadership bands coloured by term, marker glyphs in
//! three lanes (elections, commits, faults), violations across all lanes,
//! the recorded future dimmed, branch forks, the horizon and the cursor.

use web_sys::CanvasRenderingContext2d as Ctx;

use crate::sim::SimTime;
use crate::view::palette::{CanvasColors, Rgb, term_color};
use crate::view::timeline::{Band, Glyph, Lane, Placed, TimeAxis};

/// Everything the timeline shows, in CSS pixels.
pub struct TimelinePaint<'a> {
    pub colors: &'a CanvasColors,
    pub scale: f64,
    pub height: f64,
    pub axis: TimeAxis,
    pub glyphs: &'a [Placed],
    pub bands: &'a [Band],
    pub now: SimTime,
    pub horizon: SimTime,
    /// Where saved branches leave this run.
    pub forks: &'a [SimTime],
    pub hover: Option<f64>,
}

fn fill(ctx: &Ctx, c: Rgb, alpha: f64) {
    ctx.set_fill_style_str(&c.css(alpha));
}

fn stroke(ctx: &Ctx, c: Rgb, alpha: f64, width: f64) {
    ctx.set_stroke_style_str(&c.css(alpha));
    ctx.set_line_width(width);
}

fn vline(ctx: &Ctx, x: f64, y0: f64, y1: f64) {
    ctx.begin_path();
    ctx.move_to(x, y0);
    ctx.line_to(x, y1);
    ctx.stroke();
}

/// Vertical layout: the band row, three lanes, then the tick labels.
struct Rows {
    band: (f64, f64),
    lane: f64,
    lanes_top: f64,
    axis_y: f64,
}

impl Rows {
    fn new(height: f64, scale: f64) -> Rows {
        let band_h = 11.0 * scale;
        let label_h = 14.0 * scale;
        let lanes_top = 4.0 + band_h + 3.0;
        let axis_y = height - label_h;
        Rows {
            band: (4.0, band_h),
            lane: ((axis_y - lanes_top) / 3.0).max(4.0),
            lanes_top,
            axis_y,
        }
    }

    fn lane_mid(&self, lane: Lane) -> f64 {
        let i = match lane {
            Lane::Elections => 0.0,
            Lane::Commits => 1.0,
            Lane::Faults => 2.0,
        };
        self.lanes_top + self.lane * (i + 0.5)
    }
}

pub fn paint(ctx: &Ctx, p: &TimelinePaint) {
    let c = p.colors;
    let s = p.scale;
    let rows = Rows::new(p.height, s);
    let (band_y, band_h) = rows.band;

    // Leadership bands.
    for b in p.bands {
        fill(ctx, term_color(b.term), 0.85);
        ctx.fill_rect(b.x0, band_y, (b.x1 - b.x0).max(1.0), band_h);
        if b.x1 - b.x0 > 46.0 * s {
            fill(ctx, Rgb(255, 255, 255), 1.0);
            ctx.set_font(&format!("600 {:.1}px system-ui, sans-serif", 9.0 * s));
            ctx.set_text_baseline("middle");
            ctx.set_text_align("left");
            let _ = ctx.fill_text(
                &format!("T{} {}", b.term, b.leader),
                b.x0 + 3.0,
                band_y + band_h / 2.0 + 0.5,
            );
        }
    }

    // The axis and its ticks.
    stroke(ctx, c.muted, 0.6, 1.0);
    ctx.begin_path();
    ctx.move_to(p.axis.left, rows.axis_y);
    ctx.line_to(p.axis.left + p.axis.width, rows.axis_y);
    ctx.stroke();
    fill(ctx, c.muted, 1.0);
    ctx.set_font(&format!("{:.1}px system-ui, sans-serif", 10.0 * s));
    ctx.set_text_baseline("top");
    for (x, label) in p.axis.ticks() {
        vline(ctx, x, rows.axis_y, rows.axis_y + 3.0 * s);
        ctx.set_text_align(if x - p.axis.left < 10.0 {
            "left"
        } else {
            "center"
        });
        let _ = ctx.fill_text(&label, x, rows.axis_y + 3.5 * s);
    }

    for g in p.glyphs {
        glyph(ctx, c, s, &rows, g);
    }

    // The recorded future, dimmed.
    let (xn, xh) = (p.axis.x(p.now), p.axis.x(p.horizon));
    if xh > xn {
        fill(ctx, c.background, 0.55);
        ctx.fill_rect(xn, 0.0, xh - xn, rows.axis_y);
    }
    // The horizon.
    stroke(ctx, c.muted, 0.9, 1.0);
    let _ = ctx.set_line_dash(&js_sys::Array::of2(&3.0.into(), &3.0.into()));
    vline(ctx, xh, 0.0, rows.axis_y);
    let _ = ctx.set_line_dash(&js_sys::Array::new());
    // Forks into saved branches.
    fill(ctx, c.island, 1.0);
    for &t in p.forks {
        let x = p.axis.x(t);
        let r = 4.0 * s;
        ctx.begin_path();
        ctx.move_to(x, 0.0);
        ctx.line_to(x + r, r);
        ctx.line_to(x, 2.0 * r);
        ctx.line_to(x - r, r);
        ctx.close_path();
        ctx.fill();
    }
    if let Some(x) = p.hover {
        stroke(ctx, c.text, 0.35, 1.0);
        vline(ctx, x, 0.0, rows.axis_y);
    }
    // The cursor, with a handle on top.
    stroke(ctx, c.selection, 1.0, 2.0 * s);
    vline(ctx, xn, 0.0, rows.axis_y + 2.0);
    fill(ctx, c.selection, 1.0);
    let r = 5.0 * s;
    ctx.begin_path();
    ctx.move_to(xn - r, 0.0);
    ctx.line_to(xn + r, 0.0);
    ctx.line_to(xn, r * 1.2);
    ctx.close_path();
    ctx.fill();
}

fn glyph(ctx: &Ctx, c: &CanvasColors, s: f64, rows: &Rows, g: &Placed) {
    let y = rows.lane_mid(g.glyph.lane());
    let h = rows.lane * 0.42;
    let x = g.x;
    match g.glyph {
        Glyph::Election => {
            stroke(ctx, c.muted, 1.0, 1.2 * s);
            vline(ctx, x, y - h, y + h);
        }
        Glyph::Leader => {
            fill(ctx, c.highlight, 1.0);
            ctx.begin_path();
            ctx.move_to(x, y - h - 1.0);
            ctx.line_to(x + h, y);
            ctx.line_to(x, y + h + 1.0);
            ctx.line_to(x - h, y);
            ctx.close_path();
            ctx.fill();
        }
        Glyph::Commit => {
            stroke(ctx, c.granted, 0.9, 1.0 * s);
            vline(ctx, x, y - h, y + h);
        }
        Glyph::Crash => {
            stroke(ctx, c.refused, 1.0, 1.8 * s);
            ctx.begin_path();
            ctx.move_to(x - h, y - h);
            ctx.line_to(x + h, y + h);
            ctx.move_to(x + h, y - h);
            ctx.line_to(x - h, y + h);
            ctx.stroke();
        }
        Glyph::Restart => {
            stroke(ctx, c.granted, 1.0, 1.6 * s);
            ctx.begin_path();
            let _ = ctx.arc(x, y, h, 0.0, std::f64::consts::TAU);
            ctx.stroke();
        }
        Glyph::Partition => {
            stroke(ctx, c.cut, 1.0, 3.0 * s);
            vline(ctx, x, y - h - 1.0, y + h + 1.0);
        }
        Glyph::Heal => {
            stroke(ctx, c.island, 1.0, 1.6 * s);
            vline(ctx, x - 2.0 * s, y - h, y + h);
            vline(ctx, x + 2.0 * s, y - h, y + h);
        }
        Glyph::Violation => {
            stroke(ctx, c.refused, 0.9, 2.0 * s);
            vline(ctx, x, rows.lanes_top - 2.0, rows.axis_y);
            fill(ctx, c.refused, 1.0);
            ctx.begin_path();
            ctx.move_to(x - 4.0 * s, rows.axis_y);
            ctx.line_to(x + 4.0 * s, rows.axis_y);
            ctx.line_to(x, rows.axis_y - 6.0 * s);
            ctx.close_path();
            ctx.fill();
        }
    }
}
