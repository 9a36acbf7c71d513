//! The informed-fraction chart as data: the measured fraction of live nodes
//! that know a rumor after each of its rounds, and beside it what the
//! mean-field model of Demers et al. (1987) and Karp et al. (2000) predicts
//! for the same mode, fan-out, cluster size and loss, with the classic
//! rounds-to-everyone estimates (Pittel 1987 for push, log₃ n for push-pull).

use crate::protocols::gossip::theory::{pittel_push_rounds, push_pull_rounds};
use crate::protocols::gossip::{GossipWorld, Mode, RumorId, StopRule};

/// A point: rounds since the rumor started (its first round is 1), and the informed fraction.
pub type ChartPoint = (f64, f64);

/// Expected fraction informed after each round, from one informed node out
/// of `n`, until fewer than half a node is expected to be left out (at most
/// `max_rounds` rounds). Each round every informed node pushes to `fanout`
/// random others and/or every uninformed node pulls from `fanout` random
/// others; each message is lost with probability `loss`.
pub fn theory_curve(
    mode: Mode,
    fanout: usize,
    n: usize,
    loss: f64,
    max_rounds: usize,
) -> Vec<ChartPoint> {
    let n = n.max(2) as f64;
    let f = fanout.max(1) as f64;
    let ok = (1.0 - loss).clamp(0.0, 1.0);
    let mut s = 1.0 - 1.0 / n;
    let mut out = vec![(0.0, 1.0 - s)];
    for round in 1..=max_rounds {
        // An informed node's push misses a given node; a pull from it finds nothing.
        let push_miss = (1.0 - ok / (n - 1.0)).powf(f * n * (1.0 - s));
        let informed_peer = ((1.0 - s) * n / (n - 1.0)).min(1.0);
        let pull_miss = (1.0 - informed_peer * ok * ok).powf(f);
        s *= match mode {
            Mode::Push => push_miss,
            Mode::Pull => pull_miss,
            Mode::PushPull => push_miss * pull_miss,
        };
        out.push((round as f64, 1.0 - s));
        if s * n < 0.5 {
            break;
        }
    }
    out
}

/// What the chart shows for one rumor.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub measured: Vec<ChartPoint>,
    pub theory: Vec<ChartPoint>,
    /// Rounds to reach everyone by the classic estimate, where one applies
    /// (fan-out 1, spreading forever): Pittel for push, log₃ n for push-pull.
    pub classic: Option<f64>,
    /// Rightmost round on the axis.
    pub x_max: f64,
    /// Whether the stop rule ends spreading early (the model spreads forever).
    pub stops_early: bool,
}

/// The chart of rumor `r` under the world's current settings.
pub fn chart(world: &GossipWorld, r: RumorId) -> Chart {
    let cfg = world.config();
    let stats = world.rumor_stats(r);
    let n = world.live_count().max(1);
    let mut measured = vec![(0.0, 1.0 / n as f64)];
    measured.extend(
        stats
            .series
            .iter()
            .map(|s| (f64::from(stats.rounds_at(s.round)), s.fraction())),
    );
    let current = f64::from(stats.rounds_at(world.round()));
    let spread = &cfg.spread;
    let theory = theory_curve(spread.mode, spread.fanout, n, cfg.net.loss, 200);
    let forever = spread.stop == StopRule::Forever;
    let classic = (spread.fanout == 1 && forever).then(|| match spread.mode {
        Mode::Push => Some(pittel_push_rounds(n)),
        Mode::PushPull => Some(push_pull_rounds(n)),
        Mode::Pull => None,
    });
    let classic = classic.flatten();
    let last = |v: &[ChartPoint]| v.last().map_or(0.0, |p| p.0);
    let x_max = last(&measured)
        .max(current.min(last(&measured) + 3.0))
        .max(last(&theory))
        .max(classic.unwrap_or(0.0))
        .max(4.0)
        .ceil();
    Chart {
        measured,
        theory,
        classic,
        x_max,
        stops_early: !forever,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::gossip::{Action, GossipConfig, SpreadConfig};
    use crate::sim::Run;
    use crate::sim::{NodeId, SimTime};

    #[test]
    fn the_model_rises_from_one_node_to_everyone() {
        for mode in [Mode::Push, Mode::Pull, Mode::PushPull] {
            let c = theory_curve(mode, 1, 1000, 0.0, 200);
            assert!((c[0].1 - 0.001).abs() < 1e-12);
            assert!(
                c.windows(2).all(|w| w[1].1 >= w[0].1),
                "{mode:?} never falls"
            );
            assert!(c.last().unwrap().1 > 0.999, "{mode:?}");
        }
    }

    #[test]
    fn push_pull_is_fastest_and_the_model_agrees_with_pittel() {
        let rounds = |m| theory_curve(m, 1, 1000, 0.0, 200).len() - 1;
        assert!(rounds(Mode::PushPull) < rounds(Mode::Push));
        assert!(rounds(Mode::PushPull) < rounds(Mode::Pull));
        // Pittel's log2 n + ln n is about 16.9 rounds at n = 1000.
        let push = rounds(Mode::Push) as f64;
        assert!((push - pittel_push_rounds(1000)).abs() < 3.0, "{push}");
    }

    #[test]
    fn more_fanout_and_less_loss_spread_faster() {
        let rounds = |f, loss| theory_curve(Mode::Push, f, 500, loss, 200).len();
        assert!(rounds(3, 0.0) < rounds(1, 0.0));
        assert!(rounds(1, 0.3) > rounds(1, 0.0));
    }

    #[test]
    fn a_run_is_charted_beside_the_model() {
        let cfg = GossipConfig {
            nodes: 200,
            spread: SpreadConfig {
                mode: Mode::Push,
                ..SpreadConfig::default()
            },
            ..GossipConfig::default()
        };
        let mut w = Run::new(GossipWorld::new(cfg).unwrap(), Vec::new());
        w.act(Action::StartRumor {
            node: NodeId(1),
            key: "x".into(),
            value: "1".into(),
        });
        w.run_until(SimTime::from_millis(10_000));
        let c = chart(w.world(), RumorId(1));
        assert_eq!(c.measured[0].0, 0.0);
        assert_eq!(c.measured.last().unwrap().1, 1.0);
        assert!(c.classic.is_some());
        assert!(c.x_max >= c.theory.last().unwrap().0);
        assert!(!c.stops_early);
    }
}
