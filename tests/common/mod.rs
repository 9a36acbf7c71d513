//! What the lesson test files share: the built-in lessons, read from
//! `static/lessons/` and parsed as the page parses them.
#![allow(dead_code)] // each test file uses its own part

use raftlab::lesson::{Cues, Lesson, parse_index, parse_lesson};
use std::path::PathBuf;
use std::rc::Rc;

/// Where the built-in lessons and their course index live.
pub fn lesson_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("static/lessons")
}

fn read(file: &str) -> String {
    std::fs::read_to_string(lesson_dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The built-in lesson `id` of protocol `P`.
pub fn lesson<P: Cues>(id: &str) -> Rc<Lesson<P, P::Cue>> {
    let text = read(&format!("{id}.json"));
    Rc::new(parse_lesson::<P>(&text).unwrap_or_else(|e| panic!("{id}: {e}")))
}

/// Every built-in lesson of protocol `P`, in course order.
pub fn lessons<P: Cues>() -> Vec<Rc<Lesson<P, P::Cue>>> {
    parse_index(&read("index.json"))
        .unwrap()
        .iter()
        .filter(|l| l.protocol == P::ID)
        .map(|l| lesson::<P>(&l.id))
        .collect()
}

/// A lesson and one of its tracks (`None`: the main one).
pub type Track<P> = (Rc<Lesson<P, <P as Cues>::Cue>>, Option<String>);

/// Every (lesson, variant) pair of protocol `P`, the main run first.
pub fn tracks<P: Cues>() -> Vec<Track<P>> {
    lessons::<P>()
        .into_iter()
        .flat_map(|l| l.track_ids().into_iter().map(move |v| (l.clone(), v)))
        .collect()
}
