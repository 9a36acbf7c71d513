//! The controller between the page and the lab: it turns user commands into
//! lab actions, plays time forward at the chosen speed, keeps the selection,
//! and reports problems as notices. Pure Rust, so the whole interaction logic
//! is tested natively; the components only render it and send commands.

use super::command::{Command, Selection};
use super::lesson_mode::LessonSession;
use super::speed::{DEFAULT_SPEED, clamp_speed, faster, slower};
use crate::cluster::{Action, Cluster, Health, MAX_NODES, MsgFilter, NodeRef};
use crate::lab::Lab;
use crate::lang::Lang;
use crate::raft::Role;
use crate::scenario::{ClientCommand, Scenario, parse_command, validate_settings};
use crate::sim::{NodeId, SimDuration, SimTime};

/// Most engine events processed in one frame, so a frame never freezes.
pub const FRAME_EVENT_BUDGET: u64 = 20_000;
/// Longest real-time step taken at once (a background tab returning).
pub const MAX_FRAME_MS: f64 = 100.0;
/// Engine events processed per frame while catching up with a link's moment:
/// small enough that the page stays responsive.
pub const CATCH_UP_BUDGET: u64 = 4_000;

mod lessons;
mod travel;

pub use travel::Focus;

/// How a notice looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// A message for the user, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub level: Level,
    pub en: String,
    pub zh: String,
    /// The branch a fork just saved: the notice offers to keep or discard it.
    pub branch: Option<usize>,
}

impl Notice {
    pub fn new(level: Level, en: impl Into<String>, zh: impl Into<String>) -> Self {
        Notice {
            level,
            en: en.into(),
            zh: zh.into(),
            branch: None,
        }
    }
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// The state of one lab session.
#[derive(Clone, Debug)]
pub struct Controller {
    lab: Lab,
    playing: bool,
    speed: f64,
    selection: Selection,
    lang: Lang,
    notice: Option<Notice>,
    rev: u64,
    /// A guided lesson; while it drives the lab, `lab` is not used.
    lesson: Option<LessonSession>,
    /// A moment being caught up with, a frame at a time.
    catch_up: Option<SimTime>,
}

impl Controller {
    pub fn new(scenario: &Scenario) -> Self {
        Controller {
            lab: Lab::new(scenario),
            playing: false,
            speed: DEFAULT_SPEED,
            selection: Selection::None,
            lang: Lang::En,
            notice: None,
            rev: 0,
            lesson: None,
            catch_up: None,
        }
    }

    /// The lab shown: the lesson's while a lesson drives it.
    pub fn lab(&self) -> &Lab {
        self.lesson
            .as_ref()
            .and_then(LessonSession::lab)
            .unwrap_or(&self.lab)
    }
    pub fn cluster(&self) -> &Cluster {
        self.lab().cluster()
    }
    /// The guided lesson, if one is open.
    pub fn lesson(&self) -> Option<&LessonSession> {
        self.lesson.as_ref()
    }
    /// The moment being caught up with, while the lab plays towards it.
    pub fn catching_up(&self) -> Option<SimTime> {
        self.catch_up
    }
    pub fn playing(&self) -> bool {
        self.playing
    }
    pub fn speed(&self) -> f64 {
        self.speed
    }
    pub fn selection(&self) -> Selection {
        self.selection
    }
    pub fn lang(&self) -> Lang {
        self.lang
    }
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }
    /// Changes whenever something visible in the panels may have changed.
    pub fn revision(&self) -> u64 {
        self.rev
    }

    fn changed(&mut self) {
        self.rev += 1;
    }

    /// Advances time by `real_ms` of wall-clock time at the current speed (when
    /// playing). Returns true if any event happened.
    pub fn tick(&mut self, real_ms: f64) -> bool {
        if let Some(target) = self.catch_up {
            let before = self.cluster().stats().events;
            if self.lab.advance_bounded(target, CATCH_UP_BUDGET) {
                self.catch_up = None;
            }
            self.changed();
            return self.cluster().stats().events != before;
        }
        if !self.playing || !real_ms.is_finite() || real_ms <= 0.0 {
            return false;
        }
        let sim_ms = real_ms.min(MAX_FRAME_MS) * self.speed;
        let before = self.cluster().stats().events;
        let target = self.lab().now() + SimDuration::from_millis_f64(sim_ms);
        let stopped = match self.lesson.as_mut().filter(|s| !s.taken_over()) {
            Some(session) => session.advance(target),
            None => {
                self.lab.advance_bounded(target, FRAME_EVENT_BUDGET);
                false
            }
        };
        if stopped {
            self.playing = false;
        }
        self.drop_stale_selection();
        let happened = self.cluster().stats().events != before;
        if happened || stopped {
            self.changed();
        }
        happened
    }

    /// Forgets a selected message once it is no longer in flight.
    fn drop_stale_selection(&mut self) {
        if let Selection::Message(id) = self.selection
            && self.cluster().network().get(id).is_none()
        {
            self.selection = Selection::None;
        }
    }

    fn restart_with(&mut self, scenario: Scenario) {
        self.lab = Lab::new(&scenario);
        self.lesson = None;
        self.catch_up = None;
        self.selection = Selection::None;
        self.playing = false;
    }

    /// A fresh run from time zero with the current settings, no actions.
    fn fresh(&self) -> Scenario {
        let mut s = self.lab().scenario();
        s.cluster = self.cluster().config().clone();
        s.script.clear();
        s
    }

    fn act(&mut self, action: Action) {
        if let Some(branch) = self.lab.act(action) {
            let at = self.lab.branches()[branch].fork_at.as_millis_f64() / 1000.0;
            self.notice = Some(Notice {
                branch: Some(branch),
                ..Notice::new(
                    Level::Info,
                    format!(
                        "You changed the past at {at:.3} s: a new future starts here. The old one is kept as branch {}.",
                        branch + 1
                    ),
                    format!(
                        "你在 {at:.3} 秒处改变了过去：从这里开始一个新的未来。原来的未来保留为分支 {}。",
                        branch + 1
                    ),
                )
            });
        }
        self.drop_stale_selection();
    }

    fn node_ok(&self, id: NodeId) -> bool {
        id.index() < self.cluster().config().nodes
    }

    /// Carries out a command.
    pub fn handle(&mut self, cmd: Command) {
        if !cmd.keeps_catch_up() {
            self.catch_up = None;
        }
        if !cmd.keeps_lesson() {
            self.take_over();
        }
        match cmd {
            Command::TogglePlay if self.lesson_drives() => self.lesson_play(!self.playing),
            Command::Play if self.lesson_drives() => self.lesson_play(true),
            Command::Reset if self.lesson.is_some() => self.lesson_goto(None),
            Command::TogglePlay => self.playing = !self.playing,
            Command::Play => self.playing = true,
            Command::Pause => self.playing = false,
            Command::StepForward => {
                self.playing = false;
                self.lab.step();
            }
            Command::StepBack => {
                self.playing = false;
                self.lab.step_back();
            }
            Command::Faster => self.speed = faster(self.speed),
            Command::Slower => self.speed = slower(self.speed),
            Command::SetSpeed(s) => self.speed = clamp_speed(s),
            Command::Reset => {
                let s = self.fresh();
                self.restart_with(s);
            }
            Command::NewSeed(seed) => {
                let mut s = self.fresh();
                s.cluster.seed = seed;
                self.restart_with(s);
            }
            Command::SetNodes(n) => {
                if !(1..=MAX_NODES).contains(&n) {
                    self.notice = Some(Notice::new(
                        Level::Error,
                        format!("A cluster has between 1 and {MAX_NODES} servers, not {n}."),
                        format!("集群的服务器数量须在 1 到 {MAX_NODES} 之间，而不是 {n}。"),
                    ));
                    return;
                }
                let mut s = self.fresh();
                s.cluster.nodes = n;
                self.restart_with(s);
            }
            Command::Select(sel) => self.selection = sel,
            Command::CrashOrRestart(id) if self.node_ok(id) => {
                let action = if self.cluster().health(id) == Health::Down {
                    Action::Restart(NodeRef::Id(id))
                } else {
                    Action::Crash(NodeRef::Id(id))
                };
                self.act(action);
            }
            Command::PauseOrResume(id) if self.node_ok(id) => {
                let action = match self.cluster().health(id) {
                    Health::Paused => Action::Resume(NodeRef::Id(id)),
                    _ => Action::Pause(NodeRef::Id(id)),
                };
                self.act(action);
            }
            Command::Timeout(id) if self.node_ok(id) => self.act(Action::Timeout(NodeRef::Id(id))),
            Command::Isolate(id) if self.node_ok(id) => self.act(Action::Isolate(NodeRef::Id(id))),
            Command::TransferTo(id) if self.node_ok(id) => {
                self.act(Action::Transfer(NodeRef::Id(id)))
            }
            Command::CrashLeader => {
                if self.cluster().leader().is_some() {
                    self.act(Action::Crash(NodeRef::Leader));
                } else {
                    self.notice = Some(Notice::new(
                        Level::Warning,
                        "There is no leader to crash right now.",
                        "现在没有可以让其崩溃的领导者。",
                    ));
                    return self.changed();
                }
            }
            Command::Client { text, via } => match parse_command(&text) {
                Ok(cmd) => {
                    let node = via.filter(|id| self.node_ok(*id)).map(NodeRef::Id);
                    let action = match cmd {
                        ClientCommand::Write(op) => Action::Propose { node, op },
                        ClientCommand::Read(key) => Action::Read { node, key },
                    };
                    self.act(action);
                }
                Err(e) => {
                    self.notice = Some(Notice::new(
                        Level::Error,
                        e.message(Lang::En),
                        e.message(Lang::Zh),
                    ));
                }
            },
            Command::DropMessage(id) => self.act(Action::Drop(MsgFilter::id(id))),
            Command::DuplicateMessage(id) => self.act(Action::Duplicate(MsgFilter::id(id))),
            Command::DeliverMessage(id) => self.act(Action::Deliver(MsgFilter::id(id))),
            Command::Cut { from, to, both }
                if self.node_ok(from) && self.node_ok(to) && from != to =>
            {
                self.act(Action::Cut { from, to, both })
            }
            Command::Uncut { from, to, both }
                if self.node_ok(from) && self.node_ok(to) && from != to =>
            {
                self.act(Action::Uncut { from, to, both })
            }
            Command::Heal => self.act(Action::Heal),
            Command::Partition(groups) => {
                let n = self.cluster().config().nodes;
                let mut seen = vec![false; n];
                let valid = groups
                    .iter()
                    .flatten()
                    .all(|id| id.index() < n && !std::mem::replace(&mut seen[id.index()], true));
                if valid && !groups.is_empty() {
                    self.act(Action::Partition(groups));
                }
            }
            Command::Seek(t) => {
                let t = t.min(self.horizon());
                self.lab.seek(t);
                self.drop_stale_selection();
            }
            Command::NextMarker | Command::PrevMarker | Command::SeekBy(_) => self.jump(&cmd),
            Command::CatchUp(t) => self.catch_up = Some(t),
            Command::Load(s) => self.restart_with(*s),
            Command::SeekEvent(k) => {
                self.playing = false;
                self.lab.seek_event(k);
                self.drop_stale_selection();
            }
            Command::Settings { network, raft } => match validate_settings(&network, &raft) {
                Ok((net, raft_cfg)) => {
                    if net != self.cluster().config().net {
                        self.act(Action::SetNetwork(net));
                    }
                    if raft_cfg != self.cluster().config().raft {
                        self.act(Action::SetRaft(Box::new(raft_cfg)));
                    }
                }
                Err(e) => {
                    let text = e.to_string();
                    self.notice = Some(Notice::new(Level::Error, text.clone(), text));
                }
            },
            Command::Workload(w) => self.act(Action::SetWorkload(w)),
            Command::SwitchBranch(i) => {
                self.lab.switch_branch(i);
                self.notice = None;
            }
            Command::DiscardBranch(i) => {
                self.lab.discard_branch(i);
                self.notice = None;
            }
            Command::DismissNotice => self.notice = None,
            Command::Notify(n) => self.notice = Some(n),
            Command::SetLang(l) => self.lang = l,
            Command::StartLesson { id, variant } => self.start_lesson(&id, variant.as_deref()),
            Command::LessonNext => self.lesson_next(),
            Command::LessonPrev => self.lesson_prev(),
            Command::TakeOver => {}
            Command::CloseLesson => {
                self.take_over();
                self.lesson = None;
            }
            Command::Answer(choice) => {
                if let Some(s) = self.lesson.as_mut() {
                    s.answer(choice);
                }
            }
            _ => {}
        }
        self.changed();
    }

    /// The role of the selected server, if a server is selected.
    pub fn selected_role(&self) -> Option<Role> {
        match self.selection {
            Selection::Node(id) if self.node_ok(id) => Some(self.cluster().node(id).role()),
            _ => None,
        }
    }

    /// The latest time the lab may be scrubbed to.
    pub fn horizon(&self) -> SimTime {
        self.lab().horizon().max(self.lab().now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::settings_json;
    use crate::sim::MsgId;

    pub(super) fn ctrl() -> Controller {
        Controller::new(&Scenario {
            stop: SimTime::from_millis(60_000),
            ..Scenario::default()
        })
    }

    pub(super) fn run(c: &mut Controller, real_ms: f64) {
        c.handle(Command::SetSpeed(1.0));
        c.handle(Command::Play);
        let mut left = real_ms;
        while left > 0.0 {
            c.tick(16.0);
            left -= 16.0;
        }
    }

    #[test]
    fn playing_advances_time_at_the_chosen_speed() {
        let mut c = ctrl();
        c.handle(Command::SetSpeed(0.5));
        c.handle(Command::Play);
        c.tick(100.0);
        assert_eq!(c.lab().now(), SimTime::from_millis(50));
        c.handle(Command::Pause);
        assert!(!c.tick(100.0));
        assert_eq!(c.lab().now(), SimTime::from_millis(50));
        c.handle(Command::Play);
        c.tick(10_000.0);
        assert_eq!(
            c.lab().now(),
            SimTime::from_millis(100),
            "a long frame is capped"
        );
    }

    #[test]
    fn a_leader_is_elected_and_crashing_it_elects_another() {
        let mut c = ctrl();
        run(&mut c, 1500.0);
        let first = c.cluster().leader().expect("a leader");
        c.handle(Command::CrashLeader);
        assert_eq!(c.cluster().health(first), Health::Down);
        run(&mut c, 1500.0);
        let second = c.cluster().leader().expect("a new leader");
        assert_ne!(first, second);
        c.handle(Command::CrashOrRestart(first));
        assert_eq!(c.cluster().health(first), Health::Up);
    }

    #[test]
    fn commands_that_do_not_parse_send_nothing_and_say_why() {
        let mut c = ctrl();
        run(&mut c, 1000.0);
        let before = c.cluster().script().len();
        c.handle(Command::Client {
            text: "sett x 5".into(),
            via: None,
        });
        assert_eq!(c.cluster().script().len(), before);
        assert_eq!(c.notice().unwrap().level, Level::Error);
        assert!(c.notice().unwrap().text(Lang::Zh).contains("未知命令"));
        c.handle(Command::Client {
            text: "set x 5".into(),
            via: None,
        });
        assert_eq!(c.cluster().script().len(), before + 1);
        run(&mut c, 500.0);
        let leader = c.cluster().leader().unwrap();
        assert_eq!(
            c.cluster().node(leader).state().get("x").map(|v| &**v),
            Some("5")
        );
    }

    #[test]
    fn settings_out_of_range_are_refused_with_the_range() {
        let mut c = ctrl();
        let (mut net, raft) = settings_json(&c.cluster().config().net, &c.cluster().config().raft);
        net.loss = Some(2.0);
        c.handle(Command::Settings {
            network: net.clone(),
            raft: raft.clone(),
        });
        let n = c.notice().unwrap();
        assert!(
            n.en.contains("network.loss: must be between 0 and 1"),
            "{}",
            n.en
        );
        assert_eq!(c.cluster().config().net.loss, 0.0);
        net.loss = Some(0.1);
        c.handle(Command::Settings { network: net, raft });
        assert_eq!(c.cluster().config().net.loss, 0.1);
    }

    #[test]
    fn node_counts_outside_one_to_nine_are_refused() {
        let mut c = ctrl();
        c.handle(Command::SetNodes(10));
        assert!(c.notice().unwrap().en.contains("between 1 and 9"));
        assert_eq!(c.cluster().config().nodes, 5);
        c.handle(Command::SetNodes(3));
        assert_eq!(c.cluster().config().nodes, 3);
        c.handle(Command::CrashOrRestart(NodeId(7)));
        assert!(
            c.cluster()
                .nodes()
                .iter()
                .all(|n| c.cluster().health(n.id()) == Health::Up)
        );
    }

    #[test]
    fn acting_in_the_past_forks_and_says_so() {
        let mut c = ctrl();
        run(&mut c, 3000.0);
        c.handle(Command::Seek(SimTime::from_millis(1000)));
        c.handle(Command::CrashOrRestart(NodeId(2)));
        assert_eq!(c.lab().branches().len(), 1);
        assert!(c.notice().unwrap().en.contains("branch 1"));
        c.handle(Command::SwitchBranch(0));
        assert!(c.notice().is_none());
    }

    #[test]
    fn messages_can_be_dropped_duplicated_and_delivered() {
        let mut c = ctrl();
        run(&mut c, 1000.0);
        c.handle(Command::Pause);
        while c.cluster().network().in_flight().len() < 2 {
            c.handle(Command::StepForward);
        }
        let ids: Vec<MsgId> = c.cluster().network().in_flight().map(|e| e.id).collect();
        c.handle(Command::Select(Selection::Message(ids[0])));
        c.handle(Command::DropMessage(ids[0]));
        assert!(c.cluster().network().get(ids[0]).is_none());
        assert_eq!(
            c.selection(),
            Selection::None,
            "a dropped message is deselected"
        );
        let count = c.cluster().network().in_flight().len();
        c.handle(Command::DuplicateMessage(ids[1]));
        assert_eq!(c.cluster().network().in_flight().len(), count + 1);
        c.handle(Command::DeliverMessage(ids[1]));
        assert_eq!(
            c.cluster().network().get(ids[1]).unwrap().deliver_at,
            c.lab().now()
        );
    }

    #[test]
    fn reset_and_new_seed_start_over() {
        let mut c = ctrl();
        run(&mut c, 500.0);
        c.handle(Command::Reset);
        assert_eq!(c.lab().now(), SimTime::ZERO);
        c.handle(Command::NewSeed(99));
        assert_eq!(c.cluster().config().seed, 99);
    }
}
