//! Trace events of a run and their plain-language narration.

mod event;
mod narrate;
mod rules;

pub use event::{Cause, ClientEvent, ClientPhase, EventKind, Invariant, TraceEvent, Violation};
pub use narrate::{describe, explain_violation, invariant_name, invariant_promise, rule};
pub use rules::Rule;
