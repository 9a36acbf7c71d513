//! The simulation canvas. It fills whatever space the layout gives its
//! container, keeps its backing store at device resolution (so lines stay
//! crisp on HiDPI screens) and repaints when the container is resized.

use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ResizeObserver, ResizeObserverEntry};
use yew::prelude::*;

use crate::{draw, viewport::Viewport};

/// The canvas area between header and control bar.
#[function_component(Stage)]
pub fn stage() -> Html {
    let container = use_node_ref();
    let canvas = use_node_ref();
    {
        let (container, canvas) = (container.clone(), canvas.clone());
        use_effect_with((), move |_| {
            let fit = FitToContainer::attach(&container, &canvas);
            move || drop(fit)
        });
    }

    html! {
        <div class="stage" ref={container}>
            <canvas ref={canvas} role="img" aria-label="Simulation view"></canvas>
        </div>
    }
}

/// Watches the container's size; on every change resizes the canvas backing
/// store and repaints in the same frame (no blank frame in between).
/// Dropping it disconnects the observer.
struct FitToContainer {
    observer: ResizeObserver,
    _on_resize: Closure<dyn FnMut(js_sys::Array)>,
}

impl FitToContainer {
    fn attach(container: &NodeRef, canvas: &NodeRef) -> Option<Self> {
        let container = container.cast::<web_sys::Element>()?;
        let canvas = canvas.cast::<HtmlCanvasElement>()?;
        let ctx = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;

        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let Some(entry) = entries.get(0).dyn_into::<ResizeObserverEntry>().ok() else {
                return;
            };
            let rect = entry.content_rect();
            let dpr = gloo::utils::window().device_pixel_ratio();
            let view = Viewport::new(rect.width(), rect.height(), dpr);
            let (width, height) = view.backing_size();
            // Assigning a size clears the canvas, so only do it on a change.
            if canvas.width() != width || canvas.height() != height {
                canvas.set_width(width);
                canvas.set_height(height);
            }
            draw::shell(&ctx, &view);
        });

        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
        observer.observe(&container);
        Some(Self {
            observer,
            _on_resize: on_resize,
        })
    }
}

impl Drop for FitToContainer {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
