//! Checks every protocol's client histories share: linearizability of the
//! operations clients saw, key by key. Each protocol's own safety properties
//! live with the protocol.

mod linearizability;

pub use linearizability::{HistoryOp, LinearizabilityError, OpKind, check_history};
