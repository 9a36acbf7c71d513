//! Raft's web view (wasm32 only): the cluster canvas with its popover and
//! tooltip, the servers, logs and safety panels, the settings dialog, the
//! client command box, the election-timing chart of its lessons, and the
//! [`crate::ui::page::Page`] impl that plugs them into the shared page.

pub mod draw;
pub mod draw_chart;
pub mod invariants_panel;
pub mod legend;
pub mod log_panel;
mod page;
pub mod popover;
pub mod servers_table;
pub mod settings;
pub mod stage;
pub mod timing_chart;
