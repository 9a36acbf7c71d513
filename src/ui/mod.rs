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
pub mod timeline;
pub mod timing_chart;

/// Id of the element in `index.html` that the app replaces when it mounts.
pub const ROOT_ID: &str = "app";

/// Installs the panic banner hook and mounts the page (the Raft [`app::App`]
/// or the Gossip view, as the link asks) into `#app`
/// (into `<body>` when the page has no such element).
pub fn start() {
    panic::install();
    // The root picks the Raft or the Gossip view from `#view=…`.
    type Root = gossip::switch::Root;
    match gloo::utils::document().get_element_by_id(ROOT_ID) {
        Some(root) => yew::Renderer::<Root>::with_root(root).render(),
        None => yew::Renderer::<Root>::new().render(),
    };
}
