//! What the lessons claim, checked: every step of every built-in lesson and
//! variant (and the course example in docs/course-example/) states in its
//! `expect` list what its run shows, every such claim holds when the lesson
//! plays, a false claim is reported (by the run and by `raftlab-sim lesson`,
//! which then exits with 1), and a malformed claim is an error naming the
//! step and the field.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::tracks;
use raftlab::lesson::{
    ClaimKind, ClaimReport, Cues, Lesson, LessonRun, Phase, Status, parse_lesson,
};
use raftlab::protocols::gossip::Gossip;
use raftlab::protocols::nwr::Nwr;
use raftlab::protocols::raft::Raft;
use raftlab::sim::SimTime;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn label<P: Cues>(lesson: &Lesson<P, P::Cue>, variant: Option<&str>) -> String {
    match variant {
        Some(v) => format!("{}/{v}", lesson.id),
        None => lesson.id.clone(),
    }
}

/// Plays a track to its end without stopping; its claims as checked.
fn claims_of<P: Cues>(lesson: Rc<Lesson<P, P::Cue>>, variant: Option<&str>) -> Vec<ClaimReport> {
    let (mut run, mut lab) = LessonRun::start(lesson, variant).expect("the lesson starts");
    loop {
        match run.advance(&mut lab, SimTime::MAX) {
            Phase::Paused(_) => run.resume(),
            Phase::Finished(_) => return run.claims(),
            other => panic!("unexpected phase {other:?}"),
        }
    }
}

fn failures<P: Cues>() -> Vec<String> {
    let mut out = Vec::new();
    for (lesson, variant) in tracks::<P>() {
        let name = label(&lesson, variant.as_deref());
        for c in claims_of(lesson, variant.as_deref()) {
            if c.status != Status::Held {
                out.push(format!(
                    "{name}: step {}: {} ({} matching, {:?})",
                    c.step + 1,
                    c.source,
                    c.count,
                    c.status
                ));
            }
        }
    }
    out
}

#[test]
fn every_claim_of_every_raft_lesson_holds() {
    let failed = failures::<Raft>();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn every_claim_of_every_gossip_lesson_holds() {
    let failed = failures::<Gossip>();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn every_claim_of_every_nwr_lesson_holds() {
    let failed = failures::<Nwr>();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// Every step says something happens or just happened, so every step makes
/// at least one claim that something happens (`happens` or `happened`): the
/// claims are what the step asks the learner to watch.
fn unclaimed<P: Cues>() -> Vec<String> {
    let mut out = Vec::new();
    for (lesson, variant) in tracks::<P>() {
        let track = lesson.track(variant.as_deref()).unwrap();
        for (n, step) in track.steps.iter().enumerate() {
            if !step.expect.iter().any(|c| c.is_positive()) {
                out.push(format!(
                    "{} step {}: no claim of what happens: {:?}",
                    label(&lesson, variant.as_deref()),
                    n + 1,
                    step.say.en
                ));
            }
        }
    }
    out
}

#[test]
fn every_step_claims_what_it_says_happens() {
    let mut missing = unclaimed::<Raft>();
    missing.extend(unclaimed::<Gossip>());
    missing.extend(unclaimed::<Nwr>());
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

// ---- the course example ----------------------------------------------------------

/// The example of a course's own lesson (docs/lessons.md), read with the
/// parser the page uses for a lesson file that is opened or dropped.
fn course_example() -> Rc<Lesson<Raft, <Raft as Cues>::Cue>> {
    let path = root().join("docs/course-example/two-leaders.json");
    let lesson = parse_lesson::<Raft>(&read(&path));
    Rc::new(lesson.unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

#[test]
fn the_course_example_reaches_every_step_and_its_claims_hold() {
    let lesson = course_example();
    let steps = lesson.main.steps.len();
    let (mut run, mut lab) = LessonRun::start(lesson.clone(), None).expect("the lesson starts");
    let mut reached = Vec::new();
    loop {
        match run.advance(&mut lab, SimTime::MAX) {
            Phase::Paused(n) => {
                reached.push(n);
                run.resume();
            }
            Phase::Finished(_) => break,
            other => panic!("unexpected phase {other:?}"),
        }
    }
    assert_eq!(reached, (0..steps).collect::<Vec<_>>(), "steps in order");
    let failed: Vec<String> = run
        .claims()
        .iter()
        .filter(|c| c.status != Status::Held)
        .map(|c| format!("step {}: {} ({:?})", c.step + 1, c.source, c.status))
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    for (n, step) in lesson.main.steps.iter().enumerate() {
        assert!(
            step.expect.iter().any(|c| c.is_positive()),
            "step {}: no claim of what happens",
            n + 1
        );
    }
}

// ---- a false claim is reported -----------------------------------------------

/// The prevote lesson with two claims added to its last step: one that its
/// old text made ("leadership flaps for as long as the link stays broken":
/// at least three more step-downs after S3's) and one that S5 never leads.
fn prevote_with_false_claims() -> String {
    let mut lesson: serde_json::Value =
        serde_json::from_str(&read(&root().join("static/lessons/prevote.json"))).unwrap();
    let steps = lesson["steps"].as_array_mut().unwrap();
    let last = steps.last_mut().unwrap().as_object_mut().unwrap();
    let expect = last
        .entry("expect")
        .or_insert_with(|| serde_json::json!([]))
        .as_array_mut()
        .unwrap();
    expect.push(serde_json::json!({"happens": {"on": "step_down"}, "at_least": 3}));
    expect.push(serde_json::json!({"never": {"on": "role", "role": "leader", "node": 5}}));
    lesson.to_string()
}

#[test]
fn a_false_claim_is_reported() {
    let text = prevote_with_false_claims();
    let lesson = Rc::new(parse_lesson::<Raft>(&text).unwrap());
    let last = lesson.main.steps.len() - 1;
    let claims = claims_of(lesson.clone(), None);
    let failed: Vec<&ClaimReport> = claims
        .iter()
        .filter(|c| c.status == Status::Failed)
        .collect();
    assert_eq!(failed.len(), 2, "{failed:#?}");
    assert!(failed.iter().all(|c| c.step == last));
    // Reports come in step order, then in the order of the step's `expect`.
    assert_eq!(failed[0].kind, ClaimKind::Happens);
    assert!(failed[0].source.contains("step_down") && failed[0].count < 3);
    assert_eq!(failed[1].kind, ClaimKind::Never);
    assert!(failed[1].source.contains("\"node\": 5") && failed[1].count >= 1);
    // Everything else the lesson claims still holds.
    assert!(
        claims
            .iter()
            .filter(|c| c.status != Status::Failed)
            .all(|c| c.status == Status::Held)
    );
}

/// A scratch file for this test process.
fn scratch(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("raftlab-claims-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_cli_reports_a_false_claim_and_exits_with_1() {
    let sim = env!("CARGO_BIN_EXE_raftlab-sim");
    let bad = scratch("prevote-false.json", &prevote_with_false_claims());
    let out = Command::new(sim)
        .args(["lesson", bad.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert_eq!(stdout.matches("FAIL").count(), 2, "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not hold"));
    let good = root().join("static/lessons/prevote.json");
    let out = Command::new(sim)
        .args(["lesson", good.to_str().unwrap(), "--variant", "both"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("claims: ") && !stdout.contains("FAIL"),
        "{stdout}"
    );
    let _ = std::fs::remove_file(bad);
}

// ---- malformed claims ------------------------------------------------------------

fn errors_of<P: Cues>(text: &str) -> Vec<String> {
    match parse_lesson::<P>(text) {
        Ok(_) => Vec::new(),
        Err(e) => e.0.iter().map(|f| f.path.clone()).collect(),
    }
}

/// A one-step Raft lesson whose step has `expect`.
fn raft_lesson_with(expect: &str) -> String {
    format!(
        r#"{{"format": 1, "id": "t", "protocol": "raft", "number": 1,
        "title": {{"en": "T", "zh": "测"}}, "summary": {{"en": "T", "zh": "测"}},
        "scenario": {{"version": 1, "protocol": "raft", "nodes": 3, "stop_ms": 500}},
        "steps": [
          {{"when": {{"at_ms": 0}}, "say": {{"en": "a", "zh": "甲"}}, "watch": {{"en": "a", "zh": "甲"}}}},
          {{"when": {{"on": "role", "role": "leader"}}, "say": {{"en": "b", "zh": "乙"}},
           "watch": {{"en": "b", "zh": "乙"}}, "expect": {expect}}}
        ]}}"#
    )
}

#[test]
fn a_malformed_claim_names_the_step_and_the_field() {
    let ok = raft_lesson_with(
        r#"[{"happens": {"on": "commit", "node": 2}, "at_least": 1, "at_most": 4},
            {"happened": {"on": "vote", "granted": true, "pre_vote": false}, "at_least": 2},
            {"never": {"on": "violation"}}]"#,
    );
    let lesson = parse_lesson::<Raft>(&ok).expect("a valid lesson");
    assert_eq!(lesson.main.steps[1].expect.len(), 3);
    let cases: &[(&str, &str)] = &[
        (r#"{"happens": {"on": "role"}}"#, "steps[1].expect"),
        (
            r#"[{"happens": {"on": "elected"}}]"#,
            "steps[1].expect[0].happens.on",
        ),
        (
            r#"[{"happens": {"on": "commit", "node": 9}}]"#,
            "steps[1].expect[0].happens.node",
        ),
        (
            r#"[{"happens": {"on": "commit"}, "never": {"on": "commit"}}]"#,
            "steps[1].expect[0]",
        ),
        (r#"[{}]"#, "steps[1].expect[0]"),
        (
            r#"[{"never": {"on": "commit"}, "at_least": 2}]"#,
            "steps[1].expect[0].at_least",
        ),
        (
            r#"[{"happens": {"on": "commit"}, "at_least": 3, "at_most": 2}]"#,
            "steps[1].expect[0].at_most",
        ),
        (
            r#"[{"happens": {"on": "commit"}, "times": 2}]"#,
            "steps[1].expect[0].times",
        ),
        (
            r#"[{"happens": {"on": "deliver", "msg": "Hello"}}]"#,
            "steps[1].expect[0].happens.msg",
        ),
        (
            r#"[{"happens": {"at_ms": 100}}]"#,
            "steps[1].expect[0].happens.on",
        ),
    ];
    for (expect, path) in cases {
        let errs = errors_of::<Raft>(&raft_lesson_with(expect));
        assert!(
            errs.iter().any(|p| p == path),
            "{expect}: expected an error at {path}, got {errs:?}"
        );
    }
    // A condition holds or not: it takes no counts.
    let gossip = r#"{"format": 1, "id": "g", "protocol": "gossip", "number": 1,
        "title": {"en": "T", "zh": "测"}, "summary": {"en": "T", "zh": "测"},
        "scenario": {"version": 1, "protocol": "gossip", "nodes": 20, "stop_ms": 2000},
        "steps": [{"when": {"at_ms": 100}, "say": {"en": "a", "zh": "甲"}, "watch": {"en": "a", "zh": "甲"},
          "expect": [{"happens": {"on": "converged"}, "at_least": 2}]}]}"#;
    assert_eq!(errors_of::<Gossip>(gossip), vec!["steps[0].expect[0]"]);
}
