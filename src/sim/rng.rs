//! Seeded random streams. One root seed; every consumer (each node, the
//! network, the workload) gets its own stream forked from it by a stream
//! number, so adding a draw in one place never shifts the draws of another.

use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// A portable PCG generator: the same seed gives the same numbers natively and in wasm.
#[derive(Clone, Debug)]
pub struct SimRng(Pcg64Mcg);

/// splitmix64's finaliser: spreads nearby seeds and stream numbers apart.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl SimRng {
    /// The stream numbered `stream` of the run seeded with `seed`.
    pub fn fork(seed: u64, stream: u64) -> Self {
        let hi = mix(seed ^ mix(stream));
        let lo = mix(hi ^ stream.rotate_left(17));
        SimRng(Pcg64Mcg::seed_from_u64(hi ^ lo.rotate_left(1)))
    }

    /// A uniform integer in `lo..=hi` (returns `lo` when the range is empty).
    pub fn range_inclusive(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            lo
        } else {
            self.0.random_range(lo..=hi)
        }
    }

    /// A uniform index in `0..n` (`n` must be positive).
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        self.0.random_range(0..n as u64) as usize
    }

    /// True with probability `p` (clamped to 0..=1). Consumes a draw only when 0 < p < 1.
    pub fn chance(&mut self, p: f64) -> bool {
        if p <= 0.0 {
            false
        } else if p >= 1.0 {
            true
        } else {
            self.0.random_bool(p)
        }
    }

    /// A uniform float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        self.0.random::<f64>()
    }
}

/// A stateless uniform draw in `lo..=hi` determined by `(seed, a, b)`: used for
/// per-link properties of clusters too large to store one value per link.
pub fn hashed_range(seed: u64, a: u64, b: u64, lo: u64, hi: u64) -> u64 {
    if hi <= lo {
        return lo;
    }
    let h = mix(mix(seed ^ mix(a)) ^ b.rotate_left(32));
    let span = hi - lo + 1;
    lo + ((u128::from(h) * u128::from(span)) >> 64) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_and_stream_give_the_same_numbers() {
        let mut a = SimRng::fork(42, 3);
        let mut b = SimRng::fork(42, 3);
        for _ in 0..100 {
            assert_eq!(
                a.range_inclusive(0, 1_000_000),
                b.range_inclusive(0, 1_000_000)
            );
        }
    }

    #[test]
    fn streams_are_independent() {
        let mut a = SimRng::fork(42, 1);
        let mut b = SimRng::fork(42, 2);
        let xs: Vec<_> = (0..8).map(|_| a.range_inclusive(0, u64::MAX - 1)).collect();
        let ys: Vec<_> = (0..8).map(|_| b.range_inclusive(0, u64::MAX - 1)).collect();
        assert_ne!(xs, ys);
    }

    #[test]
    fn draws_are_pinned_across_platforms() {
        // These exact values must hold natively and in wasm: a change here
        // changes every recorded scenario trace.
        let mut r = SimRng::fork(7, 0);
        let got: Vec<u64> = (0..4).map(|_| r.range_inclusive(0, 999)).collect();
        assert_eq!(got, vec![208, 605, 513, 518]);
    }

    #[test]
    fn hashed_range_stays_in_bounds_and_spreads() {
        let mut seen = [0u32; 11];
        for a in 0..50 {
            for b in 0..50 {
                let v = hashed_range(9, a, b, 10, 20);
                assert!((10..=20).contains(&v));
                seen[(v - 10) as usize] += 1;
            }
        }
        assert!(seen.iter().all(|&c| c > 150), "{seen:?}");
    }

    #[test]
    fn chance_extremes_do_not_draw() {
        let mut a = SimRng::fork(1, 1);
        let mut b = SimRng::fork(1, 1);
        assert!(!a.chance(0.0));
        assert!(a.chance(1.0));
        assert_eq!(a.unit(), b.unit());
    }
}
