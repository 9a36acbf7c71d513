//! The running part of a canvas view, shared by the Raft and Gossip stages:
//! the canvas follows its container's size (repainted in the same frame as
//! a resize), and every animation frame plays the controller on, repaints
//! when anything may have changed, and tells the page to re-render its
//! panels now and then. Dropping the returned [`Running`] stops it all.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{CanvasRenderingContext2d, PointerEvent};
use yew::{Callback, NodeRef, TargetCast};

use super::canvas_fit::{CanvasEvent, CanvasLoop};
use super::frame_loop::{Pacer, Playback};
use super::shared::Prefs;
use crate::view::geometry::Point;
use crate::viewport::Viewport;

/// What every canvas view keeps between frames.
#[derive(Default)]
pub struct ViewState {
    pub prefs: Option<Prefs>,
    /// Asks the page to re-render its panels at a controller revision.
    pub on_change: Option<Callback<u64>>,
    pub view: Option<Viewport>,
    /// Told the new size after each resize, so markup laid out from it
    /// (a list of where things are) re-renders even while nothing plays.
    pub on_resize: Option<Callback<Viewport>>,
    /// The picture must be repainted although nothing played.
    pub dirty: bool,
    pub pacer: Pacer,
    /// A slice being dragged across the stage, from where to where.
    pub drag: Option<(Point, Point)>,
}

impl ViewState {
    /// Starts a slice at `p`; the canvas keeps the pointer until it is released.
    pub fn start_drag(&mut self, e: &PointerEvent, p: Point) {
        self.drag = Some((p, p));
        if let Some(t) = e.target_dyn_into::<web_sys::Element>() {
            let _ = t.set_pointer_capture(e.pointer_id());
        }
    }

    /// Extends the slice being dragged to `p`; false if there is none.
    pub fn drag_to(&mut self, p: Point) -> bool {
        let Some((a, _)) = self.drag else {
            return false;
        };
        self.drag = Some((a, p));
        self.dirty = true;
        true
    }
}

/// Where a pointer event happened on the canvas, in CSS pixels.
pub fn point(e: &PointerEvent) -> Point {
    Point::new(f64::from(e.offset_x()), f64::from(e.offset_y()))
}

/// A canvas view's state between frames.
pub trait CanvasLive: 'static {
    type Ctrl: Playback + 'static;
    /// How often the panels re-render at most while playing (ms).
    const PANEL_REFRESH_MS: f64;
    fn base(&mut self) -> &mut ViewState;
    /// Paints the whole picture.
    fn paint(&mut self, c: &Self::Ctrl, ctx: &CanvasRenderingContext2d);
    /// After each frame (a popover following what it points at, say).
    fn after_frame(&mut self, _c: &Self::Ctrl) {}
}

/// A view that runs until dropped.
pub type Running = CanvasLoop;

/// Starts the view on `canvas` inside `container`.
pub fn start<L: CanvasLive>(
    container: &NodeRef,
    canvas: &NodeRef,
    ctrl: Rc<RefCell<L::Ctrl>>,
    live: Rc<RefCell<L>>,
) -> Option<Running> {
    CanvasLoop::start(container, canvas, move |event, ctx| {
        let ts = match event {
            CanvasEvent::Resized(view) => {
                let mut l = live.borrow_mut();
                l.base().view = Some(view);
                l.paint(&ctrl.borrow(), ctx);
                let on_resize = l.base().on_resize.clone();
                drop(l);
                if let Some(cb) = on_resize {
                    cb.emit(view);
                }
                return;
            }
            CanvasEvent::Frame(ts) => ts,
        };
        let started = super::perf::now();
        let mut l = live.borrow_mut();
        let moved = l.base().pacer.play(ts, &mut *ctrl.borrow_mut());
        let c = ctrl.borrow();
        let painted = std::mem::take(&mut l.base().dirty) || moved;
        if painted {
            l.paint(&c, ctx);
        }
        l.after_frame(&c);
        let report = l.base().pacer.due(ts, &*c, L::PANEL_REFRESH_MS);
        let on_change = l.base().on_change.clone();
        drop((c, l));
        // Re-renders the panels now, inside this frame, so the frame time
        // below includes them.
        if let (Some(rev), Some(cb)) = (report, on_change) {
            cb.emit(rev);
        }
        super::perf::frame(started, painted);
    })
}

/// Runs the view on `canvas` inside `container` for as long as the
/// component that calls this hook is mounted; every render hands it the
/// current preferences and where to report, and asks for a repaint.
#[yew::hook]
pub fn use_canvas_view<L: CanvasLive>(
    container: &NodeRef,
    canvas: &NodeRef,
    ctrl: &Rc<RefCell<L::Ctrl>>,
    live: &Rc<RefCell<L>>,
    prefs: Prefs,
    on_change: &Callback<u64>,
) {
    {
        let mut l = live.borrow_mut();
        let base = l.base();
        base.prefs = Some(prefs);
        base.on_change = Some(on_change.clone());
        base.dirty = true;
    }
    let (container, canvas) = (container.clone(), canvas.clone());
    let (ctrl, live) = (ctrl.clone(), live.clone());
    yew::use_effect_with((), move |_| {
        let running = start(&container, &canvas, ctrl, live);
        move || drop(running)
    });
}
