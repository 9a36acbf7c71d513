//! Running any protocol's scenario to its stop time, the trace as JSON lines
//! with their fingerprint, and the summary each protocol writes of the
//! outcome ([`Summarize`]): what the headless runner prints, with the
//! linearizability verdict of a client history ([`Linearizable`]).

use crate::check::LinearizabilityError;
use crate::protocol::{Protocol, Scenario};
use crate::sim::{Run, SimTime, TraceEvent, World};
use serde::{Serialize, Serializer};

pub use crate::sim::TraceHash;

/// One expectation of a scenario, checked.
#[derive(Clone, Debug, Serialize)]
pub struct CheckRecord {
    pub check: String,
    pub ok: bool,
    pub detail: String,
}

/// The checker's verdict on a client history: `true` and `false` in JSON,
/// or `"unknown"` when the search ran out of budget on some key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Linearizable {
    Yes,
    No,
    Unknown,
}

impl Linearizable {
    pub fn of(result: &Result<(), LinearizabilityError>) -> Self {
        match result {
            Ok(()) => Linearizable::Yes,
            Err(e) if e.is_undecided() => Linearizable::Unknown,
            Err(_) => Linearizable::No,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Linearizable::Yes => "true",
            Linearizable::No => "false",
            Linearizable::Unknown => "unknown",
        }
    }
}

impl Serialize for Linearizable {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Linearizable::Yes => s.serialize_bool(true),
            Linearizable::No => s.serialize_bool(false),
            Linearizable::Unknown => s.serialize_str("unknown"),
        }
    }
}

/// The key the checker could not decide, when it could not.
#[derive(Clone, Debug, Serialize)]
pub struct UndecidedRecord {
    pub key: String,
    pub operations: usize,
    /// The search configurations it explored on that key before stopping.
    pub budget: u64,
}

impl UndecidedRecord {
    /// The undecided key of a checker's answer, if it gave up on one.
    pub fn of(result: &Result<(), LinearizabilityError>) -> Option<Self> {
        match result {
            Err(LinearizabilityError::Undecided { key, ops, budget }) => Some(UndecidedRecord {
                key: key.to_string(),
                operations: *ops,
                budget: *budget,
            }),
            _ => None,
        }
    }
}

/// A protocol's summary of a finished run.
pub trait Summarize: Protocol {
    type Summary: Serialize;
    fn summarize(scenario: &Scenario<Self>, world: &Self::World, hash: &TraceHash)
    -> Self::Summary;
    /// The summary, with the linearizability checker exploring at most
    /// `check_budget` configurations per key. Protocols whose summary checks
    /// no client history ignore the budget.
    fn summarize_within(
        scenario: &Scenario<Self>,
        world: &Self::World,
        hash: &TraceHash,
        _check_budget: u64,
    ) -> Self::Summary {
        Self::summarize(scenario, world, hash)
    }
    /// The expectations checked in a summary.
    fn expectations(summary: &Self::Summary) -> &[CheckRecord];
}

/// Runs `run` to `stop` event by event, handing every trace event as a JSON
/// line to `sink`, and fingerprints the trace.
pub fn drive<W: World>(
    run: &mut Run<W>,
    stop: SimTime,
    mut sink: impl FnMut(&TraceEvent<W::Event>, &str),
) -> TraceHash
where
    W::Event: Serialize,
{
    let mut hash = TraceHash::default();
    let mut drain = |run: &mut Run<W>| {
        for ev in run.drain_trace() {
            let line = serde_json::to_string(&ev).unwrap_or_default();
            hash.add(&line);
            sink(&ev, &line);
        }
    };
    drain(run);
    while run.step_within(stop) {
        drain(run);
    }
    run.run_until(stop);
    drain(run);
    hash
}

/// Runs `scenario` to its stop time, handing every trace event as a JSON line to `sink`.
pub fn run<P: Protocol>(
    scenario: &Scenario<P>,
    sink: impl FnMut(&TraceEvent<P::Event>, &str),
) -> (P::World, TraceHash) {
    let mut run = scenario.start();
    let hash = drive(&mut run, scenario.stop, sink);
    (run.into_world(), hash)
}
