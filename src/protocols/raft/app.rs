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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::controller::tests::{assert_notice, ctrl, run};
    use crate::protocols::raft::Role;
    use crate::protocols::raft::scenario::raft_json;
    use crate::scenario::common::network_json;

    fn client(c: &mut Controller<Raft>, text: &str) {
        c.handle(Command::Protocol(RaftCommand::Client {
            text: text.into(),
            via: None,
        }));
    }

    fn actions(c: &Controller<Raft>) -> usize {
        c.lab().scenario().script.len()
    }

    #[test]
    fn commands_that_do_not_parse_send_nothing_and_say_why() {
        let mut c = ctrl();
        run(&mut c, 1000.0);
        let before = actions(&c);
        client(&mut c, "sett x 5");
        assert_eq!(actions(&c), before);
        let n = assert_notice(&c, Level::Error);
        assert!(n.text(Lang::Zh).contains("未知命令"), "{n:?}");
        client(&mut c, "set x 5");
        assert_eq!(actions(&c), before + 1);
        run(&mut c, 500.0);
        let leader = c.world().leader().unwrap();
        assert_eq!(
            c.world().node(leader).state().get("x").map(|v| &**v),
            Some("5")
        );
    }

    #[test]
    fn settings_out_of_range_are_refused_with_the_range() {
        let mut c = ctrl();
        let mut net = network_json(&c.world().config().net);
        let raft = raft_json(&c.world().config().raft);
        net.loss = Some(2.0);
        c.handle(Command::Protocol(RaftCommand::Settings {
            network: net.clone(),
            raft: raft.clone(),
        }));
        let n = assert_notice(&c, Level::Error);
        assert!(
            n.text.en.contains("network.loss: must be between 0 and 1"),
            "{}",
            n.text.en
        );
        assert_eq!(c.world().config().net.loss, 0.0);
        assert_eq!(actions(&c), 0, "nothing was acted");
        net.loss = Some(0.1);
        c.handle(Command::Protocol(RaftCommand::Settings {
            network: net,
            raft,
        }));
        assert_eq!(c.world().config().net.loss, 0.1);
    }

    /// Starting over (reset, a new seed, a new server count) keeps the
    /// settings as they are now, changes made on the way included.
    #[test]
    fn starting_over_keeps_the_settings_changed_on_the_way() {
        let mut c = ctrl();
        run(&mut c, 500.0);
        let net = NetworkJson {
            loss: Some(0.1),
            ..network_json(&c.world().config().net)
        };
        let raft = RaftJson {
            heartbeat_ms: Some(70.0),
            ..raft_json(&c.world().config().raft)
        };
        c.handle(Command::Protocol(RaftCommand::Settings {
            network: net,
            raft,
        }));
        c.handle(Command::Protocol(RaftCommand::Workload(Some(
            Workload::default(),
        ))));
        let changed = c.world().config().clone();
        for cmd in [Command::Reset, Command::NewSeed(7), Command::SetNodes(3)] {
            c.handle(cmd);
            assert_eq!(c.lab().now(), crate::sim::SimTime::ZERO);
            assert!(c.lab().scenario().script.is_empty());
            let now = c.world().config();
            assert_eq!(now.net.loss, 0.1);
            assert_eq!(now.raft, changed.raft);
            assert_eq!(now.workload, changed.workload);
        }
        assert_eq!((c.world().config().seed, c.world().config().nodes), (7, 3));
    }

    /// Every refusal of a Raft command is written in both languages.
    #[test]
    fn refusals_say_why_in_both_languages() {
        let mut c = ctrl();
        for text in ["", "sett x 5", "set", "set x", "set x 5 6", "get !!", "del"] {
            client(&mut c, text);
            assert_notice(&c, Level::Error);
        }
        let raft = RaftJson {
            heartbeat_ms: Some(-1.0),
            read_mode: Some("psychic".into()),
            ..raft_json(&c.world().config().raft)
        };
        c.handle(Command::Protocol(RaftCommand::Settings {
            network: network_json(&c.world().config().net),
            raft,
        }));
        let n = assert_notice(&c, Level::Error);
        assert!(n.text.en.contains("raft.heartbeat_ms"), "{n:?}");
        assert_eq!(actions(&c), 0);
    }

    #[test]
    fn a_server_times_out_or_takes_the_lead_only_if_it_exists() {
        let mut c = ctrl();
        c.handle(Command::Protocol(RaftCommand::Timeout(NodeId(3))));
        assert_eq!(c.world().node(NodeId(3)).role(), Role::Candidate);
        run(&mut c, 1000.0);
        c.handle(Command::Pause);
        assert_eq!(c.world().leader(), Some(NodeId(3)));
        c.handle(Command::Select(Selection::Node(NodeId(4))));
        assert_eq!(c.selected_role(), Some(Role::Follower));
        let before = actions(&c);
        for id in [0, 6] {
            c.handle(Command::Protocol(RaftCommand::Timeout(NodeId(id))));
            c.handle(Command::Protocol(RaftCommand::TransferTo(NodeId(id))));
        }
        assert_eq!(actions(&c), before, "no server there: nothing is acted");
        c.handle(Command::Protocol(RaftCommand::TransferTo(NodeId(4))));
        run(&mut c, 1000.0);
        assert_eq!(c.world().leader(), Some(NodeId(4)));
    }
}
