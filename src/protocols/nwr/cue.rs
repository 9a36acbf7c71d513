//! What Quorum NWR lesson steps can wait for: a kind of trace event,
//! optionally narrowed to a server and a key. In a lesson file:
//! `{"on": "client", "phase": "ok", "op": "get"}`, `{"on": "repair", "node": 2}`,
//! `{"on": "stale_read", "key": "x"}` (docs/lessons.md).

use super::event::EventKind;
use super::{MsgKind, Nwr, NwrSetup};
use crate::client::ClientPhase;
use crate::lang::Text;
use crate::lesson::{Cues, cue_fields};
use crate::msg;
use crate::net::NetEvent;
use crate::scenario::Errors;
use crate::sim::NodeId;
use serde_json::{Map, Value};
use std::sync::Arc;

/// A kind of trace event a step can wait for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    /// A client sends an operation (`op`: `set` or `get`, any if `None`), hears back, or gives up.
    Client {
        phase: ClientPhase,
        op: Option<&'static str>,
    },
    Coordinate,
    /// A two-phase write learned the highest version.
    Query,
    /// A write reached W acknowledgements.
    Written,
    /// A read has R replies.
    Read,
    Repair,
    Repaired,
    /// A replica stores a newer version.
    Store,
    /// A replica keeps its newer version over an older one offered.
    Keep,
    Hint,
    Handoff,
    Fallback,
    GiveUp,
    StaleRead,
    Inversion,
    LostWrite,
    /// A message of this kind arrives.
    Deliver(MsgKind),
    Crash,
    Restart,
    /// The network is partitioned, a server isolated or a link cut.
    Partition,
    Heal,
}

/// A trace event pattern: a cue, optionally narrowed to a server and a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NwrWhen {
    pub cue: Cue,
    /// The server the event happened on: the coordinator for coordinator
    /// events, the replica for `store`/`keep`, the stand-in for `hint` and
    /// `handoff`, the contacted server for client events, the receiver for
    /// deliveries.
    pub node: Option<NodeId>,
    pub key: Option<Arc<str>>,
}

/// The server an event happened on, as `node` filters read it.
fn node_of(ev: &EventKind) -> Option<NodeId> {
    use EventKind as E;
    match ev {
        E::Client(c) => c.node,
        E::Coordinate { node, .. }
        | E::Query { node, .. }
        | E::Written { node, .. }
        | E::Read { node, .. }
        | E::Repair { node, .. }
        | E::Repaired { node, .. }
        | E::Store { node, .. }
        | E::Keep { node, .. }
        | E::Hint { node, .. }
        | E::Handoff { node, .. }
        | E::Fallback { node, .. }
        | E::GiveUp { node, .. }
        | E::StaleRead { node, .. }
        | E::Inversion { node, .. }
        | E::LostWrite { node, .. } => Some(*node),
        E::Net(NetEvent::Deliver { to, .. }) => Some(*to),
        E::Net(NetEvent::Crash { node } | NetEvent::Restart { node }) => Some(*node),
        E::Net(_) => None,
    }
}

impl NwrWhen {
    /// Whether `ev` is an event this pattern waits for.
    pub fn matches(&self, ev: &EventKind) -> bool {
        use EventKind as E;
        let kind = match (self.cue, ev) {
            (Cue::Client { phase, op }, E::Client(c)) => {
                phase == c.phase && op.is_none_or(|o| o == c.op)
            }
            (Cue::Deliver(k), E::Net(NetEvent::Deliver { msg, .. })) => k.name() == *msg,
            (Cue::Partition, E::Net(NetEvent::Partition { .. } | NetEvent::Cut { .. })) => true,
            (Cue::Coordinate, E::Coordinate { .. })
            | (Cue::Query, E::Query { .. })
            | (Cue::Written, E::Written { .. })
            | (Cue::Read, E::Read { .. })
            | (Cue::Repair, E::Repair { .. })
            | (Cue::Repaired, E::Repaired { .. })
            | (Cue::Store, E::Store { .. })
            | (Cue::Keep, E::Keep { .. })
            | (Cue::Hint, E::Hint { .. })
            | (Cue::Handoff, E::Handoff { .. })
            | (Cue::Fallback, E::Fallback { .. })
            | (Cue::GiveUp, E::GiveUp { .. })
            | (Cue::StaleRead, E::StaleRead { .. })
            | (Cue::Inversion, E::Inversion { .. })
            | (Cue::LostWrite, E::LostWrite { .. })
            | (Cue::Crash, E::Net(NetEvent::Crash { .. }))
            | (Cue::Restart, E::Net(NetEvent::Restart { .. }))
            | (Cue::Heal, E::Net(NetEvent::Heal)) => true,
            _ => false,
        };
        kind && self.node.is_none_or(|n| node_of(ev) == Some(n))
            && self.key.as_ref().is_none_or(|k| ev.key() == Some(k))
    }
}

/// The cues without fields of their own.
const PLAIN: &[(&str, Cue)] = &[
    ("coordinate", Cue::Coordinate),
    ("query", Cue::Query),
    ("written", Cue::Written),
    ("read", Cue::Read),
    ("repair", Cue::Repair),
    ("repaired", Cue::Repaired),
    ("store", Cue::Store),
    ("keep", Cue::Keep),
    ("hint", Cue::Hint),
    ("handoff", Cue::Handoff),
    ("fallback", Cue::Fallback),
    ("give_up", Cue::GiveUp),
    ("stale_read", Cue::StaleRead),
    ("inversion", Cue::Inversion),
    ("lost_write", Cue::LostWrite),
    ("crash", Cue::Crash),
    ("restart", Cue::Restart),
    ("partition", Cue::Partition),
    ("heal", Cue::Heal),
];

fn one_of<T: Copy>(
    errs: &mut Errors,
    path: String,
    v: Option<&Value>,
    all: &[(&str, T)],
) -> Option<T> {
    let list: Vec<&str> = all.iter().map(|(n, _)| *n).collect();
    let list = list.join(", ");
    match v.and_then(Value::as_str) {
        Some(s) => {
            let found = all.iter().find(|(n, _)| *n == s).map(|(_, x)| *x);
            if found.is_none() {
                errs.push(
                    path,
                    msg!(
                        "unknown {s:?}; one of: {list}",
                        "未知的 {s:?}；可选：{list}"
                    ),
                );
            }
            found
        }
        None => {
            errs.push(path, msg!("required: one of {list}", "必填：{list} 之一"));
            None
        }
    }
}

impl Cues for Nwr {
    type Cue = NwrWhen;
    const CUES: &'static [&'static str] = &[
        "client",
        "coordinate",
        "query",
        "written",
        "read",
        "repair",
        "repaired",
        "store",
        "keep",
        "hint",
        "handoff",
        "fallback",
        "give_up",
        "stale_read",
        "inversion",
        "lost_write",
        "deliver",
        "crash",
        "restart",
        "partition",
        "heal",
    ];

    fn cue(
        errs: &mut Errors,
        path: &str,
        on: &str,
        f: &Map<String, Value>,
        setup: &NwrSetup,
    ) -> Option<NwrWhen> {
        let own: &[&str] = match on {
            "client" => &["phase", "op"],
            "deliver" => &["msg"],
            _ => &[],
        };
        let allowed: Vec<&str> = own.iter().copied().chain(["node", "key"]).collect();
        if !cue_fields(errs, path, f, &allowed) {
            return None;
        }
        let p = |k: &str| format!("{path}.{k}");
        let cue = match on {
            "client" => {
                let phases = [
                    ("invoke", ClientPhase::Invoke),
                    ("ok", ClientPhase::Ok),
                    ("fail", ClientPhase::Fail),
                ];
                let phase = one_of(errs, p("phase"), f.get("phase"), &phases);
                let ops = [("put", "set"), ("set", "set"), ("get", "get")];
                let op = match f.get("op") {
                    None => Some(None),
                    v => one_of(errs, p("op"), v, &ops).map(Some),
                };
                Cue::Client {
                    phase: phase?,
                    op: op?,
                }
            }
            "deliver" => {
                let kinds: Vec<(&str, MsgKind)> =
                    MsgKind::ALL.iter().map(|k| (k.name(), *k)).collect();
                Cue::Deliver(one_of(errs, p("msg"), f.get("msg"), &kinds)?)
            }
            other => PLAIN.iter().find(|(n, _)| *n == other).map(|(_, c)| *c)?,
        };
        let node = match f.get("node") {
            None => None,
            Some(v) => match v.as_u64() {
                Some(n) if n >= 1 && n <= setup.nodes as u64 => Some(NodeId(n as u16)),
                _ => {
                    let hi = setup.nodes;
                    errs.push(
                        p("node"),
                        msg!(
                            "must be a node number between 1 and {hi}, got {v}",
                            "必须是 1 到 {hi} 之间的节点编号，实际为 {v}"
                        ),
                    );
                    return None;
                }
            },
        };
        let key = match f.get("key") {
            None => None,
            Some(Value::String(k)) if crate::scenario::valid_key(k) => Some(k.as_str().into()),
            Some(_) => {
                errs.push(
                    p("key"),
                    Text::new("must be a key, e.g. \"x\"", "必须是一个键，例如 \"x\""),
                );
                return None;
            }
        };
        Some(NwrWhen { cue, node, key })
    }

    fn matches(cue: &NwrWhen, ev: &EventKind) -> bool {
        cue.matches(ev)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::ClientEvent;

    fn when(json: &str) -> Result<NwrWhen, String> {
        let f: Map<String, Value> = serde_json::from_str(json).unwrap();
        let on = f["on"].as_str().unwrap().to_string();
        let mut rest = f.clone();
        rest.remove("on");
        let mut errs = Errors::default();
        let setup = NwrSetup::default();
        Nwr::cue(&mut errs, "when", &on, &rest, &setup).ok_or_else(|| {
            errs.0
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    fn client(phase: ClientPhase, op: &'static str, node: u16) -> EventKind {
        EventKind::Client(ClientEvent {
            client: 101,
            op,
            key: "x".into(),
            value: None,
            phase,
            node: Some(NodeId(node)),
            result: None,
        })
    }

    #[test]
    fn client_cues_narrow_to_phase_op_node_and_key() {
        let w = when(r#"{"on":"client","phase":"ok","op":"get","node":2}"#).unwrap();
        assert!(w.matches(&client(ClientPhase::Ok, "get", 2)));
        assert!(!w.matches(&client(ClientPhase::Ok, "set", 2)));
        assert!(!w.matches(&client(ClientPhase::Ok, "get", 3)));
        assert!(!w.matches(&client(ClientPhase::Fail, "get", 2)));
        let put = when(r#"{"on":"client","phase":"invoke","op":"put","key":"x"}"#).unwrap();
        assert!(put.matches(&client(ClientPhase::Invoke, "set", 1)));
        let y = when(r#"{"on":"client","phase":"invoke","key":"y"}"#).unwrap();
        assert!(!y.matches(&client(ClientPhase::Invoke, "set", 1)));
    }

    #[test]
    fn wrong_fields_say_what_is_allowed() {
        assert_eq!(
            when(r#"{"on":"client","phase":"done"}"#).unwrap_err(),
            "when.phase: unknown \"done\"; one of: invoke, ok, fail"
        );
        assert!(
            when(r#"{"on":"repair","phase":"ok"}"#)
                .unwrap_err()
                .contains("does not take `phase`")
        );
        assert!(
            when(r#"{"on":"store","node":9}"#)
                .unwrap_err()
                .contains("between 1 and 5")
        );
        assert!(when(r#"{"on":"deliver","msg":"Handoff"}"#).is_ok());
    }
}
