//! A gossip run decoded from arbitrary input: a world, then actions at
//! arbitrary moments. Nothing may panic, and the metrics must agree with
//! the state they summarise: a rumor's informed and spreading counts are the
//! live nodes that know and spread it, milestones come in order, no message
//! is lost from the books, and so on.

use super::{Choices, gossip_input};
use crate::protocols::gossip::{Action, GossipConfig, GossipWorld, Health, MsgKind, RumorStats};
use crate::sim::{NodeId, Run, SimDuration, SimTime};

/// Most actions in one run.
pub const MAX_ACTIONS: usize = 32;
/// Simulated time a run may last, so that one input stays quick.
pub const MAX_RUN: SimDuration = SimDuration::from_millis(20_000);
/// Events a run may reach before its last action, so that extreme settings stay quick too.
pub const MAX_EVENTS: u64 = 300_000;

fn rumor_agrees(w: &GossipWorld, live: &[NodeId], r: usize, s: &RumorStats) -> Result<(), String> {
    let id = crate::protocols::gossip::RumorId::from_index(r);
    let informed = live.iter().filter(|&&n| w.node(n).knows(id)).count() as u32;
    let spreading = live.iter().filter(|&&n| w.node(n).is_hot(id)).count() as u32;
    if (s.informed, s.spreading) != (informed, spreading) {
        return Err(format!(
            "rumor {r}: metrics say {} informed and {} spreading, the nodes {informed} and {spreading}",
            s.informed, s.spreading
        ));
    }
    let reached: Vec<SimTime> = s.reached.iter().flatten().map(|x| x.at).collect();
    // A higher milestone implies the lower ones: those reached form a prefix.
    let in_order = s
        .reached
        .windows(2)
        .all(|p| p[0].is_some() || p[1].is_none());
    if !reached.is_sorted() || reached.iter().any(|&t| t < s.started_at) || !in_order {
        return Err(format!(
            "rumor {r}: milestones out of order: {:?}",
            s.reached
        ));
    }
    let series_ok = s
        .series
        .is_sorted_by(|a, b| a.at <= b.at && a.round < b.round)
        && s.series.iter().all(|p| p.informed <= p.live);
    if !series_ok {
        return Err(format!(
            "rumor {r}: series out of order or over the live count: {:?}",
            s.series
        ));
    }
    Ok(())
}

/// Checks that the world's metrics agree with its state.
pub fn metrics_agree(w: &GossipWorld) -> Result<(), String> {
    let live: Vec<NodeId> = NodeId::all(w.node_count())
        .filter(|&n| w.health(n) == Health::Up)
        .collect();
    if w.live_count() != live.len() {
        return Err(format!(
            "{} live by the count, {} up",
            w.live_count(),
            live.len()
        ));
    }
    for r in 0..w.rumors().len() {
        rumor_agrees(
            w,
            &live,
            r,
            w.rumor_stats(crate::protocols::gossip::RumorId::from_index(r)),
        )?;
    }
    if w.up_to_date_count() > live.len() {
        return Err(format!(
            "{} nodes up to date of {} live",
            w.up_to_date_count(),
            live.len()
        ));
    }
    let c = w.counters();
    let booked: u64 = MsgKind::ALL
        .iter()
        .map(|k| c.delivered[k.index()] + c.dropped[k.index()])
        .sum();
    let in_flight = w.network().in_flight().len() as u64;
    if booked + in_flight != w.network().messages_created() {
        return Err(format!(
            "{} messages created, {booked} delivered or dropped and {in_flight} in flight",
            w.network().messages_created()
        ));
    }
    for f in w.failures() {
        let after = [f.first_suspected, f.first_dead, f.all_know, f.restarted_at];
        if after.iter().flatten().any(|&t| t < f.crashed_at) {
            return Err(format!("failure noticed before the crash: {f:?}"));
        }
    }
    Ok(())
}

/// Plays the run `input` decodes to, checking the metrics after every action
/// and at the end. Returns the configuration and actions with any failure.
pub fn check_gossip_run(input: &[u8]) -> Result<(), String> {
    let mut c = Choices::new(input);
    let cfg: GossipConfig = gossip_input::gossip_config(&mut c);
    let world =
        GossipWorld::new(cfg.clone()).map_err(|e| format!("decoded config refused: {e:?}"))?;
    let mut w = Run::new(world, Vec::new());
    w.set_tracing(c.flag());
    let end = SimTime::ZERO + MAX_RUN;
    let mut actions: Vec<(SimTime, Action)> = Vec::new();
    let describe = |actions: &[(SimTime, Action)]| format!("{cfg:?}\nactions: {actions:#?}");
    while !c.is_empty() && actions.len() < MAX_ACTIONS && w.world().counters().events < MAX_EVENTS {
        let at = w.now() + SimDuration::from_millis(c.millis(3_000));
        if at > end {
            break;
        }
        w.run_until(at);
        w.drain_trace().for_each(drop);
        metrics_agree(w.world()).map_err(|e| format!("{e}\n{}", describe(&actions)))?;
        let action = gossip_input::gossip_action(&mut c, cfg.nodes, cfg.slots());
        actions.push((w.now(), action.clone()));
        w.act(action);
        metrics_agree(w.world()).map_err(|e| format!("{e}\n{}", describe(&actions)))?;
    }
    w.run_until((w.now() + SimDuration::from_millis(c.millis(5_000))).min(end));
    metrics_agree(w.world()).map_err(|e| format!("{e}\n{}", describe(&actions)))
}
