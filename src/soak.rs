//! A soak run: a lab played for a long simulated time the way the page plays
//! it (history recording off, snapshots every 200 entries, frames of at most
//! `FRAME_EVENT_BUDGET` events), under a steady client load with a fault
//! every few seconds: leader crashes and restarts, partitions and heals, a
//! paused server, lost and duplicated messages, commands typed by a user,
//! leadership transfers, and now and then a look back at the recent past.
//! A caller samples it once per simulated minute, e.g. to watch memory.

use crate::app::controller::FRAME_EVENT_BUDGET;
use crate::cluster::{Action, MsgFilter, NodeRef, Workload};
use crate::lab::Lab;
use crate::raft::{KvOp, RaftConfig};
use crate::scenario::Scenario;
use crate::sim::{NodeId, SimDuration, SimTime};

/// Simulated time between two faults.
const FAULT_EVERY: SimDuration = SimDuration::from_millis(5_000);
/// Simulated time of one frame at the fastest playback speed.
const FRAME: SimDuration = SimDuration::from_millis(100);

/// The scenario of a soak run: the page's default lab with a client workload.
pub fn soak_scenario() -> Scenario {
    let mut s = Scenario {
        stop: SimTime::from_millis(24 * 3_600_000),
        ..Scenario::default()
    };
    s.cluster.raft = RaftConfig {
        snapshot_threshold: 200,
        ..RaftConfig::default()
    };
    s.cluster.workload = Some(Workload {
        clients: 3,
        rate: 10.0,
        keys: 5,
        ..Workload::default()
    });
    s
}

/// The `i`-th fault of the cycle; every fault is undone later in the cycle.
fn fault(i: u64) -> Option<Action> {
    let node = |n| NodeRef::Id(NodeId(n));
    Some(match i % 12 {
        0 => Action::Crash(NodeRef::Leader),
        1 => Action::Restart(node(1 + (i / 12 % 5) as u16)),
        2 => Action::Isolate(node(2)),
        3 => Action::Heal,
        4 => Action::Pause(node(3)),
        5 => Action::Resume(node(3)),
        6 => Action::Drop(MsgFilter::default()),
        7 => Action::Duplicate(MsgFilter::default()),
        8 => Action::Propose {
            node: None,
            op: KvOp::Set {
                key: "typed".into(),
                value: format!("v{i}").into(),
            },
        },
        9 => Action::Transfer(node(1 + (i % 5) as u16)),
        10 => Action::Partition(vec![
            vec![NodeId(1), NodeId(2)],
            vec![NodeId(3), NodeId(4), NodeId(5)],
        ]),
        _ => Action::Heal,
    })
}

/// Restarts every server that is down (a crash of the leader may have hit any).
fn restart_all(lab: &mut Lab) {
    let down: Vec<NodeId> = NodeId::all(lab.cluster().config().nodes)
        .filter(|&n| lab.cluster().health(n) == crate::cluster::Health::Down)
        .collect();
    for n in down {
        lab.act(Action::Restart(NodeRef::Id(n)));
    }
}

/// A soak run in progress, played one simulated minute at a time.
pub struct Soak {
    lab: Lab,
    minute: u64,
    faults: u64,
    next_fault: SimTime,
}

impl Default for Soak {
    fn default() -> Self {
        Self::new()
    }
}

impl Soak {
    pub fn new() -> Self {
        Soak {
            lab: Lab::new(&soak_scenario()),
            minute: 0,
            faults: 0,
            next_fault: SimTime::ZERO + FAULT_EVERY,
        }
    }

    pub fn lab(&self) -> &Lab {
        &self.lab
    }

    /// Simulated minutes played so far.
    pub fn minute(&self) -> u64 {
        self.minute
    }

    /// Plays the next simulated minute, then looks back over its last few
    /// seconds and returns to the present.
    pub fn play_minute(&mut self) {
        self.minute += 1;
        let end = SimTime::from_millis(self.minute * 60_000);
        let lab = &mut self.lab;
        while lab.now() < end {
            let target = (lab.now() + FRAME).min(end);
            lab.advance_bounded(target, FRAME_EVENT_BUDGET);
            if lab.now() >= self.next_fault {
                if let Some(action) = fault(self.faults) {
                    lab.act(action);
                }
                if self.faults % 12 == 1 {
                    restart_all(lab);
                }
                self.faults += 1;
                self.next_fault = lab.now() + FAULT_EVERY;
            }
        }
        let present = lab.now();
        lab.seek(SimTime(present.as_micros().saturating_sub(7_000_000)));
        lab.step_back();
        lab.seek(present);
    }
}

/// Plays `minutes` simulated minutes, calling `sample(minute, &lab)` at the
/// start and after each minute.
pub fn soak(minutes: u64, mut sample: impl FnMut(u64, &Lab)) {
    let mut run = Soak::new();
    sample(0, run.lab());
    for _ in 0..minutes {
        run.play_minute();
        sample(run.minute(), run.lab());
    }
}
