//! The gossip controller as components see it: behind `Rc<RefCell>`, with
//! the revision it had when rendered, so props compare cheaply.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use crate::app::gossip_controller::GossipController;

#[derive(Clone)]
pub struct GossipRef {
    pub ctrl: Rc<RefCell<GossipController>>,
    pub rev: u64,
}

impl PartialEq for GossipRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.ctrl, &other.ctrl) && self.rev == other.rev
    }
}

impl GossipRef {
    pub fn get(&self) -> Ref<'_, GossipController> {
        self.ctrl.borrow()
    }
}
