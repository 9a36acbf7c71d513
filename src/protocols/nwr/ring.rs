//! The hash ring: where each key lives. Servers hold evenly spaced tokens in
//! id order (as Cassandra's balanced `initial_token`s do), a key sits at the
//! (mixed) FNV-1a hash of its name, and its preference list is the first `n` servers
//! clockwise from it (Dynamo §4.2, §4.3). The servers after those are the
//! stand-ins a sloppy quorum asks when a replica does not answer (§4.6).
//! Pure arithmetic on the ids: every run and every platform agrees.

use crate::sim::{Fnv64, NodeId};

/// The ring of `servers` servers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ring {
    servers: usize,
}

impl Ring {
    pub fn new(servers: usize) -> Self {
        Ring {
            servers: servers.max(1),
        }
    }

    pub fn servers(&self) -> usize {
        self.servers
    }

    /// The token of `node`: S1 at 0, the others evenly spaced after it.
    pub fn token(&self, node: NodeId) -> u64 {
        ((node.index() as u128) * (1u128 << 64) / self.servers as u128) as u64
    }

    /// Where `key` sits on the ring: the FNV-1a hash of its name, whose high
    /// bits barely move between keys that differ in their last letter
    /// (`k1`, `k2`), spread by MurmurHash3's 64-bit finaliser.
    pub fn position(key: &str) -> u64 {
        let mut h = Fnv64::new().write(key.as_bytes()).finish();
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }

    /// The first server at or clockwise after `position`.
    fn successor(&self, position: u64) -> usize {
        (0..self.servers)
            .find(|&i| self.token(NodeId::from_index(i)) >= position)
            .unwrap_or(0)
    }

    /// Every server, clockwise from `key`'s position.
    pub fn walk(&self, key: &str) -> impl Iterator<Item = NodeId> + use<> {
        let first = self.successor(Ring::position(key));
        let n = self.servers;
        (0..n).map(move |i| NodeId::from_index((first + i) % n))
    }

    /// The `n` servers that hold `key`: its preference list, first replica first.
    pub fn preference(&self, key: &str, n: usize) -> Vec<NodeId> {
        self.walk(key).take(n).collect()
    }

    /// The server before `key`'s first replica, clockwise: where the arc that
    /// maps to that replica begins (for drawing the key on the ring).
    pub fn predecessor(&self, key: &str) -> NodeId {
        let first = self.successor(Ring::position(key));
        NodeId::from_index((first + self.servers - 1) % self.servers)
    }

    /// How far along the arc from its predecessor to its first replica `key`
    /// sits, from 0 to 1.
    pub fn fraction(&self, key: &str) -> f64 {
        let pos = Ring::position(key);
        let first = self.walk(key).next().unwrap_or(NodeId(1));
        let (a, b) = (self.token(self.predecessor(key)), self.token(first));
        let span = b.wrapping_sub(a);
        if span == 0 {
            return 0.5;
        }
        (pos.wrapping_sub(a) as f64 / span as f64).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_evenly_spaced_in_id_order() {
        let ring = Ring::new(4);
        assert_eq!(ring.token(NodeId(1)), 0);
        assert_eq!(ring.token(NodeId(2)), 1 << 62);
        assert_eq!(ring.token(NodeId(3)), 1 << 63);
    }

    #[test]
    fn a_preference_list_is_consecutive_servers_clockwise() {
        let ring = Ring::new(5);
        for key in ["x", "y", "k1", "k2", "color"] {
            let p = ring.preference(key, 3);
            assert_eq!(p.len(), 3);
            for pair in p.windows(2) {
                assert_eq!(pair[1].index(), (pair[0].index() + 1) % 5, "{key}: {p:?}");
            }
            // The key lies on the arc that ends at its first replica.
            let pos = Ring::position(key);
            let first = ring.token(p[0]);
            let before = ring.token(ring.predecessor(key));
            let d = pos.wrapping_sub(before);
            assert!(d > 0 && d <= first.wrapping_sub(before), "{key}");
            assert!((0.0..=1.0).contains(&ring.fraction(key)));
        }
    }

    #[test]
    fn keys_spread_over_the_ring() {
        let ring = Ring::new(5);
        let firsts: std::collections::BTreeSet<_> = (1..=40)
            .map(|i| ring.preference(&format!("k{i}"), 1)[0])
            .collect();
        assert_eq!(firsts.len(), 5, "every server is first replica of some key");
    }

    #[test]
    fn the_walk_visits_every_server_once() {
        let ring = Ring::new(7);
        let mut all: Vec<_> = ring.walk("x").collect();
        all.sort();
        assert_eq!(all, NodeId::all(7).collect::<Vec<_>>());
    }
}
