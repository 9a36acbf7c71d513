//! Carrying out a [`NetAction`] on any protocol's world. The world lends its
//! network and says what crashing, restarting, pausing and resuming one of
//! its servers means ([`NetHost`]); everything else (partitions, links,
//! message faults, settings, and the reasons an action is skipped) happens
//! here, the same for every protocol.

use super::{NetAction, NetEvent, NodeRef, setting, skip};
use crate::lang::{Lang, Tag, Text};
use crate::sim::{DropReason, Envelope, MsgId, NetConfig, Network, NodeId, SimTime};

/// What the network layer needs to know of a message.
pub trait NetMsg: Clone {
    /// The message's name in traces and filters ("AppendEntries", "Ping").
    fn kind_name(&self) -> &'static str;
    /// The sender's term, for protocols that have terms.
    fn term(&self) -> Option<u64> {
        None
    }
    /// A finer name than [`NetMsg::kind_name`] for this message, if the
    /// protocol has one ("heartbeat"): it tells the narration which rule the
    /// send cites, and views may show it; never in the JSON trace (see
    /// [`NetEvent::Send`]).
    fn note(&self) -> Option<&'static str> {
        None
    }
}

/// A world the network layer can act on.
pub trait NetHost {
    type Msg: NetMsg;

    fn now(&self) -> SimTime;
    fn network(&self) -> &Network<Self::Msg>;
    fn network_mut(&mut self) -> &mut Network<Self::Msg>;
    /// Servers in use, numbered from 1; actions naming others are skipped.
    fn servers(&self) -> usize;
    /// Server slots a partition may name (servers that may join later included).
    fn slots(&self) -> usize {
        self.servers()
    }
    /// Whether a server in use runs.
    fn health(&self, node: NodeId) -> super::Health;
    /// The server that leads now, for protocols with a leader.
    fn leader(&self) -> Option<NodeId> {
        None
    }
    fn record_net(&mut self, event: NetEvent);
    /// Queues the delivery of an accepted message (a copy, or one hastened).
    fn schedule_delivery(&mut self, id: MsgId, at: SimTime);
    /// A message was taken out of the network (by hand): record it.
    fn lost(&mut self, envelope: &Envelope<Self::Msg>, reason: DropReason);
    /// The network has new settings; keep them in the world's configuration.
    fn network_changed(&mut self, config: &NetConfig);
    /// Crashes a server in use, recording what happened; or says why not.
    fn crash(&mut self, node: NodeId) -> Result<(), Tag>;
    fn restart(&mut self, node: NodeId) -> Result<(), Tag>;
    fn pause(&mut self, _node: NodeId) -> Result<(), Tag> {
        Err(skip::UNSUPPORTED)
    }
    fn resume(&mut self, _node: NodeId) -> Result<(), Tag> {
        Err(skip::UNSUPPORTED)
    }
}

/// Records that `action` could not be carried out, and why.
pub fn record_skip<H: NetHost + ?Sized>(host: &mut H, action: Text, why: Tag) {
    host.record_net(NetEvent::Skipped { action, why });
}

/// An action's text in both languages, for a skip record.
pub fn action_text(describe: impl Fn(Lang) -> String) -> Text {
    Text::owned(describe(Lang::En), describe(Lang::Zh))
}

/// The server `node` names now, if it names one in use.
pub fn resolve<H: NetHost + ?Sized>(host: &H, node: NodeRef) -> Result<NodeId, Tag> {
    match node {
        NodeRef::Id(id) if id.0 >= 1 && id.index() < host.servers() => Ok(id),
        NodeRef::Id(_) => Err(skip::NO_SUCH_NODE),
        NodeRef::Leader => host.leader().ok_or(skip::NO_LEADER),
    }
}

/// Ids of in-flight messages matching `f`, in send order.
fn matching<H: NetHost + ?Sized>(host: &H, f: &super::MsgFilter) -> Vec<MsgId> {
    host.network()
        .in_flight()
        .filter(|e| f.matches(e.id, e.msg.kind_name(), e.from, e.to))
        .map(|e| e.id)
        .collect()
}

/// Carries out `action` on `host`, recording what happened or why it could not.
pub fn apply<H: NetHost + ?Sized>(host: &mut H, action: &NetAction) {
    if let Err(why) = try_apply(host, action) {
        record_skip(host, action_text(|l| action.describe(l)), why);
    }
}

fn in_use<H: NetHost + ?Sized>(host: &H, ids: &[NodeId]) -> Result<(), Tag> {
    if ids
        .iter()
        .all(|id| id.0 >= 1 && id.index() < host.servers())
    {
        Ok(())
    } else {
        Err(skip::NO_SUCH_NODE)
    }
}

fn set_network<H: NetHost + ?Sized>(host: &mut H, config: NetConfig, what: Tag) -> Result<(), Tag> {
    config
        .validate()
        .map_err(|e| skip::invalid(e.to_string()))?;
    host.network_mut().set_config(config.clone());
    host.network_changed(&config);
    host.record_net(NetEvent::Configure { what });
    Ok(())
}

fn try_apply<H: NetHost + ?Sized>(host: &mut H, action: &NetAction) -> Result<(), Tag> {
    let now = host.now();
    match action {
        NetAction::Crash(r) => {
            let id = resolve(host, *r)?;
            host.crash(id)
        }
        NetAction::Restart(r) => {
            let id = resolve(host, *r)?;
            host.restart(id)
        }
        NetAction::Pause(r) => {
            let id = resolve(host, *r)?;
            host.pause(id)
        }
        NetAction::Resume(r) => {
            let id = resolve(host, *r)?;
            host.resume(id)
        }
        NetAction::Slow { node, factor } => {
            let id = resolve(host, *node)?;
            host.network_mut().set_slowdown(id, *factor);
            host.record_net(NetEvent::Slow {
                node: id,
                factor: (*factor).max(1),
            });
            Ok(())
        }
        NetAction::Partition(groups) => {
            let slots = host.slots();
            if groups
                .iter()
                .flatten()
                .any(|n| n.0 == 0 || n.index() >= slots)
            {
                return Err(skip::NO_SUCH_NODE);
            }
            host.network_mut().partition(groups);
            host.record_net(NetEvent::Partition {
                groups: groups.clone(),
            });
            Ok(())
        }
        NetAction::Isolate(r) => {
            let id = resolve(host, *r)?;
            let others: Vec<NodeId> = NodeId::all(host.servers()).filter(|&n| n != id).collect();
            let groups = vec![vec![id], others];
            host.network_mut().partition(&groups);
            host.record_net(NetEvent::Partition { groups });
            Ok(())
        }
        NetAction::Cut { from, to, both } | NetAction::Uncut { from, to, both } => {
            in_use(host, &[*from, *to])?;
            let cut = matches!(action, NetAction::Cut { .. });
            let mut links = vec![(*from, *to)];
            if *both {
                links.push((*to, *from));
            }
            for (f, t) in links {
                if cut {
                    host.network_mut().cut(f, t);
                    host.record_net(NetEvent::Cut { from: f, to: t });
                } else {
                    host.network_mut().uncut(f, t);
                    host.record_net(NetEvent::Uncut { from: f, to: t });
                }
            }
            Ok(())
        }
        NetAction::Heal => {
            host.network_mut().heal();
            host.record_net(NetEvent::Heal);
            Ok(())
        }
        NetAction::Drop(f) => {
            for id in matching(host, f) {
                if let Some(e) = host.network_mut().drop_message(id, now, DropReason::User) {
                    host.lost(&e, DropReason::User);
                }
            }
            Ok(())
        }
        NetAction::Duplicate(f) => {
            for id in matching(host, f) {
                if let Some((copy, at)) = host.network_mut().duplicate_message(id, now) {
                    host.schedule_delivery(copy, at);
                    if let Some(e) = host.network().get(id) {
                        let event = NetEvent::Duplicate {
                            from: e.from,
                            to: e.to,
                            msg: e.msg.kind_name(),
                            term: e.msg.term(),
                            id,
                            copy,
                        };
                        host.record_net(event);
                    }
                }
            }
            Ok(())
        }
        NetAction::Deliver(f) => {
            for id in matching(host, f) {
                if let Some(at) = host.network_mut().hasten(id, now) {
                    host.schedule_delivery(id, at);
                }
            }
            Ok(())
        }
        NetAction::SetNetwork(config) => set_network(host, config.clone(), setting::NETWORK),
        NetAction::SetLoss(loss) => {
            let config = NetConfig {
                loss: *loss,
                ..host.network().config().clone()
            };
            set_network(host, config, setting::LOSS)
        }
        NetAction::SetDuplicate(duplicate) => {
            let config = NetConfig {
                duplicate: *duplicate,
                ..host.network().config().clone()
            };
            set_network(host, config, setting::DUPLICATE)
        }
        NetAction::SetLatency(range) => {
            let config = NetConfig {
                latency: *range,
                ..host.network().config().clone()
            };
            set_network(host, config, setting::LATENCY)
        }
        NetAction::SetLinkLatency { from, to, range } => {
            in_use(host, &[*from, *to])?;
            host.network_mut().set_link_latency(*from, *to, *range);
            host.record_net(NetEvent::Configure {
                what: setting::link(*from, *to),
            });
            Ok(())
        }
    }
}
