//! Lessons keep moving: played in the lab's controller at each protocol's
//! default speed, one frame every 1/60 s, no stretch of more than
//! [`MAX_QUIET_S`] seconds of wall-clock time passes without something a
//! step talks about (an event a claim of the current or next step waits for,
//! or a step itself), from the start to the end of every lesson and variant.
//! Quiet stretches play faster by themselves (lesson::pace), and a lesson
//! ends soon after its last step. The pace never changes the run: a lesson
//! played at its pace pauses at the same moments as one played in one go.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::lessons;
use raftlab::app::command::Command;
use raftlab::app::controller::{Controller, View};
use raftlab::lesson::{Lesson, LessonRun, Phase};
use raftlab::protocols::gossip::Gossip;
use raftlab::protocols::raft::Raft;
use raftlab::sim::SimTime;
use std::rc::Rc;

/// The longest quiet stretch allowed, in seconds of wall-clock time.
const MAX_QUIET_S: f64 = 10.0;
const FRAME_MS: f64 = 1000.0 / 60.0;

/// How a track played in the controller: the longest quiet stretch (wall
/// seconds) and the step it led to ("end" after the last), the wall time in
/// all, and the simulated moments at which the steps paused.
struct Played {
    worst_s: f64,
    worst_before: String,
    wall_s: f64,
    pauses: Vec<SimTime>,
}

fn play<P: View>(lesson: Rc<Lesson<P, P::Cue>>, variant: Option<&str>) -> Played {
    let mut c = Controller::<P>::new(&lesson.main.scenario);
    c.handle(Command::OpenLesson {
        lesson: lesson.clone(),
        variant: variant.map(str::to_string),
    });
    c.handle(Command::LessonNext);
    let (mut worst, mut worst_before) = (0.0f64, String::new());
    let mut wall = 0.0;
    let mut pauses = Vec::new();
    for _ in 0..2_000_000 {
        let run = c.lesson().expect("the lesson stays open");
        let quiet = run.pace().quiet_ms();
        c.tick(FRAME_MS);
        wall += FRAME_MS;
        let run = c.lesson().unwrap();
        let phase = run.phase();
        let notable = run.pace().quiet_ms() == 0.0;
        let ended = matches!(phase, Phase::Paused(_) | Phase::Finished(_));
        if (notable || ended) && quiet + FRAME_MS > worst {
            worst = quiet + FRAME_MS;
            worst_before = match phase {
                Phase::Paused(n) => format!("step {}", n + 1),
                Phase::Finished(_) => "end".to_string(),
                Phase::Playing(n) => format!("an event after step {}", n.map_or(0, |n| n + 1)),
                Phase::TakenOver(_) => unreachable!(),
            };
        }
        match phase {
            Phase::Paused(_) => {
                pauses.push(c.lab().now());
                c.handle(Command::LessonNext);
            }
            Phase::Finished(_) => {
                return Played {
                    worst_s: worst / 1000.0,
                    worst_before,
                    wall_s: wall / 1000.0,
                    pauses,
                };
            }
            _ => {}
        }
    }
    panic!("{}: the lesson never finished", lesson.id);
}

/// The moments a track pauses at when played in one go.
fn pauses_in_one_go<P: View>(lesson: Rc<Lesson<P, P::Cue>>, variant: Option<&str>) -> Vec<SimTime> {
    let (mut run, mut lab) = LessonRun::start(lesson, variant).unwrap();
    let mut out = Vec::new();
    while let Phase::Paused(_) = run.advance(&mut lab, SimTime::MAX) {
        out.push(lab.now());
        run.resume();
    }
    out
}

fn check<P: View>() {
    let mut report = Vec::new();
    let mut slow = Vec::new();
    for lesson in lessons::<P>() {
        for variant in lesson.track_ids() {
            let variant = variant.as_deref();
            let name = format!(
                "{}{}",
                lesson.id,
                variant.map_or(String::new(), |v| format!("/{v}"))
            );
            let played = play(lesson.clone(), variant);
            assert_eq!(
                played.pauses,
                pauses_in_one_go(lesson.clone(), variant),
                "{name}: the pace changed where the steps pause"
            );
            let line = format!(
                "{name:<36} longest quiet {:5.1} s (before {}), {:5.1} s in all",
                played.worst_s, played.worst_before, played.wall_s
            );
            if played.worst_s > MAX_QUIET_S {
                slow.push(line.clone());
            }
            report.push(line);
        }
    }
    println!("{}", report.join("\n"));
    assert!(slow.is_empty(), "quiet for too long:\n{}", slow.join("\n"));
}

#[test]
fn raft_lessons_never_stay_quiet_for_long() {
    check::<Raft>();
}

#[test]
fn gossip_lessons_never_stay_quiet_for_long() {
    check::<Gossip>();
}
