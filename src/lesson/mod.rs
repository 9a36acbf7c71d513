//! Guided lessons, as data anyone can write (docs/lessons.md): a scenario
//! plus narrated steps, each beginning at a time or at the first event that
//! matches a cue, saying what happened and what to watch, and perhaps asking
//! a question, in English and Simplified Chinese; variants replay the lesson
//! with a rule broken or an extension on. Lesson files are parsed here for
//! any protocol ([`parse_lesson`]); each protocol says what its cues are
//! ([`Cues`]). [`LessonRun`] drives a lab through a lesson, pausing exactly
//! at each step, checks what each step claims its run shows ([`Claim`]) and
//! plays quiet stretches faster ([`Pace`]). Nothing here knows about the web
//! page that shows it.
//!
//! Lesson ids are URL slugs (`#embed&lesson=figure8`) and never change.

mod claims;
mod cue;
mod data;
mod format;
pub mod pace;
mod run;
#[cfg(test)]
mod run_tests;

pub use claims::{ClaimReport, Status};
pub use cue::{Cues, cue_fields};
pub use data::{
    Choice, Claim, ClaimKind, Lesson, LessonInfo, Panel, Question, Step, Track, Trigger, Variant,
};
pub use format::{LESSON_FORMAT, MAX_LESSON_BYTES, parse_index, parse_lesson};
pub use pace::Pace;
pub use run::{LessonError, LessonRun, Phase};
