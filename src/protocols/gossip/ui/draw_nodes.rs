//! The nodes of the gossip canvas, cheap enough for thousands: each glyph
//! (what the node knows, up or down) is drawn once into a small bitmap, and
//! the nodes are stamped onto an opaque layer the size of the canvas. A
//! frame re-stamps only the nodes whose look or place changed (an eraser
//! disc in the background colour first), then copies the layer in one go.
//! Glyphs never reach past 1.3 radii from their centre and layouts keep
//! centres at least 2.8 radii apart, so erasing one node leaves its
//! neighbours whole.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d as Ctx, HtmlCanvasElement};

use super::draw::{GossipDecor, fill, glyph, line_width, ring, stroke};
use crate::protocols::gossip::scene::{GossipScene, Knows};
use crate::view::geometry::Point;
use crate::viewport::Viewport;

/// A square canvas of `px` device pixels, its origin at the centre, CSS pixel units.
fn bitmap(px: u32, dpr: f64) -> Option<(HtmlCanvasElement, Ctx)> {
    let canvas: HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    canvas.set_width(px);
    canvas.set_height(px);
    let g: Ctx = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    let half = f64::from(px) / 2.0;
    let _ = g.set_transform(dpr, 0.0, 0.0, dpr, half, half);
    Some((canvas, g))
}

/// Which bitmap a node's look uses.
fn sprite_index(knows: Knows, up: bool) -> usize {
    Knows::ALL.iter().position(|k| *k == knows).unwrap_or(0) * 2 + usize::from(!up)
}

/// The eraser: an opaque disc in the background colour.
const ERASER: usize = Knows::ALL.len() * 2;

/// Everything the bitmaps depend on.
type SpriteKey = (u64, u64, u64, [u8; 6]);

fn sprite_key(view: &Viewport, d: &GossipDecor) -> SpriteKey {
    let (b, t) = (d.colors.background, d.colors.text);
    (
        d.radius.to_bits(),
        view.dpr.to_bits(),
        d.scale.to_bits(),
        [b.0, b.1, b.2, t.0, t.1, t.2],
    )
}

/// The glyph bitmaps and the eraser for one radius, pixel ratio and palette.
fn sprites(view: &Viewport, d: &GossipDecor) -> Option<(u32, Vec<HtmlCanvasElement>)> {
    let (r, c, dpr) = (d.radius, d.colors, view.dpr);
    let px = ((r * 2.8 + 2.0) * dpr).ceil() as u32;
    let line = line_width(d);
    let mut images = Vec::new();
    for knows in Knows::ALL {
        for up in [true, false] {
            let (canvas, g) = bitmap(px, dpr)?;
            g.begin_path();
            glyph(&g, knows.shape(), Point::default(), r);
            let color = if up { knows.color(c) } else { c.down };
            if knows == Knows::Not {
                fill(&g, c.background, 1.0);
                g.fill();
                stroke(&g, color, 1.0);
                g.set_line_width(line * 1.2);
                g.stroke();
            } else {
                fill(&g, color, if up { 1.0 } else { 0.55 });
                g.fill();
            }
            if !up {
                stroke(&g, c.text, 0.8);
                g.set_line_width(line);
                g.begin_path();
                let s = r * 0.75;
                g.move_to(-s, -s);
                g.line_to(s, s);
                g.move_to(s, -s);
                g.line_to(-s, s);
                g.stroke();
            }
            images.push(canvas);
        }
    }
    let (canvas, g) = bitmap(px, dpr)?;
    fill(&g, c.background, 1.0);
    g.begin_path();
    ring(&g, Point::default(), r * 1.3 + 0.5);
    g.fill();
    images.push(canvas);
    Some((px, images))
}

/// The layer of nodes, kept between frames by the caller.
#[derive(Default)]
pub struct NodeLayer {
    key: Option<SpriteKey>,
    /// Side of each bitmap in device pixels.
    px: u32,
    images: Vec<HtmlCanvasElement>,
    layer: Option<(HtmlCanvasElement, Ctx)>,
    /// The bitmap and the place each node was last stamped with.
    drawn: Vec<(usize, Point)>,
}

impl NodeLayer {
    /// Brings the layer up to date with `scene`.
    pub fn update(&mut self, view: &Viewport, pos: &[Point], scene: &GossipScene, d: &GossipDecor) {
        let (w, h) = view.backing_size();
        let key = sprite_key(view, d);
        let mut full = self.key != Some(key) || self.drawn.len() != scene.nodes.len();
        if self.key != Some(key) {
            match sprites(view, d) {
                Some((px, images)) => {
                    self.px = px;
                    self.images = images;
                    self.key = Some(key);
                }
                None => return,
            }
        }
        let resized = self
            .layer
            .as_ref()
            .is_none_or(|(c, _)| c.width() != w || c.height() != h);
        if resized {
            let Some(canvas) = gloo::utils::document()
                .create_element("canvas")
                .ok()
                .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
            else {
                return;
            };
            canvas.set_width(w);
            canvas.set_height(h);
            let Some(ctx) = canvas
                .get_context("2d")
                .ok()
                .flatten()
                .and_then(|c| c.dyn_into::<Ctx>().ok())
            else {
                return;
            };
            self.layer = Some((canvas, ctx));
            full = true;
        }
        let Some((_, g)) = &self.layer else { return };
        // Nodes that moved (a new layout or partition) could be erased over
        // their new neighbours: start afresh.
        full |= self.drawn.iter().zip(pos).any(|(was, p)| was.1 != *p);
        if full {
            fill(g, d.colors.background, 1.0);
            g.fill_rect(0.0, 0.0, f64::from(w), f64::from(h));
            self.drawn.clear();
        }
        let stamp = |image: usize, p: Point| {
            if let Some(img) = self.images.get(image) {
                let half = f64::from(self.px) / 2.0;
                let x = (p.x * view.dpr - half).round();
                let y = (p.y * view.dpr - half).round();
                let _ = g.draw_image_with_html_canvas_element(img, x, y);
            }
        };
        let mut drawn = std::mem::take(&mut self.drawn);
        for (i, (look, &p)) in scene.nodes.iter().zip(pos).enumerate() {
            let now = (sprite_index(Knows::of(look), look.up), p);
            match drawn.get(i) {
                Some(&was) if was == now => continue,
                Some(&(_, at)) => stamp(ERASER, at),
                None => {}
            }
            stamp(now.0, now.1);
            if i < drawn.len() {
                drawn[i] = now;
            } else {
                drawn.push(now);
            }
        }
        self.drawn = drawn;
    }

    /// Copies the layer onto `ctx`, covering its whole canvas.
    pub fn blit(&self, ctx: &Ctx, view: &Viewport) {
        if let Some((canvas, _)) = &self.layer {
            let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
            let _ = ctx.draw_image_with_html_canvas_element(canvas, 0.0, 0.0);
            let _ = ctx.set_transform(view.dpr, 0.0, 0.0, view.dpr, 0.0, 0.0);
        }
    }
}
