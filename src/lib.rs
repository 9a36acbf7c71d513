//! RaftLab: a deterministic Raft and Gossip lab. The engine modules are pure
//! Rust and run natively and in wasm; the view modules exist only on wasm32.

// --- web shell ------------------------------------------------------------
pub mod viewport;

#[cfg(target_arch = "wasm32")]
pub mod draw;
#[cfg(target_arch = "wasm32")]
pub mod ui;
// --- end web shell --------------------------------------------------------
