//! What gossip lesson steps can wait for: a trace event of some kind (on a
//! node, about a node), a rumor reaching a share of the live nodes, a
//! crashed node known to be gone by everyone, or convergence. In a lesson
//! file: `{"on": "detect", "state": "dead", "about": 5}`,
//! `{"on": "reached", "rumor": 1, "percent": 50}` (docs/lessons.md).

use super::{EventKind, Gossip, GossipConfig, GossipWorld, MemberState, MsgKind, RumorId};
use crate::lang::Text;
use crate::lesson::{Cues, cue_fields};
use crate::msg;
use crate::net::NetEvent;
use crate::scenario::Errors;
use crate::sim::NodeId;
use serde_json::{Map, Value};

/// A kind of gossip trace event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GossipCue {
    /// A rumor starts.
    Rumor,
    /// A node learns a rumor.
    Infect,
    /// A node stops spreading a rumor.
    Remove,
    /// A node comes to hold a member in this state.
    Detect(MemberState),
    /// A node refutes a suspicion with a higher incarnation.
    Refute,
    Crash,
    Restart,
    Partition,
    Heal,
    /// Settings change.
    Configure,
    /// A message (of this kind, or of any) leaves its sender.
    Send(Option<MsgKind>),
    /// A message (of this kind, or of any) is lost: to random loss, a
    /// partition or a crashed receiver.
    Drop(Option<MsgKind>),
}

/// What a gossip step waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GossipWhen {
    /// The first event of this kind, optionally on node `node` (for a
    /// message: its receiver), about `about`.
    Event {
        cue: GossipCue,
        node: Option<NodeId>,
        about: Option<NodeId>,
    },
    /// Rumor `r` is known by at least `percent` % of the live nodes.
    Reached(RumorId, u32),
    /// No live node holds this crashed node alive or suspect any more.
    Gone(NodeId),
    /// Every live node holds the newest version of every key.
    Converged,
}

impl GossipWhen {
    /// Whether `ev` is an event this waits for.
    pub fn matches(&self, ev: &EventKind) -> bool {
        use EventKind as E;
        let GossipWhen::Event { cue, node, about } = *self else {
            return false;
        };
        let (at, of) = match *ev {
            E::Rumor { node, .. }
            | E::Infect { node, .. }
            | E::Remove { node, .. }
            | E::Refute { node, .. }
            | E::Net(NetEvent::Crash { node })
            | E::Net(NetEvent::Restart { node }) => (Some(node), None),
            E::Detect { node, about, .. } => (Some(node), Some(about)),
            E::Net(NetEvent::Send { to, .. } | NetEvent::Drop { to, .. }) => (Some(to), None),
            _ => (None, None),
        };
        let kind = match (cue, ev) {
            (GossipCue::Detect(want), E::Detect { state, .. }) => want == *state,
            (GossipCue::Send(want), E::Net(NetEvent::Send { msg, .. }))
            | (GossipCue::Drop(want), E::Net(NetEvent::Drop { msg, .. })) => {
                want.is_none_or(|k| k.name() == *msg)
            }
            (GossipCue::Partition, E::Net(NetEvent::Partition { .. } | NetEvent::Cut { .. })) => {
                true
            }
            (GossipCue::Rumor, E::Rumor { .. })
            | (GossipCue::Infect, E::Infect { .. })
            | (GossipCue::Remove, E::Remove { .. })
            | (GossipCue::Refute, E::Refute { .. })
            | (GossipCue::Crash, E::Net(NetEvent::Crash { .. }))
            | (GossipCue::Restart, E::Net(NetEvent::Restart { .. }))
            | (GossipCue::Heal, E::Net(NetEvent::Heal))
            | (GossipCue::Configure, E::Net(NetEvent::Configure { .. })) => true,
            _ => false,
        };
        kind && node.is_none_or(|n| at == Some(n)) && about.is_none_or(|a| of == Some(a))
    }

    /// Whether a condition holds in `w` (events never do here).
    pub fn holds(&self, w: &GossipWorld) -> bool {
        match *self {
            GossipWhen::Reached(r, pct) => {
                r.index() < w.rumors().len()
                    && u64::from(w.rumor_stats(r).informed) * 100
                        >= u64::from(pct) * w.live_count() as u64
            }
            GossipWhen::Gone(n) => w
                .failures()
                .iter()
                .any(|f| f.node == n && f.all_know.is_some() && f.restarted_at.is_none()),
            GossipWhen::Converged => {
                !w.rumors().is_empty() && w.up_to_date_count() == w.live_count()
            }
            GossipWhen::Event { .. } => false,
        }
    }
}

fn node(
    errs: &mut Errors,
    path: String,
    v: Option<&Value>,
    slots: usize,
) -> Option<Option<NodeId>> {
    match v {
        None => Some(None),
        Some(v) => match v.as_u64() {
            Some(n) if n >= 1 && n <= slots as u64 => Some(Some(NodeId(n as u16))),
            _ => {
                errs.push(
                    path,
                    msg!(
                        "must be a node number between 1 and {slots}, got {v}",
                        "必须是 1 到 {slots} 之间的节点编号，实际为 {v}"
                    ),
                );
                None
            }
        },
    }
}

impl Cues for Gossip {
    type Cue = GossipWhen;
    const CUES: &'static [&'static str] = &[
        "rumor",
        "infect",
        "remove",
        "detect",
        "refute",
        "crash",
        "restart",
        "partition",
        "heal",
        "configure",
        "send",
        "drop",
        "reached",
        "gone",
        "converged",
    ];

    fn cue(
        errs: &mut Errors,
        path: &str,
        on: &str,
        f: &Map<String, Value>,
        setup: &GossipConfig,
    ) -> Option<GossipWhen> {
        let slots = setup.slots();
        let p = |k: &str| format!("{path}.{k}");
        match on {
            "reached" => {
                if !cue_fields(errs, path, f, &["rumor", "percent"]) {
                    return None;
                }
                let rumor = f.get("rumor").and_then(Value::as_u64).filter(|r| *r >= 1);
                let percent = f
                    .get("percent")
                    .and_then(Value::as_u64)
                    .filter(|p| *p <= 100);
                if rumor.is_none() {
                    errs.push(
                        p("rumor"),
                        Text::new(
                            "required: a rumor number from 1",
                            "必填：从 1 开始的传闻编号",
                        ),
                    );
                }
                if percent.is_none() {
                    errs.push(
                        p("percent"),
                        Text::new(
                            "required: a percentage, 0 to 100",
                            "必填：0 到 100 的百分比",
                        ),
                    );
                }
                Some(GossipWhen::Reached(RumorId(rumor? as u32), percent? as u32))
            }
            "gone" => {
                if !cue_fields(errs, path, f, &["node"]) {
                    return None;
                }
                match node(errs, p("node"), f.get("node"), slots)? {
                    Some(n) => Some(GossipWhen::Gone(n)),
                    None => {
                        errs.push(
                            p("node"),
                            Text::new("required: the crashed node", "必填：崩溃的节点"),
                        );
                        None
                    }
                }
            }
            "converged" => cue_fields(errs, path, f, &[]).then_some(GossipWhen::Converged),
            _ => {
                let allowed: &[&str] = match on {
                    "detect" => &["state", "node", "about"],
                    "send" | "drop" => &["msg", "node"],
                    _ => &["node", "about"],
                };
                if !cue_fields(errs, path, f, allowed) {
                    return None;
                }
                let cue = match on {
                    "detect" => {
                        let states = [
                            ("alive", MemberState::Alive),
                            ("suspect", MemberState::Suspect),
                            ("dead", MemberState::Dead),
                            ("left", MemberState::Left),
                        ];
                        let s = f.get("state").and_then(Value::as_str);
                        match states.iter().find(|(n, _)| Some(*n) == s) {
                            Some((_, st)) => GossipCue::Detect(*st),
                            None => {
                                errs.push(
                                    p("state"),
                                    Text::new(
                                        "required: alive, suspect, dead or left",
                                        "必填：alive、suspect、dead 或 left",
                                    ),
                                );
                                return None;
                            }
                        }
                    }
                    "rumor" => GossipCue::Rumor,
                    "infect" => GossipCue::Infect,
                    "remove" => GossipCue::Remove,
                    "refute" => GossipCue::Refute,
                    "crash" => GossipCue::Crash,
                    "restart" => GossipCue::Restart,
                    "partition" => GossipCue::Partition,
                    "heal" => GossipCue::Heal,
                    "send" | "drop" => {
                        let kind = match f.get("msg") {
                            None => None,
                            Some(v) => {
                                match MsgKind::ALL.iter().find(|k| v.as_str() == Some(k.name())) {
                                    Some(k) => Some(*k),
                                    None => {
                                        let names: Vec<&str> =
                                            MsgKind::ALL.iter().map(|k| k.name()).collect();
                                        let list = names.join(", ");
                                        errs.push(
                                            p("msg"),
                                            msg!(
                                                "unknown message {v}; one of: {list}",
                                                "未知的消息 {v}；可选：{list}"
                                            ),
                                        );
                                        return None;
                                    }
                                }
                            }
                        };
                        if on == "send" {
                            GossipCue::Send(kind)
                        } else {
                            GossipCue::Drop(kind)
                        }
                    }
                    _ => GossipCue::Configure,
                };
                let node_id = node(errs, p("node"), f.get("node"), slots)?;
                let about = node(errs, p("about"), f.get("about"), slots)?;
                Some(GossipWhen::Event {
                    cue,
                    node: node_id,
                    about,
                })
            }
        }
    }

    fn matches(cue: &GossipWhen, ev: &EventKind) -> bool {
        cue.matches(ev)
    }

    fn is_condition(cue: &GossipWhen) -> bool {
        !matches!(cue, GossipWhen::Event { .. })
    }

    fn holds(cue: &GossipWhen, world: &GossipWorld) -> bool {
        cue.holds(world)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(cue: GossipCue) -> GossipWhen {
        GossipWhen::Event {
            cue,
            node: None,
            about: None,
        }
    }

    #[test]
    fn filters_narrow_the_cue() {
        let ev = EventKind::Detect {
            node: NodeId(2),
            about: NodeId(7),
            state: MemberState::Dead,
            incarnation: 0,
        };
        let dead = on(GossipCue::Detect(MemberState::Dead));
        assert!(dead.matches(&ev));
        let about = |n| GossipWhen::Event {
            cue: GossipCue::Detect(MemberState::Dead),
            node: None,
            about: Some(NodeId(n)),
        };
        assert!(about(7).matches(&ev));
        assert!(!about(6).matches(&ev));
        assert!(!on(GossipCue::Detect(MemberState::Suspect)).matches(&ev));
        assert!(!on(GossipCue::Heal).matches(&ev));
        assert!(on(GossipCue::Heal).matches(&EventKind::Net(NetEvent::Heal)));
    }

    #[test]
    fn message_cues_narrow_to_a_kind_and_a_receiver() {
        let drop = EventKind::Net(NetEvent::Drop {
            from: NodeId(1),
            to: NodeId(7),
            msg: "Ping",
            term: None,
            id: crate::sim::MsgId(3),
            reason: crate::sim::DropReason::NodeDown,
        });
        assert!(on(GossipCue::Drop(None)).matches(&drop));
        assert!(on(GossipCue::Drop(Some(MsgKind::Ping))).matches(&drop));
        assert!(!on(GossipCue::Drop(Some(MsgKind::PingReq))).matches(&drop));
        assert!(!on(GossipCue::Send(Some(MsgKind::Ping))).matches(&drop));
        let to = |n| GossipWhen::Event {
            cue: GossipCue::Drop(None),
            node: Some(NodeId(n)),
            about: None,
        };
        assert!(to(7).matches(&drop));
        assert!(!to(1).matches(&drop), "node names the receiver");
    }
}
