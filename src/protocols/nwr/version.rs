//! Versions of a key's value. A version is a (counter, writer) pair: the
//! counter a coordinator chose and the server that chose it, compared
//! counter first, then writer id, so any two versions are ordered and two
//! writers never make the same one. A replica keeps the value of the highest
//! version it has seen: last write wins (Cassandra; Dynamo §4.4 keeps
//! concurrent versions instead, with vector clocks).

use crate::sim::NodeId;
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

/// A version of a key's value, totally ordered: `counter`, then `writer`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Version {
    pub counter: u64,
    /// The coordinator that chose this version.
    pub writer: NodeId,
}

impl Version {
    pub const fn new(counter: u64, writer: NodeId) -> Self {
        Version { counter, writer }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({},{})", self.counter, self.writer)
    }
}

/// A value with its version, as a replica stores it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub value: Arc<str>,
    pub version: Version,
}

impl Stored {
    pub fn new(value: impl Into<Arc<str>>, version: Version) -> Self {
        Stored {
            value: value.into(),
            version,
        }
    }
}

/// The newest of `stored`, if any holds a value.
pub fn newest<'a>(stored: impl IntoIterator<Item = Option<&'a Stored>>) -> Option<&'a Stored> {
    stored.into_iter().flatten().max_by_key(|s| s.version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_order_by_counter_then_writer() {
        let a = Version::new(2, NodeId(3));
        let b = Version::new(3, NodeId(1));
        let c = Version::new(3, NodeId(2));
        assert!(a < b && b < c);
        assert_eq!(c.to_string(), "(3,S2)");
        assert!(None < Some(a), "a missing value is older than any version");
    }

    #[test]
    fn the_newest_of_several_replies() {
        let old = Stored::new("1", Version::new(1, NodeId(1)));
        let new = Stored::new("2", Version::new(1, NodeId(2)));
        assert_eq!(newest([Some(&old), None, Some(&new)]), Some(&new));
        assert_eq!(newest([None, None]), None);
    }
}
