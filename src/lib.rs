//! RaftLab: a deterministic Raft and Gossip lab. The engine modules are pure
//! Rust and run natively and in wasm; the view modules exist only on wasm32.

pub mod sim;
pub mod raft;
pub mod check;
pub mod trace;
pub mod cluster;
pub mod lang;
pub mod scenario;
pub mod report;
