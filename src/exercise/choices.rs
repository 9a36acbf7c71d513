//! Choices read from arbitrary bytes: the input of a fuzz target or a
//! property test becomes a sequence of bounded decisions. Every read
//! succeeds; once the bytes run out each read gives its smallest value, so
//! any input, even an empty one, decodes to a valid run.

/// A cursor over input bytes that answers bounded questions.
#[derive(Clone, Debug)]
pub struct Choices<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Choices<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Choices { data, pos: 0 }
    }

    /// Whether every byte has been read.
    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// The next byte, or 0 past the end.
    pub fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    /// The next `N` bytes as a little-endian number, zeros past the end.
    fn bytes_le(&mut self, n: usize) -> u64 {
        (0..n).fold(0, |acc, i| acc | (u64::from(self.byte()) << (8 * i)))
    }

    pub fn u64(&mut self) -> u64 {
        self.bytes_le(8)
    }

    /// A number in `lo..=hi`, read from as few bytes as the range needs.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        let span = hi - lo;
        let width = (64 - span.leading_zeros()).div_ceil(8) as usize;
        let raw = self.bytes_le(width);
        lo + if span == u64::MAX {
            raw
        } else {
            raw % (span + 1)
        }
    }

    /// An index in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.range(0, n as u64 - 1) as usize
        }
    }

    pub fn flag(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    /// A fraction in `0..=1`, on a grid of 1/255 so that 0 and 1 both occur.
    pub fn unit(&mut self) -> f64 {
        f64::from(self.byte()) / 255.0
    }

    /// One of `items` (which must not be empty).
    pub fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    /// A duration in milliseconds up to `max_ms`, small values far more
    /// likely than large ones (one byte picks the scale, more bytes the value).
    pub fn millis(&mut self, max_ms: u64) -> u64 {
        let scale = [0, 1, 10, 50, 300, 2_000, max_ms][self.below(7)].min(max_ms);
        self.range(0, scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stay_in_range_and_past_the_end_give_the_minimum() {
        let mut c = Choices::new(&[255, 255, 255, 7]);
        // 255 % 3 == 0: the first of the three values.
        assert_eq!(c.range(10, 12), 10);
        assert_eq!(c.below(1000), 0xffff % 1000);
        assert_eq!(c.byte(), 7);
        assert!(c.is_empty());
        assert_eq!(c.range(5, 9), 5);
        assert_eq!(c.u64(), 0);
        assert!(!c.flag());
        assert_eq!(c.below(0), 0);
    }

    #[test]
    fn the_full_range_reads_eight_bytes() {
        let mut c = Choices::new(&[1, 0, 0, 0, 0, 0, 0, 0x80]);
        assert_eq!(c.range(0, u64::MAX), (1 << 63) | 1);
    }
}
