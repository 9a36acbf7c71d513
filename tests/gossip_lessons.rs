//! The guided gossip lessons: every scenario runs and meets its
//! expectations, every step fires in order before the stop, the texts exist
//! in both languages, and what the narration claims actually happens.

mod common;

use raftlab::lab::Lab;
use raftlab::lang::Text;
use raftlab::lesson::{Cues, Lesson, LessonRun, Phase, Trigger};
use raftlab::protocols::gossip::cue::GossipWhen;
use raftlab::protocols::gossip::{Gossip, MemberState, RumorId};
use raftlab::protocols::raft::Raft;
use raftlab::report::{Summarize, run};
use raftlab::scenario::from_object;
use raftlab::sim::{NodeId, SimTime};
use std::collections::BTreeSet;
use std::rc::Rc;

type GossipLesson = Lesson<Gossip, GossipWhen>;
type GossipLab = Lab<Gossip>;

fn by_id(id: &str) -> Rc<GossipLesson> {
    common::lesson::<Gossip>(id)
}

/// Every built-in gossip lesson, in course order.
fn all() -> Vec<Rc<GossipLesson>> {
    common::lessons::<Gossip>()
}

/// The Raft run a lesson shows beside its gossip run, if it has one.
fn beside(lesson: &GossipLesson) -> Option<Lab<Raft>> {
    let json = lesson.beside.clone()?;
    let scenario = from_object::<Raft>(json).unwrap_or_else(|e| panic!("{}: {e}", lesson.id));
    Some(Lab::new(&scenario))
}

/// Plays a lesson to the end, calling `at_step(n, gossip lab, raft lab)` at each pause.
fn play(id: &str, mut at_step: impl FnMut(usize, &GossipLab, Option<&Lab<Raft>>)) {
    let lesson = by_id(id);
    let mut raft = beside(&lesson);
    let (mut run, mut lab) = LessonRun::start(lesson, None).expect("lesson starts");
    loop {
        match run.advance(&mut lab, SimTime::MAX) {
            Phase::Paused(n) => {
                if let Some(r) = raft.as_mut() {
                    r.seek(lab.now());
                }
                at_step(n, &lab, raft.as_ref());
                run.resume();
            }
            Phase::Finished(_) => return,
            other => panic!("{id}: unexpected phase {other:?}"),
        }
    }
}

fn checks<P: Summarize>(
    scenario: &raftlab::protocol::Scenario<P>,
) -> Vec<raftlab::report::CheckRecord>
where
    P::Event: serde::Serialize,
{
    let (world, hash) = run(scenario, |_, _| {});
    P::expectations(&P::summarize(scenario, &world, &hash)).to_vec()
}

#[test]
fn scenarios_parse_run_and_meet_their_expectations() {
    for lesson in all() {
        let mut list = checks(&lesson.main.scenario);
        if let Some(json) = lesson.beside.clone() {
            list.extend(checks(&from_object::<Raft>(json).unwrap()));
        }
        assert!(!list.is_empty(), "{}: no expectations", lesson.id);
        for c in list {
            assert!(c.ok, "{}: {}: {}", lesson.id, c.check, c.detail);
        }
    }
}

#[test]
fn every_step_fires_in_order_before_the_stop() {
    for lesson in all() {
        let id = lesson.id.clone();
        let (mut run, mut lab) = LessonRun::start(lesson, None).unwrap();
        let steps = run.steps().to_vec();
        assert!(steps.len() >= 4, "{id}: too few steps");
        let (mut fired, mut last) = (0, SimTime::ZERO);
        loop {
            match run.advance(&mut lab, SimTime::MAX) {
                Phase::Paused(n) => {
                    let now = lab.now();
                    assert_eq!(n, fired, "{id}: steps fire in order");
                    assert!(now >= last && now <= run.stop(), "{id}: step {n} at {now}");
                    match &steps[n].when {
                        Trigger::At(t) => assert_eq!(now, *t),
                        Trigger::On(c) if Gossip::is_condition(c) => {
                            assert!(c.holds(lab.world()), "{id}: step {n}")
                        }
                        Trigger::On(m) => {
                            let ev = run.cue_event().expect("the event that fired the step");
                            assert!(m.matches(&ev.kind), "{id}: step {n} fired on {ev:?}");
                            assert_eq!(ev.at, now, "{id}: step {n} pauses at its event");
                        }
                    }
                    last = now;
                    fired += 1;
                    run.resume();
                }
                Phase::Finished(_) => break,
                other => panic!("{id}: unexpected phase {other:?}"),
            }
        }
        assert_eq!(fired, steps.len(), "{id}: every step fired");
        assert_eq!(lab.now(), run.stop(), "{id}: played to the stop");
    }
}

fn texts(lesson: &GossipLesson) -> Vec<Text> {
    let mut out = vec![lesson.title.clone(), lesson.summary.clone()];
    for s in &lesson.main.steps {
        out.extend([s.say.clone(), s.watch.clone()]);
        if let Some(q) = &s.question {
            out.extend([q.prompt.clone(), q.explain.clone()]);
            out.extend(q.choices.iter().map(|c| c.text.clone()));
        }
    }
    out
}

#[test]
fn every_text_is_written_in_english_and_chinese() {
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    for lesson in all() {
        for text in texts(&lesson) {
            let (en, zh) = (text.en.trim(), text.zh.trim());
            assert!(!en.is_empty() && !zh.is_empty(), "{}: {en:?}", lesson.id);
            assert!(!en.chars().any(han), "{}: Chinese in {en:?}", lesson.id);
            assert!(zh.chars().any(han), "{}: untranslated {zh:?}", lesson.id);
        }
    }
}

#[test]
fn questions_have_one_valid_answer_and_distinct_choices() {
    for lesson in all() {
        let questions: Vec<_> = lesson
            .main
            .steps
            .iter()
            .filter_map(|s| s.question.as_ref())
            .collect();
        assert!(!questions.is_empty(), "{}: asks nothing", lesson.id);
        for q in questions {
            assert!(
                q.choices.len() >= 2 && q.answer < q.choices.len(),
                "{}",
                lesson.id
            );
            let en: BTreeSet<_> = q.choices.iter().map(|c| c.text.en.clone()).collect();
            let zh: BTreeSet<_> = q.choices.iter().map(|c| c.text.zh.clone()).collect();
            assert_eq!(en.len(), q.choices.len(), "{}: repeated choice", lesson.id);
            assert_eq!(zh.len(), q.choices.len(), "{}: repeated choice", lesson.id);
        }
    }
}

#[test]
fn ids_are_unique_slugs_numbered_from_one_and_apart_from_raft_lessons() {
    for (i, lesson) in all().iter().enumerate() {
        assert_eq!(lesson.number as usize, i + 1);
        assert!(lesson.id.starts_with("gossip-"), "{}", lesson.id);
    }
}

// ---- what the narration claims ---------------------------------------------

fn rounds_to(lab: &GossipLab, r: u32, pct: u32) -> u32 {
    lab.world()
        .rumor_stats(RumorId(r))
        .reach(pct)
        .expect("reached")
        .rounds
}

#[test]
fn fanout_four_takes_fewer_rounds_and_sends_more_redundant_copies() {
    let mut redundant = Vec::new();
    let mut rounds = Vec::new();
    play("gossip-fanout", |n, lab, _| {
        let w = lab.world();
        match n {
            2 => {
                redundant.push(w.rumor_stats(RumorId(1)).redundant);
                rounds.push(rounds_to(lab, 1, 100));
                let pittel = raftlab::protocols::gossip::theory::pittel_push_rounds(200);
                assert!(
                    (f64::from(rounds[0]) - pittel).abs() <= 2.0,
                    "{rounds:?} vs {pittel}"
                );
            }
            4 => {
                redundant.push(w.rumor_stats(RumorId(2)).redundant);
                rounds.push(rounds_to(lab, 2, 100));
            }
            _ => {}
        }
    });
    assert!(
        rounds[1] * 2 <= rounds[0],
        "half the rounds or fewer: {rounds:?}"
    );
    assert!(redundant[1] > redundant[0], "more waste: {redundant:?}");
    let per_round = |i: usize| redundant[i] as f64 / f64::from(rounds[i]);
    assert!(
        per_round(1) >= 2.0 * per_round(0),
        "crowded into fewer rounds: {redundant:?} {rounds:?}"
    );
}

#[test]
fn pull_starts_slowly_and_finishes_fast_and_push_pull_is_fastest() {
    let lesson = by_id("gossip-modes");
    let (mut run, mut lab) = LessonRun::start(lesson, None).unwrap();
    run.take_over();
    lab.advance(run.stop());
    let (push, pull, both) = (
        rounds_to(&lab, 1, 100),
        rounds_to(&lab, 2, 100),
        rounds_to(&lab, 3, 100),
    );
    assert!(
        both < pull && pull < push,
        "push {push}, pull {pull}, push-pull {both}"
    );
    assert!(
        rounds_to(&lab, 2, 50) >= rounds_to(&lab, 1, 50),
        "pull starts no faster"
    );
    assert!(
        pull - rounds_to(&lab, 2, 50) < push - rounds_to(&lab, 1, 50),
        "pull finishes faster"
    );
}

#[test]
fn loss_and_churn_do_not_stop_the_rumor_and_returning_nodes_catch_up() {
    play("gossip-loss-churn", |n, lab, _| {
        let w = lab.world();
        match n {
            2 => {
                assert_eq!(w.live_count(), 270);
                assert_eq!(w.rumor_stats(RumorId(1)).informed, 270);
                assert!(w.counters().dropped.iter().sum::<u64>() > 0);
            }
            3 => assert!(w.rumor_stats(RumorId(1)).informed < 300),
            4 => assert_eq!(w.up_to_date_count(), 300),
            _ => {}
        }
    });
}

#[test]
fn swim_suspects_confirms_spreads_and_takes_back() {
    play("gossip-swim", |n, lab, _| {
        let w = lab.world();
        let s7 = NodeId(7);
        match n {
            1 => assert_eq!(w.opinion(s7).worst(), MemberState::Suspect),
            2 => assert_eq!(w.opinion(s7).worst(), MemberState::Dead),
            3 => {
                let o = w.opinion(s7);
                assert_eq!(
                    (o.alive, o.suspect),
                    (0, 0),
                    "no one holds S7 alive or suspect"
                );
                assert_eq!(w.false_positives().suspected, 0);
                let first = w.failures()[0].first_detection().unwrap();
                assert!(
                    first.as_millis_f64() <= 3.0 * 500.0,
                    "within a few periods: {first}"
                );
            }
            _ => {}
        }
    });
}

#[test]
fn gossip_accepts_both_writes_and_converges_while_raft_keeps_one() {
    let value = |lab: &GossipLab, n: u16| {
        lab.world()
            .value_at(NodeId(n), "x")
            .map(|r| r.value.to_string())
    };
    let raft_x = |raft: &Lab<Raft>, n: u16| {
        raft.world()
            .node(NodeId(n))
            .state()
            .get("x")
            .map(|v| v.to_string())
    };
    play("gossip-vs-raft", |n, lab, raft| {
        let raft = raft.expect("the Raft run beside");
        match n {
            3 => {
                for s in 1..=6 {
                    assert_eq!(value(lab, s).as_deref(), Some("left"), "S{s}");
                }
                for s in 7..=12 {
                    assert_eq!(value(lab, s).as_deref(), Some("right"), "S{s}");
                }
                assert_eq!(raft_x(raft, 1), None, "the minority never applies x = left");
                let s1 = raft.world().node(NodeId(1));
                assert!(
                    s1.commit_index() < s1.log().last_index(),
                    "S1's entry is uncommitted"
                );
                for s in 3..=5 {
                    assert_eq!(raft_x(raft, s).as_deref(), Some("right"), "S{s}");
                }
            }
            5 => {
                for s in 1..=12 {
                    assert_eq!(value(lab, s).as_deref(), Some("right"), "S{s}");
                }
            }
            6 => {
                for s in 1..=5 {
                    assert_eq!(raft_x(raft, s).as_deref(), Some("right"), "S{s}");
                }
            }
            _ => {}
        }
    });
}

/// Before the heal, S1–S6 know only `left` and S7–S12 only `right`: no event
/// says a node learned a value from a sender that never held it (a newer
/// version in the same message supersedes the older one instead).
#[test]
fn no_node_learns_a_value_its_sender_never_held() {
    let lesson = by_id("gossip-vs-raft");
    let scenario = &lesson.main.scenario;
    let mut crossed = Vec::new();
    let mut learned = 0;
    run(scenario, |ev, _| {
        if let raftlab::protocols::gossip::EventKind::Infect {
            node, rumor, from, ..
        } = ev.kind
            && ev.at < SimTime::from_millis(5_000)
        {
            learned += 1;
            let left = node.0 <= 6;
            // Rumor 1 is S2's `left`, rumor 2 S9's `right`.
            if left != (rumor == RumorId(1)) {
                crossed.push(format!("{node} learned rumor {rumor:?} from {from}"));
            }
        }
    });
    assert!(learned >= 10, "both writes spread on their own side");
    assert!(crossed.is_empty(), "{crossed:?}");
}
