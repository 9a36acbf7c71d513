//! Carrying out user actions on the cluster: the shared network and process
//! faults through [`crate::net`], client operations here, and what crashing
//! and restarting a server means (the network layer's hooks).

use super::event::EventKind;
use super::node::{ClientOp, Ctx};
use super::world::NwrWorld;
use super::{Action, Health};
use crate::lang::Tag;
use crate::net::{self, NetEvent, skip};
use crate::sim::{DropReason, NodeId};

impl NwrWorld {
    pub(super) fn apply_action(&mut self, action: Action) {
        match action {
            Action::Net(a) => net::apply(self, &a),
            Action::Put { node, key, value } => {
                let node = self.coordinator(node, &key);
                self.issue_one_off(key, ClientOp::Put(value), node);
            }
            Action::Get { node, key } => {
                let node = self.coordinator(node, &key);
                self.issue_one_off(key, ClientOp::Get, node);
            }
        }
    }

    /// The server named, if it is one, else the default for `key`.
    fn coordinator(&self, node: Option<NodeId>, key: &str) -> NodeId {
        node.filter(|n| n.0 >= 1 && n.index() < self.setup.nodes)
            .unwrap_or_else(|| self.default_coordinator(key))
    }

    /// Crashes `id`: its requests in progress go, and so do the messages on
    /// their way to it; what it stored stays.
    pub(super) fn crash_server(&mut self, id: NodeId) -> Result<(), Tag> {
        if self.health[id.index()] == Health::Down {
            return Err(skip::ALREADY_DOWN);
        }
        self.health[id.index()] = Health::Down;
        self.nodes[id.index()].crash();
        self.record(EventKind::Net(NetEvent::Crash { node: id }));
        for e in self.net.drop_all_to(id, self.now) {
            self.record_drop(&e, DropReason::NodeDown);
        }
        Ok(())
    }

    /// Restarts `id` from what it stored.
    pub(super) fn restart_server(&mut self, id: NodeId) -> Result<(), Tag> {
        if self.health[id.index()] != Health::Down {
            return Err(skip::ALREADY_RUNNING);
        }
        self.health[id.index()] = Health::Up;
        self.record(EventKind::Net(NetEvent::Restart { node: id }));
        let cx = Ctx {
            cfg: &self.setup.nwr,
            ring: self.ring,
            now: self.now,
        };
        self.nodes[id.index()].restart(&cx);
        self.flush(id);
        Ok(())
    }
}
