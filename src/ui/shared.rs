//! State shared by the components: the controller (behind `Rc<RefCell>`, with
//! a revision so props compare cheaply), the page preferences, and the
//! context every protocol's component gets ([`Cx`]).

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use yew::{Callback, Properties};

use super::page::Page;
use crate::app::{Command, Controller};
use crate::lang::Lang;
use crate::share::Theme;

/// The lab as components see it: equal while nothing visible changed.
pub struct LabRef<C> {
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

/// A command of the page of protocol `P`.
pub type Cmd<P> = Command<P, <P as crate::app::View>::Command>;

/// Where components send commands.
pub type Dispatch<P> = Callback<Cmd<P>>;

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
    /// A touch screen (no hover, no keyboard hints).
    pub touch: bool,
}

impl Prefs {
    /// Scale of canvas strokes and text.
    pub fn scale(&self) -> f64 {
        if self.present { 1.6 } else { 1.0 }
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
    /// Share link, embed code, scenario and lesson files.
    Share,
}

/// What every component of a protocol's page gets: the lab, the
/// preferences and where to send commands.
#[derive(Properties)]
pub struct Cx<P: Page> {
    pub lab: LabRef<Controller<P>>,
    pub prefs: Prefs,
    pub dispatch: Dispatch<P>,
    /// The text field the keyboard's command-box key focuses, if the
    /// protocol's controls have one.
    pub command_box: yew::NodeRef,
}

impl<P: Page> Clone for Cx<P> {
    fn clone(&self) -> Self {
        Cx {
            lab: self.lab.clone(),
            prefs: self.prefs,
            dispatch: self.dispatch.clone(),
            command_box: self.command_box.clone(),
        }
    }
}

impl<P: Page> PartialEq for Cx<P> {
    fn eq(&self, other: &Self) -> bool {
        self.lab == other.lab
            && self.prefs == other.prefs
            && self.dispatch == other.dispatch
            && self.command_box == other.command_box
    }
}

/// What a protocol's stage (its canvas) gets: the lab, the preferences,
/// where to send commands, and how to ask the page to re-render its panels.
#[derive(Properties)]
pub struct StageProps<P: Page> {
    pub lab: LabRef<Controller<P>>,
    pub prefs: Prefs,
    pub dispatch: Dispatch<P>,
    /// Asks the page to re-render its panels at this controller revision.
    pub on_change: Callback<u64>,
}

impl<P: Page> PartialEq for StageProps<P> {
    fn eq(&self, other: &Self) -> bool {
        self.lab == other.lab
            && self.prefs == other.prefs
            && self.dispatch == other.dispatch
            && self.on_change == other.on_change
    }
}

impl<P: Page> Cx<P> {
    /// A click handler that sends `cmd`.
    pub fn send(&self, cmd: Cmd<P>) -> Callback<yew::MouseEvent> {
        let dispatch = self.dispatch.clone();
        Callback::from(move |_| dispatch.emit(cmd.clone()))
    }
}
