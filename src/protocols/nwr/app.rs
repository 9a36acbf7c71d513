//! Quorum NWR's side of the lab's controller: client commands typed in the
//! command box (`put k v`, `get k`), the key the canvas shows, settings from
//! the form (which start the run over), and the run a fresh page shows.

use super::config::NwrConfig;
use super::{Action, Nwr};
use crate::app::controller::{Controller, Level, Notice, View};
use crate::app::keys::Intent;
use crate::app::scenario_io::INTERACTIVE_STOP;
use crate::app::{Selection, speed};
use crate::lang::Text;
use crate::msg;
use crate::protocol::Scenario;
use crate::protocols::raft::KvOp;
use crate::scenario::{ClientCommand, parse_command};
use crate::sim::NodeId;
use std::sync::Arc;

/// What only a Quorum NWR view asks of its lab.
#[derive(Clone, Debug, PartialEq)]
pub enum NwrCommand {
    /// A client command typed in the command box, coordinated by `via`
    /// (else the key's first live replica).
    Client { text: String, via: Option<NodeId> },
    /// The key the canvas shows (an empty text: the latest a client used).
    ShowKey(String),
    /// New settings from the form: the run starts over with them.
    Apply(NwrConfig),
}

/// What the Quorum NWR view keeps between commands.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NwrView {
    /// The key picked for show (else the latest a client used).
    pub key: Option<Arc<str>>,
}

/// The run a fresh Quorum NWR page shows: five servers, three replicas per
/// key, majorities for W and R, no workload.
pub fn default_scenario() -> Scenario<Nwr> {
    Scenario {
        stop: INTERACTIVE_STOP,
        ..Scenario::default()
    }
}

/// Reads a command of the command box: `put k v` (or `set k v`) and `get k`.
/// A Quorum NWR store keeps whole values, so `append` and `del` are refused.
pub fn parse_client(text: &str) -> Result<Action, Text> {
    match parse_command(text).map_err(|e| e.text())? {
        ClientCommand::Write(KvOp::Set { key, value }) => Ok(Action::Put {
            node: None,
            key,
            value,
        }),
        ClientCommand::Read(key) => Ok(Action::Get { node: None, key }),
        ClientCommand::Write(_) => Err(msg!(
            "Quorum NWR stores whole values: use put k v or get k.",
            "Quorum NWR 只存整个值：请用 put k v 或 get k。"
        )),
    }
}

/// The action of a client command coordinated by `via`.
fn through(action: Action, via: Option<NodeId>) -> Action {
    match action {
        Action::Put { key, value, .. } => Action::Put {
            node: via,
            key,
            value,
        },
        Action::Get { key, .. } => Action::Get { node: via, key },
        other => other,
    }
}

/// Most engine events processed in one frame, so a frame never freezes.
pub const FRAME_EVENT_BUDGET: u64 = 20_000;

impl View for Nwr {
    type Command = NwrCommand;
    type ViewState = NwrView;
    const FRAME_EVENT_BUDGET: u64 = FRAME_EVENT_BUDGET;
    /// Messages take 5–15 ms: a request and its replies take about a second.
    const DEFAULT_SPEED: f64 = speed::DEFAULT_SPEED;

    const KEYS: &'static [(&'static str, &'static str, &'static str)] = &[
        ("w  g", "write / read through it", "通过它写入 / 读取"),
        (
            "/",
            "type a client command (put x 5, get x)",
            "输入客户端命令（put x 5、get x）",
        ),
    ];

    fn key(key: &str, selection: Selection) -> Option<Intent<Nwr>> {
        match (key, selection) {
            ("/", _) => Some(Intent::CommandBox("")),
            ("w", Selection::Node(_)) => Some(Intent::CommandBox("put ")),
            ("g", Selection::Node(_)) => Some(Intent::CommandBox("get ")),
            _ => None,
        }
    }

    fn handle(c: &mut Controller<Nwr>, cmd: NwrCommand) {
        match cmd {
            NwrCommand::Client { text, via } => match parse_client(&text) {
                Ok(action) => {
                    let via = via.filter(|id| c.node_ok(*id));
                    if let Action::Put { key, .. } | Action::Get { key, .. } = &action {
                        c.view_mut().key = Some(key.clone());
                    }
                    c.act(through(action, via));
                }
                Err(text) => c.notify(Notice::new(Level::Error, text)),
            },
            NwrCommand::ShowKey(k) => {
                let k = k.trim();
                if k.is_empty() {
                    c.view_mut().key = None;
                } else if crate::scenario::valid_key(k) {
                    c.view_mut().key = Some(k.into());
                } else {
                    c.notify(Notice::new(
                        Level::Error,
                        msg!(
                            "A key is 1 to 32 letters, digits or _ - . : — not {k:?}.",
                            "键须为 1 到 32 个字母、数字或 _ - . : ——而不是 {k:?}。"
                        ),
                    ));
                }
            }
            NwrCommand::Apply(cfg) => {
                let nodes = c.world().setup().nodes;
                if let Some(e) = cfg.problems(nodes).into_iter().next() {
                    let (path, m) = (e.field, e.message);
                    let text =
                        Text::owned(format!("{path}: {}", m.en), format!("{path}：{}", m.zh));
                    return c.notify(Notice::new(Level::Error, text));
                }
                if cfg == c.world().setup().nwr {
                    return;
                }
                let mut s = c.fresh();
                s.setup.nwr = cfg;
                c.restart_with(s);
                c.notify(Notice::new(
                    Level::Info,
                    msg!(
                        "New quorum settings: the run starts over with them.",
                        "新的法定人数设置：运行已按它们重新开始。"
                    ),
                ));
            }
        }
    }

    fn keeps_lesson(cmd: &NwrCommand) -> bool {
        matches!(cmd, NwrCommand::ShowKey(_))
    }
}

impl Controller<Nwr> {
    /// The key the canvas shows: the one picked, else the latest a client used.
    pub fn shown_key(&self) -> Option<Arc<str>> {
        self.view()
            .key
            .clone()
            .or_else(|| super::scene::default_key(self.world()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Command;
    use crate::app::controller::tests::assert_bilingual;
    use crate::sim::SimTime;

    fn ctrl() -> Controller<Nwr> {
        let mut c = Controller::new(&default_scenario());
        c.handle(Command::SetSpeed(1.0));
        c
    }

    fn nwr(c: &mut Controller<Nwr>, cmd: NwrCommand) {
        c.handle(Command::Protocol(cmd));
    }

    fn play(c: &mut Controller<Nwr>, real_ms: f64) {
        c.handle(Command::Play);
        let mut left = real_ms;
        while left > 0.0 {
            c.tick(16.0);
            left -= 16.0;
        }
    }

    #[test]
    fn a_put_then_a_get_reads_the_value() {
        let mut c = ctrl();
        nwr(&mut c, client_cmd("put x 5", None));
        play(&mut c, 300.0);
        nwr(&mut c, client_cmd("get x", Some(NodeId(4))));
        play(&mut c, 300.0);
        assert_eq!(c.world().clients().ok(), 2);
        assert_eq!(c.shown_key().as_deref(), Some("x"));
        let got: Vec<_> = c
            .lab()
            .notable_events()
            .iter()
            .filter_map(|e| match &e.kind {
                super::super::EventKind::Client(ev) if ev.op == "get" => ev.result.clone(),
                _ => None,
            })
            .collect();
        assert_eq!(got, [Arc::from("5")]);
        assert!(c.world().now() > SimTime::ZERO);
    }

    fn client_cmd(text: &str, via: Option<NodeId>) -> NwrCommand {
        NwrCommand::Client {
            text: text.into(),
            via,
        }
    }

    #[test]
    fn bad_commands_and_keys_are_refused_in_both_languages() {
        let mut c = ctrl();
        for text in ["append x 1", "del x", "put x", "jump", "", "put x 1 2"] {
            nwr(&mut c, client_cmd(text, None));
            let n = c.notice().cloned().expect("a notice");
            assert_eq!(n.level, Level::Error, "{text}");
            assert_bilingual(&n.text.en, &n.text.zh);
        }
        assert_eq!(c.world().clients().pending().len(), 0);
        nwr(&mut c, NwrCommand::ShowKey("a b".into()));
        let t = c.notice().unwrap().text.clone();
        assert_bilingual(&t.en, &t.zh);
        nwr(&mut c, NwrCommand::ShowKey("y".into()));
        assert_eq!(c.shown_key().as_deref(), Some("y"));
    }

    #[test]
    fn a_coordinator_out_of_range_leaves_the_choice_to_the_ring() {
        let mut c = ctrl();
        nwr(&mut c, client_cmd("put x 1", Some(NodeId(42))));
        assert_eq!(c.world().clients().pending().len(), 1);
    }

    #[test]
    fn settings_start_over_and_refuse_w_above_n() {
        let mut c = ctrl();
        nwr(&mut c, client_cmd("put x 1", None));
        play(&mut c, 200.0);
        let mut cfg = c.world().setup().nwr.clone();
        cfg.w = 4;
        nwr(&mut c, NwrCommand::Apply(cfg.clone()));
        let n = c.notice().cloned().unwrap();
        assert_eq!(n.level, Level::Error);
        assert!(n.text.en.contains("nwr.w") && n.text.en.contains("n = 3"));
        assert_bilingual(&n.text.en, &n.text.zh);
        assert_eq!(c.world().setup().nwr.w, 2);
        cfg.w = 3;
        cfg.r = 1;
        cfg.two_phase_writes = true;
        nwr(&mut c, NwrCommand::Apply(cfg.clone()));
        assert_eq!(c.world().setup().nwr, cfg);
        assert_eq!(c.world().now(), SimTime::ZERO, "started over");
        assert_eq!(c.world().setup().nodes, 5);
    }
}
