//! The replicated state machine: a key-value map plus the client sessions that
//! make a retried command take effect once (§8). Both are persistent ordered
//! maps, so snapshots and checkpoints share structure instead of copying.

use super::types::{ClientId, Command, KvOp};
use imbl::OrdMap;
use std::sync::Arc;

/// The last command applied for a client, and its result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub last_seq: u64,
    pub last_result: Option<Arc<str>>,
}

/// What applying a command did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applied {
    /// The state changed; the key's value afterwards.
    Done(Option<Arc<str>>),
    /// The client's session had already applied this sequence number: nothing
    /// changed, and the recorded result is returned again.
    Duplicate(Option<Arc<str>>),
    /// A leader's no-op.
    Noop,
}

/// Key-value state with client sessions; cloning is cheap.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KvStore {
    data: OrdMap<Arc<str>, Arc<str>>,
    sessions: OrdMap<ClientId, Session>,
}

impl KvStore {
    pub fn get(&self, key: &str) -> Option<&Arc<str>> {
        self.data.get(key)
    }

    /// All pairs in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&Arc<str>, &Arc<str>)> + '_ {
        self.data.iter()
    }

    pub fn len(&self) -> usize {
        self.data.len()
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    pub fn session(&self, client: ClientId) -> Option<&Session> {
        self.sessions.get(&client)
    }

    /// Applies a committed command, once per (client, seq).
    pub fn apply(&mut self, command: &Command) -> Applied {
        let Command::Op { client, seq, op } = command else {
            return Applied::Noop;
        };
        if let Some(s) = self.sessions.get(client)
            && *seq <= s.last_seq
        {
            return Applied::Duplicate(s.last_result.clone());
        }
        let result = self.apply_op(op);
        self.sessions.insert(
            *client,
            Session {
                last_seq: *seq,
                last_result: result.clone(),
            },
        );
        Applied::Done(result)
    }

    fn apply_op(&mut self, op: &KvOp) -> Option<Arc<str>> {
        match op {
            KvOp::Set { key, value } => {
                self.data.insert(key.clone(), value.clone());
                Some(value.clone())
            }
            KvOp::Append { key, value } => {
                let joined: Arc<str> = match self.data.get(key) {
                    Some(old) => format!("{old}{value}").into(),
                    None => value.clone(),
                };
                self.data.insert(key.clone(), joined.clone());
                Some(joined)
            }
            KvOp::Delete { key } => {
                self.data.remove(key);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(client: u32, seq: u64, op: KvOp) -> Command {
        Command::Op {
            client: ClientId(client),
            seq,
            op,
        }
    }

    fn set(k: &str, v: &str) -> KvOp {
        KvOp::Set {
            key: k.into(),
            value: v.into(),
        }
    }

    #[test]
    fn set_append_delete() {
        let mut kv = KvStore::default();
        assert_eq!(
            kv.apply(&op(1, 1, set("x", "1"))),
            Applied::Done(Some("1".into()))
        );
        let app = KvOp::Append {
            key: "x".into(),
            value: "2".into(),
        };
        assert_eq!(kv.apply(&op(1, 2, app)), Applied::Done(Some("12".into())));
        assert_eq!(kv.get("x").map(|v| &**v), Some("12"));
        assert_eq!(
            kv.apply(&op(1, 3, KvOp::Delete { key: "x".into() })),
            Applied::Done(None)
        );
        assert!(kv.is_empty());
        assert_eq!(kv.apply(&Command::Noop), Applied::Noop);
    }

    #[test]
    fn a_retried_command_is_applied_once() {
        let mut kv = KvStore::default();
        let app = op(
            7,
            1,
            KvOp::Append {
                key: "x".into(),
                value: "a".into(),
            },
        );
        assert_eq!(kv.apply(&app), Applied::Done(Some("a".into())));
        assert_eq!(kv.apply(&app), Applied::Duplicate(Some("a".into())));
        assert_eq!(kv.get("x").map(|v| &**v), Some("a"));
        assert_eq!(kv.session(ClientId(7)).unwrap().last_seq, 1);
    }
}
