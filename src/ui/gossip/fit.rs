//! Keeps a canvas's backing store at device resolution as its container
//! resizes, and reports each new size in the same frame, so the owner can
//! repaint before a blank frame shows. Dropping it disconnects the observer.

use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{HtmlCanvasElement, ResizeObserver, ResizeObserverEntry};
use yew::NodeRef;

use crate::viewport::Viewport;

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
            let view = Viewport::new(
                rect.width(),
                rect.height(),
                gloo::utils::window().device_pixel_ratio(),
            );
            let (w, h) = view.backing_size();
            if canvas.width() != w || canvas.height() != h {
                canvas.set_width(w);
                canvas.set_height(h);
            }
            resized(view);
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
