//! Trace events of a run and their plain-language narration.

mod event;

pub use event::{ClientPhase, EventKind, Invariant, TraceEvent, Violation};
