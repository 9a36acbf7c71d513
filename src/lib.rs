//! RaftLab: a deterministic Raft and Gossip lab. The engine modules are pure
//! Rust and run natively and in wasm; the web modules (`ui`, `draw`) exist
//! only on wasm32.

pub mod app;
pub mod benchmark;
pub mod check;
pub mod client;
pub mod exercise;
pub mod lab;
pub mod lang;
pub mod lesson;
pub mod net;
pub mod protocol;
pub mod protocols;
pub mod report;
pub mod scenario;
pub mod share;
pub mod sim;
pub mod soak;
pub mod view;
pub mod viewport;
pub mod workload;

#[cfg(target_arch = "wasm32")]
pub mod draw;
#[cfg(target_arch = "wasm32")]
pub mod ui;
