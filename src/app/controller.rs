//! The controller between a page and its lab, for any protocol: it turns
//! commands into lab actions, plays time forward at the chosen speed with a
//! bounded amount of work per frame, drives a lesson, keeps the selection,
//! and reports problems as notices. Pure Rust, so the whole interaction
//! logic is tested natively; the components only render it and send
//! commands. A protocol plugs in its own commands and view state ([`View`]).

use super::command::{Command, Selection};
use super::speed::{clamp_speed, faster, slower};
use crate::lab::Lab;
use crate::lang::{Lang, Text};
use crate::lesson::{Cues, LessonRun};
use crate::msg;
use crate::net::{Health, MsgFilter, NetAction, NetHost, NodeRef};
use crate::protocol::Scenario;
use crate::scenario::Format;
use crate::sim::{NodeId, SimDuration, SimTime};
use std::fmt;

mod lessons;
mod travel;

pub use travel::Focus;

/// Longest real-time step taken at once (a background tab returning).
pub const MAX_FRAME_MS: f64 = 100.0;
/// Engine events processed per frame while catching up with a link's moment:
/// small enough that the page stays responsive.
pub const CATCH_UP_BUDGET: u64 = 4_000;

/// What a protocol's view adds to the shared controller.
pub trait View: Cues + Format {
    /// The protocol's own commands (its buttons, canvas tools, command box).
    type Command: Clone + fmt::Debug;
    /// What the view keeps between commands (a tool, a layout, a form).
    type ViewState: Clone + fmt::Debug + Default;
    /// Most engine events processed in one frame, so a frame never freezes.
    const FRAME_EVENT_BUDGET: u64;
    /// Playback speed of a fresh view.
    const DEFAULT_SPEED: f64;
    /// Carries out one of the protocol's commands.
    fn handle(ctrl: &mut Controller<Self>, cmd: Self::Command);
    /// Whether a command of the protocol leaves a lesson driving the lab.
    fn keeps_lesson(_cmd: &Self::Command) -> bool {
        false
    }
    /// The protocol's own keys (tried before the shared ones).
    fn key(_key: &str, _selection: Selection) -> Option<super::keys::Intent<Self>> {
        None
    }
    /// The rows of the shortcut table for the protocol's own keys.
    const KEYS: &'static [(&'static str, &'static str, &'static str)] = &[];
}

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
    pub text: Text,
    /// The branch a fork just saved: the notice offers to keep or discard it.
    pub branch: Option<usize>,
}

impl Notice {
    pub fn new(level: Level, text: Text) -> Self {
        Notice {
            level,
            text,
            branch: None,
        }
    }
    pub fn text(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }
}

/// The state of one lab session of protocol `P`.
pub struct Controller<P: View> {
    lab: Lab<P>,
    playing: bool,
    speed: f64,
    /// Whether the last frame ran out of its event budget before its target time.
    behind: bool,
    selection: Selection,
    lang: Lang,
    notice: Option<Notice>,
    rev: u64,
    /// A guided lesson; it drives `lab` until the learner takes over.
    lesson: Option<LessonRun<P>>,
    /// A moment being caught up with, a frame at a time.
    catch_up: Option<SimTime>,
    view: P::ViewState,
}

impl<P: View> Clone for Controller<P> {
    fn clone(&self) -> Self {
        Controller {
            lab: self.lab.clone(),
            playing: self.playing,
            speed: self.speed,
            behind: self.behind,
            selection: self.selection,
            lang: self.lang,
            notice: self.notice.clone(),
            rev: self.rev,
            lesson: self.lesson.clone(),
            catch_up: self.catch_up,
            view: self.view.clone(),
        }
    }
}

impl<P: View> Controller<P> {
    pub fn new(scenario: &Scenario<P>) -> Self {
        Controller {
            lab: Lab::new(scenario),
            playing: false,
            speed: P::DEFAULT_SPEED,
            behind: false,
            selection: Selection::None,
            lang: Lang::En,
            notice: None,
            rev: 0,
            lesson: None,
            catch_up: None,
            view: P::ViewState::default(),
        }
    }

    pub fn lab(&self) -> &Lab<P> {
        &self.lab
    }
    /// The world as it is at the current moment.
    pub fn world(&self) -> &P::World {
        self.lab.world()
    }
    /// The guided lesson, if one is open.
    pub fn lesson(&self) -> Option<&LessonRun<P>> {
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
    /// The speed time actually moves at: a lesson plays quiet stretches
    /// faster than the chosen speed (lesson::pace).
    pub fn effective_speed(&self) -> f64 {
        match self.lesson.as_ref().filter(|r| !r.taken_over()) {
            Some(run) => self.speed * run.pace().factor(),
            None => self.speed,
        }
    }
    /// Whether playback could not keep up with the chosen speed in the last frame.
    pub fn behind(&self) -> bool {
        self.behind
    }
    pub fn selection(&self) -> Selection {
        self.selection
    }
    /// The server selected, if a server is.
    pub fn selected_node(&self) -> Option<NodeId> {
        match self.selection {
            Selection::Node(id) => Some(id),
            _ => None,
        }
    }
    pub fn lang(&self) -> Lang {
        self.lang
    }
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }
    /// What the protocol's view keeps.
    pub fn view(&self) -> &P::ViewState {
        &self.view
    }
    pub fn view_mut(&mut self) -> &mut P::ViewState {
        &mut self.view
    }
    /// Changes whenever something visible in the panels may have changed.
    pub fn revision(&self) -> u64 {
        self.rev
    }

    fn changed(&mut self) {
        self.rev += 1;
    }

    /// Shows a notice.
    pub fn notify(&mut self, notice: Notice) {
        self.notice = Some(notice);
    }

    /// Advances time by `real_ms` of wall-clock time at the current speed (when
    /// playing). Returns true if any event happened.
    pub fn tick(&mut self, real_ms: f64) -> bool {
        if let Some(target) = self.catch_up {
            let before = self.lab.events();
            if self.lab.advance_bounded(target, CATCH_UP_BUDGET) {
                self.catch_up = None;
            }
            self.changed();
            return self.lab.events() != before;
        }
        if !self.playing || !real_ms.is_finite() || real_ms <= 0.0 {
            return false;
        }
        let real_ms = real_ms.min(MAX_FRAME_MS);
        let before = self.lab.events();
        let mut stopped = false;
        match self.lesson.as_mut().filter(|r| !r.taken_over()) {
            Some(run) => {
                // A lesson plays its quiet stretches faster (lesson::pace).
                let phase = run.play_for(&mut self.lab, real_ms, self.speed, P::FRAME_EVENT_BUDGET);
                stopped = !matches!(phase, crate::lesson::Phase::Playing(_));
                self.behind = false;
            }
            None => {
                let target = self.lab.now() + SimDuration::from_millis_f64(real_ms * self.speed);
                self.behind = !self.lab.advance_bounded(target, P::FRAME_EVENT_BUDGET);
            }
        }
        if stopped {
            self.playing = false;
        }
        self.drop_stale_selection();
        let happened = self.lab.events() != before;
        if happened || stopped {
            self.changed();
        }
        happened
    }

    /// Forgets a selected message once it is no longer in flight.
    fn drop_stale_selection(&mut self) {
        if let Selection::Message(id) = self.selection
            && self.world().network().get(id).is_none()
        {
            self.selection = Selection::None;
        }
    }

    /// Starts over with `scenario`: a new lab, no lesson.
    pub fn restart_with(&mut self, scenario: Scenario<P>) {
        self.lab = Lab::new(&scenario);
        self.lesson = None;
        self.catch_up = None;
        self.selection = Selection::None;
        self.playing = false;
    }

    /// A fresh run from time zero with the current settings (those changed
    /// on the way included), no actions.
    pub fn fresh(&self) -> Scenario<P> {
        let mut s = self.lab.scenario();
        s.setup = P::current_setup(self.world());
        s.script.clear();
        s
    }

    /// Applies `action` to the run now. Acting in the past forks a new
    /// future; the old one is kept as a branch and a notice says so.
    pub fn act(&mut self, action: P::Action) {
        self.take_over();
        let past = self.lab.in_past();
        if let Some(branch) = self.lab.act(action) {
            let at = self.lab.branches()[branch].fork_at.as_millis_f64() / 1000.0;
            let n = branch + 1;
            let text = if past {
                msg!(
                    "You changed the past at {at:.3} s: a new future starts here. The old one is kept as branch {n}.",
                    "你在 {at:.3} 秒处改变了过去：从这里开始一个新的未来。原来的未来保留为分支 {n}。"
                )
            } else {
                msg!(
                    "You acted at {at:.3} s, before the run's scripted actions: the run goes on from your action. The script's future is kept as branch {n}.",
                    "你在 {at:.3} 秒处做了操作，早于运行脚本中尚未发生的动作：运行从你的操作继续。脚本原来的未来保留为分支 {n}。"
                )
            };
            self.notice = Some(Notice {
                branch: Some(branch),
                ..Notice::new(Level::Info, text)
            });
        }
        self.drop_stale_selection();
    }

    /// Whether `id` names a server in use.
    pub fn node_ok(&self, id: NodeId) -> bool {
        id.0 >= 1 && id.index() < self.world().servers()
    }

    fn net(&mut self, action: NetAction) {
        self.act(P::Action::from(action));
    }

    /// Carries out a command.
    pub fn handle(&mut self, cmd: Command<P, P::Command>) {
        if !cmd.keeps_catch_up() {
            self.catch_up = None;
        }
        let keeps_lesson = match &cmd {
            Command::Protocol(c) => P::keeps_lesson(c),
            other => other.keeps_lesson(),
        };
        if !keeps_lesson {
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
                s.set_seed(seed);
                self.restart_with(s);
            }
            Command::SetNodes(n) => self.set_nodes(n),
            Command::Select(sel) => self.selection = sel,
            Command::CrashOrRestart(id) if self.node_ok(id) => match self.world().health(id) {
                Health::Down => self.net(NetAction::Restart(NodeRef::Id(id))),
                Health::Up | Health::Paused => self.net(NetAction::Crash(NodeRef::Id(id))),
                Health::Left | Health::Vacant => {}
            },
            Command::PauseOrResume(id) if self.node_ok(id) => {
                let action = match self.world().health(id) {
                    Health::Paused => NetAction::Resume(NodeRef::Id(id)),
                    _ => NetAction::Pause(NodeRef::Id(id)),
                };
                self.net(action);
            }
            Command::Isolate(id) if self.node_ok(id) => {
                self.net(NetAction::Isolate(NodeRef::Id(id)))
            }
            Command::CrashLeader => {
                if self.world().leader().is_some() {
                    self.net(NetAction::Crash(NodeRef::Leader));
                } else {
                    self.notice = Some(Notice::new(
                        Level::Warning,
                        Text::new(
                            "There is no leader to crash right now.",
                            "现在没有可以让其崩溃的领导者。",
                        ),
                    ));
                }
            }
            Command::DropMessage(id) => self.net(NetAction::Drop(MsgFilter::id(id))),
            Command::DuplicateMessage(id) => self.net(NetAction::Duplicate(MsgFilter::id(id))),
            Command::DeliverMessage(id) => self.net(NetAction::Deliver(MsgFilter::id(id))),
            Command::Cut { from, to, both }
                if self.node_ok(from) && self.node_ok(to) && from != to =>
            {
                self.net(NetAction::Cut { from, to, both })
            }
            Command::Uncut { from, to, both }
                if self.node_ok(from) && self.node_ok(to) && from != to =>
            {
                self.net(NetAction::Uncut { from, to, both })
            }
            Command::Heal => self.net(NetAction::Heal),
            Command::Partition(groups) => {
                let n = self.world().servers();
                let mut seen = vec![false; n];
                let valid = groups.iter().flatten().all(|id| {
                    id.0 >= 1 && id.index() < n && !std::mem::replace(&mut seen[id.index()], true)
                });
                if valid && !groups.is_empty() {
                    self.net(NetAction::Partition(groups));
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
            Command::OpenLesson { lesson, variant } => self.open_lesson(lesson, variant.as_deref()),
            Command::LessonNext => self.lesson_next(),
            Command::LessonPrev => self.lesson_prev(),
            Command::LessonGoto(n) => self.lesson_goto(Some(n)),
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
            Command::Protocol(c) => P::handle(self, c),
            _ => {}
        }
        self.changed();
    }

    fn set_nodes(&mut self, n: usize) {
        let max = P::NODES.1;
        if !(1..=max).contains(&n) {
            self.notice = Some(Notice::new(
                Level::Error,
                msg!(
                    "A cluster has between 1 and {max} servers, not {n}.",
                    "集群的服务器数量须在 1 到 {max} 之间，而不是 {n}。"
                ),
            ));
            return;
        }
        let mut s = self.fresh();
        if P::set_nodes(&mut s.setup, n) {
            self.restart_with(s);
        }
    }

    /// The latest time the lab may be scrubbed to.
    pub fn horizon(&self) -> SimTime {
        self.lab.horizon().max(self.lab.now())
    }

    /// The current moment's server count.
    pub fn servers(&self) -> usize {
        self.world().servers()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    //! The shared commands on a Raft lab, and helpers for the tests of the
    //! controller's other parts and of each protocol's view.

    use super::*;
    use crate::app::command::LessonRef;
    use crate::lesson::parse_lesson;
    use crate::protocols::raft::Raft;
    use crate::sim::MsgId;
    use std::rc::Rc;

    /// A Raft lab of five servers with a minute to run.
    pub(crate) fn ctrl() -> Controller<Raft> {
        Controller::new(&Scenario {
            stop: SimTime::from_millis(60_000),
            ..Scenario::default()
        })
    }

    /// Plays `real_ms` of wall-clock time at speed 1, a frame at a time.
    pub(crate) fn run<P: View>(c: &mut Controller<P>, real_ms: f64) {
        c.handle(Command::SetSpeed(1.0));
        c.handle(Command::Play);
        let mut left = real_ms;
        while left > 0.0 {
            c.tick(16.0);
            left -= 16.0;
        }
    }

    /// A lesson of protocol `P` from its file's text.
    pub(crate) fn lesson<P: View>(text: &str) -> LessonRef<P> {
        Rc::new(parse_lesson::<P>(text).unwrap_or_else(|e| panic!("{e}")))
    }

    /// Opens `lesson` (its `variant`, if given).
    pub(crate) fn open<P: View>(
        c: &mut Controller<P>,
        lesson: &LessonRef<P>,
        variant: Option<&str>,
    ) {
        c.handle(Command::OpenLesson {
            lesson: lesson.clone(),
            variant: variant.map(str::to_string),
        });
    }

    /// A small Raft lesson: S1 is elected, commits `set x 1` and crashes; the
    /// last step is at a fixed time. Its variant `quiet` never crashes.
    pub(crate) const RAFT_LESSON: &str = r#"{
        "format": 1, "id": "test-crash", "protocol": "raft", "number": 1,
        "title": {"en": "A crash", "zh": "一次崩溃"},
        "summary": {"en": "S1 leads, commits and crashes.", "zh": "S1 当选、提交，然后崩溃。"},
        "scenario": {
            "version": 1, "protocol": "raft", "seed": 3, "nodes": 5, "stop_ms": 3000,
            "actions": [
                {"at_ms": 10, "do": "timeout", "node": 1},
                {"at_ms": 600, "do": "propose", "node": 1, "command": "set x 1"},
                {"at_ms": 1500, "do": "crash", "node": 1}
            ]
        },
        "steps": [
            {"when": {"on": "role", "role": "leader", "node": 1},
             "say": {"en": "S1 leads.", "zh": "S1 成为领导者。"},
             "watch": {"en": "S1.", "zh": "S1。"}, "highlight": [1]},
            {"when": {"on": "commit", "node": 1},
             "say": {"en": "S1 commits.", "zh": "S1 提交。"},
             "watch": {"en": "The commit index.", "zh": "提交索引。"},
             "question": {
                 "prompt": {"en": "Who commits first?", "zh": "谁先提交？"},
                 "choices": [{"text": {"en": "A follower", "zh": "跟随者"}},
                             {"text": {"en": "The leader", "zh": "领导者"}}],
                 "answer": 1,
                 "explain": {"en": "The leader counts replicas.", "zh": "领导者统计副本数。"}}},
            {"when": {"on": "crash", "node": 1},
             "say": {"en": "S1 crashes.", "zh": "S1 崩溃。"},
             "watch": {"en": "S2 and S3.", "zh": "S2 和 S3。"}, "highlight": [2, 3]},
            {"when": {"at_ms": 2500},
             "say": {"en": "Later.", "zh": "稍后。"},
             "watch": {"en": "Everyone.", "zh": "所有服务器。"}}
        ],
        "variants": [{
            "id": "quiet",
            "label": {"en": "No crash", "zh": "不崩溃"},
            "summary": {"en": "S1 stays up.", "zh": "S1 一直运行。"},
            "scenario": {
                "version": 1, "protocol": "raft", "seed": 3, "nodes": 5, "stop_ms": 2000,
                "actions": [{"at_ms": 10, "do": "timeout", "node": 1}]
            },
            "steps": [
                {"when": {"on": "role", "role": "leader", "node": 1},
                 "say": {"en": "S1 leads.", "zh": "S1 成为领导者。"},
                 "watch": {"en": "S1.", "zh": "S1。"}}
            ]
        }]
    }"#;

    /// Asserts a text is written in both languages: English in the English
    /// slot, and Chinese (not an English sentence) in the Chinese one.
    /// Values quoted from the input, ids and numbers may appear in both.
    /// A word of an English sentence outside quotes fails.
    pub(crate) fn assert_bilingual(en: &str, zh: &str) {
        let chinese = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        assert!(!en.trim().is_empty() && !chinese(en), "English: {en:?}");
        assert!(chinese(zh), "no Chinese in {zh:?} (English: {en:?})");
        const ENGLISH: &[&str] = &[
            "the", "is", "are", "be", "must", "between", "not", "no", "none", "could", "and", "of",
            "to", "an", "has", "have", "there", "this", "it", "was", "from", "shown",
        ];
        // Quoted values are the input's own words.
        let mut quoted = false;
        let unquoted: String = zh
            .chars()
            .filter(|&c| {
                let mark = matches!(c, '"' | '“' | '”');
                quoted ^= mark;
                !quoted && !mark
            })
            .collect();
        let english = unquoted
            .split(|c: char| !c.is_ascii_alphabetic())
            .find(|w| ENGLISH.contains(&w.to_ascii_lowercase().as_str()));
        assert_eq!(english, None, "English left in the Chinese text {zh:?}");
    }

    /// Asserts the controller shows a notice of `level` in both languages.
    pub(crate) fn assert_notice<P: View>(c: &Controller<P>, level: Level) -> Notice {
        let n = c.notice().expect("a notice").clone();
        assert_eq!(n.level, level, "{n:?}");
        assert_bilingual(&n.text.en, &n.text.zh);
        n
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
        let first = c.world().leader().expect("a leader");
        c.handle(Command::CrashLeader);
        assert_eq!(c.world().health(first), Health::Down);
        run(&mut c, 1500.0);
        let second = c.world().leader().expect("a new leader");
        assert_ne!(first, second);
        c.handle(Command::CrashOrRestart(first));
        assert_eq!(c.world().health(first), Health::Up);
    }

    #[test]
    fn node_counts_outside_one_to_nine_are_refused() {
        let mut c = ctrl();
        c.handle(Command::SetNodes(10));
        let n = assert_notice(&c, Level::Error);
        assert!(n.text.en.contains("between 1 and 9"), "{n:?}");
        assert_eq!(c.world().config().nodes, 5);
        c.handle(Command::SetNodes(0));
        assert_eq!(c.world().config().nodes, 5);
        c.handle(Command::SetNodes(3));
        assert_eq!(c.world().config().nodes, 3);
        c.handle(Command::CrashOrRestart(NodeId(7)));
        c.handle(Command::CrashOrRestart(NodeId(0)));
        assert!(
            c.world()
                .nodes()
                .iter()
                .all(|n| c.world().health(n.id()) == Health::Up)
        );
    }

    #[test]
    fn acting_in_the_past_forks_and_says_so() {
        let mut c = ctrl();
        run(&mut c, 3000.0);
        c.handle(Command::Seek(SimTime::from_millis(1000)));
        c.handle(Command::CrashOrRestart(NodeId(2)));
        assert_eq!(c.lab().branches().len(), 1);
        let n = assert_notice(&c, Level::Info);
        assert!(n.text.en.contains("changed the past"), "{n:?}");
        assert!(n.text.en.contains("branch 1"), "{n:?}");
        assert_eq!(n.branch, Some(0));
        c.handle(Command::SwitchBranch(0));
        assert!(c.notice().is_none());
        assert_eq!(c.world().health(NodeId(2)), Health::Up, "the old future");
    }

    #[test]
    fn messages_can_be_dropped_duplicated_and_delivered() {
        let mut c = ctrl();
        run(&mut c, 1000.0);
        c.handle(Command::Pause);
        while c.world().network().in_flight().len() < 2 {
            c.handle(Command::StepForward);
        }
        let ids: Vec<MsgId> = c.world().network().in_flight().map(|e| e.id).collect();
        c.handle(Command::Select(Selection::Message(ids[0])));
        c.handle(Command::DropMessage(ids[0]));
        assert!(c.world().network().get(ids[0]).is_none());
        assert_eq!(
            c.selection(),
            Selection::None,
            "a dropped message is deselected"
        );
        let count = c.world().network().in_flight().len();
        c.handle(Command::DuplicateMessage(ids[1]));
        assert_eq!(c.world().network().in_flight().len(), count + 1);
        c.handle(Command::DeliverMessage(ids[1]));
        assert_eq!(
            c.world().network().get(ids[1]).unwrap().deliver_at,
            c.lab().now()
        );
    }

    #[test]
    fn reset_and_new_seed_start_over() {
        let mut c = ctrl();
        run(&mut c, 500.0);
        c.handle(Command::CrashOrRestart(NodeId(2)));
        c.handle(Command::Reset);
        assert_eq!(c.lab().now(), SimTime::ZERO);
        assert!(!c.playing());
        assert!(c.lab().scenario().script.is_empty(), "no actions left");
        c.handle(Command::NewSeed(99));
        assert_eq!(c.world().config().seed, 99);
        assert_eq!(c.lab().now(), SimTime::ZERO);
    }

    /// Every command the controller itself refuses says why in both
    /// languages (the protocols' own refusals are tested beside them).
    #[test]
    fn refusals_say_why_in_both_languages() {
        let mut c = ctrl();
        c.handle(Command::CrashLeader);
        let n = assert_notice(&c, Level::Warning);
        assert!(n.text.en.contains("no leader"), "{n:?}");
        for bad in [0, 10] {
            c.handle(Command::SetNodes(bad));
            assert_notice(&c, Level::Error);
        }
        let with_variants = lesson::<Raft>(RAFT_LESSON);
        open(&mut c, &with_variants, Some("nope"));
        let n = assert_notice(&c, Level::Warning);
        assert!(n.text.en.contains("quiet") && n.text.zh.contains("quiet"));
        let mut bare = (*with_variants).clone();
        bare.variants.clear();
        open(&mut c, &Rc::new(bare), Some("nope"));
        let n = assert_notice(&c, Level::Warning);
        assert!(n.text.en.contains("it has none"), "{n:?}");
    }
}
