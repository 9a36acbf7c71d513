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

pub(crate) use super::step;
use super::{Step, Text};
use std::sync::OnceLock;

/// One narrated moment of a gossip lesson.
pub type GossipStep = Step<GossipTrigger>;

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
