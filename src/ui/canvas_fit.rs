//! Canvas sizing shared by the views: a canvas's backing store kept at
//! device resolution as its container resizes, with each new size reported
//! in the same frame so the owner can repaint before a blank frame shows
//! (dropping the [`CanvasFit`] disconnects the observer), and a one-off
//! sizing for small canvases that are repainted when their panel renders.

use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{HtmlCanvasElement, ResizeObserver, ResizeObserverEntry};
use yew::NodeRef;

use crate::viewport::Viewport;

/// Sets `canvas`'s backing store to `rect` at the screen's pixel ratio; the viewport it fills.
fn fit_to(canvas: &HtmlCanvasElement, width: f64, height: f64) -> Viewport {
    let view = Viewport::new(width, height, gloo::utils::window().device_pixel_ratio());
    let (w, h) = view.backing_size();
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    view
}

/// Sizes the canvas behind `canvas` to its box now: its context and viewport.
pub fn sized(canvas: &NodeRef) -> Option<(web_sys::CanvasRenderingContext2d, Viewport)> {
    let el = canvas.cast::<HtmlCanvasElement>()?;
    let rect = el.get_bounding_client_rect();
    let view = fit_to(&el, rect.width(), rect.height());
    Some((context2d(canvas)?, view))
}

pub struct CanvasFit {
    observer: ResizeObserver,
    _on_resize: Closure<dyn FnMut(js_sys::Array)>,
}

impl CanvasFit {
    /// Watches `container`; sizes `canvas` to it and calls `resized` with the new viewport.
    pub fn attach(
        container: &NodeRef,
        canvas: &NodeRef,
        mut resized: impl FnMut(Viewport) + 'static,
    ) -> Option<Self> {
        let container = container.cast::<web_sys::Element>()?;
        let canvas = canvas.cast::<HtmlCanvasElement>()?;
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let Ok(entry) = entries.get(0).dyn_into::<ResizeObserverEntry>() else {
                return;
            };
            let rect = entry.content_rect();
            resized(fit_to(&canvas, rect.width(), rect.height()));
        });
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
        observer.observe(&container);
        Some(CanvasFit {
            observer,
            _on_resize: on_resize,
        })
    }
}

impl Drop for CanvasFit {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// The 2D context of the canvas behind `canvas`.
pub fn context2d(canvas: &NodeRef) -> Option<web_sys::CanvasRenderingContext2d> {
    canvas
        .cast::<HtmlCanvasElement>()?
        .get_context("2d")
        .ok()??
        .dyn_into()
        .ok()
}
