//! Running any protocol's scenario to its stop time, the trace as JSON lines
//! with their fingerprint, and the summary each protocol writes of the
//! outcome ([`Summarize`]): what the headless runner prints.

use crate::protocol::{Protocol, Scenario};
use crate::sim::{Run, SimTime, TraceEvent, World};
use serde::Serialize;

pub use crate::sim::TraceHash;

/// One expectation of a scenario, checked.
#[derive(Clone, Debug, Serialize)]
pub struct CheckRecord {
    pub check: String,
    pub ok: bool,
    pub detail: String,
}

/// A protocol's summary of a finished run.
pub trait Summarize: Protocol {
    type Summary: Serialize;
    fn summarize(scenario: &Scenario<Self>, world: &Self::World, hash: &TraceHash)
    -> Self::Summary;
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
