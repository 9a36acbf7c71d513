//! How fast a lesson plays: at the chosen speed while something the steps
//! talk about happens, faster through quiet stretches. After [`QUIET_MS`] of
//! wall-clock time with nothing notable (no event a claim of the current or
//! next step waits for, no step), the playback speed doubles every
//! [`DOUBLING_MS`], up to [`MAX_FACTOR`] times the chosen speed, and drops
//! back the moment something notable happens; a sped-up frame stops exactly
//! there. Only the pace changes, never the run: the trace is the same at any
//! speed.

/// Wall-clock milliseconds with nothing notable before the pace picks up.
pub const QUIET_MS: f64 = 2_500.0;
/// Wall-clock milliseconds over which a quiet stretch's pace doubles.
pub const DOUBLING_MS: f64 = 800.0;
/// The fastest a quiet stretch plays, as a multiple of the chosen speed.
pub const MAX_FACTOR: f64 = 64.0;

/// The pace of a lesson being played.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pace {
    /// Wall-clock milliseconds since the latest notable moment.
    quiet_ms: f64,
}

impl Pace {
    /// How many times the chosen speed the lesson plays at now.
    pub fn factor(&self) -> f64 {
        factor_after(self.quiet_ms)
    }

    /// Wall-clock milliseconds since the latest notable moment (or since the
    /// learner went on from a step).
    pub fn quiet_ms(&self) -> f64 {
        self.quiet_ms
    }

    /// Something notable happened, or the learner moved on: back to the chosen speed.
    pub fn reset(&mut self) {
        self.quiet_ms = 0.0;
    }

    /// A frame of `real_ms` played, with or without something notable in it.
    pub fn frame(&mut self, real_ms: f64, notable: bool) {
        if notable {
            self.reset();
        } else if real_ms.is_finite() && real_ms > 0.0 {
            self.quiet_ms += real_ms;
        }
    }
}

/// The pace after `quiet_ms` of wall-clock time with nothing notable.
pub fn factor_after(quiet_ms: f64) -> f64 {
    if quiet_ms <= QUIET_MS {
        1.0
    } else {
        2f64.powf((quiet_ms - QUIET_MS) / DOUBLING_MS)
            .min(MAX_FACTOR)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_stretches_speed_up_and_anything_notable_slows_down() {
        let mut p = Pace::default();
        assert_eq!(p.factor(), 1.0);
        p.frame(QUIET_MS, false);
        assert_eq!(p.factor(), 1.0, "not before the quiet time is over");
        p.frame(DOUBLING_MS, false);
        assert!((p.factor() - 2.0).abs() < 1e-9);
        p.frame(DOUBLING_MS, false);
        assert!((p.factor() - 4.0).abs() < 1e-9);
        p.frame(100.0 * DOUBLING_MS, false);
        assert_eq!(p.factor(), MAX_FACTOR);
        p.frame(16.0, true);
        assert_eq!(p.factor(), 1.0);
        p.frame(f64::NAN, false);
        assert_eq!(p.quiet_ms(), 0.0);
    }
}
