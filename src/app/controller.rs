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
