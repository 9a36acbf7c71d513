//! What theory predicts, to set beside what a run measures.
//!
//! - Push, fan-out 1, no loss: all `n` nodes are informed after
//!   `log2 n + ln n + O(1)` rounds (Pittel 1987, "On spreading a rumor",
//!   SIAM J. Appl. Math. 47; after Frieze & Grimmett 1985).
//! - Push-pull: `log3 n + O(log log n)` rounds (Karp, Schindelhauer, Shenker,
//!   Vöcking 2000, "Randomized rumor spreading", FOCS).
//! - Push rumor mongering with feedback (Demers et al. 1987, "Epidemic
//!   algorithms for replicated database maintenance", §1.4) leaves a residue
//!   `s` (the fraction never informed) solving `s = e^{-(k+1)(1-s)}` when a
//!   node loses interest with probability `1/k` after each useless contact
//!   (the coin rule). The counter rule (lose interest after `k` useless
//!   contacts) gives the same equation: every removed node made `k` useless
//!   pushes and one useful push reached each informed node, so the traffic
//!   is `m = (k+1)(1-s)` pushes per node, and random pushes miss a node with
//!   probability `s = e^{-m}`. The engine's default feedback measures that.
//!   Their Table 1 (counter, 1000 sites) gives lower residues (0.176, 0.037,
//!   0.011 for k = 1, 2, 3) and more traffic (1.7, 3.3, 4.5) because their
//!   simulation counted within cycles: a push was useless only if its
//!   receiver knew the rumor before the cycle began, and the counter ran
//!   over useless contacts in a row (their traffic bound: every useless push
//!   comes from a node that, within its last `k` cycles, made a useful push
//!   or learned the rumor). With [`Feedback::Cycle`] the engine does the
//!   same and reproduces Table 1.
//! - SWIM: a failed member is first probed, hence first detected, after
//!   `1 / (1 - (1 - 1/(n-1))^(n-1))` protocol periods on average, which tends
//!   to `e / (e - 1) ≈ 1.58` (Das, Gupta, Motivala 2002, §3.1).

use super::{Feedback, Mode, SpreadConfig, StopRule};

/// Pittel's rounds for push with fan-out 1: `log2 n + ln n`.
pub fn pittel_push_rounds(n: usize) -> f64 {
    let n = n.max(1) as f64;
    n.log2() + n.ln()
}

/// The leading term of push-pull, `log3 n`, to which Karp et al. add O(log log n).
pub fn push_pull_rounds(n: usize) -> f64 {
    (n.max(1) as f64).ln() / 3f64.ln()
}

/// `log2 log2 n`, the scale of push-pull's second term.
pub fn log_log(n: usize) -> f64 {
    (n.max(4) as f64).log2().log2()
}

/// The residue `s` in (0, 1) solving `s = e^{-(k+1)(1-s)}` for `k > 0`.
pub fn demers_residue(k: f64) -> f64 {
    let f = |s: f64| s - (-(k + 1.0) * (1.0 - s)).exp();
    // f < 0 at 0 and f > 0 just below 1 (its slope at 1 is -k), so bisect.
    let (mut lo, mut hi) = (0.0, 1.0 - 1e-9);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if f(mid) < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The traffic `m = (k+1)(1-s)` (pushes per node) that goes with [`demers_residue`].
pub fn demers_traffic(k: f64) -> f64 {
    (k + 1.0) * (1.0 - demers_residue(k))
}

/// Demers et al.'s Table 1, "Performance of an epidemic on 1000 sites using
/// feedback and counters": residue `s` and traffic `m` for k = 1..=5.
pub const DEMERS_TABLE_1: [(f64, f64); 5] = [
    (0.176, 1.7),
    (0.037, 3.3),
    (0.011, 4.5),
    (0.0036, 5.6),
    (0.0012, 6.7),
];

/// Where a prediction for a stop rule comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopSource {
    /// The equation `s = e^{-(k+1)(1-s)}`, `m = (k+1)(1-s)`.
    Equation,
    /// Table 1 of Demers et al., simulated with cycle feedback.
    Table1,
}

/// What theory predicts for a rumor spread under a stop rule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StopModel {
    /// The fraction of nodes never informed.
    pub residue: f64,
    /// Pushes sent per node.
    pub traffic: f64,
    pub source: StopSource,
}

/// The prediction for push with fan-out 1 and a coin or counter rule: the
/// equation with arrival feedback, Table 1 for the counter rule (k ≤ 5)
/// with cycle feedback; nothing elsewhere.
pub fn stop_model(spread: &SpreadConfig) -> Option<StopModel> {
    if spread.mode != Mode::Push || spread.fanout != 1 {
        return None;
    }
    match (spread.stop, spread.feedback) {
        (StopRule::Counter(k) | StopRule::Coin(k), Feedback::Arrival) => {
            let k = f64::from(k);
            Some(StopModel {
                residue: demers_residue(k),
                traffic: demers_traffic(k),
                source: StopSource::Equation,
            })
        }
        (StopRule::Counter(k), Feedback::Cycle) => {
            let &(residue, traffic) = DEMERS_TABLE_1.get(usize::from(k).checked_sub(1)?)?;
            Some(StopModel {
                residue,
                traffic,
                source: StopSource::Table1,
            })
        }
        _ => None,
    }
}

/// Expected protocol periods until some member probes a given failed member.
pub fn swim_first_detection_periods(n: usize) -> f64 {
    if n < 2 {
        return f64::INFINITY;
    }
    let q = 1.0 - 1.0 / (n as f64 - 1.0);
    1.0 / (1.0 - q.powf(n as f64 - 1.0))
}

/// `⌈log10(n + 1)⌉`, the log n of SWIM's dissemination and suspicion rules as memberlist computes it.
pub fn log10_ceil(n: usize) -> u32 {
    ((n as f64 + 1.0).log10().ceil() as u32).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pittel_at_a_thousand() {
        assert!((pittel_push_rounds(1000) - 16.873).abs() < 0.01);
        assert!((push_pull_rounds(729) - 6.0).abs() < 1e-9);
    }

    #[test]
    fn demers_residues_match_the_paper() {
        // §1.4 quotes about 0.2 for k = 1, 0.06 for k = 2 and 0.02 for k = 3.
        assert!((demers_residue(1.0) - 0.2032).abs() < 1e-3);
        assert!((demers_residue(2.0) - 0.0595).abs() < 1e-3);
        assert!((demers_residue(3.0) - 0.0198).abs() < 1e-3);
        let s = demers_residue(2.0);
        assert!((s - (-(3.0) * (1.0 - s)).exp()).abs() < 1e-9);
        // Push sends m messages per node and misses a node with probability e^{-m}.
        assert!((demers_traffic(2.0) + s.ln()).abs() < 1e-9);
    }

    #[test]
    fn each_feedback_has_its_own_model() {
        let push = |stop, feedback| SpreadConfig {
            stop,
            feedback,
            ..SpreadConfig::default()
        };
        let arrival = stop_model(&push(StopRule::Counter(2), Feedback::Arrival)).unwrap();
        assert_eq!(arrival.source, StopSource::Equation);
        assert_eq!(
            Some(arrival),
            stop_model(&push(StopRule::Coin(2), Feedback::Arrival))
        );
        let cycle = stop_model(&push(StopRule::Counter(2), Feedback::Cycle)).unwrap();
        assert_eq!((cycle.residue, cycle.traffic), (0.037, 3.3));
        assert_eq!(
            stop_model(&push(StopRule::Counter(6), Feedback::Cycle)),
            None
        );
        assert_eq!(stop_model(&push(StopRule::Coin(2), Feedback::Cycle)), None);
        assert_eq!(
            stop_model(&push(StopRule::Forever, Feedback::Arrival)),
            None
        );
        let pull = SpreadConfig {
            mode: Mode::Pull,
            ..push(StopRule::Counter(2), Feedback::Arrival)
        };
        assert_eq!(stop_model(&pull), None);
    }

    #[test]
    fn first_detection_tends_to_e_over_e_minus_one() {
        let e = std::f64::consts::E;
        assert!((swim_first_detection_periods(100_000) - e / (e - 1.0)).abs() < 1e-3);
        assert_eq!(log10_ceil(9), 1);
        assert_eq!(log10_ceil(10), 2);
        assert_eq!(log10_ceil(1000), 4);
    }
}
