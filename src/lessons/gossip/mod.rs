//! Guided gossip lessons, in English and Simplified Chinese, built like the
//! Raft lessons: a gossip scenario plus narrated steps that pause the run at
//! the interesting moment, say what to watch and ask a question. One lesson
//! also runs a Raft scenario beside the gossip one, under the same
//! partition, to compare the two. [`GossipLessonRun`] drives a
//! [`GossipLab`](crate::app::gossip_lab::GossipLab) through a lesson.
//!
//! Lesson ids are URL slugs (`#view=gossip&lesson=gossip-fanout`) and never change.

mod cue;
mod l01_fanout;
mod l02_modes;
mod l03_loss_churn;
mod l04_swim;
mod l05_versus_raft;
mod run;

pub use cue::{GossipCue, GossipMatch, GossipTrigger, on};
pub use run::GossipLessonRun;

use super::{Question, Text};
use crate::sim::NodeId;
use std::sync::OnceLock;

/// One narrated moment of a gossip lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GossipStep {
    pub trigger: GossipTrigger,
    /// What just happened and why.
    pub say: Text,
    /// What to look at now.
    pub watch: Text,
    pub question: Option<Question>,
    /// Nodes to highlight.
    pub highlight: Vec<NodeId>,
}

/// A guided gossip lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GossipLesson {
    /// Stable URL slug, e.g. "gossip-fanout".
    pub id: &'static str,
    /// Position in the gossip course, from 1.
    pub number: u8,
    pub title: Text,
    pub summary: Text,
    /// Scenario JSON (docs/scenarios.md) of the gossip run.
    pub scenario: &'static str,
    /// Scenario JSON of a Raft run shown beside it, on the same clock.
    pub raft: Option<&'static str>,
    pub steps: Vec<GossipStep>,
}

/// Every gossip lesson, in course order.
pub fn all() -> &'static [GossipLesson] {
    static LESSONS: OnceLock<Vec<GossipLesson>> = OnceLock::new();
    LESSONS.get_or_init(|| {
        vec![
            l01_fanout::lesson(),
            l02_modes::lesson(),
            l03_loss_churn::lesson(),
            l04_swim::lesson(),
            l05_versus_raft::lesson(),
        ]
    })
}

/// The gossip lesson with this id.
pub fn by_id(id: &str) -> Option<&'static GossipLesson> {
    all().iter().find(|l| l.id == id)
}

/// A step with no question and no highlight.
pub(crate) fn step(trigger: impl Into<GossipTrigger>, say: Text, watch: Text) -> GossipStep {
    GossipStep {
        trigger: trigger.into(),
        say,
        watch,
        question: None,
        highlight: Vec::new(),
    }
}

impl GossipStep {
    /// Adds a question to the step.
    pub(crate) fn ask(self, prompt: Text, choices: &[Text], answer: usize, explain: Text) -> Self {
        GossipStep {
            question: Some(Question {
                prompt,
                choices: choices.to_vec(),
                answer,
                explain,
            }),
            ..self
        }
    }

    /// Highlights nodes S`n`.
    pub(crate) fn highlight(self, ids: &[u16]) -> Self {
        GossipStep {
            highlight: ids.iter().copied().map(NodeId).collect(),
            ..self
        }
    }
}
