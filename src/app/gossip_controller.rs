//! The controller of the gossip view: it turns commands into actions on a
//! [`GossipLab`], plays time forward at the chosen speed with a bounded
//! amount of work per frame, keeps the selection and the tool, and reports
//! refusals in both languages. Pure Rust, tested natively; the components
//! only render it and send commands.

use super::controller::{Level, Notice};
use super::gossip_command::{GossipCommand, Tool};
use super::gossip_form::{FieldError, GossipForm};
use super::gossip_lab::GossipLab;
use super::speed::{clamp_speed, faster, slower};
use crate::gossip::{Action, GossipConfig, GossipWorld, Health, Mode, RumorId, SpreadConfig};
use crate::lang::Lang;
use crate::lessons::Phase;
use crate::lessons::gossip::{self as gossip_lessons, GossipLessonRun};
use crate::sim::{NodeId, SimDuration, SimTime};
use crate::view::gossip_layout::Layout;

/// Most engine events processed in one frame: a round of 2,000 nodes takes
/// several frames rather than one long one.
pub const FRAME_EVENT_BUDGET: u64 = 2_500;
/// Longest real-time step taken at once (a background tab returning).
pub const MAX_FRAME_MS: f64 = 100.0;
/// Playback speed of a fresh gossip view: a 200 ms round takes a second.
pub const DEFAULT_SPEED: f64 = 0.2;

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

/// The state of one gossip session.
#[derive(Clone, Debug)]
pub struct GossipController {
    lab: GossipLab,
    playing: bool,
    speed: f64,
    /// Whether the last frame ran out of its event budget before its target time.
    behind: bool,
    tool: Tool,
    layout: Layout,
    key: String,
    selected: Option<NodeId>,
    shown: Option<RumorId>,
    form_errors: Vec<FieldError>,
    notice: Option<Notice>,
    lang: Lang,
    rev: u64,
    lesson: Option<GossipLessonRun>,
}

impl GossipController {
    /// A session running `cfg` (refused settings fall back to the defaults, with a notice).
    pub fn new(cfg: GossipConfig, script: Vec<(SimTime, Action)>) -> Self {
        let (lab, notice) = match GossipLab::new(cfg, script) {
            Ok(lab) => (lab, None),
            Err(e) => (
                GossipLab::new(default_config(), vec![])
                    .expect("the default configuration is valid"),
                Some(Notice::new(
                    Level::Error,
                    format!("The gossip settings were refused ({e}); the defaults are shown."),
                    format!("Gossip 设置被拒绝（{e}）；已显示默认设置。"),
                )),
            ),
        };
        GossipController {
            lab,
            playing: false,
            speed: DEFAULT_SPEED,
            behind: false,
            tool: Tool::Rumor,
            layout: Layout::Ring,
            key: "x".into(),
            selected: None,
            shown: None,
            form_errors: Vec::new(),
            notice,
            lang: Lang::En,
            rev: 0,
            lesson: None,
        }
    }

    pub fn lab(&self) -> &GossipLab {
        &self.lab
    }
    pub fn world(&self) -> &GossipWorld {
        self.lab.world()
    }
    pub fn playing(&self) -> bool {
        self.playing
    }
    pub fn speed(&self) -> f64 {
        self.speed
    }
    /// Whether playback could not keep up with the chosen speed in the last frame.
    pub fn behind(&self) -> bool {
        self.behind
    }
    pub fn tool(&self) -> Tool {
        self.tool
    }
    pub fn layout(&self) -> Layout {
        self.layout
    }
    pub fn key(&self) -> &str {
        &self.key
    }
    pub fn selected(&self) -> Option<NodeId> {
        self.selected
    }
    pub fn form_errors(&self) -> &[FieldError] {
        &self.form_errors
    }
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }
    pub fn lang(&self) -> Lang {
        self.lang
    }
    /// Changes whenever something the panels show may have changed.
    pub fn revision(&self) -> u64 {
        self.rev
    }

    /// The rumor on show: the one picked, else the latest.
    pub fn shown_rumor(&self) -> Option<RumorId> {
        let count = self.world().rumors().len();
        match self.shown {
            Some(r) if r.index() < count => Some(r),
            _ => (count > 0).then(|| RumorId::from_index(count - 1)),
        }
    }

    /// Advances by `real_ms` of wall-clock time at the current speed (when
    /// playing). Returns true if anything happened.
    pub fn tick(&mut self, real_ms: f64) -> bool {
        if !self.playing || !real_ms.is_finite() || real_ms <= 0.0 {
            return false;
        }
        let before = self.world().counters().events;
        let target =
            self.lab.now() + SimDuration::from_millis_f64(real_ms.min(MAX_FRAME_MS) * self.speed);
        match &mut self.lesson {
            Some(run) if run.phase() == Phase::Playing => {
                if let Phase::Paused(_) = run.advance(&mut self.lab, target) {
                    self.playing = false;
                }
                self.behind = false;
            }
            _ => self.behind = !self.lab.advance_bounded(target, FRAME_EVENT_BUDGET),
        }
        self.follow();
        let happened = self.world().counters().events != before;
        if happened {
            self.rev += 1;
        }
        happened
    }

    fn node_ok(&self, id: NodeId) -> bool {
        id.0 >= 1 && id.index() < self.world().node_count()
    }

    /// Keeps a lesson's Raft run on the gossip run's clock.
    fn follow(&mut self) {
        if let Some(run) = &mut self.lesson {
            run.follow(&self.lab);
        }
    }

    fn act(&mut self, action: Action) {
        // Acting on the run hands it to the learner: lesson steps stop firing.
        if let Some(run) = &mut self.lesson {
            run.take_over();
        }
        if self.lab.act(action) {
            let at = self.lab.now().as_millis_f64() / 1000.0;
            self.notice = Some(Notice::new(
                Level::Info,
                format!(
                    "You changed the past at {at:.3} s: what had happened after it is discarded."
                ),
                format!("你在 {at:.3} 秒处改变了过去：之后发生过的事已被丢弃。"),
            ));
        }
    }

    fn restart(&mut self, cfg: GossipConfig) {
        match GossipLab::new(cfg, vec![]) {
            Ok(lab) => {
                self.lab = lab;
                self.lesson = None;
                self.selected = None;
                self.shown = None;
                self.playing = false;
            }
            Err(e) => {
                self.notice = Some(Notice::new(
                    Level::Error,
                    e.to_string(),
                    format!("设置无效：{e}"),
                ))
            }
        }
    }

    fn start_rumor(&mut self, id: NodeId) {
        let value = (self.world().rumors().len() + 1).to_string();
        let key = self.key.clone();
        self.act(Action::StartRumor {
            node: id,
            key: key.into(),
            value: value.into(),
        });
        self.shown = None;
    }

    fn crash_or_restart(&mut self, id: NodeId) {
        match self.world().health(id) {
            Health::Down => self.act(Action::Restart(id)),
            Health::Up => self.act(Action::Crash(id)),
            _ => {}
        }
    }

    /// Settings from the form: a new node count starts over; other changes
    /// apply from now on, as actions of the run.
    fn apply(&mut self, form: &GossipForm) {
        let current = self.world().config().clone();
        let cfg = match form.to_config(&current) {
            Ok(cfg) => cfg,
            Err(errors) => {
                self.form_errors = errors;
                return;
            }
        };
        self.form_errors.clear();
        if cfg.nodes != current.nodes {
            return self.restart(cfg);
        }
        if cfg.net != current.net {
            self.act(Action::SetNetwork(cfg.net.clone()));
        }
        if cfg.spread != current.spread {
            self.act(Action::SetSpread(cfg.spread.clone()));
        }
        if cfg.swim != current.swim {
            self.act(Action::SetSwim(cfg.swim.clone()));
        }
    }

    /// Carries out a command.
    pub fn handle(&mut self, cmd: GossipCommand) {
        use GossipCommand as C;
        match cmd {
            C::TogglePlay | C::Play if self.lesson_paused() => {
                if let Some(run) = &mut self.lesson {
                    run.resume();
                }
                self.playing = true;
            }
            C::TogglePlay => self.playing = !self.playing,
            C::Play => self.playing = true,
            C::Pause => self.playing = false,
            C::StepForward => {
                self.playing = false;
                self.lab.step();
            }
            C::StepBack => {
                self.playing = false;
                self.lab.step_back();
            }
            C::Faster => self.speed = faster(self.speed),
            C::Slower => self.speed = slower(self.speed),
            C::SetSpeed(s) => self.speed = clamp_speed(s),
            C::Seek(t) => self.lab.seek(t.min(self.lab.horizon())),
            C::Reset => self.restart(self.world().config().clone()),
            C::NewSeed(seed) => {
                let cfg = GossipConfig {
                    seed,
                    ..self.world().config().clone()
                };
                self.restart(cfg);
            }
            C::SetTool(t) => self.tool = t,
            C::SetLayout(l) => self.layout = l,
            C::SetKey(k) => {
                if crate::scenario::parse_command(&format!("get {k}")).is_ok() {
                    self.key = k;
                } else {
                    self.notice = Some(Notice::new(
                        Level::Error,
                        format!("A key is 1 to 32 letters, digits or _ - . : — not {k:?}."),
                        format!("键须为 1 到 32 个字母、数字或 _ - . : ——而不是 {k:?}。"),
                    ));
                }
            }
            C::Click(id) if self.node_ok(id) => {
                self.selected = Some(id);
                match self.tool {
                    Tool::Rumor => self.start_rumor(id),
                    Tool::Crash => self.crash_or_restart(id),
                }
            }
            C::StartRumor(id) if self.node_ok(id) => self.start_rumor(id),
            C::CrashOrRestart(id) if self.node_ok(id) => self.crash_or_restart(id),
            C::Click(id) | C::StartRumor(id) | C::CrashOrRestart(id) => {
                let n = self.world().node_count();
                self.notice = Some(Notice::new(
                    Level::Error,
                    format!("There is no node S{}: nodes are S1 to S{n}.", id.0),
                    format!("没有节点 S{}：节点为 S1 到 S{n}。", id.0),
                ));
            }
            C::Select(sel) => self.selected = sel.filter(|&id| self.node_ok(id)),
            C::ShowRumor(r) => self.shown = Some(r),
            C::Partition(groups) => {
                let n = self.world().node_count();
                let mut seen = vec![false; n];
                let valid = !groups.is_empty()
                    && groups.iter().flatten().all(|id| {
                        id.0 >= 1
                            && id.index() < n
                            && !std::mem::replace(&mut seen[id.index()], true)
                    });
                if valid {
                    self.act(Action::Partition(groups));
                }
            }
            C::Heal => self.act(Action::Heal),
            C::Apply(form) => self.apply(&form),
            C::LessonNext => match &mut self.lesson {
                Some(run) if matches!(run.phase(), Phase::Paused(_)) => {
                    run.resume();
                    self.playing = true;
                }
                Some(run) if run.phase() == Phase::Playing => self.playing = true,
                _ => {
                    self.playing = false;
                    self.lab.step();
                }
            },
            C::StartLesson(id) => self.start_lesson(id),
            C::TakeOver => {
                if let Some(run) = &mut self.lesson {
                    run.take_over();
                }
            }
            C::DismissNotice => self.notice = None,
            C::SetLang(l) => self.lang = l,
        }
        self.follow();
        self.rev += 1;
    }

    fn lesson_paused(&self) -> bool {
        self.lesson
            .as_ref()
            .is_some_and(|run| matches!(run.phase(), Phase::Paused(_)))
    }

    /// Starts the gossip lesson with this id (its run replaces the current
    /// one); an unknown id leaves the run as it is and says which ids exist.
    pub fn start_lesson(&mut self, id: &str) {
        let started = gossip_lessons::by_id(id).map(GossipLessonRun::start);
        match started {
            Some(Ok((run, lab))) => {
                self.lab = lab;
                self.lesson = Some(run);
                self.selected = None;
                self.shown = None;
                self.playing = false;
            }
            Some(Err(e)) => {
                self.notice = Some(Notice::new(
                    Level::Error,
                    e.to_string(),
                    format!("课程无法开始：{e}"),
                ))
            }
            None => {
                let ids: Vec<&str> = gossip_lessons::all().iter().map(|l| l.id).collect();
                let ids = ids.join(", ");
                self.notice = Some(Notice::new(
                    Level::Warning,
                    format!("There is no gossip lesson {id:?}. Lessons: {ids}."),
                    format!("没有名为 {id:?} 的 Gossip 课程。可选课程：{ids}。"),
                ));
            }
        }
        self.rev += 1;
    }

    /// The lesson being played, if any.
    pub fn lesson(&self) -> Option<&GossipLessonRun> {
        self.lesson.as_ref()
    }

    /// Nodes the current lesson step points at (while the lesson leads).
    pub fn lesson_highlight(&self) -> Vec<NodeId> {
        let Some(run) = &self.lesson else {
            return Vec::new();
        };
        if run.phase() == Phase::TakenOver {
            return Vec::new();
        }
        let mut ids = run
            .current()
            .map(|(_, s)| s.highlight.clone())
            .unwrap_or_default();
        if let Some(ev) = run.cue_event() {
            use crate::gossip::EventKind as E;
            if let E::Rumor { node, .. } | E::Crash { node } | E::Restart { node } = ev.kind {
                ids.push(node);
            }
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::gossip_form::Field;
    use crate::gossip::{MemberState, RumorState};

    fn ctrl(nodes: usize) -> GossipController {
        let mut c = GossipController::new(
            GossipConfig {
                nodes,
                ..default_config()
            },
            vec![],
        );
        c.handle(GossipCommand::SetSpeed(1.0));
        c
    }

    fn play(c: &mut GossipController, real_ms: f64) {
        c.handle(GossipCommand::Play);
        let mut left = real_ms;
        while left > 0.0 {
            c.tick(16.0);
            left -= 16.0;
        }
    }

    fn everyone_knows(c: &GossipController) -> bool {
        let w = c.world();
        let r = c.shown_rumor().expect("a rumor");
        w.rumor_stats(r).informed as usize == w.live_count()
    }

    #[test]
    fn a_click_starts_a_rumor_that_reaches_every_node() {
        let mut c = ctrl(60);
        c.handle(GossipCommand::Click(NodeId(5)));
        let r = c.shown_rumor().unwrap();
        assert_eq!(c.world().rumor(r).origin, NodeId(5));
        assert_eq!(c.world().rumor_state(NodeId(5), r), RumorState::Spreading);
        play(&mut c, 6_000.0);
        assert!(everyone_knows(&c));
    }

    #[test]
    fn the_crash_tool_crashes_and_restarts_and_swim_notices() {
        let mut c = ctrl(30);
        let mut form = GossipForm::from_config(c.world().config());
        form.swim = true;
        c.handle(GossipCommand::Apply(form));
        assert!(c.world().config().swim.enabled);
        c.handle(GossipCommand::SetTool(Tool::Crash));
        c.handle(GossipCommand::Click(NodeId(9)));
        assert_eq!(c.world().health(NodeId(9)), Health::Down);
        play(&mut c, 15_000.0);
        assert_eq!(c.world().opinion(NodeId(9)).worst(), MemberState::Dead);
        c.handle(GossipCommand::Click(NodeId(9)));
        assert_eq!(c.world().health(NodeId(9)), Health::Up);
    }

    #[test]
    fn a_partition_stops_the_spread_and_healing_lets_it_converge() {
        let mut c = ctrl(40);
        let left: Vec<NodeId> = NodeId::all(20).collect();
        let right: Vec<NodeId> = (21..=40).map(NodeId).collect();
        c.handle(GossipCommand::Partition(vec![left, right]));
        c.handle(GossipCommand::StartRumor(NodeId(1)));
        play(&mut c, 8_000.0);
        let r = c.shown_rumor().unwrap();
        assert_eq!(
            c.world().rumor_stats(r).informed,
            20,
            "only the left side knows"
        );
        c.handle(GossipCommand::Heal);
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
        c.handle(GossipCommand::Apply(form));
        let fields: Vec<Field> = c.form_errors().iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::Fanout, Field::Loss]);
        assert!(c.form_errors()[0].en.contains("between 1 and 19"));
        assert_eq!(c.world().config().spread.fanout, 1, "nothing changed");
        let big = GossipForm {
            nodes: "2001".into(),
            ..GossipForm::from_config(c.world().config())
        };
        c.handle(GossipCommand::Apply(big));
        assert!(c.form_errors()[0].en.contains("between 1 and 2000"));
        assert_eq!(c.world().node_count(), 20);
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
        c.handle(GossipCommand::Apply(form.clone()));
        assert!(c.form_errors().is_empty());
        assert_eq!(c.world().config().spread.fanout, 3);
        assert!(c.lab().now() > SimTime::ZERO, "the run goes on");
        c.handle(GossipCommand::Apply(GossipForm {
            nodes: "2000".into(),
            ..form
        }));
        assert_eq!(c.world().node_count(), 2000);
        assert_eq!(c.lab().now(), SimTime::ZERO);
    }

    #[test]
    fn a_frame_does_bounded_work_at_two_thousand_nodes() {
        let mut c = ctrl(2000);
        c.handle(GossipCommand::StartRumor(NodeId(1)));
        c.handle(GossipCommand::Play);
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
        c.handle(GossipCommand::Click(NodeId(11)));
        assert!(c.notice().unwrap().en.contains("S1 to S10"));
        c.handle(GossipCommand::Click(NodeId(0)));
        c.handle(GossipCommand::Partition(vec![vec![NodeId(1), NodeId(1)]]));
        assert!(c.world().rumors().is_empty());
        assert_eq!(
            c.world().network().groups()[0],
            c.world().network().groups()[1]
        );
    }

    #[test]
    fn a_lesson_pauses_at_its_steps_and_the_learner_can_take_over() {
        let mut c = ctrl(10);
        c.start_lesson("gossip-vs-raft");
        assert_eq!(c.world().node_count(), 12);
        c.handle(GossipCommand::SetSpeed(1.0));
        play(&mut c, 3_000.0);
        assert!(matches!(c.lesson().unwrap().phase(), Phase::Paused(0)));
        assert!(!c.playing(), "a step pauses playback");
        let raft = c.lesson().unwrap().raft().unwrap().now();
        assert_eq!(raft, c.lab().now(), "the Raft run keeps the clock");
        c.handle(GossipCommand::LessonNext);
        assert!(c.playing());
        play(&mut c, 3_000.0);
        assert!(matches!(c.lesson().unwrap().phase(), Phase::Paused(1)));
        assert!(c.lesson_highlight().contains(&NodeId(2)));
        c.handle(GossipCommand::Heal);
        assert_eq!(c.lesson().unwrap().phase(), Phase::TakenOver);
        c.start_lesson("no-such-lesson");
        assert!(c.notice().unwrap().en.contains("gossip-fanout"));
    }

    #[test]
    fn stepping_back_and_seeking_travel_in_time() {
        let mut c = ctrl(30);
        c.handle(GossipCommand::StartRumor(NodeId(2)));
        play(&mut c, 2_000.0);
        let later = c.lab().now();
        let informed = c.world().rumor_stats(RumorId(1)).informed;
        c.handle(GossipCommand::Seek(SimTime::ZERO));
        assert_eq!(c.lab().now(), SimTime::ZERO);
        c.handle(GossipCommand::Seek(later));
        assert_eq!(c.world().rumor_stats(RumorId(1)).informed, informed);
        let events = c.world().counters().events;
        c.handle(GossipCommand::StepBack);
        assert_eq!(c.world().counters().events, events - 1);
        assert!(!c.playing());
    }
}
