//! The web front end (wasm32 only): Yew components, one per file. Components
//! only display state and send commands to the controller; canvas painting
//! lives in [`crate::draw`], the interaction logic in [`crate::app`].

pub mod app;
pub mod branches;
pub mod canvas_fit;
pub mod canvas_view;
pub mod controls;
pub mod events_panel;
pub mod file_io;
pub mod frame_loop;
pub mod gossip;
pub mod header;
pub mod help;
pub mod invariants_panel;
pub mod lesson_panel;
pub mod lesson_picker;
pub mod log_panel;
pub mod notice;
pub mod panic;
pub mod perf;
pub mod popover;
pub mod servers_table;
pub mod settings;
pub mod share_dialog;
pub mod shared;
pub mod stage;
pub mod startup;
pub mod switch;
pub mod timeline;
pub mod timing_chart;

use crate::share::ViewKind;
use yew::{Html, html};

/// Id of the element in `index.html` that the app replaces when it mounts.
pub const ROOT_ID: &str = "app";

/// Mounts the Raft view ([`app::App`]) into `#app` (into `<body>` when the
/// page has no such element), after installing the panic banner hook.
pub fn start() {
    mount(ViewKind::Raft, html! { <app::App /> });
}

/// Mounts the Gossip view ([`gossip::app::GossipApp`]), as [`start`] does the
/// Raft view. Only the `raftlab-gossip` module calls this, so the Raft module
/// carries none of the Gossip view.
pub fn start_gossip() {
    mount(ViewKind::Gossip, html! { <gossip::app::GossipApp /> });
}

fn mount(view: ViewKind, children: Html) {
    panic::install();
    let props = switch::RootProps { view, children };
    match gloo::utils::document().get_element_by_id(ROOT_ID) {
        Some(root) => yew::Renderer::<switch::Root>::with_root_and_props(root, props).render(),
        None => yew::Renderer::<switch::Root>::with_props(props).render(),
    };
}
