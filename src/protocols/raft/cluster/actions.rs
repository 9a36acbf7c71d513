//! Carrying out user actions on the cluster: the shared network and process
//! faults through [`crate::net`], Raft's own actions here.

use super::{Action, Cluster, Health};
use crate::lang::Tag;
use crate::net::{self, NetEvent, NodeRef, skip};
use crate::protocols::raft::trace::{Cause, EventKind};
use crate::protocols::raft::{ClientRequest, Role};
use crate::sim::{DropReason, NodeId};

/// A leader's election timer does not run.
const LEADER_HAS_NO_TIMER: Tag = Tag::new(
    "leader_has_no_timer",
    "a leader has no election timer to expire",
    "领导者没有会超时的选举计时器",
);

impl Cluster {
    /// Resolves a node reference now; `None` when it names no server, or the
    /// leader and there is none.
    pub fn resolve(&self, node: NodeRef) -> Option<NodeId> {
        net::resolve(self, node).ok()
    }

    fn skip(&mut self, action: &Action, why: Tag) {
        let action = net::action_text(|l| action.describe(l));
        net::record_skip(self, action, why);
    }

    fn resolve_or_skip(&mut self, node: NodeRef, action: &Action) -> Option<NodeId> {
        match net::resolve(self, node) {
            Ok(id) => Some(id),
            Err(why) => {
                self.skip(action, why);
                None
            }
        }
    }

    /// Target of a client command: the named server, else the leader, else the first live server.
    fn client_target(&self, node: Option<NodeRef>) -> NodeId {
        node.and_then(|n| self.resolve(n))
            .or_else(|| self.leader())
            .or_else(|| NodeId::all(self.cfg.nodes).find(|&n| self.health(n) == Health::Up))
            .unwrap_or(NodeId(1))
    }

    pub(super) fn apply_action(&mut self, action: Action) {
        match &action {
            Action::Net(a) => net::apply(self, a),
            Action::Timeout(r) => {
                let Some(id) = self.resolve_or_skip(*r, &action) else {
                    return;
                };
                if self.health[id.index()] != Health::Up {
                    return self.skip(&action, skip::NOT_RUNNING);
                }
                if self.nodes[id.index()].role() == Role::Leader {
                    return self.skip(&action, LEADER_HAS_NO_TIMER);
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
            Action::SetRaft(raft) => {
                let old = std::mem::replace(&mut self.cfg.raft, (**raft).clone());
                for node in &mut self.nodes {
                    node.reconfigure(self.now, &old, &self.cfg.raft);
                }
                self.record(EventKind::Net(NetEvent::Configure {
                    what: Tag::new("raft", "Raft settings", "Raft 设置"),
                }));
            }
            Action::SetWorkload(w) => {
                self.cfg.workload = w.clone();
                self.record(EventKind::Net(NetEvent::Configure {
                    what: Tag::new("workload", "the workload", "负载"),
                }));
                self.start_workload();
            }
            Action::Transfer(r) => {
                let Some(to) = self.resolve_or_skip(*r, &action) else {
                    return;
                };
                let Some(leader) = self.leader() else {
                    return self.skip(&action, skip::NO_LEADER);
                };
                let raft = self.cfg.raft.clone();
                self.nodes[leader.index()].transfer_leadership(self.now, to, &raft);
                self.flush(leader);
            }
        }
    }

    /// Crashes `id` (the network layer's hook): its volatile state, timers and
    /// held events go, and so do the messages on their way to it.
    pub(super) fn crash_server(&mut self, id: NodeId) -> Result<(), Tag> {
        if self.health[id.index()] == Health::Down {
            return Err(skip::ALREADY_DOWN);
        }
        self.health[id.index()] = Health::Down;
        let was_leader = self.nodes[id.index()].role() == Role::Leader;
        let lost = self.nodes[id.index()].crash();
        self.disarm_all(id);
        self.drop_held(id);
        self.observe(EventKind::Net(NetEvent::Crash { node: id }));
        if let Some(w) = lost {
            self.observe(EventKind::Persist {
                node: id,
                phase: "lost",
                term: w.term,
                voted_for: w.voted_for,
                last_index: w.last_index,
                until: None,
                cause: if was_leader {
                    Cause::LeaderWrite
                } else {
                    Cause::Unstated
                },
            });
        }
        for e in self.net.drop_all_to(id, self.now) {
            self.record_drop(e.from, e.to, &e.msg, e.id, DropReason::NodeDown);
        }
        Ok(())
    }

    /// Restarts `id` from its persistent state (the network layer's hook).
    pub(super) fn restart_server(&mut self, id: NodeId) -> Result<(), Tag> {
        if self.health[id.index()] != Health::Down {
            return Err(skip::ALREADY_RUNNING);
        }
        self.health[id.index()] = Health::Up;
        self.observe(EventKind::Net(NetEvent::Restart { node: id }));
        let raft = self.cfg.raft.clone();
        self.nodes[id.index()].restart(self.now, &raft);
        self.flush(id);
        Ok(())
    }

    pub(super) fn pause_server(&mut self, id: NodeId) -> Result<(), Tag> {
        if self.health[id.index()] != Health::Up {
            return Err(skip::ONLY_RUNNING_PAUSES);
        }
        self.health[id.index()] = Health::Paused;
        self.record(EventKind::Net(NetEvent::Pause { node: id }));
        Ok(())
    }

    pub(super) fn resume_server(&mut self, id: NodeId) -> Result<(), Tag> {
        if self.health[id.index()] != Health::Paused {
            return Err(skip::NOT_PAUSED);
        }
        self.health[id.index()] = Health::Up;
        self.record(EventKind::Net(NetEvent::Resume { node: id }));
        self.release_held(id);
        Ok(())
    }
}
