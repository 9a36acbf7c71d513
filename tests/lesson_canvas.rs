//! Every lesson step shows what it points at: at each pause, the servers (or
//! gossip nodes) the step highlights are drawn on the canvas, and a message
//! whose sending cued the step is drawn in flight.

mod common;

use common::lessons;
use raftlab::lesson::{Cues, LessonRun, Phase};
use raftlab::net::NetEvent;
use raftlab::protocols::nwr::Nwr;
use raftlab::protocols::raft::Raft;
use raftlab::protocols::raft::trace::EventKind;
use raftlab::sim::{MsgId, NodeId, SimTime};
use raftlab::view::geometry::Stage;

const STAGE: Stage = Stage {
    width: 900.0,
    height: 600.0,
    text: 1.0,
};

/// What a pause shows: the servers drawn (with their position) and the
/// messages in flight.
struct Shown {
    servers: Vec<(NodeId, f64, f64)>,
    messages: Vec<MsgId>,
}

fn inside(stage: &Stage, x: f64, y: f64) -> bool {
    (0.0..=stage.width).contains(&x) && (0.0..=stage.height).contains(&y)
}

/// What [`check`] looked at, and what it found wrong.
struct Checked {
    highlighted: usize,
    messages: usize,
    failures: Vec<String>,
}

/// Plays every track of every lesson of `P`, checking each pause with what
/// `shown` draws.
fn check<P: Cues>(
    shown: impl Fn(&P::World) -> Shown,
    sent: impl Fn(&P::Event) -> Option<MsgId>,
) -> Checked {
    let (mut failures, mut highlighted, mut messages) = (Vec::new(), 0, 0);
    for lesson in lessons::<P>() {
        for variant in lesson.track_ids() {
            let track = lesson.track(variant.as_deref()).unwrap();
            let name = format!(
                "{}{}",
                lesson.id,
                variant
                    .as_deref()
                    .map_or(String::new(), |v| format!("/{v}"))
            );
            let (mut run, mut lab) = LessonRun::start(lesson.clone(), variant.as_deref()).unwrap();
            while let Phase::Paused(n) = run.advance(&mut lab, SimTime::MAX) {
                let drawn = shown(lab.world());
                for id in &track.steps[n].highlight {
                    highlighted += 1;
                    match drawn.servers.iter().find(|s| s.0 == *id) {
                        Some(&(_, x, y)) if inside(&STAGE, x, y) => {}
                        Some(_) => {
                            failures.push(format!("{name} step {}: {id} is off the canvas", n + 1))
                        }
                        None => failures.push(format!("{name} step {}: {id} is not drawn", n + 1)),
                    }
                }
                let cued = run.cue_event().and_then(|e| sent(&e.kind));
                messages += usize::from(cued.is_some());
                if let Some(msg) = cued
                    && !drawn.messages.contains(&msg)
                {
                    failures.push(format!(
                        "{name} step {}: the message that cued it is not drawn",
                        n + 1
                    ));
                }
                run.resume();
            }
        }
    }
    Checked {
        highlighted,
        messages,
        failures,
    }
}

#[test]
fn raft_steps_show_their_servers_and_messages() {
    use raftlab::protocols::raft::scene::build_scene;
    let checked = check::<Raft>(
        |world| {
            let scene = build_scene(world, &STAGE);
            Shown {
                servers: scene
                    .nodes
                    .iter()
                    .map(|n| (n.id, n.pos.x, n.pos.y))
                    .collect(),
                messages: scene.messages.iter().map(|m| m.id).collect(),
            }
        },
        |ev| match ev {
            EventKind::Net(NetEvent::Send { id, .. }) => Some(*id),
            _ => None,
        },
    );
    assert!(
        checked.highlighted > 0 && checked.messages > 0,
        "{} servers, {} messages",
        checked.highlighted,
        checked.messages
    );
    assert!(
        checked.failures.is_empty(),
        "{}",
        checked.failures.join("\n")
    );
}

#[test]
fn quorum_nwr_steps_show_their_servers_and_messages() {
    use raftlab::protocols::nwr::EventKind as NwrEvent;
    use raftlab::protocols::nwr::scene::build_scene;
    let checked = check::<Nwr>(
        |world| {
            let scene = build_scene(world, &STAGE, None);
            Shown {
                servers: scene
                    .servers
                    .iter()
                    .map(|s| (s.id, s.pos.x, s.pos.y))
                    .collect(),
                messages: scene.messages.iter().map(|m| m.id).collect(),
            }
        },
        |ev| match ev {
            NwrEvent::Net(NetEvent::Send { id, .. }) => Some(*id),
            _ => None,
        },
    );
    assert!(
        checked.highlighted > 0,
        "{} servers, {} messages",
        checked.highlighted,
        checked.messages
    );
    assert!(
        checked.failures.is_empty(),
        "{}",
        checked.failures.join("\n")
    );
}

#[test]
fn gossip_steps_show_their_nodes() {
    use raftlab::protocols::gossip::Gossip;
    use raftlab::protocols::gossip::layout::{Layout, positions};
    let checked = check::<Gossip>(
        |world| {
            let n = world.node_count();
            let at = positions(Layout::Ring, n, &STAGE, &vec![0; n]);
            Shown {
                servers: at
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (NodeId::from_index(i), p.x, p.y))
                    .collect(),
                messages: Vec::new(),
            }
        },
        |_| None,
    );
    assert!(checked.highlighted > 0, "{} nodes", checked.highlighted);
    assert!(
        checked.failures.is_empty(),
        "{}",
        checked.failures.join("\n")
    );
}
