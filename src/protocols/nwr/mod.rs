//! Quorum NWR: leaderless replication as in Dynamo (DeCandia et al. 2007)
//! and Cassandra. Each key lives on the first N servers of its preference
//! list on a hash ring; the server a client contacts coordinates: a write
//! succeeds after W acknowledgements, a read asks the replicas and returns
//! the newest version among R replies. W + R > N makes every read quorum
//! meet every write quorum (Gifford 1979), so a read sees every write that
//! completed before it began; read repair, two-phase writes (Attiya,
//! Bar-Noy and Dolev 1995) and sloppy quorums with hinted handoff (Dynamo
//! §4.6) change what else the lab shows. Built on the shared step loop,
//! network faults, lab, lessons and scenario files.

mod action;
mod actions;
pub mod app;
mod clients;
mod config;
mod coordinator;
pub mod cue;
mod dispatch;
mod event;
pub mod form;
mod freshness;
pub mod history;
mod message;
mod narrate;
mod node;
mod protocol;
pub mod report;
mod ring;
pub mod scenario;
pub mod scene;
mod version;
mod world;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(test)]
mod coordinator_tests;

pub use crate::net::Health;
pub use action::Action;
pub use clients::{ClientFlight, Clients, FIRST_ONE_OFF_CLIENT, PendingOp};
pub use config::{ClientConfig, ConfigError, MAX_NODES, NwrConfig, NwrSetup, ReadRepair, Workload};
pub use coordinator::{Request, Stage};
pub use event::{EventKind, NwrEvent};
pub use freshness::{Floor, Freshness, Verdict};
pub use message::{Msg, MsgKind, ReqId, WriteKind};
pub use node::{ClientOp, NwrNode, Reply, Timer, Via};
pub use protocol::Nwr;
pub use ring::Ring;
pub use version::{Stored, Version};
pub use world::{NwrWorld, Stats};
