//! A cancellable `requestAnimationFrame` loop. Each frame re-arms the next;
//! dropping the `FrameLoop` (from the effect that owns it) cancels the pending
//! frame. The callback is held through a weak reference, so the loop and its
//! owner never keep each other alive.

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
