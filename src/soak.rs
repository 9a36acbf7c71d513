//! A soak run: a lab played for a long simulated time the way the page plays
//! it (history recording off, snapshots every 200 entries, frames of at most
//! `FRAME_EVENT_BUDGET` events), under a steady client load with a fault
//! every few seconds: leader crashes and restarts, partitions and heals, a
//! paused server, lost and duplicated messages, commands typed by a user,
//! leadership transfers, and now and then a look back at the recent past.
//! A caller samples it once per simulated minute, e.g. to watch memory.

use crate::lab::Lab;
use crate::net::{Health, MsgFilter, NetAction, NodeRef};
use crate::protocol::Scenario;
use crate::protocols::raft::app::FRAME_EVENT_BUDGET;
use crate::protocols::raft::cluster::{Action, Workload};
use crate::protocols::raft::{KvOp, Raft, RaftConfig};
use crate::sim::{NodeId, SimDuration, SimTime};

/// Simulated time between two faults.
const FAULT_EVERY: SimDuration = SimDuration::from_millis(5_000);
/// Simulated time of one frame at the fastest playback speed.
const FRAME: SimDuration = SimDuration::from_millis(100);

/// The scenario of a soak run: the page's default lab with a client workload.
pub fn soak_scenario() -> Scenario<Raft> {
    let mut s = Scenario::<Raft> {
        stop: SimTime::from_millis(24 * 3_600_000),
        ..Scenario::default()
    };
    s.setup.raft = RaftConfig {
        snapshot_threshold: 200,
        ..RaftConfig::default()
    };
    s.setup.workload = Some(Workload {
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
        0 => NetAction::Crash(NodeRef::Leader).into(),
        1 => NetAction::Restart(node(1 + (i / 12 % 5) as u16)).into(),
        2 => NetAction::Isolate(node(2)).into(),
        3 => NetAction::Heal.into(),
        4 => NetAction::Pause(node(3)).into(),
        5 => NetAction::Resume(node(3)).into(),
        6 => NetAction::Drop(MsgFilter::default()).into(),
        7 => NetAction::Duplicate(MsgFilter::default()).into(),
        8 => Action::Propose {
            node: None,
            op: KvOp::Set {
                key: "typed".into(),
                value: format!("v{i}").into(),
            },
        },
        9 => Action::Transfer(node(1 + (i % 5) as u16)),
        10 => NetAction::Partition(vec![
            vec![NodeId(1), NodeId(2)],
            vec![NodeId(3), NodeId(4), NodeId(5)],
        ])
        .into(),
        _ => NetAction::Heal.into(),
    })
}

/// Restarts every server that is down (a crash of the leader may have hit any).
fn restart_all(lab: &mut Lab<Raft>) {
    let down: Vec<NodeId> = NodeId::all(lab.world().config().nodes)
        .filter(|&n| lab.world().health(n) == Health::Down)
        .collect();
    for n in down {
        lab.act(NetAction::Restart(NodeRef::Id(n)).into());
    }
}

/// A soak run in progress, played one simulated minute at a time.
pub struct Soak {
    lab: Lab<Raft>,
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

    pub fn lab(&self) -> &Lab<Raft> {
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
pub fn soak(minutes: u64, mut sample: impl FnMut(u64, &Lab<Raft>)) {
    let mut run = Soak::new();
    sample(0, run.lab());
    for _ in 0..minutes {
        run.play_minute();
        sample(run.minute(), run.lab());
    }
}
