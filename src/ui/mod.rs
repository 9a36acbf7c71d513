//! The web front end (wasm32 only): Yew components, one per file. Components
//! only display state and send actions; canvas painting lives in
//! [`crate::draw`].

pub mod app;
pub mod controls;
pub mod header;
pub mod panic;
pub mod stage;

/// Id of the element in `index.html` that the app replaces when it mounts.
pub const ROOT_ID: &str = "app";

/// Installs the panic banner hook and mounts [`app::App`] into `#app`
/// (into `<body>` when the page has no such element).
pub fn start() {
    panic::install();
    match gloo::utils::document().get_element_by_id(ROOT_ID) {
        Some(root) => yew::Renderer::<app::App>::with_root(root).render(),
        None => yew::Renderer::<app::App>::new().render(),
    };
}
