//! Why an action could not be carried out: a code for traces and its words
//! for the narration. Protocols add their own reasons the same way.

use crate::lang::Tag;

pub const NO_LEADER: Tag = Tag::new(
    "no_leader",
    "there is no leader right now",
    "当前没有领导者",
);
pub const NO_SUCH_NODE: Tag = Tag::new("no_such_node", "there is no such server", "没有这台服务器");
pub const ALREADY_DOWN: Tag = Tag::new(
    "already_down",
    "the server is already down",
    "这台服务器已经宕机",
);
pub const ALREADY_RUNNING: Tag = Tag::new(
    "already_running",
    "the server is already running",
    "这台服务器已经在运行",
);
pub const NOT_RUNNING: Tag = Tag::new(
    "not_running",
    "the server is not running",
    "这台服务器没有在运行",
);
pub const ONLY_RUNNING_PAUSES: Tag = Tag::new(
    "not_pausable",
    "only a running server can be paused",
    "只有正在运行的服务器才能被暂停",
);
pub const NOT_PAUSED: Tag = Tag::new(
    "not_paused",
    "the server is not paused",
    "这台服务器没有被暂停",
);
pub const NOT_DOWN: Tag = Tag::new("not_down", "the server is not down", "这台服务器没有宕机");
pub const UNSUPPORTED: Tag = Tag::new(
    "unsupported",
    "this protocol's servers cannot do that",
    "这个协议的服务器不支持这个操作",
);

/// Settings the protocol refuses, with the message saying why.
pub fn invalid(message: String) -> Tag {
    Tag {
        code: "invalid".into(),
        text: crate::lang::Text::owned(message.clone(), format!("设置无效（{message}）")),
    }
}
