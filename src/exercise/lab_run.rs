//! A lab session decoded from arbitrary input: playing forward, stepping,
//! seeking and stepping back to arbitrary moments, acting (in the past too,
//! which forks), switching and discarding branches. After every move the
//! lab must show exactly the state a straight run of its scenario reaches
//! after as many events, and its timeline markers must be those of the
//! straight run's trace.

use super::{Choices, raft_input};
use crate::lab::{Lab, MarkerLog};
use crate::protocol::Scenario;
use crate::protocols::raft::Raft;
use crate::protocols::raft::cluster::{Action, Cluster};
use crate::sim::{MsgId, Run, SimDuration, SimTime, World};

/// Most moves in one session.
pub const MAX_MOVES: usize = 24;
/// How far a session may play, so that one input stays quick.
pub const MAX_HORIZON: SimTime = SimTime::from_millis(12_000);
/// Engine events a session may reach, so that extreme settings stay quick too.
pub const MAX_EVENTS: u64 = 60_000;

/// One move of a session.
#[derive(Clone, Debug)]
pub enum Move {
    Advance(SimTime),
    AdvanceBounded(SimTime, u64),
    Step(u32),
    StepBack(u32),
    Seek(SimTime),
    SeekEvent(u64),
    Act(Action),
    Switch(usize),
    Discard(usize),
}

fn decode_move(c: &mut Choices, lab: &Lab<Raft>) -> Move {
    let horizon = lab.horizon().max(lab.now());
    let anywhere = |c: &mut Choices| SimTime(c.range(0, horizon.as_micros() + 2_000_000));
    match c.below(12) {
        0 | 1 => Move::Advance(lab.now() + SimDuration::from_millis(c.millis(3_000))),
        2 => Move::AdvanceBounded(
            lab.now() + SimDuration::from_millis(c.millis(3_000)),
            c.range(0, 300),
        ),
        3 => Move::Step(1 + c.below(40) as u32),
        4 => Move::StepBack(1 + c.below(40) as u32),
        5 | 6 => Move::Seek(anywhere(c)),
        7 => Move::SeekEvent(c.range(0, lab.events() + 50)),
        8 | 9 => {
            let n = lab.world().config().nodes;
            let in_flight: Vec<MsgId> = lab.world().network().in_flight().map(|e| e.id).collect();
            Move::Act(raft_input::action(c, n, &in_flight))
        }
        10 => Move::Switch(c.below(lab.branches().len() + 1)),
        _ => Move::Discard(c.below(lab.branches().len() + 1)),
    }
}

/// Makes the move; returns whether the lab is now at rest at its current
/// time (every event due by then processed) rather than between two events
/// of one instant, or `None` when the move left the run where it was.
fn make_move(lab: &mut Lab<Raft>, m: &Move) -> Option<bool> {
    let target = |t: &SimTime| (*t).min(MAX_HORIZON);
    match m {
        // Already past the target (seeking or stepping may go beyond the
        // horizon), playing forward leaves the run where it is.
        Move::Advance(t) | Move::AdvanceBounded(t, _) if target(t) < lab.now() => {
            return None;
        }
        Move::Advance(t) => lab.advance(target(t)),
        Move::AdvanceBounded(t, budget) => {
            let events = lab.events();
            let reached = lab.advance_bounded(target(t), *budget);
            // Out of budget before the first event, the lab stays where it was.
            return (reached || lab.events() != events).then_some(reached);
        }
        Move::Step(k) => {
            let mut moved = false;
            for _ in 0..*k {
                if lab.now() >= MAX_HORIZON || !lab.step() {
                    break;
                }
                moved = true;
            }
            return moved.then_some(false);
        }
        Move::StepBack(k) => {
            let mut moved = false;
            for _ in 0..*k {
                moved |= lab.step_back();
            }
            return moved.then_some(false);
        }
        Move::Seek(t) => lab.seek((*t).min(MAX_HORIZON)),
        Move::SeekEvent(k) => {
            lab.seek_event(*k);
            return Some(false);
        }
        Move::Act(a) => {
            lab.act(a.clone());
            return Some(false);
        }
        Move::Switch(i) if *i < lab.branches().len() => lab.switch_branch(*i),
        Move::Switch(_) => return None,
        Move::Discard(i) => {
            lab.discard_branch(*i);
            return None;
        }
    }
    Some(true)
}

/// Where the lab stands, as a straight run must reproduce it.
struct Stand {
    /// Engine events processed.
    events: u64,
    now: SimTime,
    /// Every event due by `now` processed, not between two events of one instant.
    at_rest: bool,
    /// Nothing left to happen at all (stale queue entries discarded too).
    exhausted: bool,
}

/// The state of a straight run of `scenario` standing where `at` says, and
/// the markers of its trace up to `horizon`.
fn straight(scenario: &Scenario<Raft>, at: &Stand, horizon: SimTime) -> (u64, MarkerLog) {
    let mut c: Run<Cluster> = scenario.start();
    c.world_mut().set_record_history(false);
    let mut markers = MarkerLog::default();
    let mut observe = |c: &mut Run<Cluster>| {
        let events = c.world().events();
        c.drain_trace().for_each(|ev| markers.observe(&ev, events));
    };
    observe(&mut c);
    while c.world().events() < at.events && c.step() {
        observe(&mut c);
    }
    if at.at_rest {
        c.run_until(at.now);
        observe(&mut c);
    }
    if at.exhausted {
        while c.step() {
            observe(&mut c);
        }
    }
    let fingerprint = c.world().fingerprint();
    while c.step_within(horizon) {
        observe(&mut c);
    }
    (fingerprint, markers)
}

/// The markers before `horizon` (a lab may stop between two events of the
/// horizon's instant; a straight run to it takes them all).
fn settled(markers: &MarkerLog, horizon: SimTime) -> Vec<String> {
    markers
        .markers()
        .iter()
        .filter(|m| m.at < horizon)
        .map(|m| format!("{m:?}"))
        .collect()
}

/// Plays the session `input` decodes to, comparing the lab after every move
/// with a straight run.
pub fn check_lab_session(input: &[u8]) -> Result<(), String> {
    let mut c = Choices::new(input);
    let mut config = raft_input::safe_cluster_config(&mut c);
    config.nodes = config.nodes.min(5);
    if let Some(w) = &mut config.workload {
        w.clients = w.clients.min(3);
        w.rate = w.rate.min(10.0);
    }
    let mut lab = Lab::<Raft>::from_setup(config);
    let mut moves = Vec::new();
    let mut at_rest = true;
    while !c.is_empty() && moves.len() < MAX_MOVES && lab.events() < MAX_EVENTS {
        let m = decode_move(&mut c, &lab);
        at_rest = make_move(&mut lab, &m).unwrap_or(at_rest);
        moves.push(m);
        let scenario = lab.scenario();
        let events = lab.events();
        let stand = Stand {
            events,
            now: lab.now(),
            at_rest,
            exhausted: lab.run().next_time().is_none(),
        };
        let (want, markers) = straight(&scenario, &stand, lab.horizon());
        let describe = || format!("{:?}\nmoves:\n{moves:#?}", scenario.setup);
        if lab.world().fingerprint() != want {
            return Err(format!(
                "after the last move the lab at {} ({events} events) differs from a straight run\n{}",
                lab.now(),
                describe()
            ));
        }
        let (got, want) = (
            settled(lab.marker_log(), lab.horizon()),
            settled(&markers, lab.horizon()),
        );
        if got != want {
            let same = got.iter().zip(&want).take_while(|(a, b)| a == b).count();
            return Err(format!(
                "timeline markers differ from the straight run's after {same} equal ones\n  lab: {:?}\n  straight: {:?}\n{}",
                &got[same..got.len().min(same + 3)],
                &want[same..want.len().min(same + 3)],
                describe()
            ));
        }
    }
    Ok(())
}
