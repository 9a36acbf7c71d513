//! Raft's side of the lab's controller: the commands only a Raft view has
//! (time a server out, transfer leadership, client commands, settings and
//! workload) and the run a fresh page shows.

use super::cluster::Action;
use super::scenario::{RaftJson, validate_settings};
use super::{Raft, RaftConfig};
use crate::app::controller::{Controller, Level, Notice, View};
use crate::app::keys::Intent;
use crate::app::scenario_io::INTERACTIVE_STOP;
use crate::app::{Command, Selection};
use crate::lang::Lang;
use crate::net::NodeRef;
use crate::protocol::Scenario;
use crate::scenario::{ClientCommand, NetworkJson, parse_command};
use crate::sim::NodeId;
use crate::workload::Workload;

/// What only a Raft view asks of its lab.
#[derive(Clone, Debug, PartialEq)]
pub enum RaftCommand {
    /// Start an election on a server now (§5.2).
    Timeout(NodeId),
    /// Hand leadership to a server (thesis §3.10).
    TransferTo(NodeId),
    /// A client command typed in the command box, sent to `via` (else the leader).
    Client {
        text: String,
        via: Option<NodeId>,
    },
    Settings {
        network: NetworkJson,
        raft: RaftJson,
    },
    Workload(Option<Workload>),
}

/// The run a fresh Raft page shows.
pub fn default_scenario() -> Scenario<Raft> {
    let mut s = Scenario::<Raft> {
        stop: INTERACTIVE_STOP,
        ..Scenario::default()
    };
    s.setup.raft = RaftConfig {
        snapshot_threshold: 200,
        ..RaftConfig::default()
    };
    s
}

/// Most engine events processed in one frame, so a frame never freezes.
pub const FRAME_EVENT_BUDGET: u64 = 20_000;

impl View for Raft {
    type Command = RaftCommand;
    type ViewState = ();
    const FRAME_EVENT_BUDGET: u64 = FRAME_EVENT_BUDGET;
    const DEFAULT_SPEED: f64 = crate::app::speed::DEFAULT_SPEED;

    const KEYS: &'static [(&'static str, &'static str, &'static str)] = &[
        (
            "t",
            "make it time out (start an election)",
            "让它立即超时（发起选举）",
        ),
        ("l", "transfer leadership to it", "把领导权转移给它"),
        ("w  g", "write / read through it", "通过它写入 / 读取"),
        (
            "/",
            "type a client command (set x 5, get x, del x)",
            "输入客户端命令（set x 5、get x、del x）",
        ),
    ];

    fn key(key: &str, selection: Selection) -> Option<Intent<Raft>> {
        let cmd = |c| Some(Intent::Lab(Command::Protocol(c)));
        match (key, selection) {
            ("/", _) => Some(Intent::CommandBox("")),
            ("t", Selection::Node(id)) => cmd(RaftCommand::Timeout(id)),
            ("l", Selection::Node(id)) => cmd(RaftCommand::TransferTo(id)),
            ("w", Selection::Node(_)) => Some(Intent::CommandBox("set ")),
            ("g", Selection::Node(_)) => Some(Intent::CommandBox("get ")),
            _ => None,
        }
    }

    fn handle(c: &mut Controller<Raft>, cmd: RaftCommand) {
        match cmd {
            RaftCommand::Timeout(id) if c.node_ok(id) => c.act(Action::Timeout(NodeRef::Id(id))),
            RaftCommand::TransferTo(id) if c.node_ok(id) => {
                c.act(Action::Transfer(NodeRef::Id(id)))
            }
            RaftCommand::Client { text, via } => match parse_command(&text) {
                Ok(cmd) => {
                    let node = via.filter(|id| c.node_ok(*id)).map(NodeRef::Id);
                    let action = match cmd {
                        ClientCommand::Write(op) => Action::Propose { node, op },
                        ClientCommand::Read(key) => Action::Read { node, key },
                    };
                    c.act(action);
                }
                Err(e) => c.notify(Notice::new(Level::Error, e.text())),
            },
            RaftCommand::Settings { network, raft } => match validate_settings(&network, &raft) {
                Ok((net, raft_cfg)) => {
                    if net != c.world().config().net {
                        c.act(crate::net::NetAction::SetNetwork(net).into());
                    }
                    if raft_cfg != c.world().config().raft {
                        c.act(Action::SetRaft(Box::new(raft_cfg)));
                    }
                }
                Err(e) => {
                    let text = crate::lang::Text::owned(e.describe(Lang::En), e.describe(Lang::Zh));
                    c.notify(Notice::new(Level::Error, text));
                }
            },
            RaftCommand::Workload(w) => c.act(Action::SetWorkload(w)),
            RaftCommand::Timeout(_) | RaftCommand::TransferTo(_) => {}
        }
    }
}

impl Controller<Raft> {
    /// The role of the selected server, if a server is selected.
    pub fn selected_role(&self) -> Option<super::Role> {
        match self.selection() {
            Selection::Node(id) if self.node_ok(id) => Some(self.world().node(id).role()),
            _ => None,
        }
    }
}
