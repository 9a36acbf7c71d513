//! The timeline under the canvas as plain data: where each moment of the run
//! falls, the glyphs for its markers in lanes, the leadership bands, tick
//! labels, and where the keyboard jumps from one marker to the next.

use crate::lab::{Marker, MarkerKind, MarkerLog};
use crate::lang::Lang;
use crate::sim::{NodeId, SimDuration, SimTime};

/// Space left and right of the axis, in CSS pixels.
pub const PAD: f64 = 12.0;
/// The shortest span the axis shows, so a fresh run is not stretched.
const MIN_SPAN: SimTime = SimTime::from_millis(1_000);
/// Least distance between two tick labels, in CSS pixels.
const TICK_GAP: f64 = 72.0;

/// Maps simulated time to x (CSS pixels) and back, from 0 to `span`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeAxis {
    pub left: f64,
    pub width: f64,
    pub span: SimTime,
}

impl TimeAxis {
    /// An axis across a canvas `css_width` wide covering the run up to `horizon`.
    pub fn new(css_width: f64, horizon: SimTime) -> Self {
        TimeAxis {
            left: PAD,
            width: (css_width - 2.0 * PAD).max(1.0),
            span: horizon.max(MIN_SPAN),
        }
    }

    pub fn x(&self, t: SimTime) -> f64 {
        self.left + self.width * (t.0 as f64 / self.span.0 as f64).min(1.0)
    }

    /// The moment at `x`, within `0 ..= span`.
    pub fn time(&self, x: f64) -> SimTime {
        let f = if x.is_finite() {
            ((x - self.left) / self.width).clamp(0.0, 1.0)
        } else {
            0.0
        };
        SimTime((f * self.span.0 as f64).round() as u64)
    }

    /// Tick positions and their labels ("0", "1.5 s", "2 min"), at a round
    /// step at least [`TICK_GAP`] apart.
    pub fn ticks(&self) -> Vec<(f64, String)> {
        const STEPS_MS: [f64; 20] = [
            1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1e3, 2e3, 5e3, 1e4, 15e3, 3e4,
            6e4, 12e4, 3e5, 6e5, 36e5,
        ];
        let least = self.span.0 as f64 / 1000.0 / self.width * TICK_GAP;
        let step = STEPS_MS
            .into_iter()
            .find(|s| *s >= least)
            .unwrap_or(least.ceil());
        let end = self.span.0 as f64 / 1000.0;
        (0..)
            .map(|i| i as f64 * step)
            .take_while(|ms| *ms <= end)
            .map(|ms| {
                let t = SimTime::from_millis_f64(ms);
                (self.x(t), time_label(ms))
            })
            .collect()
    }
}

/// "350 ms", "1.5 s", "12 s", "2 min", "2 min 30 s".
pub fn time_label(ms: f64) -> String {
    if ms == 0.0 {
        "0".into()
    } else if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else if ms < 60_000.0 {
        let s = ms / 1000.0;
        if s.fract() == 0.0 {
            format!("{s:.0} s")
        } else {
            format!("{s:.1} s")
        }
    } else {
        let min = (ms / 60_000.0).floor();
        let s = ((ms - min * 60_000.0) / 1000.0).round();
        if s == 0.0 {
            format!("{min:.0} min")
        } else {
            format!("{min:.0} min {s:.0} s")
        }
    }
}

/// Where on the timeline a glyph sits, top to bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lane {
    Elections,
    Commits,
    Faults,
}

/// What a glyph shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Glyph {
    Election,
    Leader,
    Commit,
    Crash,
    Restart,
    Partition,
    Heal,
    /// Drawn across every lane.
    Violation,
}

impl Glyph {
    pub fn of(kind: &MarkerKind) -> Glyph {
        match kind {
            MarkerKind::Election { .. } => Glyph::Election,
            MarkerKind::Leader { .. } => Glyph::Leader,
            MarkerKind::Commit { .. } => Glyph::Commit,
            MarkerKind::Crash { .. } => Glyph::Crash,
            MarkerKind::Restart { .. } => Glyph::Restart,
            MarkerKind::Partition => Glyph::Partition,
            MarkerKind::Heal => Glyph::Heal,
            MarkerKind::Violation { .. } => Glyph::Violation,
        }
    }

    pub fn lane(self) -> Lane {
        match self {
            Glyph::Election | Glyph::Leader => Lane::Elections,
            Glyph::Commit => Lane::Commits,
            _ => Lane::Faults,
        }
    }
}

/// One glyph at a whole-pixel x; markers closer than a pixel share it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub x: f64,
    pub glyph: Glyph,
}

/// The glyphs to draw, at most one per kind and pixel column, so a long run
/// with thousands of commits costs no more than the canvas is wide. Markers
/// come in time order, so each kind only needs its last column.
pub fn glyphs(markers: &[Marker], axis: &TimeAxis) -> Vec<Placed> {
    let mut last = [f64::NEG_INFINITY; 8];
    markers
        .iter()
        .filter_map(|m| {
            let glyph = Glyph::of(&m.kind);
            let x = axis.x(m.at).round();
            let seen = &mut last[glyph as usize];
            (x > *seen).then(|| {
                *seen = x;
                Placed { x, glyph }
            })
        })
        .collect()
}

/// A stretch of time with one leader, coloured by its term.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    pub x0: f64,
    pub x1: f64,
    pub term: u64,
    pub leader: NodeId,
}

/// The leadership bands up to `horizon`, on `axis`.
pub fn bands(log: &MarkerLog, horizon: SimTime, axis: &TimeAxis) -> Vec<Band> {
    log.term_bands(horizon)
        .into_iter()
        .map(|(from, to, term, leader)| Band {
            x0: axis.x(from),
            x1: axis.x(to),
            term,
            leader,
        })
        .collect()
}

/// Markers the keyboard jumps between: all but commits, which come too often
/// under load to be landmarks.
pub fn is_landmark(kind: &MarkerKind) -> bool {
    !matches!(kind, MarkerKind::Commit { .. })
}

/// The first landmark after `t`.
pub fn next_landmark(markers: &[Marker], t: SimTime) -> Option<SimTime> {
    markers
        .iter()
        .find(|m| m.at > t && is_landmark(&m.kind))
        .map(|m| m.at)
}

/// The last landmark before `t`.
pub fn prev_landmark(markers: &[Marker], t: SimTime) -> Option<SimTime> {
    markers
        .iter()
        .rev()
        .find(|m| m.at < t && is_landmark(&m.kind))
        .map(|m| m.at)
}

/// The marker nearest to `x`, if one is within `reach` pixels (landmarks
/// win over commits at the same distance).
pub fn marker_at<'a>(
    markers: &'a [Marker],
    axis: &TimeAxis,
    x: f64,
    reach: f64,
) -> Option<&'a Marker> {
    let lo = axis.time(x - reach);
    let hi = axis.time(x + reach);
    let start = markers.partition_point(|m| m.at < lo);
    markers[start..]
        .iter()
        .take_while(|m| m.at <= hi)
        .min_by(|a, b| {
            let key = |m: &Marker| ((axis.x(m.at) - x).abs(), !is_landmark(&m.kind));
            let (da, la) = key(a);
            let (db, lb) = key(b);
            da.total_cmp(&db).then(la.cmp(&lb))
        })
}

/// What a marker marks, in words.
pub fn marker_label(kind: &MarkerKind, lang: Lang) -> String {
    match (kind, lang) {
        (MarkerKind::Election { node, term }, Lang::En) => {
            format!("{node} starts an election for term {}", term)
        }
        (MarkerKind::Election { node, term }, Lang::Zh) => {
            format!("{node} 发起任期 {} 的选举", term)
        }
        (MarkerKind::Leader { node, term }, Lang::En) => {
            format!("{node} becomes leader of term {}", term)
        }
        (MarkerKind::Leader { node, term }, Lang::Zh) => {
            format!("{node} 成为任期 {} 的领导者", term)
        }
        (MarkerKind::Commit { index }, Lang::En) => format!("committed up to index {index}"),
        (MarkerKind::Commit { index }, Lang::Zh) => format!("提交到索引 {index}"),
        (MarkerKind::Crash { node }, Lang::En) => format!("{node} crashes"),
        (MarkerKind::Crash { node }, Lang::Zh) => format!("{node} 崩溃"),
        (MarkerKind::Restart { node }, Lang::En) => format!("{node} restarts"),
        (MarkerKind::Restart { node }, Lang::Zh) => format!("{node} 重启"),
        (MarkerKind::Partition, Lang::En) => "the network is split".into(),
        (MarkerKind::Partition, Lang::Zh) => "网络被分割".into(),
        (MarkerKind::Heal, Lang::En) => "the network heals".into(),
        (MarkerKind::Heal, Lang::Zh) => "网络恢复".into(),
        (MarkerKind::Violation { name }, Lang::En) => format!("violated: {}", name.get(lang)),
        (MarkerKind::Violation { name }, Lang::Zh) => format!("违反：{}", name.get(lang)),
    }
}

/// Moves `t` by `by` (backwards if `back`), within `0 ..= horizon`.
pub fn nudge(t: SimTime, by: SimDuration, back: bool, horizon: SimTime) -> SimTime {
    if back {
        SimTime(t.0.saturating_sub(by.0))
    } else {
        (t + by).min(horizon)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(ms: u64, kind: MarkerKind) -> Marker {
        Marker {
            at: SimTime::from_millis(ms),
            kind,
        }
    }

    fn sample() -> Vec<Marker> {
        vec![
            m(
                200,
                MarkerKind::Election {
                    node: NodeId(2),
                    term: 1,
                },
            ),
            m(
                230,
                MarkerKind::Leader {
                    node: NodeId(2),
                    term: 1,
                },
            ),
            m(300, MarkerKind::Commit { index: 1 }),
            m(301, MarkerKind::Commit { index: 2 }),
            m(1_000, MarkerKind::Crash { node: NodeId(2) }),
            m(1_400, MarkerKind::Commit { index: 3 }),
        ]
    }

    #[test]
    fn the_axis_maps_time_to_pixels_and_back() {
        let axis = TimeAxis::new(1024.0, SimTime::from_millis(10_000));
        assert_eq!(axis.x(SimTime::ZERO), PAD);
        assert_eq!(axis.x(SimTime::from_millis(10_000)), 1024.0 - PAD);
        assert_eq!(
            axis.time(axis.x(SimTime::from_millis(2_500))),
            SimTime::from_millis(2_500)
        );
        assert_eq!(axis.time(-50.0), SimTime::ZERO, "clamped at the start");
        assert_eq!(
            axis.time(5_000.0),
            SimTime::from_millis(10_000),
            "and at the end"
        );
        assert_eq!(axis.time(f64::NAN), SimTime::ZERO);
        // A fresh run does not stretch over the whole width.
        let fresh = TimeAxis::new(1024.0, SimTime::from_millis(10));
        assert!(fresh.x(SimTime::from_millis(10)) < 30.0);
    }

    #[test]
    fn ticks_are_round_and_spaced() {
        let axis = TimeAxis::new(800.0, SimTime::from_millis(600_000));
        let ticks = axis.ticks();
        assert!(ticks.len() >= 5 && ticks.len() <= 12, "{ticks:?}");
        assert!(ticks.windows(2).all(|w| w[1].0 - w[0].0 >= TICK_GAP));
        assert_eq!(ticks[0].1, "0");
        assert_eq!(ticks[1].1, "1 min");
        let short = TimeAxis::new(800.0, SimTime::from_millis(1_500)).ticks();
        assert_eq!(short[1].1, "200 ms");
        assert_eq!(time_label(1_500.0), "1.5 s");
        assert_eq!(time_label(150_000.0), "2 min 30 s");
    }

    #[test]
    fn glyphs_merge_within_a_pixel_and_keep_their_lanes() {
        let axis = TimeAxis::new(200.0, SimTime::from_millis(2_000));
        let g = glyphs(&sample(), &axis);
        let commits = g.iter().filter(|p| p.glyph == Glyph::Commit).count();
        assert_eq!(commits, 2, "300 and 301 ms share a pixel: {g:?}");
        assert_eq!(Glyph::Leader.lane(), Lane::Elections);
        assert_eq!(Glyph::Crash.lane(), Lane::Faults);
    }

    #[test]
    fn jumps_skip_commits() {
        let marks = sample();
        let t = |ms| SimTime::from_millis(ms);
        assert_eq!(next_landmark(&marks, t(0)), Some(t(200)));
        assert_eq!(
            next_landmark(&marks, t(230)),
            Some(t(1_000)),
            "commits are skipped"
        );
        assert_eq!(next_landmark(&marks, t(1_000)), None);
        assert_eq!(prev_landmark(&marks, t(1_400)), Some(t(1_000)));
        assert_eq!(prev_landmark(&marks, t(230)), Some(t(200)));
        assert_eq!(prev_landmark(&marks, t(200)), None);
        assert_eq!(
            nudge(t(500), SimDuration::from_millis(1_000), true, t(9_000)),
            t(0)
        );
        assert_eq!(
            nudge(t(8_500), SimDuration::from_millis(1_000), false, t(9_000)),
            t(9_000)
        );
    }

    #[test]
    fn the_marker_under_the_pointer_prefers_landmarks() {
        let marks = sample();
        let axis = TimeAxis::new(1_000.0, SimTime::from_millis(2_000));
        let at = |ms| axis.x(SimTime::from_millis(ms));
        let hit = marker_at(&marks, &axis, at(1_000) + 2.0, 6.0).unwrap();
        assert!(matches!(hit.kind, MarkerKind::Crash { .. }));
        assert!(marker_at(&marks, &axis, at(600), 6.0).is_none());
        let leader = marker_at(&marks, &axis, at(230), 6.0).unwrap();
        assert_eq!(
            marker_label(&leader.kind, Lang::En),
            "S2 becomes leader of term 1"
        );
        assert_eq!(
            marker_label(&leader.kind, Lang::Zh),
            "S2 成为任期 1 的领导者"
        );
    }
}
