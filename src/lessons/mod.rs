//! Guided lessons: each one is a scenario plus narrated steps that pause the
//! run at the interesting moment, say what to watch and ask a question, in
//! English and Simplified Chinese. Lessons are plain data; [`LessonRun`]
//! drives a [`Lab`](crate::lab::Lab) through one, stopping exactly at each
//! step's trigger, and lets the learner take over at any point. Nothing here
//! knows about the web page that shows it.
//!
//! Lesson ids are URL slugs (`#embed&lesson=figure8`) and never change.

mod cue;
pub(crate) mod run;
pub mod timing;
// --- gossip lessons ---
pub mod gossip;
// --- end gossip lessons ---

mod l01_election;
mod l02_split_vote;
mod l03_replication;
mod l04_leader_crash;
mod l05_partition;
mod l06_figure7;
mod l07_figure8;
mod l08_same_index;
mod l09_stale_read;
mod l10_persistence;
mod l11_snapshot;
mod l12_election_restriction;
mod l13_timing;
mod l14_prevote;

pub use cue::{Cue, EventMatch};
pub use run::{LessonError, LessonRun, Phase};

use crate::lang::Lang;
use crate::sim::{NodeId, SimTime};
use std::sync::OnceLock;

/// A text in every language the lab speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &'static str {
        lang.pick(self.en, self.zh)
    }
}

/// Shorthand for a [`Text`]: English first, then Chinese.
pub(crate) const fn t(en: &'static str, zh: &'static str) -> Text {
    Text { en, zh }
}

/// When a step begins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// When the simulated clock reaches this time (everything due then has happened).
    At(SimTime),
    /// At the first trace event matching this, after the previous step's moment.
    First(EventMatch),
}

impl Trigger {
    pub(crate) const fn at_ms(ms: u64) -> Trigger {
        Trigger::At(SimTime::from_millis(ms))
    }
}

impl From<EventMatch> for Trigger {
    fn from(m: EventMatch) -> Trigger {
        Trigger::First(m)
    }
}

/// A multiple-choice question with one right answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub prompt: Text,
    pub choices: Vec<Text>,
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

/// One narrated moment of a lesson; `T` says when it begins (a Raft
/// [`Trigger`], or a gossip one for the gossip lessons).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step<T = Trigger> {
    pub trigger: T,
    /// What just happened and why.
    pub say: Text,
    /// What to look at in the view now.
    pub watch: Text,
    pub question: Option<Question>,
    /// Servers to highlight (besides those of the event that triggered the step).
    pub highlight: Vec<NodeId>,
}

/// Another version of a lesson's run, e.g. with a rule of Raft switched off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// Stable slug, unique within its lesson (`#embed&lesson=figure8&variant=unsafe-commit`).
    pub id: &'static str,
    /// A short button label, e.g. "rule broken".
    pub label: Text,
    pub summary: Text,
    /// Scenario JSON (docs/scenarios.md).
    pub scenario: &'static str,
    pub steps: Vec<Step>,
}

/// A chart a lesson shows beside the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    /// Election durations after a leader crash for several timeout ranges,
    /// like Figure 16 of the Raft paper: see [`timing`].
    ElectionTimes,
}

/// A guided lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// Stable URL slug, e.g. "figure8".
    pub id: &'static str,
    /// Position in the course, from 1.
    pub number: u8,
    pub title: Text,
    pub summary: Text,
    /// Scenario JSON (docs/scenarios.md) of the main run.
    pub scenario: &'static str,
    pub steps: Vec<Step>,
    pub variants: Vec<Variant>,
    pub chart: Option<Chart>,
}

impl Lesson {
    pub fn variant(&self, id: &str) -> Option<&Variant> {
        self.variants.iter().find(|v| v.id == id)
    }

    /// The scenario JSON and the steps of the main run (`None`) or of a variant.
    pub fn track(&self, variant: Option<&str>) -> Option<(&'static str, &[Step])> {
        match variant {
            None => Some((self.scenario, &self.steps)),
            Some(id) => self.variant(id).map(|v| (v.scenario, &v.steps[..])),
        }
    }
}

/// Every lesson, in course order.
pub fn all() -> &'static [Lesson] {
    static LESSONS: OnceLock<Vec<Lesson>> = OnceLock::new();
    LESSONS.get_or_init(|| {
        vec![
            l01_election::lesson(),
            l02_split_vote::lesson(),
            l03_replication::lesson(),
            l04_leader_crash::lesson(),
            l05_partition::lesson(),
            l06_figure7::lesson(),
            l07_figure8::lesson(),
            l08_same_index::lesson(),
            l09_stale_read::lesson(),
            l10_persistence::lesson(),
            l11_snapshot::lesson(),
            l12_election_restriction::lesson(),
            l13_timing::lesson(),
            l14_prevote::lesson(),
        ]
    })
}

/// The lesson with this id.
pub fn by_id(id: &str) -> Option<&'static Lesson> {
    all().iter().find(|l| l.id == id)
}

/// A step with no question and no extra highlight.
pub(crate) fn step<T>(trigger: impl Into<T>, say: Text, watch: Text) -> Step<T> {
    Step {
        trigger: trigger.into(),
        say,
        watch,
        question: None,
        highlight: Vec::new(),
    }
}

impl<T> Step<T> {
    /// Adds a question to the step.
    pub(crate) fn ask(self, prompt: Text, choices: &[Text], answer: usize, explain: Text) -> Self {
        Step {
            question: Some(Question {
                prompt,
                choices: choices.to_vec(),
                answer,
                explain,
            }),
            ..self
        }
    }

    /// Highlights servers S`n`.
    pub(crate) fn highlight(self, ids: &[u16]) -> Self {
        Step {
            highlight: ids.iter().copied().map(NodeId).collect(),
            ..self
        }
    }
}
