//! Checks every protocol's client histories share: linearizability of the
//! operations clients saw, key by key. Each protocol's own safety properties
//! live with the protocol.

mod linearizability;

pub use linearizability::{
    DEFAULT_BUDGET, HistoryOp, LinearizabilityError, MAX_BUDGET, MIN_BUDGET, OpKind, check_history,
    check_history_within,
};
