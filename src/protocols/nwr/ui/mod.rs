//! Quorum NWR's web view (wasm32 only): the ring canvas (servers on the
//! hash ring, the key on show with its replicas, requests and replies in
//! flight), the servers' copies and the client history beside it, the
//! command box and the settings dialog, and the
//! [`crate::ui::page::Page`] impl that plugs them into the shared page.

pub mod controls;
pub mod draw;
mod page;
pub mod panels;
pub mod settings;
pub mod stage;
