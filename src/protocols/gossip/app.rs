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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::controller::tests::{assert_bilingual, assert_notice, lesson, open};
    use crate::app::keys::{Intent, Mods, intent, shortcuts};
    use crate::lang::Lang;
    use crate::lesson::Phase;
    use crate::net::Health;
    use crate::protocols::gossip::form::Field;
    use crate::protocols::gossip::{MemberState, RumorState};
    use crate::sim::SimTime;

    fn ctrl(nodes: usize) -> Controller<Gossip> {
        let mut c = Controller::new(&Scenario {
            setup: GossipConfig {
                nodes,
                ..default_config()
            },
            stop: INTERACTIVE_STOP,
            ..Scenario::default()
        });
        c.handle(Command::SetSpeed(1.0));
        c
    }

    fn gossip(c: &mut Controller<Gossip>, cmd: GossipCommand) {
        c.handle(Command::Protocol(cmd));
    }

    fn play(c: &mut Controller<Gossip>, real_ms: f64) {
        c.handle(Command::Play);
        let mut left = real_ms;
        while left > 0.0 {
            c.tick(16.0);
            left -= 16.0;
        }
    }

    fn everyone_knows(c: &Controller<Gossip>) -> bool {
        let w = c.world();
        let r = c.shown_rumor().expect("a rumor");
        w.rumor_stats(r).informed as usize == w.live_count()
    }

    #[test]
    fn a_click_starts_a_rumor_that_reaches_every_node() {
        let mut c = ctrl(60);
        gossip(&mut c, GossipCommand::Click(NodeId(5)));
        assert_eq!(c.selected_node(), Some(NodeId(5)));
        let r = c.shown_rumor().unwrap();
        assert_eq!(c.world().rumor(r).origin, NodeId(5));
        assert_eq!(&*c.world().rumor(r).key, "x");
        assert_eq!(c.world().rumor_state(NodeId(5), r), RumorState::Spreading);
        play(&mut c, 6_000.0);
        assert!(everyone_knows(&c));
    }

    #[test]
    fn the_crash_tool_crashes_and_restarts_and_swim_notices() {
        let mut c = ctrl(30);
        let form = GossipForm {
            swim: true,
            ..GossipForm::from_config(c.world().config())
        };
        gossip(&mut c, GossipCommand::Apply(form));
        assert!(c.world().config().swim.enabled);
        gossip(&mut c, GossipCommand::SetTool(Tool::Crash));
        gossip(&mut c, GossipCommand::Click(NodeId(9)));
        assert_eq!(c.world().health(NodeId(9)), Health::Down);
        play(&mut c, 15_000.0);
        assert_eq!(c.world().opinion(NodeId(9)).worst(), MemberState::Dead);
        gossip(&mut c, GossipCommand::Click(NodeId(9)));
        assert_eq!(c.world().health(NodeId(9)), Health::Up);
        assert!(
            c.world().rumors().is_empty(),
            "the crash tool starts no rumor"
        );
    }

    #[test]
    fn a_partition_stops_the_spread_and_healing_lets_it_converge() {
        let mut c = ctrl(40);
        let left: Vec<NodeId> = NodeId::all(20).collect();
        let right: Vec<NodeId> = (21..=40).map(NodeId).collect();
        c.handle(Command::Partition(vec![left, right]));
        gossip(&mut c, GossipCommand::StartRumor(NodeId(1)));
        play(&mut c, 8_000.0);
        let r = c.shown_rumor().unwrap();
        assert_eq!(
            c.world().rumor_stats(r).informed,
            20,
            "only the left side knows"
        );
        c.handle(Command::Heal);
        play(&mut c, 8_000.0);
        assert!(everyone_knows(&c));
    }

    #[test]
    fn bad_settings_are_refused_with_the_field_and_range() {
        let mut c = ctrl(20);
        let form = GossipForm {
            fanout: "50".into(),
            loss: "1.5".into(),
            ..GossipForm::from_config(c.world().config())
        };
        gossip(&mut c, GossipCommand::Apply(form));
        let errors = &c.view().form_errors;
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::Fanout, Field::Loss]);
        assert!(errors[0].en.contains("between 1 and 19"), "{errors:?}");
        for e in errors {
            assert_bilingual(&e.en, &e.zh);
        }
        assert_eq!(c.world().config().spread.fanout, 1, "nothing changed");
        let big = GossipForm {
            nodes: "2001".into(),
            ..GossipForm::from_config(c.world().config())
        };
        gossip(&mut c, GossipCommand::Apply(big));
        assert!(c.view().form_errors[0].en.contains("between 1 and 2000"));
        assert_eq!(c.world().node_count(), 20);
        let fine = GossipForm::from_config(c.world().config());
        gossip(&mut c, GossipCommand::Apply(fine));
        assert!(c.view().form_errors.is_empty(), "a good form clears them");
    }

    #[test]
    fn new_settings_apply_from_now_on_and_a_new_count_starts_over() {
        let mut c = ctrl(20);
        play(&mut c, 500.0);
        let form = GossipForm {
            fanout: "3".into(),
            mode: Mode::PushPull,
            ..GossipForm::from_config(c.world().config())
        };
        gossip(&mut c, GossipCommand::Apply(form.clone()));
        assert!(c.view().form_errors.is_empty());
        assert_eq!(c.world().config().spread.fanout, 3);
        assert!(c.lab().now() > SimTime::ZERO, "the run goes on");
        gossip(
            &mut c,
            GossipCommand::Apply(GossipForm {
                nodes: "2000".into(),
                ..form
            }),
        );
        assert_eq!(c.world().node_count(), 2000);
        assert_eq!(c.lab().now(), SimTime::ZERO);
        assert_eq!(c.world().config().spread.fanout, 3, "the new settings stay");
    }

    /// A new server count keeps the settings valid: a fan-out beyond the
    /// smaller cluster is brought within it rather than starting a
    /// fallback world.
    #[test]
    fn a_smaller_cluster_keeps_its_fanout_within_it() {
        let mut c = ctrl(20);
        let form = GossipForm {
            fanout: "4".into(),
            ..GossipForm::from_config(c.world().config())
        };
        gossip(&mut c, GossipCommand::Apply(form));
        c.handle(Command::SetNodes(3));
        assert_eq!(c.world().node_count(), 3);
        assert_eq!(c.world().config().spread.fanout, 2);
    }

    #[test]
    fn a_frame_does_bounded_work_at_two_thousand_nodes() {
        let mut c = ctrl(2000);
        gossip(&mut c, GossipCommand::StartRumor(NodeId(1)));
        c.handle(Command::Play);
        let mut frames = 0;
        while !everyone_knows(&c) && frames < 10_000 {
            let before = c.world().counters().events;
            c.tick(16.0);
            assert!(c.world().counters().events - before <= FRAME_EVENT_BUDGET + 1);
            frames += 1;
        }
        assert!(everyone_knows(&c));
    }

    #[test]
    fn nodes_outside_the_cluster_are_refused_without_a_panic() {
        let mut c = ctrl(10);
        gossip(&mut c, GossipCommand::Click(NodeId(11)));
        let n = assert_notice(&c, Level::Error);
        assert!(n.text.en.contains("S1 to S10"), "{n:?}");
        gossip(&mut c, GossipCommand::Click(NodeId(0)));
        assert_notice(&c, Level::Error);
        gossip(&mut c, GossipCommand::StartRumor(NodeId(11)));
        assert_notice(&c, Level::Error);
        c.handle(Command::Partition(vec![vec![NodeId(1), NodeId(1)]]));
        c.handle(Command::Partition(vec![vec![NodeId(1)], vec![NodeId(11)]]));
        c.handle(Command::CrashOrRestart(NodeId(11)));
        assert!(c.world().rumors().is_empty());
        assert_eq!(
            c.world().network().groups()[0],
            c.world().network().groups()[1]
        );
        assert!(c.lab().scenario().script.is_empty(), "nothing was acted");
    }

    /// Every refusal of a gossip command is written in both languages.
    #[test]
    fn refusals_say_why_in_both_languages() {
        let mut c = ctrl(10);
        for key in ["", "two words", "ключ", &"k".repeat(33)] {
            gossip(&mut c, GossipCommand::SetKey(key.to_string()));
            assert_notice(&c, Level::Error);
        }
        assert_eq!(c.view().key, "x", "the key stays");
        gossip(&mut c, GossipCommand::SetKey("color".into()));
        gossip(&mut c, GossipCommand::StartRumor(NodeId(2)));
        assert_eq!(&*c.world().rumor(c.shown_rumor().unwrap()).key, "color");
        gossip(&mut c, GossipCommand::StartRumor(NodeId(12)));
        assert_notice(&c, Level::Error);
    }

    /// A lesson pauses at its steps and the learner can take over. (The Raft
    /// run this lesson shows beside is the page's to play, on the same
    /// clock; tests/gossip_lessons.rs checks it. An unknown lesson id is the
    /// page's to answer too; an unknown variant is the controller's.)
    #[test]
    fn a_lesson_pauses_at_its_steps_and_the_learner_can_take_over() {
        let vs_raft = lesson::<Gossip>(include_str!("../../../static/lessons/gossip-vs-raft.json"));
        let beside = vs_raft.beside.clone().expect("a Raft run beside");
        assert!(crate::scenario::from_object::<crate::protocols::raft::Raft>(beside).is_ok());
        let mut c = ctrl(10);
        open(&mut c, &vs_raft, None);
        assert_eq!(c.world().node_count(), 12);
        play(&mut c, 3_000.0);
        assert!(matches!(c.lesson().unwrap().phase(), Phase::Paused(0)));
        assert!(!c.playing(), "a step pauses playback");
        c.handle(Command::LessonNext);
        assert!(c.playing());
        play(&mut c, 3_000.0);
        assert!(matches!(c.lesson().unwrap().phase(), Phase::Paused(1)));
        assert!(c.focus().nodes.contains(&NodeId(2)));
        gossip(&mut c, GossipCommand::SetLayout(Layout::Grid));
        assert_eq!(
            c.lesson().unwrap().phase(),
            Phase::Paused(1),
            "a view change"
        );
        c.handle(Command::Heal);
        assert_eq!(c.lesson().unwrap().phase(), Phase::TakenOver(Some(1)));
        open(&mut c, &vs_raft, Some("no-such-variant"));
        let n = assert_notice(&c, Level::Warning);
        assert!(n.text.en.contains("no-such-variant"), "{n:?}");
    }

    #[test]
    fn stepping_back_and_seeking_travel_in_time() {
        let mut c = ctrl(30);
        gossip(&mut c, GossipCommand::StartRumor(NodeId(2)));
        play(&mut c, 2_000.0);
        let later = c.lab().now();
        let informed = c.world().rumor_stats(RumorId(1)).informed;
        c.handle(Command::Seek(SimTime::ZERO));
        assert_eq!(c.lab().now(), SimTime::ZERO);
        c.handle(Command::Seek(later));
        assert_eq!(c.world().rumor_stats(RumorId(1)).informed, informed);
        let events = c.world().counters().events;
        c.handle(Command::StepBack);
        assert_eq!(c.world().counters().events, events - 1);
        assert!(!c.playing());
    }

    /// The gossip view has no keys of its own: the shared ones act, and
    /// neither the leader's key nor the command box is there.
    #[test]
    fn keys_map_to_commands_and_the_help_lists_them() {
        let none = Mods::default();
        let key = |k: &str| intent::<Gossip>(k, none, Selection::None);
        assert!(matches!(key(" "), Some(Intent::Lab(Command::TogglePlay))));
        assert!(matches!(key("h"), Some(Intent::Lab(Command::Heal))));
        assert!(key("q").is_none());
        assert!(key("x").is_none(), "no leader to crash");
        assert!(key("/").is_none(), "no command box");
        assert_eq!(
            shortcuts::<Gossip>(Lang::Zh).len(),
            shortcuts::<Gossip>(Lang::En).len()
        );
    }
}
