//! A compact set of rumors, one bit each: the first 64 rumors live inline, so
//! the common case never allocates and a node's knowledge is one machine word.

use super::rumor::RumorId;

/// A set of rumor ids. Trailing zero words are trimmed, so equal sets compare equal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RumorSet {
    first: u64,
    rest: Vec<u64>,
}

fn split(r: RumorId) -> (usize, u64) {
    let i = r.index();
    (i / 64, 1u64 << (i % 64))
}

impl RumorSet {
    pub fn new() -> Self {
        Self::default()
    }

    fn word(&self, w: usize) -> u64 {
        if w == 0 {
            self.first
        } else {
            self.rest.get(w - 1).copied().unwrap_or(0)
        }
    }

    fn word_count(&self) -> usize {
        1 + self.rest.len()
    }

    fn trim(&mut self) {
        while self.rest.last() == Some(&0) {
            self.rest.pop();
        }
    }

    fn from_words(words: impl Iterator<Item = u64>) -> Self {
        let mut set = RumorSet::new();
        for (w, bits) in words.enumerate() {
            if w == 0 {
                set.first = bits;
            } else {
                set.rest.push(bits);
            }
        }
        set.trim();
        set
    }

    pub fn contains(&self, r: RumorId) -> bool {
        let (w, bit) = split(r);
        self.word(w) & bit != 0
    }

    /// Adds `r`; true if it was not there.
    pub fn insert(&mut self, r: RumorId) -> bool {
        let (w, bit) = split(r);
        let word = if w == 0 {
            &mut self.first
        } else {
            if self.rest.len() < w {
                self.rest.resize(w, 0);
            }
            &mut self.rest[w - 1]
        };
        let new = *word & bit == 0;
        *word |= bit;
        new
    }

    pub fn is_empty(&self) -> bool {
        self.first == 0 && self.rest.is_empty()
    }

    pub fn len(&self) -> usize {
        (0..self.word_count())
            .map(|w| self.word(w).count_ones() as usize)
            .sum()
    }

    /// The rumors in increasing id order.
    pub fn iter(&self) -> impl Iterator<Item = RumorId> + '_ {
        (0..self.word_count()).flat_map(move |w| {
            let mut bits = self.word(w);
            std::iter::from_fn(move || {
                if bits == 0 {
                    return None;
                }
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                Some(RumorId::from_index(w * 64 + b))
            })
        })
    }

    /// The rumors in `self` but not in `other`.
    pub fn minus(&self, other: &RumorSet) -> RumorSet {
        Self::from_words((0..self.word_count()).map(|w| self.word(w) & !other.word(w)))
    }

    /// The rumors in both.
    pub fn and(&self, other: &RumorSet) -> RumorSet {
        let n = self.word_count().min(other.word_count());
        Self::from_words((0..n).map(|w| self.word(w) & other.word(w)))
    }
}

impl FromIterator<RumorId> for RumorSet {
    fn from_iter<I: IntoIterator<Item = RumorId>>(iter: I) -> Self {
        let mut set = RumorSet::new();
        for r in iter {
            set.insert(r);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(xs: &[u32]) -> RumorSet {
        xs.iter().map(|&x| RumorId(x)).collect()
    }

    #[test]
    fn insert_contains_and_iterate_across_words() {
        let mut s = RumorSet::new();
        assert!(s.insert(RumorId(1)));
        assert!(!s.insert(RumorId(1)));
        assert!(s.insert(RumorId(130)));
        assert!(s.contains(RumorId(130)) && !s.contains(RumorId(2)));
        assert_eq!(s.iter().collect::<Vec<_>>(), vec![RumorId(1), RumorId(130)]);
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn set_algebra_trims_so_equal_sets_compare_equal() {
        let a = ids(&[1, 2, 70]);
        let b = ids(&[2, 70]);
        assert_eq!(a.minus(&b), ids(&[1]));
        assert_eq!(a.and(&b), b);
        assert!(b.minus(&a).is_empty());
        assert_eq!(b.minus(&a), RumorSet::new());
    }

    #[test]
    fn small_sets_do_not_allocate() {
        let s = ids(&[1, 64]);
        assert_eq!(s.rest.capacity(), 0);
    }
}
