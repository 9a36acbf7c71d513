//! Canvas sizing shared by the views: a canvas's backing store kept at
//! device resolution as its container resizes, with each new size reported
//! in the same frame so the owner can repaint before a blank frame shows
//! (dropping the [`CanvasFit`] disconnects the observer); a canvas kept
//! fitted and painted by a frame loop as one handle ([`CanvasLoop`]); and a
//! one-off sizing for small canvases repainted when their panel renders.

use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ResizeObserver, ResizeObserverEntry};
use yew::NodeRef;

use crate::viewport::Viewport;

/// The 2D context of the canvas behind `canvas`, if it is mounted.
pub fn context_2d(canvas: &NodeRef) -> Option<CanvasRenderingContext2d> {
    canvas
        .cast::<HtmlCanvasElement>()?
        .get_context("2d")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// Sets `canvas`'s backing store to a `width` × `height` CSS-pixel box at the
/// screen's pixel ratio; the viewport it fills.
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
pub fn sized(canvas: &NodeRef) -> Option<(CanvasRenderingContext2d, Viewport)> {
    let el = canvas.cast::<HtmlCanvasElement>()?;
    let rect = el.get_bounding_client_rect();
    let view = fit_to(&el, rect.width(), rect.height());
    Some((context_2d(canvas)?, view))
}

/// A resize observer on a canvas's container.
pub struct CanvasFit {
    observer: ResizeObserver,
    _on_resize: Closure<dyn FnMut(js_sys::Array)>,
}

impl CanvasFit {
    /// Observes `container`; on each resize sizes `canvas` to it at the
    /// device pixel ratio, then calls `resized` with the new viewport.
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

/// What a [`CanvasLoop`] reports to its handler.
#[derive(Clone, Copy, Debug)]
pub enum CanvasEvent {
    /// The container resized; the canvas backing store already matches.
    Resized(Viewport),
    /// An animation frame, with its timestamp in milliseconds.
    Frame(f64),
}

/// A canvas kept fitted and painted by a frame loop, as one handle: both stop
/// when it is dropped (from the effect that owns it).
pub struct CanvasLoop {
    _fit: Option<CanvasFit>,
    _frames: super::frame_loop::FrameLoop,
}

impl CanvasLoop {
    /// Calls `handler` on every resize of the container and every frame.
    pub fn start(
        container: &NodeRef,
        canvas: &NodeRef,
        handler: impl FnMut(CanvasEvent, &CanvasRenderingContext2d) + 'static,
    ) -> Option<Self> {
        let ctx = context_2d(canvas)?;
        let handler = std::rc::Rc::new(std::cell::RefCell::new(handler));
        let fit = {
            let (ctx, handler) = (ctx.clone(), handler.clone());
            CanvasFit::attach(container, canvas, move |view| {
                (handler.borrow_mut())(CanvasEvent::Resized(view), &ctx)
            })
        };
        let frames = super::frame_loop::FrameLoop::start(move |ts| {
            (handler.borrow_mut())(CanvasEvent::Frame(ts), &ctx)
        });
        Some(CanvasLoop {
            _fit: fit,
            _frames: frames,
        })
    }
}
