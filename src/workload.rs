//! Clients of a replicated key-value store, as every protocol with clients
//! sees them: how they reach servers and retry, and the closed-loop random
//! workload a scenario can switch on.

use crate::sim::{SimDuration, SimTime};

/// How clients talk to servers. Clients sit outside the partitioned network:
/// each request and reply takes `latency`.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientConfig {
    pub latency: SimDuration,
    /// Without a reply after this long, a client retries elsewhere.
    pub timeout: SimDuration,
    /// Pause before retrying when no leader is known.
    pub backoff: SimDuration,
    /// One-off commands (typed by a user or scripted) give up after this many attempts.
    pub max_attempts: u32,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            latency: SimDuration::from_millis(5),
            timeout: SimDuration::from_millis(1000),
            backoff: SimDuration::from_millis(100),
            max_attempts: 20,
        }
    }
}

/// A closed-loop random workload: each client issues one operation at a time,
/// waiting a uniform think time of mean `1 / rate` seconds between them.
#[derive(Clone, Debug, PartialEq)]
pub struct Workload {
    pub clients: u32,
    /// Operations per second per client.
    pub rate: f64,
    /// Keys are named k1..kN.
    pub keys: u32,
    /// Fraction of operations that are reads.
    pub read_ratio: f64,
    pub start: SimTime,
    pub stop: Option<SimTime>,
}

impl Default for Workload {
    fn default() -> Self {
        Workload {
            clients: 2,
            rate: 2.0,
            keys: 3,
            read_ratio: 0.3,
            start: SimTime::ZERO,
            stop: None,
        }
    }
}
