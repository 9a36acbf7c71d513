//! Election timing trials, as in Figure 16 of the Raft paper (§9.3): many
//! headless runs in which the leader crashes and the time until a new leader
//! is measured, for a given range of election timeouts. Pure and
//! deterministic (every trial's randomness comes from the seed), and fast
//! enough to run in the browser.

use crate::net::{NetAction, NodeRef};
use crate::protocols::raft::RaftConfig;
use crate::protocols::raft::cluster::{Action, Cluster, ClusterConfig};
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
/// When the first leader (S1, told to time out at 10 ms) is crashed, before
/// a random offset within one heartbeat interval.
const CRASH_AFTER: SimTime = SimTime::from_millis(400);
/// One-way message latency: a broadcast (request and reply) takes about 15 ms,
/// the paper's broadcast time.
const LATENCY_MS: (u64, u64) = (4, 8);
const JITTER_MS: u64 = 3;
/// Random stream of the crash times, apart from the cluster's streams.
const CRASH_STREAM: u64 = 16;

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
fn trial_config(min_ms: u64, max_ms: u64, seed: u64) -> ClusterConfig {
    ClusterConfig {
        nodes: TRIAL_NODES,
        seed,
        net: NetConfig {
            latency: LatencyRange::millis(LATENCY_MS.0, LATENCY_MS.1),
            jitter: SimDuration::from_millis(JITTER_MS),
            ..NetConfig::default()
        },
        raft: RaftConfig {
            election_timeout_min: SimDuration::from_millis(min_ms),
            election_timeout_max: SimDuration::from_millis(max_ms.max(min_ms)),
            heartbeat: SimDuration::from_micros(min_ms * 1000 / 2),
            ..RaftConfig::default()
        },
        ..ClusterConfig::default()
    }
}

/// One trial: S1 is told to start an election, then whoever leads is crashed
/// at a random moment within a heartbeat interval; measures the time until a
/// leader of a later term is elected.
pub fn election_trial(min_ms: u64, max_ms: u64, seed: u64) -> Trial {
    let cfg = trial_config(min_ms, max_ms, seed);
    let offset = SimRng::fork(seed, CRASH_STREAM).range_inclusive(0, cfg.raft.heartbeat.0);
    let crash_at = SimTime(CRASH_AFTER.0 + offset);
    let script = vec![
        (
            SimTime::from_millis(10),
            Action::Timeout(NodeRef::Id(NodeId(1))),
        ),
        (crash_at, NetAction::Crash(NodeRef::Leader).into()),
    ];
    let mut run = Run::new(Cluster::new(cfg), script);
    run.set_tracing(false);
    run.world_mut().set_record_history(false);
    run.run_until(crash_at);
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

/// `trials` trials with election timeouts in `min_ms..=max_ms`, each with its
/// own seed derived from `seed`.
pub fn election_trials(min_ms: u64, max_ms: u64, trials: u32, seed: u64) -> Vec<Trial> {
    (0..u64::from(trials))
        .map(|i| election_trial(min_ms, max_ms, seed.wrapping_mul(1_000_003).wrapping_add(i)))
        .collect()
}

/// The trials for each range of `ranges` (e.g. [`PAPER_RANGES`]): one line
/// of the chart each, all from the same seed.
pub fn trials_per_range(ranges: &[(u64, u64)], trials: u32, seed: u64) -> Vec<Vec<Trial>> {
    ranges
        .iter()
        .map(|&(min_ms, max_ms)| election_trials(min_ms, max_ms, trials, seed))
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
    ranges: Vec<(u64, u64)>,
    per_range: u32,
    seed: u64,
    results: Vec<Vec<Trial>>,
    done: usize,
}

impl TrialRun {
    pub fn new(ranges: &[(u64, u64)], per_range: u32, seed: u64) -> Self {
        TrialRun {
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
        let seed = self.seed.wrapping_mul(1_000_003).wrapping_add(i);
        self.results[r].push(election_trial(min_ms, max_ms, seed));
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
