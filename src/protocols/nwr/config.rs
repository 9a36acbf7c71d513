//! The settings of a Quorum NWR run: how many servers, how many replicas
//! each key has (N), how many acknowledgements a write waits for (W), how
//! many replies a read waits for (R), and the options that change what the
//! quorums guarantee: read repair, two-phase writes, sloppy quorums; plus
//! the coordinator's timeouts, the clients and an optional workload.

use crate::lang::Text;
use crate::msg;
use crate::sim::{NetConfig, SimDuration};
pub use crate::workload::{ClientConfig, Workload};

/// The most servers a run has.
pub const MAX_NODES: usize = 9;

/// What a read does about replicas it finds behind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReadRepair {
    /// Nothing: stale replicas stay stale until a later write reaches them.
    Off,
    /// The coordinator answers at once, then writes the newest value to the
    /// stale replicas in the background (Dynamo §5).
    #[default]
    Async,
    /// The coordinator writes the newest value back until W replicas hold it,
    /// and only then answers (the read's second phase in Attiya, Bar-Noy and
    /// Dolev 1995).
    Blocking,
}

impl ReadRepair {
    pub const ALL: [ReadRepair; 3] = [ReadRepair::Off, ReadRepair::Async, ReadRepair::Blocking];

    /// The name in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            ReadRepair::Off => "off",
            ReadRepair::Async => "async",
            ReadRepair::Blocking => "blocking",
        }
    }

    pub fn from_name(name: &str) -> Option<ReadRepair> {
        ReadRepair::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// How the replicas of each key are read and written.
#[derive(Clone, Debug, PartialEq)]
pub struct NwrConfig {
    /// Replicas per key: the first `n` servers of its preference list.
    pub n: usize,
    /// Acknowledgements a write waits for.
    pub w: usize,
    /// Replies a read waits for.
    pub r: usize,
    pub read_repair: ReadRepair,
    /// A write first reads the highest version from R replicas, then writes
    /// one above it (Attiya, Bar-Noy and Dolev 1995); else the coordinator
    /// takes the next number of its own counter.
    pub two_phase_writes: bool,
    /// Replicas that do not answer in `fallback` are stood in for by the next
    /// servers on the ring, which keep a hint and hand the value back later
    /// (Dynamo §4.6).
    pub sloppy_quorum: bool,
    /// A coordinator that has not gathered its quorum after this long fails
    /// the request.
    pub timeout: SimDuration,
    /// With a sloppy quorum: how long a coordinator waits for a replica
    /// before it asks the next server on the ring instead.
    pub fallback: SimDuration,
    /// How often a server holding hints tries to hand them back.
    pub handoff: SimDuration,
}

impl NwrConfig {
    /// The defaults for a cluster of `nodes` servers: three replicas (or
    /// every server, if fewer), and majorities of them for W and R.
    pub fn for_nodes(nodes: usize) -> Self {
        let n = nodes.clamp(1, 3);
        NwrConfig {
            n,
            w: majority(n),
            r: majority(n),
            read_repair: ReadRepair::default(),
            two_phase_writes: false,
            sloppy_quorum: false,
            timeout: SimDuration::from_millis(500),
            fallback: SimDuration::from_millis(100),
            handoff: SimDuration::from_millis(200),
        }
    }

    /// Whether every read quorum meets every write quorum (W + R > N,
    /// Gifford 1979) and quorums are strict, so a read sees every write that
    /// completed before it began.
    pub fn fresh_reads(&self) -> bool {
        self.w + self.r > self.n && !self.sloppy_quorum
    }

    /// Whether reads and writes are atomic (linearizable): fresh reads, with
    /// writes that read before they write and reads that write back before
    /// they answer (Attiya, Bar-Noy and Dolev 1995).
    pub fn atomic(&self) -> bool {
        self.fresh_reads() && self.two_phase_writes && self.read_repair == ReadRepair::Blocking
    }

    /// Checks the sizes against each other and the cluster; the error names
    /// the field and its range.
    pub fn validate(&self, nodes: usize) -> Result<(), ConfigError> {
        match self.problems(nodes).into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Every size out of its range: N against the cluster, W and R against N.
    pub fn problems(&self, nodes: usize) -> Vec<ConfigError> {
        let n = self.n;
        if n < 1 || n > nodes {
            return vec![ConfigError::new(
                "nwr.n",
                msg!(
                    "must be between 1 and {nodes} (the number of servers), got {n}",
                    "必须在 1 到 {nodes}（服务器的数量）之间，实际为 {n}"
                ),
            )];
        }
        [("nwr.w", self.w), ("nwr.r", self.r)]
            .into_iter()
            .filter(|&(_, v)| v < 1 || v > n)
            .map(|(field, v)| {
                ConfigError::new(
                    field,
                    msg!(
                        "must be between 1 and n = {n}, got {v}",
                        "必须在 1 到 n = {n} 之间，实际为 {v}"
                    ),
                )
            })
            .collect()
    }
}

/// The least majority of `n`.
pub fn majority(n: usize) -> usize {
    n / 2 + 1
}

/// A setting outside its range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The setting's path in a scenario file (`nwr.w`).
    pub field: &'static str,
    pub message: Text,
}

impl ConfigError {
    fn new(field: &'static str, message: Text) -> Self {
        ConfigError { field, message }
    }
}

/// Everything a run starts from.
#[derive(Clone, Debug, PartialEq)]
pub struct NwrSetup {
    pub nodes: usize,
    pub seed: u64,
    pub net: NetConfig,
    pub nwr: NwrConfig,
    pub client: ClientConfig,
    pub workload: Option<Workload>,
}

impl Default for NwrSetup {
    fn default() -> Self {
        NwrSetup {
            nodes: 5,
            seed: 1,
            net: NetConfig::default(),
            nwr: NwrConfig::for_nodes(5),
            client: ClientConfig::default(),
            workload: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_three_replicas_and_majorities() {
        let c = NwrConfig::for_nodes(5);
        assert_eq!((c.n, c.w, c.r), (3, 2, 2));
        assert!(c.fresh_reads() && !c.atomic());
        let one = NwrConfig::for_nodes(1);
        assert_eq!((one.n, one.w, one.r), (1, 1, 1));
        assert_eq!(NwrConfig::for_nodes(2).w, 2);
    }

    #[test]
    fn sizes_outside_their_range_name_the_field() {
        let mut c = NwrConfig::for_nodes(5);
        c.w = 4;
        let e = c.validate(5).unwrap_err();
        assert_eq!(e.field, "nwr.w");
        assert_eq!(e.message.en, "must be between 1 and n = 3, got 4");
        c.w = 2;
        c.n = 6;
        assert_eq!(c.validate(5).unwrap_err().field, "nwr.n");
        c.n = 3;
        c.r = 0;
        assert_eq!(c.validate(5).unwrap_err().field, "nwr.r");
        c.w = 9;
        let fields: Vec<_> = c.problems(5).iter().map(|e| e.field).collect();
        assert_eq!(fields, ["nwr.w", "nwr.r"], "both are reported");
    }

    #[test]
    fn only_intersecting_strict_quorums_give_fresh_reads() {
        let mut c = NwrConfig::for_nodes(5);
        c.w = 1;
        c.r = 2;
        assert!(!c.fresh_reads(), "1 + 2 = 3 does not exceed 3");
        c.r = 3;
        assert!(c.fresh_reads());
        c.sloppy_quorum = true;
        assert!(!c.fresh_reads(), "a sloppy quorum may be all stand-ins");
    }
}
