//! A cancellable `requestAnimationFrame` loop. Each frame re-arms the next;
//! dropping the `FrameLoop` (from the effect that owns it) cancels the pending
//! frame. The callback is held through a weak reference, so the loop and its
//! owner never keep each other alive. [`Pacer`] keeps the frame timing the
//! canvas views share.

use gloo::render::{AnimationFrame, request_animation_frame};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

struct Inner {
    frame: RefCell<Option<AnimationFrame>>,
    tick: RefCell<Box<dyn FnMut(f64)>>,
    stopped: Cell<bool>,
}

/// A running frame loop; dropping it stops the loop.
pub struct FrameLoop(Rc<Inner>);

fn schedule(inner: &Rc<Inner>) {
    let weak: Weak<Inner> = Rc::downgrade(inner);
    let frame = request_animation_frame(move |timestamp| {
        let Some(inner) = weak.upgrade() else { return };
        if inner.stopped.get() {
            return;
        }
        (inner.tick.borrow_mut())(timestamp);
        if !inner.stopped.get() {
            schedule(&inner);
        }
    });
    *inner.frame.borrow_mut() = Some(frame);
}

impl FrameLoop {
    /// Calls `tick(timestamp_ms)` on every animation frame until dropped.
    pub fn start(tick: impl FnMut(f64) + 'static) -> Self {
        let inner = Rc::new(Inner {
            frame: RefCell::new(None),
            tick: RefCell::new(Box::new(tick)),
            stopped: Cell::new(false),
        });
        schedule(&inner);
        FrameLoop(inner)
    }
}

impl Drop for FrameLoop {
    fn drop(&mut self) {
        self.0.stopped.set(true);
        // Dropping the handle cancels the frame that is still pending.
        self.0.frame.borrow_mut().take();
    }
}

/// What a canvas view's frame loop plays: the controller of any protocol.
pub trait Playback {
    /// Plays on by `real_ms` of wall-clock time; true if anything happened.
    fn tick(&mut self, real_ms: f64) -> bool;
    fn playing(&self) -> bool;
    /// Changes whenever something the panels show may have changed.
    fn revision(&self) -> u64;
}

impl<P: crate::app::View> Playback for crate::app::Controller<P> {
    fn tick(&mut self, real_ms: f64) -> bool {
        crate::app::Controller::tick(self, real_ms)
    }
    fn playing(&self) -> bool {
        crate::app::Controller::playing(self)
    }
    fn revision(&self) -> u64 {
        crate::app::Controller::revision(self)
    }
}

/// Frame timing for a canvas view: it plays the controller on by the time
/// since the previous frame, and tells the page to re-render its panels at
/// once when paused, at most every so often while playing.
#[derive(Default)]
pub struct Pacer {
    last_ts: Option<f64>,
    last_rev: u64,
    last_emit: f64,
}

impl Pacer {
    /// Plays `c` on to the frame at `ts`; true if the picture may have changed.
    pub fn play(&mut self, ts: f64, c: &mut impl Playback) -> bool {
        let dt = self.last_ts.map_or(0.0, |t| ts - t);
        self.last_ts = Some(ts);
        c.tick(dt) || c.playing()
    }

    /// `c`'s revision if it is new and it is time to tell the panels (which
    /// the caller then does, once it has let go of the controller).
    pub fn due(&mut self, ts: f64, c: &impl Playback, every_ms: f64) -> Option<u64> {
        let rev = c.revision();
        if rev == self.last_rev || (c.playing() && ts - self.last_emit < every_ms) {
            return None;
        }
        self.last_rev = rev;
        self.last_emit = ts;
        Some(rev)
    }
}
