//! The deterministic simulation core shared by every protocol: virtual time,
//! seeded random streams, an event queue ordered by (time, class, sequence)
//! and a network with latency, loss, duplication, partitions and cut links.
//!
//! Nothing here reads a clock or an ambient random source: a run is a pure
//! function of its configuration, its seed and the actions applied to it.

mod hash;
mod ids;
mod network;
mod queue;
mod rng;
mod script;
mod time;
mod trace;
mod world;

pub use hash::Fnv64;
pub use ids::{MsgId, NodeId};
pub use network::{
    DropReason, Dropped, Envelope, LatencyRange, LinkState, NetConfig, NetConfigError, Network,
    SendOutcome,
};
pub use queue::{EventQueue, Scheduled};
pub use rng::SimRng;
pub use script::{ActionScript, event_first};
pub use time::{SimDuration, SimTime};
pub use trace::{Trace, TraceEvent, TraceHash, display};
pub use world::{Run, Script, World};
