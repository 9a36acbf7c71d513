//! State shared by the components: the controller (behind `Rc<RefCell>`, with
//! a revision so props compare cheaply) and the page preferences.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use crate::app::Controller;
use crate::lang::Lang;
use crate::share::Theme;

/// The lab as components see it: equal while nothing visible changed. The
/// Raft view's controller by default; the Gossip view uses its own.
pub struct LabRef<C = Controller> {
    pub ctrl: Rc<RefCell<C>>,
    pub rev: u64,
}

impl<C> Clone for LabRef<C> {
    fn clone(&self) -> Self {
        LabRef {
            ctrl: self.ctrl.clone(),
            rev: self.rev,
        }
    }
}

impl<C> PartialEq for LabRef<C> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.ctrl, &other.ctrl) && self.rev == other.rev
    }
}

impl<C> LabRef<C> {
    pub fn get(&self) -> Ref<'_, C> {
        self.ctrl.borrow()
    }
}

/// How the page looks and speaks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prefs {
    pub lang: Lang,
    pub theme: Theme,
    /// Large type and strokes for projectors.
    pub present: bool,
    /// Compact layout without page chrome, for iframes.
    pub embed: bool,
    pub reduced_motion: bool,
}

impl Prefs {
    /// Scale of canvas strokes and text.
    pub fn scale(&self) -> f64 {
        if self.present { 1.45 } else { 1.0 }
    }

    pub fn t<'a>(&self, en: &'a str, zh: &'a str) -> &'a str {
        self.lang.pick(en, zh)
    }
}

/// Which overlay covers the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    Settings,
    /// Share link, embed code, scenario files.
    Share,
}
