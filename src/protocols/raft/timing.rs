//! Election timing trials, as in Figure 16 of the Raft paper (§9.3): many
//! headless runs in which the leader crashes and the time until a new leader
//! is measured, for a given range of election timeouts. Pure and
//! deterministic (every trial's randomness comes from the seed), and fast
//! enough to run in the browser.

use crate::net::{MsgFilter, NetAction, NodeRef};
use crate::protocols::raft::cluster::{Action, ClientConfig, Cluster, ClusterConfig};
use crate::protocols::raft::{KvOp, MsgKind, RaftConfig, Timer};
use crate::sim::{LatencyRange, NetConfig, NodeId, Run, SimDuration, SimRng, SimTime};

/// The election timeout ranges of the top graph of Figure 16, in ms.
pub const PAPER_RANGES: [(u64, u64); 6] = [
    (150, 150),
    (150, 151),
    (150, 155),
    (150, 175),
    (150, 200),
    (150, 300),
];

/// The ranges of the bottom graph: shorter timeouts detect a crash sooner.
pub const PAPER_SHORT_RANGES: [(u64, u64); 5] =
    [(12, 24), (25, 50), (50, 100), (100, 200), (150, 300)];

/// Servers in every trial, as in the paper.
pub const TRIAL_NODES: usize = 5;
/// A trial without a new leader this long after the crash counts as failed.
pub const TRIAL_LIMIT: SimDuration = SimDuration::from_millis(10_000);
/// Time for S1, told to time out at 10 ms, to lead a settled cluster.
const SETTLE: SimTime = SimTime::from_millis(400);
/// Random stream of the crash times, apart from the cluster's streams.
const CRASH_STREAM: u64 = 16;
/// How long after a proposal its AppendEntries to one follower is dropped:
/// sent, not yet delivered.
const DROP_AFTER: SimDuration = SimDuration::from_micros(50);

/// The cluster a trial runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrialSetup {
    /// One-way message latency: a link's base latency is uniform in this
    /// range, and each message adds up to `jitter`.
    pub latency: (SimDuration, SimDuration),
    pub jitter: SimDuration,
    /// Time of a write to stable storage (`persist_ms`).
    pub persist: (SimDuration, SimDuration),
    /// Time of a write of only the term and vote (`persist_vote_ms`).
    pub persist_vote: Option<(SimDuration, SimDuration)>,
    /// Give the followers logs of different lengths before the crash, so
    /// some candidates cannot win (the paper's worst case).
    pub uneven_logs: bool,
}

impl TrialSetup {
    /// As the paper measured LogCabin (§9.3): a network of well under a
    /// millisecond, stable storage whose writes make a broadcast (an
    /// AppendEntries answered after the follower's write) about 15 ms, and
    /// followers with logs of different lengths when the leader crashes.
    pub const LOGCABIN: TrialSetup = TrialSetup {
        latency: (SimDuration::from_micros(100), SimDuration::from_micros(300)),
        jitter: SimDuration::from_micros(100),
        persist: (SimDuration::from_millis(10), SimDuration::from_millis(20)),
        persist_vote: Some((SimDuration::from_millis(2), SimDuration::from_millis(4))),
        uneven_logs: true,
    };
}

/// What one trial measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trial {
    /// From the leader's crash until a new leader was elected; `None` if that
    /// took longer than [`TRIAL_LIMIT`].
    pub downtime: Option<SimDuration>,
    /// Terms started after the crash: 1 when the first election succeeded,
    /// more after split votes.
    pub elections: u64,
}

/// The cluster of one trial: five servers, heartbeats every half minimum
/// timeout (as in the paper), election timeouts uniform in `min_ms..=max_ms`.
fn trial_config(setup: &TrialSetup, min_ms: u64, max_ms: u64, seed: u64) -> ClusterConfig {
    ClusterConfig {
        nodes: TRIAL_NODES,
        seed,
        net: NetConfig {
            latency: LatencyRange {
                min: setup.latency.0,
                max: setup.latency.1,
            },
            jitter: setup.jitter,
            ..NetConfig::default()
        },
        raft: RaftConfig {
            election_timeout_min: SimDuration::from_millis(min_ms),
            election_timeout_max: SimDuration::from_millis(max_ms.max(min_ms)),
            heartbeat: SimDuration::from_micros(min_ms * 1000 / 2),
            persist_min: setup.persist.0,
            persist_max: setup.persist.1,
            persist_vote: setup.persist_vote,
            ..RaftConfig::default()
        },
        client: ClientConfig {
            latency: SimDuration::ZERO,
            ..ClientConfig::default()
        },
        ..ClusterConfig::default()
    }
}

/// One trial in the paper's setup ([`TrialSetup::LOGCABIN`]).
pub fn election_trial(min_ms: u64, max_ms: u64, seed: u64) -> Trial {
    election_trial_in(&TrialSetup::LOGCABIN, min_ms, max_ms, seed)
}

/// One trial (after §9.3). S1 is told to start an election. Past
/// `SETTLE`, the leader's heartbeat broadcast after next is the last before
/// the crash: with uneven logs, three quarters, a half and a quarter of a
/// heartbeat interval before it, the leader takes a command whose
/// AppendEntries to one more follower is lost, so the followers end up
/// three, two, one and no entries ahead of the shortest log (a follower
/// whose batch is lost gets no later entries until the leader sends it
/// again, half a minimum timeout later). That broadcast then resets every
/// follower's election timer at once, and the leader is crashed at a
/// random moment within the heartbeat interval after it. Measured: the
/// time from the crash until a leader of a later term is elected.
pub fn election_trial_in(setup: &TrialSetup, min_ms: u64, max_ms: u64, seed: u64) -> Trial {
    let cfg = trial_config(setup, min_ms, max_ms, seed);
    let heartbeat = cfg.raft.heartbeat;
    let offset = SimRng::fork(seed, CRASH_STREAM).range_inclusive(0, heartbeat.0.saturating_sub(1));
    let mut run = Run::new(Cluster::new(cfg), Vec::new());
    run.set_tracing(false);
    run.world_mut().set_record_history(false);
    run.run_until(SimTime::from_millis(10));
    run.act(Action::Timeout(NodeRef::Id(NodeId(1))));
    run.run_until(SETTLE);
    let world = run.world();
    let last_broadcast = world
        .leader()
        .and_then(|l| world.timer_deadline(l, Timer::Heartbeat))
        .map_or(SETTLE, |next| next + heartbeat);
    if setup.uneven_logs {
        uneven_logs(&mut run, last_broadcast, heartbeat);
    }
    let crash_at = SimTime(last_broadcast.0 + offset);
    run.run_until(crash_at);
    run.act(NetAction::Crash(NodeRef::Leader).into());
    let highest_term = |c: &Cluster| c.nodes().iter().map(|n| n.term()).max().unwrap_or_default();
    let term_at_crash = highest_term(run.world());
    let deadline = SimTime(crash_at.0 + TRIAL_LIMIT.0);
    while run.step_within(deadline) {
        let cluster = run.world();
        if let Some(leader) = cluster.leader()
            && cluster.node(leader).term() > term_at_crash
        {
            return Trial {
                downtime: Some(cluster.now().since(crash_at)),
                elections: cluster.node(leader).term().0 - term_at_crash.0,
            };
        }
    }
    Trial {
        downtime: None,
        elections: highest_term(run.world()).0 - term_at_crash.0,
    }
}

/// Three commands before the broadcast at `broadcast`, each lost on its way
/// to one more follower.
fn uneven_logs(run: &mut Run<Cluster>, broadcast: SimTime, heartbeat: SimDuration) {
    let Some(leader) = run.world().leader() else {
        return;
    };
    let followers: Vec<NodeId> = NodeId::all(TRIAL_NODES).filter(|&n| n != leader).collect();
    for (quarter, follower) in [3, 2, 1].into_iter().zip(followers.into_iter().rev()) {
        let at = SimTime(broadcast.0 - heartbeat.0 * quarter / 4);
        run.run_until(at);
        let op = KvOp::Set {
            key: "k".into(),
            value: quarter.to_string().into(),
        };
        run.act(Action::Propose { node: None, op });
        run.run_until(at + DROP_AFTER);
        let filter = MsgFilter {
            kind: Some(MsgKind::AppendEntries.name()),
            to: Some(follower),
            ..MsgFilter::default()
        };
        run.act(NetAction::Drop(filter).into());
    }
}

/// `trials` trials with election timeouts in `min_ms..=max_ms`, each with its
/// own seed derived from `seed`.
pub fn election_trials(min_ms: u64, max_ms: u64, trials: u32, seed: u64) -> Vec<Trial> {
    election_trials_in(&TrialSetup::LOGCABIN, min_ms, max_ms, trials, seed)
}

/// [`election_trials`] on another cluster.
pub fn election_trials_in(
    setup: &TrialSetup,
    min_ms: u64,
    max_ms: u64,
    trials: u32,
    seed: u64,
) -> Vec<Trial> {
    (0..u64::from(trials))
        .map(|i| election_trial_in(setup, min_ms, max_ms, trial_seed(seed, i)))
        .collect()
}

/// The seed of the `i`-th trial of a range.
fn trial_seed(seed: u64, i: u64) -> u64 {
    seed.wrapping_mul(1_000_003).wrapping_add(i)
}

/// The trials for each range of `ranges` (e.g. [`PAPER_RANGES`]): one line
/// of the chart each, all from the same seed.
pub fn trials_per_range(ranges: &[(u64, u64)], trials: u32, seed: u64) -> Vec<Vec<Trial>> {
    trials_per_range_in(&TrialSetup::LOGCABIN, ranges, trials, seed)
}

/// [`trials_per_range`] on another cluster.
pub fn trials_per_range_in(
    setup: &TrialSetup,
    ranges: &[(u64, u64)],
    trials: u32,
    seed: u64,
) -> Vec<Vec<Trial>> {
    ranges
        .iter()
        .map(|&(min_ms, max_ms)| election_trials_in(setup, min_ms, max_ms, trials, seed))
        .collect()
}

/// The cumulative distribution to plot: for each trial that elected a leader,
/// in order of downtime, (downtime in ms, fraction of all trials done by then).
/// Failed trials never reach the top, so the curve ends below 1.
pub fn cumulative(trials: &[Trial]) -> Vec<(f64, f64)> {
    let mut times: Vec<SimDuration> = trials.iter().filter_map(|t| t.downtime).collect();
    times.sort();
    let n = trials.len().max(1) as f64;
    times
        .iter()
        .enumerate()
        .map(|(i, d)| (d.as_millis_f64(), (i + 1) as f64 / n))
        .collect()
}

/// The downtime below which a fraction `q` (0 … 1) of the trials elected a
/// leader; `None` if fewer trials than that succeeded.
pub fn percentile(trials: &[Trial], q: f64) -> Option<SimDuration> {
    let mut times: Vec<SimDuration> = trials.iter().filter_map(|t| t.downtime).collect();
    times.sort();
    let rank = ((q.clamp(0.0, 1.0) * trials.len() as f64).ceil() as usize).max(1);
    times.get(rank - 1).copied()
}

/// The trials of a chart, run a few at a time so a page can spread the work
/// over animation frames and draw the lines as they grow. Trials go round
/// the ranges, so every line fills in at once; the results equal
/// [`trials_per_range`] with the same arguments.
#[derive(Clone, Debug)]
pub struct TrialRun {
    setup: TrialSetup,
    ranges: Vec<(u64, u64)>,
    per_range: u32,
    seed: u64,
    results: Vec<Vec<Trial>>,
    done: usize,
}

impl TrialRun {
    pub fn new(ranges: &[(u64, u64)], per_range: u32, seed: u64) -> Self {
        TrialRun::with_setup(TrialSetup::LOGCABIN, ranges, per_range, seed)
    }

    /// Trials on another cluster.
    pub fn with_setup(setup: TrialSetup, ranges: &[(u64, u64)], per_range: u32, seed: u64) -> Self {
        TrialRun {
            setup,
            ranges: ranges.to_vec(),
            per_range,
            seed,
            results: vec![Vec::new(); ranges.len()],
            done: 0,
        }
    }

    pub fn ranges(&self) -> &[(u64, u64)] {
        &self.ranges
    }

    /// The trials so far, one list per range.
    pub fn results(&self) -> &[Vec<Trial>] {
        &self.results
    }

    /// Trials done and trials in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.done, self.ranges.len() * self.per_range as usize)
    }

    pub fn is_done(&self) -> bool {
        let (done, all) = self.progress();
        done >= all
    }

    /// Runs the next trial; false when there is none left.
    pub fn step(&mut self) -> bool {
        if self.is_done() {
            return false;
        }
        let r = self.done % self.ranges.len();
        let i = (self.done / self.ranges.len()) as u64;
        let (min_ms, max_ms) = self.ranges[r];
        let seed = trial_seed(self.seed, i);
        self.results[r].push(election_trial_in(&self.setup, min_ms, max_ms, seed));
        self.done += 1;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trial_run_in_pieces_equals_the_whole_batch() {
        let ranges = [(150, 155), (150, 300)];
        let mut run = TrialRun::new(&ranges, 6, 4);
        assert_eq!(run.progress(), (0, 12));
        for _ in 0..5 {
            assert!(run.step());
        }
        assert_eq!(run.results()[0].len(), 3, "round the ranges");
        assert_eq!(run.results()[1].len(), 2);
        while run.step() {}
        assert!(run.is_done());
        assert_eq!(run.results(), trials_per_range(&ranges, 6, 4).as_slice());
    }
}
