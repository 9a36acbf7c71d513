//! What a protocol's web view plugs into the page shell ([`super::app::App`]):
//! its canvas, its panels, its controls and settings, the charts its lessons
//! name, and the run a fresh page shows. Everything else on the page — the
//! header, notices, the timeline, the lesson panel, the narration, the
//! control bar, sharing, files, keys and the frame loop — is the same for
//! every protocol.

use yew::{Callback, Html, html};

use super::shared::{Cx, Prefs};
use crate::app::View;
use crate::lang::Text;
use crate::lesson::Cues;
use crate::protocol::Scenario;

/// Where a pane sits on a wide screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// In the column beside the stage.
    Side,
    /// Across the width under the stage and its timeline (Raft's logs).
    Below,
}

/// One of a protocol's panels. Its id is the name a lesson step uses to
/// point at it (`"panel"` in a lesson file: `log`, `servers`, …).
pub struct Pane {
    pub id: &'static str,
    /// Its name on the tab that shows it on a phone.
    pub title: Text,
    pub place: Place,
    /// Secondary: hidden while presenting until the panels are asked for.
    pub secondary: bool,
    pub body: Html,
}

/// A protocol's web view.
pub trait Page: View + Cues {
    /// One line under the product name.
    const TAGLINE: Text;
    /// What a fresh page suggests doing first, until something happens.
    const WELCOME: Text;
    /// The canvas: it paints the world every frame, turns clicks and drags
    /// into commands, and asks the page to re-render at a revision.
    fn stage(cx: &Cx<Self>, on_change: &Callback<u64>) -> Html;
    /// The protocol's panels, after the lesson and the narration (on a
    /// phone, each is a tab).
    fn panes(cx: &Cx<Self>) -> Vec<Pane>;
    /// The protocol's own controls in the control bar.
    fn controls(cx: &Cx<Self>) -> Html;
    /// The settings dialog (an overlay that calls `close` when done).
    fn settings(cx: &Cx<Self>, close: &Callback<()>) -> Html;
    /// A chart a lesson names (`"chart"` in its file).
    fn chart(_name: &str, _cx: &Cx<Self>) -> Html {
        html! {}
    }
    /// Paints a small, still picture of `world` (a run shown beside another
    /// protocol's lesson on the same clock).
    fn thumbnail(
        _ctx: &web_sys::CanvasRenderingContext2d,
        _view: &crate::viewport::Viewport,
        _world: &Self::World,
        _prefs: Prefs,
    ) {
    }
    /// A few words on each server of `world`, under its thumbnail.
    fn thumbnail_rows(_world: &Self::World, _prefs: Prefs) -> Html {
        html! {}
    }
    /// A run of another protocol beside a lesson of this one, on the same
    /// clock (a lesson's `"beside"` scenario). A protocol links only the
    /// protocols it shows beside its own, so by default there are none.
    fn beside(
        cx: &Cx<Self>,
        _scenario: &std::rc::Rc<serde_json::Map<String, serde_json::Value>>,
    ) -> Html {
        super::beside::unsupported(cx.prefs)
    }
    /// The run a fresh page shows.
    fn default_scenario() -> Scenario<Self>;
}
