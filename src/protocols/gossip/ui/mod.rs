//! Gossip's web view (wasm32 only): the node canvas (thousands of nodes as
//! cached sprites), the spread and SWIM read-outs with their chart, the
//! click tool, key and layout controls, the settings dialog, and the
//! [`crate::ui::page::Page`] impl that plugs them into the shared page.

pub mod controls;
pub mod draw;
pub mod draw_chart;
pub mod draw_nodes;
mod page;
pub mod panels;
pub mod settings;
pub mod stage;
