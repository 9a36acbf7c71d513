//! Identifiers: nodes are numbered from 1 (shown as S1, S2, ...), messages by
//! the order in which the network accepted them.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A node of the simulated cluster, numbered from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NodeId(pub u16);

impl NodeId {
    /// The node at zero-based position `index`.
    pub fn from_index(index: usize) -> Self {
        NodeId(index as u16 + 1)
    }

    /// Zero-based position, for indexing per-node vectors.
    pub fn index(self) -> usize {
        usize::from(self.0) - 1
    }

    /// All node ids of an `n`-node cluster, in order.
    pub fn all(n: usize) -> impl Iterator<Item = NodeId> + Clone {
        (0..n).map(NodeId::from_index)
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "S{}", self.0)
    }
}

/// A message accepted by the network; ids grow with every send and every duplicate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MsgId(pub u64);

impl fmt::Display for MsgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_ids_are_one_based_and_display_as_servers() {
        let ids: Vec<_> = NodeId::all(3).collect();
        assert_eq!(ids, vec![NodeId(1), NodeId(2), NodeId(3)]);
        assert_eq!(NodeId(3).index(), 2);
        assert_eq!(NodeId(7).to_string(), "S7");
    }
}
