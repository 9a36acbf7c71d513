//! Playback speed on a log scale, from a thousandth of real time to real time.

/// Slowest and fastest speeds (fractions of real time).
pub const MIN_SPEED: f64 = crate::share::MIN_SPEED;
pub const MAX_SPEED: f64 = crate::share::MAX_SPEED;
/// Slow enough to follow a single message: a 20 ms hop takes about 0.7 s.
pub const DEFAULT_SPEED: f64 = 0.03;

/// Slider position (0..=1) to speed.
pub fn speed_from_slider(v: f64) -> f64 {
    let v = if v.is_finite() {
        v.clamp(0.0, 1.0)
    } else {
        0.0
    };
    MIN_SPEED * (MAX_SPEED / MIN_SPEED).powf(v)
}

/// Speed to slider position (0..=1).
pub fn slider_from_speed(s: f64) -> f64 {
    let s = clamp_speed(s);
    (s / MIN_SPEED).ln() / (MAX_SPEED / MIN_SPEED).ln()
}

pub fn clamp_speed(s: f64) -> f64 {
    if s.is_finite() {
        s.clamp(MIN_SPEED, MAX_SPEED)
    } else {
        DEFAULT_SPEED
    }
}

/// One notch faster or slower (×/÷ about 1.6, ten notches per decade… five).
pub fn faster(s: f64) -> f64 {
    clamp_speed(s * 10f64.powf(0.2))
}
pub fn slower(s: f64) -> f64 {
    clamp_speed(s / 10f64.powf(0.2))
}

/// "1/100×", "1×": how a speed is shown.
pub fn label(s: f64) -> String {
    let s = clamp_speed(s);
    if s >= 0.999 {
        "1×".into()
    } else {
        format!("1/{}×", (1.0 / s).round() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slider_spans_three_decades() {
        assert!((speed_from_slider(0.0) - 0.001).abs() < 1e-12);
        assert!((speed_from_slider(1.0) - 1.0).abs() < 1e-12);
        assert!((speed_from_slider(0.5) - 10f64.powf(-1.5)).abs() < 1e-9);
        for v in [0.0, 0.3, 0.77, 1.0] {
            assert!((slider_from_speed(speed_from_slider(v)) - v).abs() < 1e-9);
        }
        assert_eq!(speed_from_slider(f64::NAN), MIN_SPEED);
    }

    #[test]
    fn notches_stay_in_range_and_labels_read_well() {
        assert_eq!(faster(1.0), 1.0);
        assert_eq!(slower(0.001), 0.001);
        assert!(faster(0.01) > 0.01 && slower(0.01) < 0.01);
        assert_eq!(label(0.01), "1/100×");
        assert_eq!(label(1.0), "1×");
        assert_eq!(label(DEFAULT_SPEED), "1/33×");
    }
}
