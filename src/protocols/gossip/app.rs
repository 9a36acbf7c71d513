//! Gossip's side of the lab's controller: what a click on a node does (start
//! a rumor, or crash and restart), the key new rumors set, the rumor on
//! show, the layout, and settings from the form.

use super::form::{FormError, GossipForm};
use super::{Action, Gossip, GossipConfig, Mode, RumorId, SpreadConfig};
use crate::app::controller::{Controller, Level, Notice, View};
use crate::app::scenario_io::INTERACTIVE_STOP;
use crate::app::{Command, Selection};
use crate::msg;
use crate::net::NetAction;
use crate::protocol::Scenario;
use crate::protocols::gossip::layout::Layout;
use crate::sim::NodeId;

/// What a click on a node does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tool {
    /// The node sets the rumor key to a new value and starts spreading it.
    #[default]
    Rumor,
    /// The node crashes, or restarts if it is down.
    Crash,
}

/// What only a gossip view asks of its lab.
#[derive(Clone, Debug, PartialEq)]
pub enum GossipCommand {
    SetTool(Tool),
    SetLayout(Layout),
    /// The key new rumors set.
    SetKey(String),
    /// A click on a node: whatever the tool does.
    Click(NodeId),
    StartRumor(NodeId),
    /// The rumor the canvas and the chart show.
    ShowRumor(RumorId),
    /// New settings from the form.
    Apply(GossipForm),
}

/// What the gossip view keeps between commands.
#[derive(Clone, Debug, PartialEq)]
pub struct GossipView {
    pub tool: Tool,
    pub layout: Layout,
    pub key: String,
    /// The rumor picked for show (else the latest).
    pub shown: Option<RumorId>,
    pub form_errors: Vec<FormError>,
}

impl Default for GossipView {
    fn default() -> Self {
        GossipView {
            tool: Tool::Rumor,
            layout: Layout::Ring,
            key: "x".into(),
            shown: None,
            form_errors: Vec::new(),
        }
    }
}

/// The settings a fresh gossip view starts with.
pub fn default_config() -> GossipConfig {
    GossipConfig {
        nodes: 60,
        spare: 0,
        spread: SpreadConfig {
            mode: Mode::Push,
            ..SpreadConfig::default()
        },
        ..GossipConfig::default()
    }
}

/// The run a fresh gossip page shows.
pub fn default_scenario() -> Scenario<Gossip> {
    Scenario {
        setup: default_config(),
        stop: INTERACTIVE_STOP,
        ..Scenario::default()
    }
}

fn start_rumor(c: &mut Controller<Gossip>, id: NodeId) {
    let value = (c.world().rumors().len() + 1).to_string();
    let key = c.view().key.clone();
    c.act(Action::StartRumor {
        node: id,
        key: key.into(),
        value: value.into(),
    });
    c.view_mut().shown = None;
}

/// Settings from the form: a new node count starts over; other changes
/// apply from now on, as actions of the run.
fn apply(c: &mut Controller<Gossip>, form: &GossipForm) {
    let current = c.world().config().clone();
    let cfg = match form.to_config(&current) {
        Ok(cfg) => cfg,
        Err(errors) => {
            c.view_mut().form_errors = errors;
            return;
        }
    };
    c.view_mut().form_errors.clear();
    if cfg.nodes != current.nodes {
        let mut s = c.fresh();
        s.setup = cfg;
        return c.restart_with(s);
    }
    if cfg.net != current.net {
        c.act(NetAction::SetNetwork(cfg.net.clone()).into());
    }
    if cfg.spread != current.spread {
        c.act(Action::SetSpread(cfg.spread.clone()));
    }
    if cfg.swim != current.swim {
        c.act(Action::SetSwim(cfg.swim.clone()));
    }
}

/// Most engine events processed in one frame: a round of 2,000 nodes takes
/// several frames rather than one long one.
pub const FRAME_EVENT_BUDGET: u64 = 2_500;

impl View for Gossip {
    type Command = GossipCommand;
    type ViewState = GossipView;
    const FRAME_EVENT_BUDGET: u64 = FRAME_EVENT_BUDGET;
    /// A 200 ms round takes a second.
    const DEFAULT_SPEED: f64 = 0.2;

    fn handle(c: &mut Controller<Gossip>, cmd: GossipCommand) {
        match cmd {
            GossipCommand::SetTool(t) => c.view_mut().tool = t,
            GossipCommand::SetLayout(l) => c.view_mut().layout = l,
            GossipCommand::SetKey(k) => {
                if crate::scenario::valid_key(&k) {
                    c.view_mut().key = k;
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
            GossipCommand::Click(id) if c.node_ok(id) => {
                c.handle(Command::Select(Selection::Node(id)));
                match c.view().tool {
                    Tool::Rumor => start_rumor(c, id),
                    Tool::Crash => c.handle(Command::CrashOrRestart(id)),
                }
            }
            GossipCommand::StartRumor(id) if c.node_ok(id) => start_rumor(c, id),
            GossipCommand::Click(id) | GossipCommand::StartRumor(id) => {
                let (n, s) = (c.world().node_count(), id.0);
                c.notify(Notice::new(
                    Level::Error,
                    msg!(
                        "There is no node S{s}: nodes are S1 to S{n}.",
                        "没有节点 S{s}：节点为 S1 到 S{n}。"
                    ),
                ));
            }
            GossipCommand::ShowRumor(r) => c.view_mut().shown = Some(r),
            GossipCommand::Apply(form) => apply(c, &form),
        }
    }

    fn keeps_lesson(cmd: &GossipCommand) -> bool {
        matches!(
            cmd,
            GossipCommand::SetTool(_) | GossipCommand::SetLayout(_) | GossipCommand::ShowRumor(_)
        )
    }
}

impl Controller<Gossip> {
    /// The rumor on show: the one picked, else the latest.
    pub fn shown_rumor(&self) -> Option<RumorId> {
        let count = self.world().rumors().len();
        match self.view().shown {
            Some(r) if r.index() < count => Some(r),
            _ => (count > 0).then(|| RumorId::from_index(count - 1)),
        }
    }
}
