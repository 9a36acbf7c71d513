//! Checks that a run is correct: Raft's five safety properties, watched after
//! every event, and linearizability of the client histories.

mod invariants;
mod linearizability;

pub use invariants::{Checker, InvariantStatus};
pub use linearizability::{HistoryOp, LinearizabilityError, OpKind, check_history};
