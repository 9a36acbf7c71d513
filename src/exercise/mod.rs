//! Runs and documents decoded from arbitrary bytes, and the checks every one
//! of them must pass: the shared ground of the fuzz targets (`fuzz/`), the
//! property tests and the replay of inputs the fuzzers once found failing.
//! Each `check_*` function takes any input, never panics unless the code it
//! exercises does, and returns a description of what went wrong.
//!
//! - [`check_raft_run`]: a Raft cluster under safe settings and arbitrary
//!   actions never violates an invariant (and, with fixed settings, keeps a
//!   linearizable client history).
//! - [`check_lab_session`]: seeking, stepping back and forking in a lab
//!   shows exactly the state of a straight run.
//! - [`check_gossip_run`]: a gossip world under arbitrary actions keeps its
//!   metrics consistent with its state.
//! - [`check_nwr_run`]: a Quorum NWR cluster under arbitrary actions never
//!   serves a stale read when W + R > N, and keeps a linearizable client
//!   history with blocking read repair and two-phase writes.
//! - [`check_scenario_text`], [`check_scenario_mutants`],
//!   [`check_share_link`]: the text formats refuse with a reason or accept
//!   and round-trip.

mod choices;
mod formats;
mod gossip_input;
mod gossip_run;
mod lab_run;
mod mutate;
mod net_input;
mod nwr_input;
mod nwr_run;
mod raft_input;
mod raft_run;
mod scenario_input;

pub use choices::Choices;
pub use formats::{
    check_scenario_mutants, check_scenario_text, check_share_link, round_trip, round_trip_any,
};
pub use gossip_run::{check_gossip_run, metrics_agree};
pub use lab_run::check_lab_session;
pub use nwr_run::{NwrRun, check_nwr_run};
pub use raft_run::{RaftRun, check_raft_run};

/// A check of one input: `Err` says what went wrong.
pub type Check = fn(&[u8]) -> Result<(), String>;

/// Every check by the name of its fuzz target, for tools that replay inputs.
pub const CHECKS: &[(&str, Check)] = &[
    ("scenario_text", check_scenario_text),
    ("scenario_mutants", check_scenario_mutants),
    ("share_link", check_share_link),
    ("raft_actions", check_raft_run),
    ("lab_travel", check_lab_session),
    ("gossip_actions", check_gossip_run),
    ("nwr_actions", check_nwr_run),
];
