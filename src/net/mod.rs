//! The network and process faults every protocol shares, said one way:
//! the actions ([`NetAction`]) a user or a script takes, how they are carried
//! out on any world ([`apply`]), the events ([`NetEvent`]) they and the
//! network's traffic leave in the trace, their narration, and the reasons an
//! action is skipped ([`skip`]). A protocol's own actions and events wrap
//! these; its scenario actions share their JSON names (docs/scenarios.md).

mod action;
mod apply;
mod event;
mod health;
mod narrate;
pub mod skip;

pub use action::{MsgFilter, NetAction, NodeRef, groups_text};
pub use apply::{NetHost, NetMsg, action_text, apply, record_skip, resolve};
pub use event::{NetEvent, setting};
pub use health::Health;
pub use narrate::drop_reason;
