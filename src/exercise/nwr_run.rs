//! A Quorum NWR run decoded from arbitrary input: settings, then actions at
//! arbitrary moments. Nothing may panic; with W + R > N and strict quorums
//! no read may be stale; and with blocking read repair and two-phase writes
//! as well (Attiya, Bar-Noy and Dolev 1995) the client history must be
//! linearizable, whatever crashes, partitions and losses the input adds.

use super::{Choices, nwr_input};
use crate::check::check_history;
use crate::protocols::nwr::{Action, NwrSetup, NwrWorld};
use crate::sim::{Run, SimDuration, SimTime, World};

/// Most actions in one run.
pub const MAX_ACTIONS: usize = 40;
/// Simulated time a run may last, so that one input stays quick.
pub const MAX_RUN: SimDuration = SimDuration::from_millis(30_000);
/// Engine events a run may take, so that extreme settings stay quick too.
pub const MAX_EVENTS: u64 = 200_000;
/// Longest client history handed to the linearizability checker.
const MAX_HISTORY: usize = 300;
/// Most writes of unknown outcome (failed, or never answered) in a history
/// handed to the checker: each may take effect at any moment after it began,
/// and the search grows with their number.
const MAX_UNKNOWN_WRITES: usize = 24;

/// What a decoded run did, for a failure message.
#[derive(Clone, Debug)]
pub struct NwrRun {
    pub setup: NwrSetup,
    pub atomic: bool,
    pub actions: Vec<(SimTime, Action)>,
}

impl NwrRun {
    /// Decodes the settings and plays the actions as they are decoded;
    /// returns the run and the world at its end.
    pub fn play(input: &[u8]) -> (NwrRun, NwrWorld) {
        let mut c = Choices::new(input);
        let (setup, atomic) = nwr_input::nwr_setup(&mut c);
        let mut run = Run::new(NwrWorld::new(setup.clone()), Vec::new());
        run.set_tracing(c.flag());
        let end = SimTime::ZERO + MAX_RUN;
        let mut actions = Vec::new();
        while !c.is_empty() && actions.len() < MAX_ACTIONS && run.world().events() < MAX_EVENTS {
            let at = run.now() + SimDuration::from_millis(c.millis(3_000));
            if at > end {
                break;
            }
            run_bounded(&mut run, at);
            let action = nwr_input::nwr_action(&mut c, setup.nodes);
            actions.push((run.now(), action.clone()));
            run.act(action);
        }
        let until = (run.now() + SimDuration::from_millis(c.millis(10_000))).min(end);
        run_bounded(&mut run, until);
        let played = NwrRun {
            setup,
            atomic,
            actions,
        };
        (played, run.into_world())
    }

    fn describe(&self) -> String {
        let mut text = format!("{:?}\natomic: {}\n", self.setup, self.atomic);
        for (at, a) in &self.actions {
            text.push_str(&format!("  at {at}: {a}\n"));
        }
        text
    }
}

/// Plays `run` up to `t`, but no further than [`MAX_EVENTS`] events, dropping the trace.
fn run_bounded(run: &mut Run<NwrWorld>, t: SimTime) {
    while run.world().events() < MAX_EVENTS && run.step_within(t) {
        run.drain_trace().for_each(drop);
    }
    run.drain_trace().for_each(drop);
    if run.world().events() < MAX_EVENTS {
        run.run_until(t);
    }
}

/// Plays the run `input` decodes to and checks it: fresh reads where the
/// quorums intersect, and a linearizable history where operations are atomic.
pub fn check_nwr_run(input: &[u8]) -> Result<(), String> {
    let (run, world) = NwrRun::play(input);
    let cfg = &world.setup().nwr;
    let stale = world.freshness().stale_reads();
    if cfg.fresh_reads() && stale > 0 {
        return Err(format!(
            "{stale} stale reads with W + R > N\n{}",
            run.describe()
        ));
    }
    let history = world.clients().history();
    if cfg.atomic() {
        let f = world.freshness();
        let (inversions, lost) = (f.inversions(), f.lost_writes());
        if inversions + lost > 0 {
            return Err(format!(
                "{inversions} new–old inversions and {lost} lost writes\n{}",
                run.describe()
            ));
        }
        let unknown = history
            .iter()
            .filter(|h| h.result.is_none() && h.kind != crate::check::OpKind::Get)
            .count();
        if history.len() <= MAX_HISTORY && unknown <= MAX_UNKNOWN_WRITES {
            check_history(history).map_err(|e| format!("{e}\n{}", run.describe()))?;
        }
    }
    Ok(())
}
