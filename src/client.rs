//! What a client of a replicated key-value store leaves in the trace of any
//! protocol: one `client` event when it sends an operation, and one when it
//! hears the answer or gives up. The JSON form is fixed (docs/scenarios.md,
//! "Traces"), so one outside checker reads the client histories of every
//! protocol; the narration is the same in every protocol too.

use crate::lang::Lang;
use crate::sim::NodeId;
use serde::Serialize;
use std::sync::Arc;

/// Phase of a client operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientPhase {
    Invoke,
    Ok,
    Fail,
}

/// A client sent an operation, heard its answer, or gave up on it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClientEvent {
    pub client: u32,
    /// `set`, `append`, `del` or `get`.
    pub op: &'static str,
    pub key: Arc<str>,
    /// The value a write writes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Arc<str>>,
    pub phase: ClientPhase,
    /// The server the client contacted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<NodeId>,
    /// The value read, or the value after a write; absent when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<Arc<str>>,
}

impl ClientEvent {
    /// One sentence saying what happened, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let ClientEvent {
            client,
            op,
            key,
            value,
            phase,
            node,
            result,
        } = self;
        let zh = lang == Lang::Zh;
        let cmd = match value {
            Some(v) => format!("{op} {key} {v}"),
            None => format!("{op} {key}"),
        };
        let at = node.map(|n| n.to_string()).unwrap_or_default();
        match (zh, phase) {
            (false, ClientPhase::Invoke) => format!("client C{client} sends `{cmd}` to {at}"),
            (true, ClientPhase::Invoke) => format!("客户端 C{client} 把 `{cmd}` 发给 {at}"),
            (false, ClientPhase::Ok) => match result {
                Some(r) => format!("client C{client} got the answer to `{cmd}`: {r}"),
                None => format!("client C{client} got the answer to `{cmd}`: (none)"),
            },
            (true, ClientPhase::Ok) => match result {
                Some(r) => format!("客户端 C{client} 收到 `{cmd}` 的结果：{r}"),
                None => format!("客户端 C{client} 收到 `{cmd}` 的结果：（无）"),
            },
            (false, ClientPhase::Fail) => format!("client C{client} gave up on `{cmd}`"),
            (true, ClientPhase::Fail) => format!("客户端 C{client} 放弃了 `{cmd}`"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_with_the_fixed_client_fields() {
        let ev = ClientEvent {
            client: 101,
            op: "get",
            key: "x".into(),
            value: None,
            phase: ClientPhase::Ok,
            node: Some(NodeId(2)),
            result: Some("5".into()),
        };
        assert_eq!(
            serde_json::to_string(&ev).unwrap(),
            r#"{"client":101,"op":"get","key":"x","phase":"ok","node":2,"result":"5"}"#
        );
        assert_eq!(
            ev.describe(Lang::En),
            "client C101 got the answer to `get x`: 5"
        );
    }
}
