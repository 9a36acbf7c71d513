//! Decodes choices into network settings and durations within the ranges
//! scenario validation accepts, shared by the Raft and gossip decoders.

use super::Choices;
use crate::sim::{LatencyRange, NetConfig, SimDuration};

/// Longest delay, timeout or latency a scenario accepts, in milliseconds.
pub const MAX_DELAY_MS: u64 = 60_000;

/// A duration up to `max_ms` milliseconds, short ones far more likely.
pub fn duration(c: &mut Choices, max_ms: u64) -> SimDuration {
    // Mostly whole milliseconds; sometimes microseconds, which scenarios keep too.
    let ms = c.millis(max_ms);
    let micros = if c.byte() < 32 { c.range(0, 999) } else { 0 };
    SimDuration::from_micros((ms * 1000 + micros).min(max_ms * 1000))
}

/// A latency range with its bounds in order.
pub fn latency(c: &mut Choices) -> LatencyRange {
    let (a, b) = (duration(c, MAX_DELAY_MS), duration(c, MAX_DELAY_MS));
    LatencyRange {
        min: a.min(b),
        max: a.max(b),
    }
}

/// A probability, zero most of the time.
pub fn probability(c: &mut Choices) -> f64 {
    // A lossy network everywhere would hide everything else.
    if c.byte() < 160 { 0.0 } else { c.unit() }
}

/// Network settings within the accepted ranges.
pub fn net_config(c: &mut Choices) -> NetConfig {
    if c.byte() < 96 {
        return NetConfig::default();
    }
    NetConfig {
        latency: latency(c),
        jitter: duration(c, MAX_DELAY_MS),
        loss: probability(c),
        duplicate: probability(c),
    }
}
