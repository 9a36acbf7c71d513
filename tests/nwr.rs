//! Quorum NWR: the guided lessons (every scenario meets its expectations,
//! every step fires in order before the stop, texts in both languages, and
//! what each step says has happened by then) and seed sweeps of the claims
//! the lessons make, under crashes, partitions and message loss:
//!
//! 1. with W + R > N and strict quorums no read is stale;
//! 2. without blocking read repair reads can go new, then old;
//! 3. with blocking read repair and two-phase writes every history is
//!    linearizable;
//! 4. with W + R ≤ N reads are stale;
//! 5. in a partition strict quorums refuse where W = R = 1 answers stale;
//! 6. one-phase writes under last write wins lose acknowledged writes;
//! 7. a sloppy quorum keeps writes available at the price of stale reads.

mod common;

use raftlab::check::check_history;
use raftlab::client::ClientPhase;
use raftlab::lab::Lab;
use raftlab::lang::Text;
use raftlab::lesson::{Lesson, LessonRun, Phase, Step, Trigger};
use raftlab::net::{NetAction, NodeRef};
use raftlab::protocol::Scenario;
use raftlab::protocols::nwr::cue::NwrWhen;
use raftlab::protocols::nwr::report::{Summary, summarize};
use raftlab::protocols::nwr::{
    Action, EventKind, MsgKind, Nwr, NwrConfig, NwrEvent, NwrSetup, NwrWorld, ReadRepair, Version,
    Workload,
};
use raftlab::report::run;
use raftlab::sim::{NodeId, SimDuration, SimRng, SimTime};
use std::collections::BTreeSet;
use std::rc::Rc;

type NwrLesson = Lesson<Nwr, NwrWhen>;

fn by_id(id: &str) -> Rc<NwrLesson> {
    common::lesson::<Nwr>(id)
}

/// Every Quorum NWR lesson of the course index, in course order.
fn all() -> Vec<Rc<NwrLesson>> {
    common::lessons::<Nwr>()
}

/// Every (lesson, variant) pair, the main run first.
fn tracks() -> Vec<common::Track<Nwr>> {
    common::tracks::<Nwr>()
}

fn label(lesson: &NwrLesson, variant: Option<&str>) -> String {
    format!(
        "{}{}",
        lesson.id,
        variant.map_or(String::new(), |v| format!("/{v}"))
    )
}

/// The headless summary of a track's scenario (with the client history).
fn summary(lesson: &str, variant: Option<&str>) -> Summary {
    let lesson = by_id(lesson);
    let scenario = &lesson.track(variant).expect("track").scenario;
    let (world, hash) = run(scenario, |_, _| {});
    summarize(scenario, &world, &hash)
}

/// Plays a track to its stop, calling `at_step(n, lab, event that fired it)` at each pause.
fn play(
    id: &str,
    variant: Option<&str>,
    mut at_step: impl FnMut(usize, &Lab<Nwr>, Option<&NwrEvent>),
) {
    let (mut run, mut lab) = LessonRun::start(by_id(id), variant).expect("lesson starts");
    let mut steps = 0;
    loop {
        match run.advance(&mut lab, SimTime::MAX) {
            Phase::Paused(n) => {
                at_step(n, &lab, run.cue_event());
                steps += 1;
                run.resume();
            }
            Phase::Finished(_) => break,
            other => panic!("{id}: unexpected phase {other:?}"),
        }
    }
    assert_eq!(steps, run.steps().len(), "{id}: every step was checked");
}

// ---- every lesson ----------------------------------------------------------

#[test]
fn scenarios_parse_run_and_meet_their_expectations() {
    let mut failures = Vec::new();
    for (lesson, variant) in tracks() {
        let v = variant.as_deref();
        let s = summary(&lesson.id, v);
        if s.expectations.is_empty() {
            failures.push(format!("{}: no expectations", label(&lesson, v)));
        }
        for c in s.expectations.iter().filter(|c| !c.ok) {
            failures.push(format!("{}: {}: {}", label(&lesson, v), c.check, c.detail));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_step_fires_in_order_before_the_stop_and_pauses_at_its_event() {
    for (lesson, variant) in tracks() {
        let name = label(&lesson, variant.as_deref());
        let (mut run, mut lab) = LessonRun::start(lesson, variant.as_deref()).unwrap();
        let steps: Vec<Step<NwrWhen>> = run.steps().to_vec();
        assert!(steps.len() >= 4, "{name}: too few steps");
        let (mut fired, mut last) = (0, SimTime::ZERO);
        loop {
            match run.advance(&mut lab, SimTime::MAX) {
                Phase::Paused(n) => {
                    let now = lab.now();
                    assert_eq!(n, fired, "{name}: steps fire in order");
                    assert!(
                        now >= last && now <= run.stop(),
                        "{name}: step {n} at {now}"
                    );
                    match &steps[n].when {
                        Trigger::At(t) => assert_eq!(now, *t, "{name}: step {n}"),
                        Trigger::On(m) => {
                            let ev = run.cue_event().expect("the event that fired the step");
                            assert!(m.matches(&ev.kind), "{name}: step {n} fired on {ev:?}");
                            assert_eq!(ev.at, now, "{name}: step {n} pauses at its event");
                        }
                    }
                    last = now;
                    fired += 1;
                    run.resume();
                }
                Phase::Finished(_) => break,
                other => panic!("{name}: unexpected phase {other:?}"),
            }
        }
        assert_eq!(fired, steps.len(), "{name}: every step fired");
        assert_eq!(lab.now(), run.stop(), "{name}: played to the stop");
    }
}

fn texts(lesson: &NwrLesson) -> Vec<Text> {
    let mut out = vec![lesson.title.clone(), lesson.summary.clone()];
    let mut steps: Vec<&Step<NwrWhen>> = lesson.main.steps.iter().collect();
    for v in &lesson.variants {
        out.extend([v.label.clone(), v.summary.clone()]);
        steps.extend(&v.track.steps);
    }
    for s in steps {
        out.extend([s.say.clone(), s.watch.clone()]);
        if let Some(q) = &s.question {
            out.extend([q.prompt.clone(), q.explain.clone()]);
            out.extend(q.choices.iter().map(|c| c.text.clone()));
            out.extend(q.choices.iter().filter_map(|c| c.why.clone()));
        }
    }
    out
}

#[test]
fn every_text_is_written_in_english_and_chinese() {
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    for lesson in all() {
        for t in texts(&lesson) {
            let (en, zh) = (t.en.trim(), t.zh.trim());
            assert!(!en.is_empty() && !zh.is_empty(), "{}: {en:?}", lesson.id);
            assert!(!en.chars().any(han), "{}: Chinese in {en:?}", lesson.id);
            // Bare values and formulas ("W = R = 1") stay as they are; words are translated.
            let word = en
                .split(|c: char| !c.is_alphabetic())
                .any(|w| w.chars().count() >= 3);
            if word {
                assert!(zh.chars().any(han), "{}: untranslated {zh:?}", lesson.id);
            }
        }
    }
}

#[test]
fn questions_have_a_valid_answer_and_distinct_choices_and_every_main_run_asks() {
    for lesson in all() {
        let steps = lesson
            .main
            .steps
            .iter()
            .chain(lesson.variants.iter().flat_map(|v| &v.track.steps));
        for q in steps.filter_map(|s| s.question.as_ref()) {
            assert!(
                q.answer < q.choices.len(),
                "{}: {:?}",
                lesson.id,
                q.prompt.en
            );
            let en: BTreeSet<_> = q.choices.iter().map(|c| c.text.en.clone()).collect();
            let zh: BTreeSet<_> = q.choices.iter().map(|c| c.text.zh.clone()).collect();
            assert_eq!(en.len(), q.choices.len(), "{}: repeated choice", lesson.id);
            assert_eq!(zh.len(), q.choices.len(), "{}: repeated choice", lesson.id);
        }
        assert!(
            lesson
                .main
                .steps
                .iter()
                .filter(|s| s.question.is_some())
                .count()
                >= 2,
            "{}: the main run asks at least two questions",
            lesson.id
        );
    }
}

#[test]
fn ids_are_unique_and_numbers_run_from_one() {
    let all = all();
    assert_eq!(all.len(), 5);
    let ids: BTreeSet<_> = all.iter().map(|l| l.id.clone()).collect();
    assert_eq!(ids.len(), all.len());
    for (i, l) in all.iter().enumerate() {
        assert_eq!(l.number as usize, i + 1, "{}", l.id);
        assert!(LessonRun::start(l.clone(), Some("no-such-variant")).is_err());
    }
}

// ---- what each step says ---------------------------------------------------

fn value(lab: &Lab<Nwr>, node: u16) -> Option<String> {
    lab.world()
        .node(NodeId(node))
        .stored("x")
        .map(|s| s.value.to_string())
}

fn version(lab: &Lab<Nwr>, node: u16) -> Option<Version> {
    lab.world()
        .node(NodeId(node))
        .stored("x")
        .map(|s| s.version)
}

fn v(counter: u64, writer: u16) -> Version {
    Version::new(counter, NodeId(writer))
}

fn values(lab: &Lab<Nwr>, nodes: &[u16]) -> Vec<Option<String>> {
    nodes.iter().map(|&n| value(lab, n)).collect()
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

/// Messages of `kind` in flight from `from` to `to`, with the versions they carry.
fn in_flight(lab: &Lab<Nwr>, kind: MsgKind, from: u16, to: u16) -> Vec<Option<Version>> {
    lab.world()
        .network()
        .in_flight()
        .filter(|e| e.msg.kind() == kind && e.from == NodeId(from) && e.to == NodeId(to))
        .map(|e| e.msg.version())
        .collect()
}

fn kind(ev: Option<&NwrEvent>) -> &EventKind {
    &ev.expect("a cue event").kind
}

/// The result of the latest completed client operation.
fn last_result(lab: &Lab<Nwr>) -> Option<String> {
    lab.recent_events()
        .iter()
        .rev()
        .find_map(|e| match &e.kind {
            EventKind::Client(c) if c.phase == ClientPhase::Ok => {
                Some(c.result.as_deref().unwrap_or("").to_string())
            }
            _ => None,
        })
}

#[test]
fn quorums_meet_when_w_plus_r_exceeds_n() {
    play("nwr-quorums", None, |n, lab, ev| match n {
        0 => {
            assert_eq!(lab.world().replicas("x"), [NodeId(2), NodeId(3), NodeId(4)]);
            assert_eq!(values(lab, &[2, 3, 4]), [some("0"), some("0"), some("0")]);
            assert_eq!(lab.world().clients().ok(), 1);
        }
        1 => {
            assert!(
                matches!(kind(ev), EventKind::Written { acks, .. } if acks == &[NodeId(2), NodeId(3)])
            );
            assert_eq!(values(lab, &[2, 3, 4]), [some("1"), some("1"), some("0")]);
            assert_eq!(
                in_flight(lab, MsgKind::Put, 2, 4),
                [Some(v(2, 2))],
                "S4's copy is on its way"
            );
            let slow = lab.world().network().link_latency(NodeId(2), NodeId(4));
            assert_eq!(slow.min, SimDuration::from_millis(400));
        }
        2 => {
            let EventKind::Read {
                replies,
                value,
                stale,
                ..
            } = kind(ev)
            else {
                panic!()
            };
            assert_eq!(
                (replies, stale),
                (&vec![NodeId(3), NodeId(4)], &vec![NodeId(4)])
            );
            assert_eq!(value.as_deref(), Some("1"));
            assert_eq!(
                value_of(lab, 4),
                (some("1"), Some(v(2, 2))),
                "S4 repaired its copy"
            );
            assert_eq!(
                lab.world().clients().ok(),
                2,
                "the put of 1 was answered before"
            );
        }
        _ => {
            assert_eq!(last_result(lab), some("1"));
            assert_eq!(lab.world().freshness().stale_reads(), 0);
        }
    });
    let s = summary("nwr-quorums", None);
    assert!(s.clients.linearizable && s.settings.fresh_reads);
}

fn value_of(lab: &Lab<Nwr>, node: u16) -> (Option<String>, Option<Version>) {
    (value(lab, node), version(lab, node))
}

#[test]
fn quorums_of_one_miss_a_completed_write() {
    play("nwr-quorums", Some("w1-r1"), |n, lab, ev| match n {
        0 => {
            assert!(matches!(kind(ev), EventKind::Written { acks, .. } if acks == &[NodeId(2)]));
            assert_eq!(
                values(lab, &[2, 3, 4]),
                [some("0"), None, None],
                "acknowledged before the others stored it"
            );
        }
        1 => assert_eq!(values(lab, &[2, 4]), [some("1"), some("0")]),
        2 => {
            assert!(
                matches!(kind(ev), EventKind::Read { replies, value: Some(v), .. } if replies == &[NodeId(4)] && &**v == "0")
            );
        }
        3 => {
            assert_eq!(lab.world().freshness().stale_reads(), 1);
            assert_eq!(last_result(lab), some("0"));
        }
        _ => assert_eq!(values(lab, &[2, 3, 4]), [some("1"), some("1"), some("1")]),
    });
    assert!(!summary("nwr-quorums", Some("w1-r1")).clients.linearizable);
}

#[test]
fn without_blocking_read_repair_two_reads_go_new_then_old() {
    play("nwr-read-repair", None, |n, lab, ev| match n {
        0 => {
            assert_eq!(values(lab, &[1, 2, 3]), [some("2"), some("1"), some("1")]);
            assert!(
                in_flight(lab, MsgKind::Put, 1, 2).is_empty()
                    && in_flight(lab, MsgKind::Put, 1, 3).is_empty(),
                "both copies lost"
            );
        }
        1 => {
            let EventKind::Read {
                replies,
                value,
                stale,
                ..
            } = kind(ev)
            else {
                panic!()
            };
            assert_eq!(
                (replies, stale),
                (&vec![NodeId(1), NodeId(2)], &vec![NodeId(2)])
            );
            assert_eq!(value.as_deref(), Some("2"));
            assert_eq!(in_flight(lab, MsgKind::Repair, 1, 2), [Some(v(2, 1))]);
        }
        2 => {
            assert_eq!(value_of(lab, 2), (some("2"), Some(v(2, 1))));
            assert_eq!(
                in_flight(lab, MsgKind::GetReply, 2, 3),
                [Some(v(1, 1))],
                "S2 answered with 1 before"
            );
        }
        3 => assert!(
            matches!(kind(ev), EventKind::Read { replies, value: Some(x), .. } if replies == &[NodeId(2), NodeId(3)] && &**x == "1")
        ),
        4 => {
            assert_eq!(last_result(lab), some("1"));
            assert_eq!(lab.world().freshness().inversions(), 1);
            assert_eq!(
                lab.world().clients().failed(),
                0,
                "the write has not failed yet"
            );
        }
        _ => assert_eq!(lab.world().clients().failed(), 1),
    });
    let s = summary("nwr-read-repair", None);
    assert!(!s.clients.linearizable);
    assert_eq!(s.settings.read_repair, "async");
}

#[test]
fn blocking_read_repair_with_two_phase_writes_reads_new_both_times() {
    play("nwr-read-repair", Some("blocking"), |n, lab, ev| match n {
        0 => assert_eq!(values(lab, &[1, 2, 3]), [some("2"), some("1"), some("1")]),
        1 => {
            assert!(
                matches!(kind(ev), EventKind::Repair { blocking: true, to, .. } if to == &[NodeId(2), NodeId(3)])
            );
            assert_eq!(lab.world().clients().ok(), 1, "the read has not answered");
        }
        2 => {
            assert!(
                matches!(kind(ev), EventKind::Repaired { holders, .. } if holders == &[NodeId(1), NodeId(2)])
            );
            assert_eq!(values(lab, &[1, 2]), [some("2"), some("2")]);
            assert_eq!(lab.world().clients().ok(), 1, "the answer is on its way");
        }
        3 => {
            assert_eq!(last_result(lab), some("2"), "the first read got 2");
            assert!(matches!(kind(ev), EventKind::Read { value: Some(x), .. } if &**x == "2"));
        }
        _ => {
            assert_eq!(last_result(lab), some("2"));
            assert_eq!(lab.world().freshness().inversions(), 0);
        }
    });
    let s = summary("nwr-read-repair", Some("blocking"));
    assert!(s.clients.linearizable && s.settings.atomic);
}

#[test]
fn a_partition_makes_strict_quorums_refuse() {
    play("nwr-partition", None, |n, lab, _| {
        let w = lab.world();
        match n {
            0 => {
                let g = w.network().groups();
                assert_ne!(g[1], g[2]);
                assert_eq!(g[2], g[3]);
            }
            1 => assert_eq!(values(lab, &[2, 3, 4]), [some("1"), some("2"), some("2")]),
            2 => {
                let req = w.node(NodeId(2)).requests().next().expect("S2 waits");
                assert_eq!((req.answered(), req.need), (vec![NodeId(2)], 2));
            }
            3 => assert_eq!(
                (w.clients().failed(), w.freshness().stale_reads()),
                (0, 0),
                "the refusal is on its way to the client"
            ),
            _ => {
                assert_eq!(w.clients().failed(), 1);
                assert_eq!(last_result(lab), some("2"));
                assert_eq!(value(lab, 2), some("2"), "S2 repaired its copy");
            }
        }
    });
    assert!(summary("nwr-partition", None).clients.linearizable);
}

#[test]
fn a_partition_makes_quorums_of_one_answer_stale() {
    play("nwr-partition", Some("answer-stale"), |n, lab, ev| {
        let w = lab.world();
        match n {
            1 => assert_eq!(values(lab, &[2, 3]), [some("1"), some("2")]),
            2 => assert!(
                matches!(kind(ev), EventKind::Read { replies, value: Some(x), .. } if replies == &[NodeId(2)] && &**x == "1")
            ),
            3 => assert_eq!(w.freshness().stale_reads(), 1),
            4 => {
                assert!(!w.network().is_partitioned());
                assert_eq!(w.freshness().stale_reads(), 2);
                assert_eq!(value(lab, 2), some("1"), "nothing repaired S2");
            }
            _ => assert!(w.network().is_partitioned()),
        }
    });
    let s = summary("nwr-partition", Some("answer-stale"));
    assert_eq!((s.clients.failed, s.clients.linearizable), (0, false));
}

#[test]
fn a_sloppy_quorum_keeps_writes_available_and_reads_pay() {
    play("nwr-sloppy-quorum", None, |n, lab, ev| {
        let w = lab.world();
        match n {
            0 => assert!(w.network().is_partitioned()),
            1 => {
                assert!(
                    matches!(kind(ev), EventKind::Fallback { replica, standin, .. } if (*replica, *standin) == (NodeId(3), NodeId(5)))
                );
                let req = w
                    .node(NodeId(2))
                    .requests()
                    .next()
                    .expect("the put is open");
                let asked: Vec<(NodeId, NodeId)> =
                    req.standins.iter().map(|(s, r)| (*s, *r)).collect();
                assert_eq!(asked, [(NodeId(1), NodeId(4)), (NodeId(5), NodeId(3))]);
            }
            2 => {
                let hints: Vec<_> = w
                    .node(NodeId(1))
                    .hints()
                    .map(|((r, k), s)| (*r, k.to_string(), s.version))
                    .collect();
                assert_eq!(hints, [(NodeId(4), "x".to_string(), v(2, 2))]);
                assert_eq!(value(lab, 1), None, "a hint is not S1's own copy");
            }
            3 => assert!(
                matches!(kind(ev), EventKind::Written { acks, .. } if acks == &[NodeId(2), NodeId(4)])
            ),
            4 => {
                assert_eq!(last_result(lab), some("1"));
                assert_eq!(values(lab, &[3, 4]), [some("1"), some("1")]);
            }
            5 => {
                assert!(!w.network().is_partitioned());
                assert_eq!(value(lab, 4), some("2"));
                assert_eq!(w.node(NodeId(1)).hints().count(), 0);
            }
            _ => assert_eq!(last_result(lab), some("2")),
        }
    });
    let s = summary("nwr-sloppy-quorum", None);
    assert_eq!(
        (s.clients.failed, s.clients.stale_reads, s.hints),
        (0, 1, 0)
    );
}

#[test]
fn a_strict_quorum_refuses_the_same_write() {
    play("nwr-sloppy-quorum", Some("strict"), |n, lab, ev| {
        let w = lab.world();
        match n {
            1 => {
                let req = w
                    .node(NodeId(2))
                    .requests()
                    .next()
                    .expect("the put is open");
                assert!(req.standins.is_empty());
            }
            2 => {
                assert!(matches!(kind(ev), EventKind::Read { value: Some(x), .. } if &**x == "1"));
                assert_eq!(w.freshness().stale_reads(), 0);
            }
            3 => assert_eq!(w.clients().failed(), 0, "the refusal is on its way"),
            4 => {
                assert_eq!(w.clients().failed(), 1);
                assert_eq!(
                    last_result(lab),
                    some("2"),
                    "the failed write's value is read"
                );
            }
            _ => assert!(w.network().is_partitioned()),
        }
    });
    assert!(
        summary("nwr-sloppy-quorum", Some("strict"))
            .clients
            .linearizable
    );
}

#[test]
fn last_write_wins_loses_acknowledged_writes_with_one_phase_writes() {
    play("nwr-last-write-wins", None, |n, lab, ev| {
        let w = lab.world();
        match n {
            0 => assert!(
                matches!(kind(ev), EventKind::Keep { offered, kept, .. } if (*offered, *kept) == (v(1, 1), v(1, 3)))
            ),
            1 => assert_eq!(
                values(lab, &[1, 2, 3]),
                [some("b"), some("b"), some("b")],
                "a is nowhere"
            ),
            2 => {
                assert_eq!(w.clients().ok(), 3, "a, b and d were all acknowledged");
                assert_eq!(value_of(lab, 1), (some("e"), Some(v(2, 1))));
                assert_eq!(version(lab, 2), Some(v(2, 3)));
            }
            3 => {
                assert_eq!(w.freshness().lost_writes(), 1);
                assert_eq!(last_result(lab), some("e"), "e's client heard success");
                assert_eq!(values(lab, &[2, 3]), [some("d"), some("d")]);
            }
            _ => assert_eq!(last_result(lab), some("d")),
        }
    });
    let s = summary("nwr-last-write-wins", None);
    assert_eq!(
        (s.clients.ok, s.clients.lost_writes, s.clients.linearizable),
        (5, 1, false)
    );
}

#[test]
fn two_phase_writes_put_a_later_write_above_an_earlier_one() {
    play(
        "nwr-last-write-wins",
        Some("two-phase"),
        |n, lab, ev| match n {
            0 => assert!(matches!(kind(ev), EventKind::Keep { .. })),
            1 => assert!(
                matches!(kind(ev), EventKind::Query { highest: Some(h), version, replies, .. }
            if (*h, *version) == (v(2, 3), v(3, 1)) && replies == &[NodeId(1), NodeId(2)])
            ),
            2 => assert_eq!(values(lab, &[1, 2, 3]), [some("e"), some("e"), some("e")]),
            _ => assert_eq!(last_result(lab), some("e")),
        },
    );
    let s = summary("nwr-last-write-wins", Some("two-phase"));
    assert_eq!((s.clients.lost_writes, s.clients.linearizable), (0, true));
}

// ---- seed sweeps -----------------------------------------------------------

/// Faults drawn from `seed`: every 0.4–0.8 s a crash (restarted 0.2–0.8 s
/// later), a partition (healed 0.3–1 s later), a change of loss rate, or nothing.
fn faults(seed: u64, nodes: usize, stop: SimTime, partitions_only: bool) -> Vec<(SimTime, Action)> {
    let mut r = SimRng::fork(seed, 77);
    let mut out = Vec::new();
    let mut t = SimTime::from_millis(500);
    while t < stop {
        let pick = if partitions_only { 1 } else { r.below(4) };
        match pick {
            0 => {
                let n = NodeRef::Id(NodeId::from_index(r.below(nodes)));
                let back = SimDuration::from_millis(200 + r.range_inclusive(0, 600));
                out.push((t, NetAction::Crash(n).into()));
                out.push((t + back, NetAction::Restart(n).into()));
            }
            1 => {
                let side: Vec<NodeId> = NodeId::all(nodes).filter(|_| r.chance(0.5)).collect();
                if !side.is_empty() && side.len() < nodes {
                    let heal = SimDuration::from_millis(300 + r.range_inclusive(0, 700));
                    out.push((t, NetAction::Partition(vec![side]).into()));
                    out.push((t + heal, NetAction::Heal.into()));
                }
            }
            2 => out.push((t, NetAction::SetLoss([0.0, 0.05, 0.2][r.below(3)]).into())),
            _ => {}
        }
        t += SimDuration::from_millis(400 + r.range_inclusive(0, 400));
    }
    out.sort_by_key(|(t, _)| *t);
    out
}

const SEEDS: u64 = 40;

/// Six seconds of three closed-loop clients on two keys among five servers, under faults.
fn faulty(seed: u64, nwr: &NwrConfig, partitions_only: bool) -> NwrWorld {
    let stop = SimTime::from_millis(6000);
    let setup = NwrSetup {
        nodes: 5,
        seed,
        nwr: nwr.clone(),
        workload: Some(Workload {
            clients: 3,
            rate: 10.0,
            keys: 2,
            read_ratio: 0.5,
            ..Workload::default()
        }),
        ..NwrSetup::default()
    };
    let scenario = Scenario::<Nwr> {
        setup,
        script: faults(seed, 5, stop, partitions_only),
        stop,
        ..Scenario::default()
    };
    run(&scenario, |_, _| {}).0
}

/// Totals over the seeds: operations, successes, failures, stale reads,
/// inversions, lost writes, and seeds whose history is not linearizable.
#[derive(Debug, Default, PartialEq)]
struct Totals {
    ops: usize,
    ok: u64,
    failed: u64,
    stale: u64,
    inversions: u64,
    lost: u64,
    not_linearizable: u64,
}

fn sweep(nwr: &NwrConfig, partitions_only: bool) -> Totals {
    let mut t = Totals::default();
    for seed in 0..SEEDS {
        let w = faulty(seed, nwr, partitions_only);
        let f = w.freshness();
        t.ops += w.clients().history().len();
        t.ok += w.clients().ok();
        t.failed += w.clients().failed();
        t.stale += f.stale_reads();
        t.inversions += f.inversions();
        t.lost += f.lost_writes();
        t.not_linearizable += u64::from(check_history(w.clients().history()).is_err());
    }
    println!("{nwr:?}: {t:?}");
    t
}

fn cfg(n: usize, w: usize, r: usize) -> NwrConfig {
    NwrConfig {
        n,
        w,
        r,
        ..NwrConfig::for_nodes(5)
    }
}

fn atomic(n: usize, w: usize, r: usize) -> NwrConfig {
    NwrConfig {
        read_repair: ReadRepair::Blocking,
        two_phase_writes: true,
        ..cfg(n, w, r)
    }
}

#[test]
fn claim_1_with_w_plus_r_above_n_no_read_is_stale() {
    for c in [cfg(3, 2, 2), cfg(3, 3, 1), cfg(3, 1, 3), cfg(5, 3, 3)] {
        let t = sweep(&c, false);
        assert!(t.ok > 1000, "{c:?}: enough operations went through: {t:?}");
        assert_eq!(t.stale, 0, "{c:?}");
    }
}

#[test]
fn claim_2_without_blocking_read_repair_reads_go_new_then_old() {
    let off = sweep(
        &NwrConfig {
            read_repair: ReadRepair::Off,
            ..cfg(3, 2, 2)
        },
        false,
    );
    let background = sweep(&cfg(3, 2, 2), false);
    assert!(
        off.inversions > 0 && background.inversions > 0,
        "{off:?} {background:?}"
    );
    let blocking = sweep(
        &NwrConfig {
            read_repair: ReadRepair::Blocking,
            ..cfg(3, 2, 2)
        },
        false,
    );
    assert_eq!(blocking.inversions, 0);
}

#[test]
fn claim_3_blocking_read_repair_and_two_phase_writes_are_linearizable_under_faults() {
    for c in [
        atomic(3, 2, 2),
        atomic(5, 3, 3),
        atomic(3, 3, 1),
        atomic(3, 1, 3),
    ] {
        let t = sweep(&c, false);
        assert!(t.ok > 1000, "{c:?}: {t:?}");
        assert!(t.failed > 0, "{c:?}: the faults bite");
        assert_eq!(
            (t.stale, t.inversions, t.lost, t.not_linearizable),
            (0, 0, 0, 0),
            "{c:?}"
        );
    }
}

#[test]
fn claim_4_with_w_plus_r_at_most_n_reads_are_stale() {
    for c in [cfg(3, 1, 1), cfg(3, 2, 1), cfg(5, 2, 3)] {
        let t = sweep(&c, false);
        assert!(t.stale > 0, "{c:?}: {t:?}");
        assert!(t.not_linearizable > 0, "{c:?}: {t:?}");
    }
}

#[test]
fn claim_5_in_partitions_strict_quorums_refuse_where_quorums_of_one_answer_stale() {
    let strict = sweep(&atomic(3, 2, 2), true);
    let one = sweep(&cfg(3, 1, 1), true);
    assert_eq!(strict.stale, 0);
    assert!(strict.failed > 2 * one.failed, "{strict:?} {one:?}");
    assert!(one.stale > 0, "{one:?}");
}

#[test]
fn claim_6_one_phase_writes_lose_acknowledged_writes_two_phase_do_not() {
    let one_phase = sweep(&cfg(3, 2, 2), false);
    let two_phase = sweep(
        &NwrConfig {
            two_phase_writes: true,
            ..cfg(3, 2, 2)
        },
        false,
    );
    assert!(one_phase.lost > 0, "{one_phase:?}");
    assert_eq!(two_phase.lost, 0, "{two_phase:?}");
}

#[test]
fn claim_7_a_sloppy_quorum_trades_failed_writes_for_stale_reads() {
    let strict = sweep(&cfg(3, 2, 2), true);
    let sloppy = sweep(
        &NwrConfig {
            sloppy_quorum: true,
            ..cfg(3, 2, 2)
        },
        true,
    );
    assert_eq!(strict.stale, 0);
    assert!(sloppy.failed < strict.failed, "{sloppy:?} {strict:?}");
    assert!(sloppy.stale > 0, "{sloppy:?}");
}

#[test]
fn the_same_scenario_gives_the_same_trace() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/scenarios/nwr_abd_faults.json"),
    )
    .unwrap();
    let mut s = raftlab::scenario::parse::<Nwr>(&text).unwrap();
    let hash = |s: &Scenario<Nwr>| run(s, |_, _| {}).1.hex();
    let first = hash(&s);
    assert_eq!(first, hash(&s));
    s.set_seed(99);
    assert_ne!(first, hash(&s));
}
