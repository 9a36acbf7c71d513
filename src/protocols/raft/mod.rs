//! Raft: servers as pure state machines (Raft paper Figure 2, §5–§8, thesis
//! chapters named where a rule comes from), the simulated cluster around
//! them with its clients, the trace and its narration, and the checker of
//! Raft's five safety properties.

pub mod app;
pub mod chart;
pub mod cluster;
mod config;
pub mod cue;
mod election;
pub mod form;
pub mod hit;
mod invariants;
mod kv;
mod log;
pub mod log_rows;
mod message;
mod node;
#[cfg(test)]
mod node_tests;
mod protocol;
mod reads;
mod replication;
#[cfg(test)]
mod replication_tests;
pub mod report;
pub mod scenario;
pub mod scene;
mod storage;
#[cfg(test)]
mod test_support;
pub mod timing;
pub mod trace;
mod types;
#[cfg(target_arch = "wasm32")]
pub mod ui;
pub mod warnings;

pub use config::{RaftConfig, ReadMode, Unsafe};
pub use invariants::{Checker, InvariantStatus};
pub use kv::{Applied, KvStore, Session};
pub use log::{RaftLog, Snapshot};
pub use message::{Message, MsgKind};
pub use node::{
    AppendedBy, ClientReply, ClientRequest, CommitBy, Note, Output, Progress, RaftNode, ReadBy,
    Refusal, RoleChange, StepDown, Timer, VoteState,
};
pub use protocol::Raft;
pub use storage::DiskWrite;
pub use types::{ClientId, Command, Entry, KvOp, LogIndex, RequestId, Role, Term};
