//! What a lesson is, once read: its text, its scenario and steps, its variants.

use crate::lang::Text;
use crate::protocol::Scenario;
use crate::scenario::Format;
use crate::sim::{NodeId, SimTime};

/// When a step begins.
#[derive(Clone, Debug, PartialEq)]
pub enum Trigger<C> {
    /// When the simulated clock reaches this time (everything due then has happened).
    At(SimTime),
    /// At the first trace event matching the cue, or the first moment its
    /// condition holds, after the previous step's moment.
    On(C),
}

/// One answer to a step's question, and why it is right or wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub text: Text,
    /// Shown when this choice is picked (for a wrong one: why it is wrong).
    pub why: Option<Text>,
}

/// A multiple-choice question with one right answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub prompt: Text,
    pub choices: Vec<Choice>,
    /// Index into `choices`.
    pub answer: usize,
    /// Why the answer is right, shown after the learner answers.
    pub explain: Text,
}

impl Question {
    pub fn is_correct(&self, choice: usize) -> bool {
        choice == self.answer
    }
}

/// A panel of the page a step points at: it is brought into view and marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Log,
    Events,
    Servers,
    Invariants,
    Chart,
    Counters,
}

impl Panel {
    pub const ALL: [Panel; 6] = [
        Panel::Log,
        Panel::Events,
        Panel::Servers,
        Panel::Invariants,
        Panel::Chart,
        Panel::Counters,
    ];

    /// The name lesson files use.
    pub fn name(self) -> &'static str {
        match self {
            Panel::Log => "log",
            Panel::Events => "events",
            Panel::Servers => "servers",
            Panel::Invariants => "invariants",
            Panel::Chart => "chart",
            Panel::Counters => "counters",
        }
    }
}

/// What a claim says about its stretch of the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimKind {
    /// Matching events happen (or the condition comes to hold) from this
    /// step's moment to the next step's (or the end of the run), the events
    /// that begin the two steps included.
    Happens,
    /// Matching events happened (or the condition held) from the previous
    /// step's moment (or the start) to this step's, the events that begin
    /// the two steps included, and the rest of the engine step that began
    /// this one (on show at the pause): what the text says just happened.
    Happened,
    /// No matching event (the condition never holds) in the stretch of [`ClaimKind::Happens`].
    Never,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 3] = [ClaimKind::Happens, ClaimKind::Happened, ClaimKind::Never];

    /// The name lesson files use.
    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Happens => "happens",
            ClaimKind::Happened => "happened",
            ClaimKind::Never => "never",
        }
    }
}

/// What a step claims its run shows, checked on every play of the lesson:
/// `{"happens": {"on": "role", "role": "leader", "node": 5}}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim<C> {
    pub kind: ClaimKind,
    pub cue: C,
    /// Fewest matching events (1 unless given; 0 for `never`).
    pub at_least: u32,
    /// Most matching events, if bounded (0 for `never`).
    pub at_most: Option<u32>,
    /// The claim as written, for reports.
    pub source: String,
}

impl<C> Claim<C> {
    /// Whether `count` matching events (or moments a condition held) satisfy the claim.
    pub fn holds_for(&self, count: u32) -> bool {
        count >= self.at_least && self.at_most.is_none_or(|m| count <= m)
    }

    /// Whether the claim says something happens (what the step asks to watch).
    pub fn is_positive(&self) -> bool {
        self.kind != ClaimKind::Never && self.at_least > 0
    }
}

/// One narrated moment of a lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct Step<C> {
    pub when: Trigger<C>,
    /// What just happened and why.
    pub say: Text,
    /// What to look at in the view now.
    pub watch: Text,
    pub question: Option<Question>,
    /// Servers to highlight (besides those of the event that began the step).
    pub highlight: Vec<NodeId>,
    /// The panel the step points at, if any.
    pub panel: Option<Panel>,
    /// What the run shows around this step, as the text says.
    pub expect: Vec<Claim<C>>,
}

/// A run and the steps narrating it.
#[derive(Clone, Debug, PartialEq)]
pub struct Track<P: Format, C> {
    pub scenario: Scenario<P>,
    pub steps: Vec<Step<C>>,
}

/// Another version of a lesson's run, e.g. with a rule switched off.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant<P: Format, C> {
    /// Stable slug, unique within its lesson (`#lesson=figure8&variant=unsafe-commit`).
    pub id: String,
    /// A short button label, e.g. "rule broken".
    pub label: Text,
    pub summary: Text,
    pub track: Track<P, C>,
}

/// A guided lesson of protocol `P` with cues `C`.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson<P: Format, C> {
    /// Stable URL slug, e.g. "figure8".
    pub id: String,
    /// Position in its protocol's course, from 1.
    pub number: u32,
    pub title: Text,
    pub summary: Text,
    /// A chart the lesson shows beside the run, by the name its protocol gives it.
    pub chart: Option<String>,
    pub main: Track<P, C>,
    pub variants: Vec<Variant<P, C>>,
    /// A scenario of another protocol, run beside this one on the same clock
    /// (its JSON; the view that shows it reads it).
    pub beside: Option<serde_json::Map<String, serde_json::Value>>,
}

impl<P: Format, C> Lesson<P, C> {
    pub fn variant(&self, id: &str) -> Option<&Variant<P, C>> {
        self.variants.iter().find(|v| v.id == id)
    }

    /// The main run (`None`) or a variant's.
    pub fn track(&self, variant: Option<&str>) -> Option<&Track<P, C>> {
        match variant {
            None => Some(&self.main),
            Some(id) => self.variant(id).map(|v| &v.track),
        }
    }

    /// The names of every track, the main run (`None`) first, then each
    /// variant's id.
    pub fn track_ids(&self) -> Vec<Option<String>> {
        std::iter::once(None)
            .chain(self.variants.iter().map(|v| Some(v.id.clone())))
            .collect()
    }
}

/// A lesson as the course list shows it, before its file is fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonInfo {
    pub id: String,
    pub protocol: String,
    pub number: u32,
    pub title: Text,
    pub summary: Text,
}
