//! What theory predicts, to set beside what a run measures.
//!
//! - Push, fan-out 1, no loss: all `n` nodes are informed after
//!   `log2 n + ln n + O(1)` rounds (Pittel 1987, "On spreading a rumor",
//!   SIAM J. Appl. Math. 47; after Frieze & Grimmett 1985).
//! - Push-pull: `log3 n + O(log log n)` rounds (Karp, Schindelhauer, Shenker,
//!   Vöcking 2000, "Randomized rumor spreading", FOCS).
//! - Rumor mongering with feedback where a node loses interest with
//!   probability `1/k` after each useless contact leaves a residue `s` (the
//!   fraction never informed) solving `s = e^{-(k+1)(1-s)}` (Demers et al.
//!   1987, "Epidemic algorithms for replicated database maintenance", §1.4).
//!   Their counter variant (lose interest after `k` useless contacts) does a
//!   little better; their simulations of 1000 sites (Table 1) give residues
//!   0.176, 0.037 and 0.011 for k = 1, 2, 3.
//! - SWIM: a failed member is first probed, hence first detected, after
//!   `1 / (1 - (1 - 1/(n-1))^(n-1))` protocol periods on average, which tends
//!   to `e / (e - 1) ≈ 1.58` (Das, Gupta, Motivala 2002, §3.1).

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

/// Residues of Demers et al.'s counter variant at 1000 sites (Table 1), for k = 1..=5.
pub const DEMERS_COUNTER_RESIDUE: [f64; 5] = [0.176, 0.037, 0.011, 0.0036, 0.0012];

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
