//! The web front end (wasm32 only): the page shell every protocol's view
//! shares, as Yew components, one per file. Components only display state
//! and send commands to the controller; canvas painting lives in
//! [`crate::draw`] (shared) and each protocol's `ui::draw`, the interaction
//! logic in [`crate::app`]. A protocol plugs its canvas, panels and settings
//! in through [`page::Page`].

pub mod app;
pub mod beside;
pub mod branches;
pub mod canvas_fit;
pub mod canvas_view;
pub mod command_box;
pub mod controls;
pub mod events_panel;
pub mod fetch;
pub mod file_io;
pub mod frame_loop;
pub mod header;
pub mod help;
pub mod lesson_panel;
pub mod lesson_picker;
pub mod notice;
pub mod page;
pub mod panic;
pub mod perf;
pub mod scroll;
pub mod settings_form;
pub mod share_dialog;
pub mod shared;
pub mod startup;
pub mod switch;
pub mod timeline;

use yew::html;

/// Id of the element in `index.html` that the app replaces when it mounts.
pub const ROOT_ID: &str = "app";

/// Mounts the page of protocol `P` into `#app` (into `<body>` when the page
/// has no such element), after installing the panic banner hook.
pub fn start<P: page::Page>() {
    panic::install();
    let props = switch::RootProps {
        view: P::ID,
        children: html! { <app::App<P> /> },
    };
    match gloo::utils::document().get_element_by_id(ROOT_ID) {
        Some(root) => yew::Renderer::<switch::Root>::with_root_and_props(root, props).render(),
        None => yew::Renderer::<switch::Root>::with_props(props).render(),
    };
}
