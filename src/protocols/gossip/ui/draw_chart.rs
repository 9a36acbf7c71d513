//! Paints the informed-fraction chart: the measured fraction after each
//! round as a solid line with dots, the mean-field model dashed over it,
//! and the classic rounds-to-everyone estimate as a dashed vertical line.

use web_sys::CanvasRenderingContext2d as Ctx;

use crate::lang::Lang;
use crate::protocols::gossip::chart::{Chart, ChartPoint};
use crate::view::palette::{CanvasColors, Rgb};
use crate::viewport::Viewport;

const MEASURED: Rgb = Rgb(230, 159, 0);

/// Paints `chart` over the whole canvas of `view` (cleared first).
pub fn paint(ctx: &Ctx, view: &Viewport, chart: Option<&Chart>, c: &CanvasColors, lang: Lang) {
    crate::draw::clear_with(ctx, view, c.background);
    if view.is_empty() {
        return;
    }
    let (left, right, top, bottom) = (34.0, 10.0, 10.0, 22.0);
    let (w, h) = (
        (view.css_width - left - right).max(1.0),
        (view.css_height - top - bottom).max(1.0),
    );
    let x_max = chart.map_or(10.0, |ch| ch.x_max.max(1.0));
    let at = |p: ChartPoint| (left + p.0 / x_max * w, top + (1.0 - p.1) * h);
    ctx.set_font("10px system-ui, sans-serif");
    ctx.set_line_width(1.0);
    // Grid and axis labels.
    ctx.set_stroke_style_str(&c.grid.css(1.0));
    ctx.set_fill_style_str(&c.muted.css(1.0));
    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    for k in 0..=4 {
        let y = top + h * f64::from(k) / 4.0;
        ctx.begin_path();
        ctx.move_to(left, y);
        ctx.line_to(left + w, y);
        ctx.stroke();
        let _ = ctx.fill_text(&format!("{}%", 100 - 25 * k), left - 4.0, y);
    }
    ctx.set_text_align("center");
    ctx.set_text_baseline("top");
    let step = (x_max / 6.0).ceil().max(1.0);
    let mut x = 0.0;
    while x <= x_max + 1e-9 {
        let _ = ctx.fill_text(&format!("{x}"), at((x, 0.0)).0, top + h + 4.0);
        x += step;
    }
    ctx.set_text_align("right");
    ctx.set_text_baseline("bottom");
    let _ = ctx.fill_text(lang.pick("rounds →", "轮 →"), left + w - 2.0, top + h - 2.0);
    let Some(chart) = chart else {
        ctx.set_text_align("center");
        ctx.set_text_baseline("middle");
        let _ = ctx.fill_text(
            lang.pick("Start a rumor: click a node", "点击一个节点来发起一条传闻"),
            left + w / 2.0,
            top + h / 2.0,
        );
        return;
    };
    if let Some(k) = chart.classic {
        ctx.set_stroke_style_str(&c.muted.css(0.9));
        let _ = ctx.set_line_dash(&js_sys::Array::of2(&2.0.into(), &3.0.into()));
        let (x, _) = at((k, 0.0));
        ctx.begin_path();
        ctx.move_to(x, top);
        ctx.line_to(x, top + h);
        ctx.stroke();
    }
    ctx.set_stroke_style_str(&c.highlight.css(0.9));
    ctx.set_line_width(1.6);
    let _ = ctx.set_line_dash(&js_sys::Array::of2(&5.0.into(), &4.0.into()));
    polyline(ctx, chart.theory.iter().map(|&p| at(p)));
    let _ = ctx.set_line_dash(&js_sys::Array::new());
    ctx.set_stroke_style_str(&MEASURED.css(1.0));
    ctx.set_line_width(2.0);
    polyline(ctx, chart.measured.iter().map(|&p| at(p)));
    ctx.set_fill_style_str(&MEASURED.css(1.0));
    ctx.begin_path();
    for &p in &chart.measured {
        let (x, y) = at(p);
        ctx.move_to(x + 2.5, y);
        let _ = ctx.arc(x, y, 2.5, 0.0, std::f64::consts::TAU);
    }
    ctx.fill();
}

fn polyline(ctx: &Ctx, points: impl Iterator<Item = (f64, f64)>) {
    ctx.begin_path();
    for (i, (x, y)) in points.enumerate() {
        if i == 0 {
            ctx.move_to(x, y);
        } else {
            ctx.line_to(x, y);
        }
    }
    ctx.stroke();
}
