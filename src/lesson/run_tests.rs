//! Playing a lesson in a lab: steps fire exactly at their trigger, one at a
//! time even when one engine step cues two, and not at all once the learner
//! has taken over.

use super::{LessonError, LessonRun, Phase, parse_lesson};
use crate::lab::Lab;
use crate::net::{NetAction, NodeRef};
use crate::protocols::raft::Raft;
use crate::protocols::raft::cluster::Action;
use crate::sim::{SimDuration, SimTime};
use std::rc::Rc;

/// S1 leads until a partition at 500 ms leaves it with S2; S5 is elected on
/// the other side. Its variant `calm` has no partition.
const LESSON: &str = r#"{
    "format": 1, "id": "test-split", "protocol": "raft", "number": 1,
    "title": {"en": "A split", "zh": "一次分区"},
    "summary": {"en": "The majority elects S5.", "zh": "多数派选出 S5。"},
    "scenario": {
        "version": 1, "protocol": "raft", "seed": 8, "nodes": 5, "stop_ms": 3000,
        "actions": [
            {"at_ms": 10, "do": "timeout", "node": 1},
            {"at_ms": 500, "do": "partition", "groups": [[1, 2], [3, 4, 5]]},
            {"at_ms": 520, "do": "timeout", "node": 5}
        ]
    },
    "steps": [
        {"when": {"on": "partition"},
         "say": {"en": "The network splits.", "zh": "网络分区。"},
         "watch": {"en": "S1 and S2.", "zh": "S1 和 S2。"}},
        {"when": {"on": "role", "role": "leader", "node": 5},
         "say": {"en": "S5 leads the majority.", "zh": "S5 领导多数派。"},
         "watch": {"en": "S5.", "zh": "S5。"}},
        {"when": {"at_ms": 2500},
         "say": {"en": "Two leaders, one of them stale.", "zh": "两个领导者，其中一个已过时。"},
         "watch": {"en": "S1 and S5.", "zh": "S1 和 S5。"}}
    ],
    "variants": [{
        "id": "calm",
        "label": {"en": "No partition", "zh": "没有分区"},
        "summary": {"en": "S1 keeps leading.", "zh": "S1 一直是领导者。"},
        "scenario": {
            "version": 1, "protocol": "raft", "seed": 8, "nodes": 5, "stop_ms": 1000,
            "actions": [{"at_ms": 10, "do": "timeout", "node": 1}]
        },
        "steps": [
            {"when": {"on": "role", "role": "leader", "node": 1},
             "say": {"en": "S1 leads.", "zh": "S1 成为领导者。"},
             "watch": {"en": "S1.", "zh": "S1。"}}
        ]
    }]
}"#;

fn lesson(text: &str) -> Rc<super::Lesson<Raft, <Raft as super::Cues>::Cue>> {
    Rc::new(parse_lesson::<Raft>(text).unwrap_or_else(|e| panic!("{e}")))
}

fn start(variant: Option<&str>) -> (LessonRun<Raft>, Lab<Raft>) {
    LessonRun::start(lesson(LESSON), variant).unwrap()
}

#[test]
fn advance_stops_at_the_trigger_and_not_before_or_after() {
    let (mut run, mut lab) = start(None);
    // The first step waits for the partition at 500 ms.
    let before = SimTime::from_millis(499);
    assert_eq!(run.advance(&mut lab, before), Phase::Playing(None));
    assert_eq!(lab.now(), before);
    assert!(run.current().is_none());
    let step = run.advance(&mut lab, SimTime::from_millis(2_000));
    assert_eq!(step, Phase::Paused(0));
    assert_eq!(lab.now(), SimTime::from_millis(500));
    assert_eq!(run.current().map(|(n, _)| n), Some(0));
    assert_eq!(run.cue_event().map(|e| e.kind.name()), Some("partition"));
    // Paused: nothing moves until resumed.
    let step = run.advance(&mut lab, SimTime::from_millis(3_000));
    assert_eq!(step, Phase::Paused(0));
    assert_eq!(lab.now(), SimTime::from_millis(500));
    run.resume();
    assert_eq!(run.phase(), Phase::Playing(Some(0)));
    let step = run.advance(&mut lab, SimTime::from_millis(3_000));
    assert_eq!(step, Phase::Paused(1));
    assert!(lab.now() > SimTime::from_millis(520));
    run.resume();
    let step = run.advance(&mut lab, SimTime::from_millis(3_000));
    assert_eq!(step, Phase::Paused(2));
    assert_eq!(lab.now(), SimTime::from_millis(2_500), "a timed step");
    assert!(run.cue_event().is_none(), "no event cued it");
    run.resume();
    assert_eq!(
        run.advance(&mut lab, SimTime::MAX),
        Phase::Finished(Some(2))
    );
    assert_eq!(lab.now(), run.stop(), "the lesson ends at its stop");
}

#[test]
fn steps_cued_by_one_engine_step_pause_separately() {
    // S5 becomes leader of term 4 and the checker flags Leader Completeness
    // in the same engine step: two lesson steps, two pauses, one moment.
    let figure8 = lesson(include_str!("../../static/lessons/figure8.json"));
    let (mut run, mut lab) = LessonRun::start(figure8, Some("unsafe-commit")).unwrap();
    let mut pauses = Vec::new();
    while let Phase::Paused(n) = run.advance(&mut lab, SimTime::MAX) {
        let cue = run.cue_event().map(|e| e.kind.name());
        pauses.push((n, lab.now(), cue));
        run.resume();
    }
    let leader = pauses
        .iter()
        .position(|p| p.2 == Some("role") && p.1 > SimTime::from_millis(1_200))
        .unwrap_or_else(|| panic!("{pauses:?}"));
    let (n, at, _) = pauses[leader];
    assert_eq!(pauses[leader + 1], (n + 1, at, Some("violation")));
}

/// Once taken over, no step fires and the run no longer plays the lab: the
/// learner's controls do, past the lesson's stop too. (The lesson used to
/// play the lab it held; the lab is the caller's now.)
#[test]
fn taking_over_stops_the_steps_and_lets_the_lab_run_past_the_stop() {
    let (mut run, mut lab) = start(None);
    assert_eq!(run.advance(&mut lab, SimTime::MAX), Phase::Paused(0));
    run.take_over();
    assert!(run.taken_over());
    let at = lab.now();
    lab.act(Action::from(NetAction::Crash(NodeRef::Leader)));
    let beyond = run.stop() + SimDuration::from_millis(500);
    assert_eq!(run.advance(&mut lab, beyond), Phase::TakenOver(Some(0)));
    assert_eq!(lab.now(), at, "the run leaves the lab to the learner");
    lab.advance(beyond);
    assert_eq!(lab.now(), beyond);
    assert_eq!(run.advance(&mut lab, beyond), Phase::TakenOver(Some(0)));
    assert_eq!(run.current().map(|(n, _)| n), Some(0), "no step fired");
}

#[test]
fn unknown_variants_are_refused() {
    let l = lesson(LESSON);
    assert_eq!(
        LessonRun::start(l.clone(), Some("nope")).err(),
        Some(LessonError::UnknownVariant)
    );
    let (run, lab) = LessonRun::start(l, Some("calm")).unwrap();
    assert_eq!(run.variant(), Some("calm"));
    assert_eq!(run.steps().len(), 1);
    assert_eq!(run.stop(), SimTime::from_millis(1_000));
    assert_eq!(lab.scenario().script.len(), 1, "the variant's run");
}
