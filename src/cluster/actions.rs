//! Carrying out user actions on the cluster.

use super::{Action, Cluster, Health, MsgFilter, NodeRef};
use crate::raft::{ClientRequest, Message};
use crate::sim::{DropReason, MsgId, NodeId};
use crate::trace::EventKind;

impl Cluster {
    /// Resolves a node reference now; `None` when it names the leader and there is none.
    pub fn resolve(&self, node: NodeRef) -> Option<NodeId> {
        match node {
            NodeRef::Id(id) if id.index() < self.cfg.nodes => Some(id),
            NodeRef::Id(_) => None,
            NodeRef::Leader => self.leader(),
        }
    }

    fn skip(&mut self, action: &Action, why: &'static str) {
        self.record(EventKind::Skipped {
            action: action.to_string(),
            why,
        });
    }

    fn resolve_or_skip(&mut self, node: NodeRef, action: &Action) -> Option<NodeId> {
        let id = self.resolve(node);
        if id.is_none() {
            self.skip(action, "there is no leader right now");
        }
        id
    }

    /// Target of a client command: the named server, else the leader, else the first live server.
    fn client_target(&self, node: Option<NodeRef>) -> NodeId {
        node.and_then(|n| self.resolve(n))
            .or_else(|| self.leader())
            .or_else(|| NodeId::all(self.cfg.nodes).find(|&n| self.health(n) == Health::Up))
            .unwrap_or(NodeId(1))
    }

    pub(super) fn apply(&mut self, action: Action) {
        match &action {
            Action::Crash(r) => {
                let Some(id) = self.resolve_or_skip(*r, &action) else {
                    return;
                };
                self.crash(id, &action);
            }
            Action::Restart(r) => {
                let Some(id) = self.resolve_or_skip(*r, &action) else {
                    return;
                };
                if self.health[id.index()] != Health::Down {
                    return self.skip(&action, "the server is already running");
                }
                self.health[id.index()] = Health::Up;
                self.observe(EventKind::Restart { node: id });
                let raft = self.cfg.raft.clone();
                self.nodes[id.index()].restart(self.now, &raft);
                self.flush(id);
            }
            Action::Pause(r) => {
                let Some(id) = self.resolve_or_skip(*r, &action) else {
                    return;
                };
                if self.health[id.index()] != Health::Up {
                    return self.skip(&action, "only a running server can be paused");
                }
                self.health[id.index()] = Health::Paused;
                self.record(EventKind::Pause { node: id });
            }
            Action::Resume(r) => {
                let Some(id) = self.resolve_or_skip(*r, &action) else {
                    return;
                };
                if self.health[id.index()] != Health::Paused {
                    return self.skip(&action, "the server is not paused");
                }
                self.health[id.index()] = Health::Up;
                self.record(EventKind::Resume { node: id });
                self.release_held(id);
            }
            Action::Slow { node, factor } => {
                let Some(id) = self.resolve_or_skip(*node, &action) else {
                    return;
                };
                self.net.set_slowdown(id, *factor);
                self.record(EventKind::Slow {
                    node: id,
                    factor: (*factor).max(1),
                });
            }
            Action::Timeout(r) => {
                let Some(id) = self.resolve_or_skip(*r, &action) else {
                    return;
                };
                if self.health[id.index()] != Health::Up {
                    return self.skip(&action, "the server is not running");
                }
                if self.nodes[id.index()].role() == crate::raft::Role::Leader {
                    return self.skip(&action, "a leader has no election timer to expire");
                }
                let raft = self.cfg.raft.clone();
                self.nodes[id.index()].force_timeout(self.now, &raft);
                self.flush(id);
            }
            Action::Propose { node, op } => {
                let target = self.client_target(*node);
                self.issue_one_off(ClientRequest::Write(op.clone()), target);
            }
            Action::Read { node, key } => {
                let target = self.client_target(*node);
                self.issue_one_off(ClientRequest::Read { key: key.clone() }, target);
            }
            Action::Partition(groups) => {
                self.net.partition(groups);
                self.record(EventKind::Partition {
                    groups: groups.clone(),
                });
            }
            Action::Isolate(r) => {
                let Some(id) = self.resolve_or_skip(*r, &action) else {
                    return;
                };
                let others: Vec<NodeId> =
                    NodeId::all(self.cfg.nodes).filter(|&n| n != id).collect();
                let groups = vec![vec![id], others];
                self.net.partition(&groups);
                self.record(EventKind::Partition { groups });
            }
            Action::Cut { from, to, both } => {
                self.net.cut(*from, *to);
                self.record(EventKind::Cut {
                    from: *from,
                    to: *to,
                });
                if *both {
                    self.net.cut(*to, *from);
                    self.record(EventKind::Cut {
                        from: *to,
                        to: *from,
                    });
                }
            }
            Action::Uncut { from, to, both } => {
                self.net.uncut(*from, *to);
                self.record(EventKind::Uncut {
                    from: *from,
                    to: *to,
                });
                if *both {
                    self.net.uncut(*to, *from);
                    self.record(EventKind::Uncut {
                        from: *to,
                        to: *from,
                    });
                }
            }
            Action::Heal => {
                self.net.heal();
                self.record(EventKind::Heal);
            }
            Action::Drop(f) => {
                for id in self.matching(f) {
                    if let Some(e) = self.net.drop_message(id, self.now, DropReason::User) {
                        self.record_drop(e.from, e.to, &e.msg, e.id, DropReason::User);
                    }
                }
            }
            Action::Duplicate(f) => {
                for id in self.matching(f) {
                    if let Some((copy, at)) = self.net.duplicate_message(id, self.now) {
                        self.schedule_delivery(copy, at);
                        if let Some(e) = self.net.get(id) {
                            let (from, to, msg, term) =
                                (e.from, e.to, e.msg.kind().name(), e.msg.term());
                            self.record(EventKind::Duplicate {
                                from,
                                to,
                                msg,
                                term,
                                id,
                                copy,
                            });
                        }
                    }
                }
            }
            Action::Deliver(f) => {
                for id in self.matching(f) {
                    if let Some(at) = self.net.hasten(id, self.now) {
                        self.schedule_delivery(id, at);
                    }
                }
            }
            Action::SetNetwork(net) => {
                self.cfg.net = net.clone();
                self.net.set_config(net.clone());
                self.record(EventKind::Configure {
                    what: "network".into(),
                });
            }
            Action::SetLinkLatency { from, to, range } => {
                self.net.set_link_latency(*from, *to, *range);
                self.record(EventKind::Configure {
                    what: format!("latency {from}→{to}"),
                });
            }
            Action::SetRaft(raft) => {
                self.cfg.raft = (**raft).clone();
                self.record(EventKind::Configure {
                    what: "raft".into(),
                });
            }
            Action::SetWorkload(w) => {
                self.cfg.workload = w.clone();
                self.record(EventKind::Configure {
                    what: "workload".into(),
                });
                self.start_workload();
            }
            Action::Transfer(r) => {
                let Some(to) = self.resolve_or_skip(*r, &action) else {
                    return;
                };
                let Some(leader) = self.leader() else {
                    return self.skip(&action, "there is no leader right now");
                };
                let raft = self.cfg.raft.clone();
                self.nodes[leader.index()].transfer_leadership(self.now, to, &raft);
                self.flush(leader);
            }
        }
    }

    fn crash(&mut self, id: NodeId, action: &Action) {
        if self.health[id.index()] == Health::Down {
            return self.skip(action, "the server is already down");
        }
        self.health[id.index()] = Health::Down;
        self.nodes[id.index()].crash();
        self.disarm_all(id);
        self.drop_held(id);
        self.observe(EventKind::Crash { node: id });
        for e in self.net.drop_all_to(id, self.now) {
            self.record_drop(e.from, e.to, &e.msg, e.id, DropReason::NodeDown);
        }
    }

    /// Ids of in-flight messages matching `f`, in send order.
    fn matching(&self, f: &MsgFilter) -> Vec<MsgId> {
        self.net
            .in_flight()
            .filter(|e| f.matches(e.id, Message::kind(&e.msg), e.from, e.to))
            .map(|e| e.id)
            .collect()
    }
}
