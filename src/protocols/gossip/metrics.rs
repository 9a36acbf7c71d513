//! What a run measures: message counters, and per rumor the time and rounds
//! to reach 50 / 99 / 100 % of the live nodes, redundant receptions, the
//! residue and a compact informed-over-time series; for SWIM, per failure
//! the first-detection time, and false positives.

use super::message::MsgKind;
use crate::sim::{NodeId, SimDuration, SimTime};

/// The coverage milestones, in percent of live nodes.
pub const MILESTONES: [u32; 3] = [50, 99, 100];

/// Message and event counters of a run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    pub sent: [u64; MsgKind::COUNT],
    pub delivered: [u64; MsgKind::COUNT],
    pub dropped: [u64; MsgKind::COUNT],
    /// Nodes learning a rumor for the first time.
    pub infections: u64,
    /// Rumors received by a node that already knew them.
    pub redundant: u64,
    /// Nodes that stopped spreading a rumor.
    pub removals: u64,
    /// Events processed.
    pub events: u64,
}

impl Counters {
    pub fn messages_sent(&self) -> u64 {
        self.sent.iter().sum()
    }

    pub fn sent_of(&self, kind: MsgKind) -> u64 {
        self.sent[kind.index()]
    }

    /// Messages of rumor spreading (not SWIM membership traffic).
    pub fn rumor_messages(&self) -> u64 {
        MsgKind::ALL
            .iter()
            .filter(|k| !k.is_membership())
            .map(|k| self.sent[k.index()])
            .sum()
    }
}

/// When a rumor reached a milestone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reach {
    pub at: SimTime,
    /// Time since the rumor started.
    pub after: SimDuration,
    /// Rounds since the rumor started, counting its first round as 1.
    pub rounds: u32,
}

/// One point of the informed-over-time series: at most one per round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sample {
    pub at: SimTime,
    pub round: u32,
    pub informed: u32,
    pub live: u32,
}

impl Sample {
    pub fn fraction(&self) -> f64 {
        if self.live == 0 {
            0.0
        } else {
            f64::from(self.informed) / f64::from(self.live)
        }
    }
}

/// What one rumor did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RumorStats {
    pub started_at: SimTime,
    pub start_round: u32,
    /// When it reached 50, 99 and 100 % of live nodes.
    pub reached: [Option<Reach>; 3],
    /// Live nodes that know it (or a newer version of its key).
    pub informed: u32,
    /// Live nodes spreading it.
    pub spreading: u32,
    /// Receptions by nodes that already knew it.
    pub redundant: u64,
    pub series: Vec<Sample>,
}

impl RumorStats {
    pub fn new(started_at: SimTime, start_round: u32) -> Self {
        RumorStats {
            started_at,
            start_round,
            ..Default::default()
        }
    }

    /// When it reached `percent` % (one of `MILESTONES`).
    pub fn reach(&self, percent: u32) -> Option<Reach> {
        let i = MILESTONES.iter().position(|&m| m == percent)?;
        self.reached[i]
    }

    /// Rounds since the rumor started at world round `round`, the first counting as 1.
    pub fn rounds_at(&self, round: u32) -> u32 {
        round.saturating_sub(self.start_round) + 1
    }

    /// Records the counts after a change: milestones, and the series point of `round`.
    pub(super) fn note(&mut self, now: SimTime, round: u32, live: u32) {
        for (i, &pct) in MILESTONES.iter().enumerate() {
            let need = (u64::from(live) * u64::from(pct)).div_ceil(100);
            if self.reached[i].is_none() && live > 0 && u64::from(self.informed) >= need {
                let rounds = self.rounds_at(round);
                self.reached[i] = Some(Reach {
                    at: now,
                    after: now.since(self.started_at),
                    rounds,
                });
            }
        }
        // A message sent in an earlier round may arrive after one of a later
        // round: the series stays in round order, so such a change counts
        // in the latest round seen.
        let round = self
            .series
            .last()
            .map_or(round, |last| last.round.max(round));
        let sample = Sample {
            at: now,
            round,
            informed: self.informed,
            live,
        };
        match self.series.last_mut() {
            Some(last) if last.round == round => *last = sample,
            Some(last) if (last.informed, last.live) == (sample.informed, sample.live) => {}
            _ => self.series.push(sample),
        }
    }

    /// Fraction of live nodes never reached, as of the last change.
    pub fn residue(&self) -> f64 {
        self.series.last().map_or(1.0, |s| 1.0 - s.fraction())
    }
}

/// A crash and how SWIM noticed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failure {
    pub node: NodeId,
    pub crashed_at: SimTime,
    /// The first time any live node suspected (or declared dead) the crashed node.
    pub first_suspected: Option<SimTime>,
    pub first_dead: Option<SimTime>,
    /// When no live node held it alive or suspect any more.
    pub all_know: Option<SimTime>,
    pub restarted_at: Option<SimTime>,
}

impl Failure {
    pub fn new(node: NodeId, crashed_at: SimTime) -> Self {
        Failure {
            node,
            crashed_at,
            first_suspected: None,
            first_dead: None,
            all_know: None,
            restarted_at: None,
        }
    }

    /// Time from the crash to its first detection.
    pub fn first_detection(&self) -> Option<SimDuration> {
        self.first_suspected.map(|t| t.since(self.crashed_at))
    }

    /// Time from the crash until every live node had dropped the node.
    pub fn full_detection(&self) -> Option<SimDuration> {
        self.all_know.map(|t| t.since(self.crashed_at))
    }
}

/// Live nodes wrongly suspected or declared dead, counted where the claim
/// originated (a failed probe, an expired suspicion).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FalsePositives {
    pub suspected: u64,
    pub declared_dead: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milestones_use_the_ceiling_of_the_live_count() {
        let mut s = RumorStats::new(SimTime::ZERO, 1);
        s.informed = 49;
        s.note(SimTime(10), 1, 99);
        assert!(s.reach(50).is_none(), "49 of 99 is short of half");
        s.informed = 50;
        s.note(SimTime(20), 3, 99);
        assert_eq!(s.reach(50).unwrap().rounds, 3);
        s.informed = 99;
        s.note(SimTime(30), 4, 99);
        assert_eq!(s.reach(100).unwrap().after, SimDuration(30));
        assert_eq!(s.residue(), 0.0);
    }

    #[test]
    fn a_late_message_from_an_earlier_round_counts_in_the_latest_round() {
        let mut s = RumorStats::new(SimTime::ZERO, 1);
        s.informed = 1;
        s.note(SimTime(10), 3, 10);
        s.informed = 2;
        s.note(SimTime(20), 2, 10);
        let points: Vec<_> = s.series.iter().map(|p| (p.round, p.informed)).collect();
        assert_eq!(points, [(3, 2)]);
    }

    #[test]
    fn the_series_keeps_one_point_per_round() {
        let mut s = RumorStats::new(SimTime::ZERO, 1);
        for (informed, round) in [(1, 1), (2, 1), (4, 2), (4, 3)] {
            s.informed = informed;
            s.note(SimTime(u64::from(round)), round, 10);
        }
        let points: Vec<_> = s.series.iter().map(|p| (p.round, p.informed)).collect();
        assert_eq!(points, vec![(1, 2), (2, 4)]);
    }
}
