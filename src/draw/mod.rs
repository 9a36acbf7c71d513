//! Canvas painting every protocol's view shares (wasm32 only): the stage's
//! background and status line, glyphs, the timeline. Functions here take a
//! 2D context and read-only data and draw; they keep no state and know
//! nothing of components. Each protocol paints its scene in its own `ui`.

pub mod glyphs;
pub mod timeline;

use web_sys::CanvasRenderingContext2d;

use crate::lang::Lang;
use crate::sim::SimTime;
use crate::view::geometry::Point;
use crate::view::palette::{CanvasColors, Rgb};
use crate::viewport::Viewport;

/// Colours shared by everything drawn on the canvas.
pub mod palette {
    /// Canvas background.
    pub const BACKGROUND: &str = "#0b1220";
    /// Dots of the background grid.
    pub const GRID: &str = "#1f2a3d";
    /// Secondary text.
    pub const MUTED: &str = "#7b8aa3";
}

/// Spacing of the background dot grid, in CSS pixels.
const GRID_STEP: f64 = 24.0;

/// Paints the empty stage: background, dot grid and a caption with the
/// canvas geometry on a plain plate. Works in CSS pixels; the transform maps them to device
/// pixels.
pub fn shell(ctx: &CanvasRenderingContext2d, view: &Viewport) {
    clear(ctx, view);
    if view.is_empty() {
        return;
    }

    ctx.set_fill_style_str(palette::GRID);
    let mut y = GRID_STEP / 2.0;
    while y < view.css_height {
        let mut x = GRID_STEP / 2.0;
        while x < view.css_width {
            ctx.fill_rect(x - 1.0, y - 1.0, 2.0, 2.0);
            x += GRID_STEP;
        }
        y += GRID_STEP;
    }

    let (w, h) = view.backing_size();
    let geometry = format!(
        "{:.0} × {:.0} CSS px · {w} × {h} device px",
        view.css_width, view.css_height
    );
    let (cx, cy) = (view.css_width / 2.0, view.css_height / 2.0);
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    ctx.set_font("12px system-ui, sans-serif");
    let plate_width = ctx.measure_text(&geometry).map_or(260.0, |m| m.width()) + GRID_STEP;
    ctx.set_fill_style_str(palette::BACKGROUND);
    ctx.fill_rect(cx - plate_width / 2.0, cy - 28.0, plate_width, 56.0);

    ctx.set_fill_style_str(palette::MUTED);
    let _ = ctx.fill_text(&geometry, cx, cy + 12.0);
    ctx.set_font("600 16px system-ui, sans-serif");
    let _ = ctx.fill_text("Simulation canvas", cx, cy - 12.0);
}

/// Fills the whole backing store with the background, then sets the
/// transform so later drawing is in CSS pixels. The fill is done in device
/// pixels: the CSS size times the ratio is rarely a whole number, and the
/// last row and column must not be left half transparent.
pub fn clear(ctx: &CanvasRenderingContext2d, view: &Viewport) {
    let (width, height) = view.backing_size();
    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    ctx.set_fill_style_str(palette::BACKGROUND);
    ctx.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    let _ = ctx.set_transform(view.dpr, 0.0, 0.0, view.dpr, 0.0, 0.0);
}

/// Like [`clear`], with the theme's background colour.
pub fn clear_with(ctx: &CanvasRenderingContext2d, view: &Viewport, background: Rgb) {
    let (width, height) = view.backing_size();
    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    ctx.set_fill_style_str(&background.css(1.0));
    ctx.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    let _ = ctx.set_transform(view.dpr, 0.0, 0.0, view.dpr, 0.0, 0.0);
}

/// What the corner status line shows.
pub struct Status {
    pub now: SimTime,
    pub playing: bool,
    pub speed: f64,
    pub lang: Lang,
    pub scale: f64,
}

/// The simulated clock, play state and speed, in the top left corner, on a
/// plate of the background colour: on a small stage the top server can reach
/// up to the line, which must stay readable over it. `extent` is the line's
/// [`status_extent`], measured once per frame by the caller.
pub fn status(
    ctx: &CanvasRenderingContext2d,
    colors: &CanvasColors,
    s: &Status,
    (right, bottom): (f64, f64),
) {
    status_font(ctx, s);
    // As tall as the glyphs (the band below them is left to the servers).
    let pad = 3.0 * s.scale;
    let glyphs = STATUS_FONT_PX * s.scale;
    ctx.set_fill_style_str(&colors.background.css(0.85));
    ctx.fill_rect(
        STATUS_LEFT - pad,
        STATUS_TOP - pad,
        right - STATUS_LEFT + 2.0 * pad,
        glyphs.min(bottom - STATUS_TOP) + 2.0 * pad,
    );
    ctx.set_fill_style_str(&colors.muted.css(1.0));
    let _ = ctx.fill_text(&status_text(s), STATUS_LEFT, STATUS_TOP);
}

/// Where the status line ends and where its band ends (CSS px): the size of
/// its plate, and what labels drawn before it keep out of.
pub fn status_extent(ctx: &CanvasRenderingContext2d, s: &Status) -> (f64, f64) {
    status_font(ctx, s);
    let width = ctx.measure_text(&status_text(s)).map_or(0.0, |m| m.width());
    (STATUS_LEFT + width, STATUS_TOP + 16.0 * s.scale)
}

const STATUS_LEFT: f64 = 12.0;
const STATUS_TOP: f64 = 10.0;
const STATUS_FONT_PX: f64 = 13.0;

fn status_text(s: &Status) -> String {
    let secs = s.now.as_millis_f64() / 1000.0;
    let state = match (s.playing, s.lang) {
        (true, Lang::En) => "▶ playing",
        (true, Lang::Zh) => "▶ 播放中",
        (false, Lang::En) => "❚❚ paused",
        (false, Lang::Zh) => "❚❚ 已暂停",
    };
    format!(
        "t = {secs:.3} s   {state}   {}",
        crate::app::speed::label(s.speed)
    )
}

fn status_font(ctx: &CanvasRenderingContext2d, s: &Status) {
    ctx.set_text_align("left");
    ctx.set_text_baseline("top");
    ctx.set_font(&format!(
        "600 {:.1}px ui-monospace, SFMono-Regular, Menlo, monospace",
        STATUS_FONT_PX * s.scale
    ));
}

/// How partition islands look.
pub struct IslandLook {
    pub color: Rgb,
    /// Line and text scale (larger when presenting).
    pub scale: f64,
    pub lang: Lang,
    /// The corner status line's right end and bottom (CSS px), which the
    /// names keep clear of; `(0.0, 0.0)` when there is none.
    pub status: (f64, f64),
}

/// Each partition group (its servers' centres) on a soft island of its
/// own, named A, B, … on its outer side; `all` are every server's centres
/// and `radius` a server glyph's radius.
pub fn islands(
    ctx: &CanvasRenderingContext2d,
    groups: &[Vec<Point>],
    all: &[Point],
    radius: f64,
    look: &IslandLook,
) {
    let r = radius * 1.9;
    let stage_mid = all.iter().map(|p| p.y).sum::<f64>() / all.len().max(1) as f64;
    for (i, pts) in groups.iter().enumerate() {
        if pts.is_empty() {
            continue;
        }
        ctx.set_fill_style_str(&look.color.css(0.08));
        ctx.set_stroke_style_str(&look.color.css(0.08));
        ctx.set_line_cap("round");
        ctx.set_line_join("round");
        ctx.set_line_width(r * 2.0);
        ctx.begin_path();
        for (k, p) in pts.iter().enumerate() {
            if k == 0 {
                ctx.move_to(p.x, p.y);
            } else {
                ctx.line_to(p.x, p.y);
            }
        }
        if pts.len() == 1 {
            ctx.line_to(pts[0].x + 0.01, pts[0].y);
        }
        ctx.stroke();
        // Name the island on its outer side: above it in the upper half of
        // the stage, below its captions in the lower half.
        let cx = pts.iter().map(|p| p.x).sum::<f64>() / pts.len() as f64;
        let cy = pts.iter().map(|p| p.y).sum::<f64>() / pts.len() as f64;
        let y = if cy <= stage_mid {
            pts.iter().map(|p| p.y).fold(f64::MAX, f64::min) - radius * 1.75
        } else {
            pts.iter().map(|p| p.y).fold(f64::MIN, f64::max) + radius * 1.6 + 30.0 * look.scale
        };
        ctx.set_fill_style_str(&look.color.css(0.9));
        ctx.set_font(&format!(
            "600 {:.1}px system-ui, -apple-system, 'Segoe UI', sans-serif",
            12.0 * look.scale
        ));
        ctx.set_text_align("center");
        ctx.set_text_baseline("middle");
        let name = (b'A' + (i % 26) as u8) as char;
        let label = match look.lang {
            Lang::En => format!("partition {name}"),
            Lang::Zh => format!("分区 {name}"),
        };
        let y = y.max(10.0 * look.scale);
        // A name up in the status line's band moves right, past its end.
        let half = ctx.measure_text(&label).map_or(0.0, |m| m.width()) / 2.0;
        let (status_right, status_bottom) = look.status;
        let clear = status_right + 8.0 * look.scale + half;
        let x = if y - 8.0 * look.scale < status_bottom && cx < clear {
            clear
        } else {
            cx
        };
        let _ = ctx.fill_text(&label, x, y);
    }
}
