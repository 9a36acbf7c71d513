//! The Raft engine: servers as pure state machines (Raft paper Figure 2,
//! §5–§8, thesis chapters named where a rule comes from), a simulated cluster
//! around them, clients, and the invariant checker.

mod config;
mod election;
mod kv;
mod log;
mod message;
mod node;
mod reads;
mod replication;
mod types;

pub use config::{RaftConfig, ReadMode, Unsafe};
pub use kv::{Applied, KvStore, Session};
pub use log::{RaftLog, Snapshot};
pub use message::{Message, MsgKind};
pub use node::{
    ClientReply, ClientRequest, Note, Output, Progress, RaftNode, Refusal, StepDown, Timer,
    VoteState,
};
pub use types::{ClientId, Command, Entry, KvOp, LogIndex, RequestId, Role, Term};
