//! The election-time chart of the timing lesson as plain data, after Figure 16
//! of the Raft paper: for each range of election timeouts, the fraction of
//! trials that had elected a new leader against the time since the crash,
//! on the paper's axes (logarithmic up to 10 s for the randomness ranges,
//! linear up to 600 ms for the short timeouts), with the figures the paper
//! published drawn beside the lines.

use crate::protocols::raft::timing::{PAPER_SHORT_RANGES, Trial, cumulative};

/// The time axis of a chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TimeAxis {
    /// Logarithmic from `min` to `max` ms (the paper's top graph).
    Log { min: f64, max: f64 },
    /// Linear from 0 to `max` ms (the paper's bottom graph).
    Linear { max: f64 },
}

impl TimeAxis {
    /// 100 ms to 10 s, like the trials' limit.
    pub const TOP: TimeAxis = TimeAxis::Log {
        min: 100.0,
        max: 10_000.0,
    };
    /// 0 to 600 ms.
    pub const BOTTOM: TimeAxis = TimeAxis::Linear { max: 600.0 };

    /// The axis for a set of ranges: the bottom graph's for the short
    /// timeouts, the top graph's otherwise.
    pub fn for_ranges(ranges: &[(u64, u64)]) -> TimeAxis {
        if ranges == PAPER_SHORT_RANGES {
            TimeAxis::BOTTOM
        } else {
            TimeAxis::TOP
        }
    }

    /// Where `ms` falls along the axis, 0 … 1 (clamped).
    pub fn fraction(&self, ms: f64) -> f64 {
        let f = match *self {
            TimeAxis::Log { min, max } => {
                (ms.max(min).log10() - min.log10()) / (max.log10() - min.log10())
            }
            TimeAxis::Linear { max } => ms / max,
        };
        f.clamp(0.0, 1.0)
    }

    /// Labels along the axis: (milliseconds, text).
    pub fn ticks(&self) -> &'static [(f64, &'static str)] {
        match self {
            TimeAxis::Log { .. } => &LOG_TICKS,
            TimeAxis::Linear { .. } => &LINEAR_TICKS,
        }
    }
}

const LOG_TICKS: [(f64, &str); 7] = [
    (100.0, "100 ms"),
    (200.0, "200"),
    (500.0, "500"),
    (1_000.0, "1 s"),
    (2_000.0, "2 s"),
    (5_000.0, "5 s"),
    (10_000.0, "10 s"),
];

const LINEAR_TICKS: [(f64, &str); 7] = [
    (0.0, "0 ms"),
    (100.0, "100"),
    (200.0, "200"),
    (300.0, "300"),
    (400.0, "400"),
    (500.0, "500"),
    (600.0, "600"),
];

/// A figure the paper published for one range (§9.3): after `ms`, this
/// `share` of its trials had elected a leader.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PaperPoint {
    pub range: (u64, u64),
    pub ms: f64,
    pub share: f64,
}

/// The paper's published figures that are points on a line: the median of
/// 150–155 ms (287 ms), the worst case of 150–200 ms (513 ms) and the
/// longest trial of 12–24 ms (152 ms). (150–150 ms "consistently took
/// longer than ten seconds": off the chart, as its line is.)
pub const PAPER_POINTS: [PaperPoint; 3] = [
    PaperPoint {
        range: (150, 155),
        ms: 287.0,
        share: 0.5,
    },
    PaperPoint {
        range: (150, 200),
        ms: 513.0,
        share: 1.0,
    },
    PaperPoint {
        range: (12, 24),
        ms: 152.0,
        share: 1.0,
    },
];

/// The plotting area inside the canvas, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plot {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
    pub axis: TimeAxis,
}

impl Plot {
    /// The plot inside a canvas of this size, leaving room for the axis
    /// labels and, on the right, the legend.
    pub fn inside(css_width: f64, css_height: f64, scale: f64, axis: TimeAxis) -> Plot {
        let (left, right, top, bottom) = (44.0 * scale, LEGEND_WIDTH * scale, 10.0, 34.0 * scale);
        Plot {
            left,
            top,
            width: (css_width - left - right).max(1.0),
            height: (css_height - top - bottom).max(1.0),
            axis,
        }
    }

    /// x of a duration in milliseconds (clamped to the axis).
    pub fn x(&self, ms: f64) -> f64 {
        self.left + self.axis.fraction(ms) * self.width
    }

    /// y of a fraction 0 … 1.
    pub fn y(&self, fraction: f64) -> f64 {
        self.top + (1.0 - fraction.clamp(0.0, 1.0)) * self.height
    }

    pub fn bottom(&self) -> f64 {
        self.top + self.height
    }
    pub fn right(&self) -> f64 {
        self.left + self.width
    }
}

/// Room for the legend right of the plot, in CSS pixels before scaling.
pub const LEGEND_WIDTH: f64 = 96.0;

/// Line colours (Okabe–Ito), clear on light, dark and high-contrast backgrounds.
pub const LINE_COLORS: [crate::view::palette::Rgb; 6] = {
    use crate::view::palette::Rgb;
    [
        Rgb(86, 180, 233),
        Rgb(230, 159, 0),
        Rgb(0, 158, 115),
        Rgb(204, 121, 167),
        Rgb(213, 94, 0),
        Rgb(120, 94, 240),
    ]
};

/// The cumulative line of one range of trials as a staircase of points, from
/// zero at the left edge to the last trial, then flat to the right edge.
pub fn staircase(trials: &[Trial], plot: &Plot) -> Vec<(f64, f64)> {
    let mut points = vec![(plot.left, plot.y(0.0))];
    let mut level = 0.0;
    for (ms, frac) in cumulative(trials) {
        let x = plot.x(ms);
        points.push((x, plot.y(level)));
        points.push((x, plot.y(frac)));
        level = frac;
    }
    if !trials.is_empty() {
        points.push((plot.right(), plot.y(level)));
    }
    points
}

/// "150–300 ms" for a range, "150 ms" when it has no spread.
pub fn range_label(min_ms: u64, max_ms: u64) -> String {
    if min_ms == max_ms {
        format!("{min_ms} ms")
    } else {
        format!("{min_ms}–{max_ms} ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SimDuration;

    fn trial(ms: Option<u64>) -> Trial {
        Trial {
            downtime: ms.map(SimDuration::from_millis),
            elections: 1,
        }
    }

    #[test]
    fn the_axes_are_logarithmic_in_time_and_linear_in_fraction() {
        let plot = Plot::inside(400.0, 250.0, 1.0, TimeAxis::TOP);
        assert_eq!(plot.x(100.0), plot.left);
        assert_eq!(plot.x(10_000.0), plot.right());
        assert!((plot.x(1_000.0) - (plot.left + plot.width / 2.0)).abs() < 1e-9);
        assert_eq!(plot.x(5.0), plot.left, "clamped");
        assert_eq!(plot.y(1.0), plot.top);
        assert_eq!(plot.y(0.0), plot.bottom());
        let short = Plot::inside(400.0, 250.0, 1.0, TimeAxis::BOTTOM);
        assert!((short.x(300.0) - (short.left + short.width / 2.0)).abs() < 1e-9);
        assert_eq!(short.x(0.0), short.left);
        assert_eq!(short.x(900.0), short.right(), "clamped");
    }

    #[test]
    fn each_range_set_gets_the_papers_axis_and_every_paper_point_a_range() {
        use crate::protocols::raft::timing::PAPER_RANGES;
        assert_eq!(TimeAxis::for_ranges(&PAPER_RANGES), TimeAxis::TOP);
        assert_eq!(TimeAxis::for_ranges(&PAPER_SHORT_RANGES), TimeAxis::BOTTOM);
        for p in PAPER_POINTS {
            assert!(
                PAPER_RANGES.contains(&p.range) || PAPER_SHORT_RANGES.contains(&p.range),
                "{p:?}"
            );
        }
    }

    #[test]
    fn the_staircase_climbs_once_per_successful_trial() {
        let plot = Plot::inside(400.0, 250.0, 1.0, TimeAxis::TOP);
        let trials = [
            trial(Some(300)),
            trial(None),
            trial(Some(200)),
            trial(Some(400)),
        ];
        let line = staircase(&trials, &plot);
        // Start, two points per success, the flat end.
        assert_eq!(line.len(), 1 + 2 * 3 + 1);
        let top = line.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
        assert!(
            (top - plot.y(0.75)).abs() < 1e-9,
            "one trial of four failed"
        );
        assert!(line.windows(2).all(|w| w[1].0 >= w[0].0), "left to right");
        assert_eq!(range_label(150, 150), "150 ms");
        assert_eq!(range_label(150, 300), "150–300 ms");
    }
}
