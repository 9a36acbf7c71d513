//! Paints the election-time chart of the timing lesson: one cumulative line
//! per range of election timeouts on a logarithmic time axis, a legend, and
//! how many trials are done so far.

use web_sys::CanvasRenderingContext2d as Ctx;

use crate::lang::Lang;
use crate::protocols::raft::chart::{
    LINE_COLORS, PAPER_POINTS, Plot, TimeAxis, range_label, staircase,
};
use crate::protocols::raft::timing::TrialRun;
use crate::view::palette::{CanvasColors, Rgb};

fn line_color(i: usize) -> Rgb {
    LINE_COLORS[i % LINE_COLORS.len()]
}

fn font(ctx: &Ctx, px: f64) {
    ctx.set_font(&format!("{px:.1}px system-ui, sans-serif"));
}

/// Paints `run` on a canvas `width` × `height` CSS pixels (already cleared).
pub fn paint(
    ctx: &Ctx,
    (width, height): (f64, f64),
    colors: &CanvasColors,
    scale: f64,
    run: &TrialRun,
    lang: Lang,
) {
    let plot = Plot::inside(width, height, scale, TimeAxis::for_ranges(run.ranges()));
    let px = 10.5 * scale;
    // Grid and axes.
    ctx.set_line_width(1.0);
    ctx.set_stroke_style_str(&colors.grid.css(1.0));
    ctx.set_fill_style_str(&colors.muted.css(1.0));
    font(ctx, px);
    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    for q in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let y = plot.y(q);
        ctx.begin_path();
        ctx.move_to(plot.left, y);
        ctx.line_to(plot.right(), y);
        ctx.stroke();
        let _ = ctx.fill_text(&format!("{:.0}%", q * 100.0), plot.left - 4.0, y);
    }
    ctx.set_text_align("center");
    ctx.set_text_baseline("top");
    for &(ms, label) in plot.axis.ticks() {
        let x = plot.x(ms);
        ctx.begin_path();
        ctx.move_to(x, plot.top);
        ctx.line_to(x, plot.bottom());
        ctx.stroke();
        let _ = ctx.fill_text(label, x, plot.bottom() + 3.0);
    }
    let _ = ctx.fill_text(
        lang.pick(
            "time without a leader after the crash",
            "领导者崩溃后没有领导者的时间",
        ),
        plot.left + plot.width / 2.0,
        plot.bottom() + 5.0 + px,
    );
    // One line per range.
    ctx.set_line_width(2.0 * scale);
    for (i, trials) in run.results().iter().enumerate() {
        let line = staircase(trials, &plot);
        ctx.set_stroke_style_str(&line_color(i).css(1.0));
        ctx.begin_path();
        for (k, (x, y)) in line.iter().enumerate() {
            if k == 0 {
                ctx.move_to(*x, *y);
            } else {
                ctx.line_to(*x, *y);
            }
        }
        ctx.stroke();
    }
    // The paper's published figures: a hollow diamond in the line's colour.
    ctx.set_line_width(1.5 * scale);
    for point in PAPER_POINTS {
        if let Some(i) = run.ranges().iter().position(|&r| r == point.range) {
            ctx.set_stroke_style_str(&line_color(i).css(1.0));
            diamond(ctx, plot.x(point.ms), plot.y(point.share), 5.0 * scale);
        }
    }
    // Legend right of the plot, and the progress under it.
    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    font(ctx, px);
    let row = px * 1.45;
    let x = plot.right() + 8.0;
    for (i, (lo, hi)) in run.ranges().iter().enumerate() {
        let y = plot.top + 6.0 + row * i as f64;
        ctx.set_fill_style_str(&line_color(i).css(1.0));
        ctx.fill_rect(x, y - 1.5 * scale, 12.0 * scale, 3.0 * scale);
        ctx.set_fill_style_str(&colors.text.css(1.0));
        let _ = ctx.fill_text(&range_label(*lo, *hi), x + 16.0 * scale, y);
    }
    let paper_row = plot.top + 6.0 + row * run.ranges().len() as f64;
    ctx.set_stroke_style_str(&colors.text.css(1.0));
    diamond(ctx, x + 6.0 * scale, paper_row, 4.0 * scale);
    ctx.set_fill_style_str(&colors.text.css(1.0));
    let _ = ctx.fill_text(
        lang.pick("the paper", "论文数据"),
        x + 16.0 * scale,
        paper_row,
    );
    let (done, all) = run.progress();
    ctx.set_fill_style_str(&colors.muted.css(1.0));
    let trials = match lang {
        Lang::En => format!("{done} / {all} trials"),
        Lang::Zh => format!("{done} / {all} 次试验"),
    };
    let _ = ctx.fill_text(
        &trials,
        x,
        plot.top + 6.0 + row * (run.ranges().len() as f64 + 1.5),
    );
}

/// A hollow diamond centred on (`x`, `y`), `r` from centre to corner.
fn diamond(ctx: &Ctx, x: f64, y: f64, r: f64) {
    ctx.begin_path();
    ctx.move_to(x, y - r);
    ctx.line_to(x + r, y);
    ctx.line_to(x, y + r);
    ctx.line_to(x - r, y);
    ctx.close_path();
    ctx.stroke();
}
