//! A Raft run decoded from arbitrary input: a safe configuration, then user
//! actions at arbitrary moments. Whatever the actions, no safety property of
//! Raft may be violated, nothing may panic, and when the run changed no
//! setting on the way the client history must be linearizable.

use super::{Choices, raft_input};
use crate::check::check_history;
use crate::protocols::raft::cluster::{Action, Cluster, ClusterConfig};
use crate::sim::{MsgId, Run, SimDuration, SimTime, World};

/// Most actions in one run.
pub const MAX_ACTIONS: usize = 48;
/// Simulated time a run may last, so that one input stays quick.
pub const MAX_RUN: SimDuration = SimDuration::from_millis(60_000);
/// Engine events a run may take, so that extreme settings stay quick too.
pub const MAX_EVENTS: u64 = 300_000;
/// Longest client history handed to the linearizability checker.
const MAX_HISTORY: usize = 400;

/// What a decoded run did, for a failure message.
#[derive(Clone, Debug)]
pub struct RaftRun {
    pub config: ClusterConfig,
    pub tracing: bool,
    /// The actions as applied, with their times.
    pub actions: Vec<(SimTime, Action)>,
}

impl RaftRun {
    /// Decodes the configuration and plays the actions as they are decoded
    /// (a message filter may pick a message in flight at that moment). Returns
    /// the run and the cluster at its end.
    pub fn play(input: &[u8]) -> (RaftRun, Cluster) {
        let mut c = Choices::new(input);
        let config = raft_input::safe_cluster_config(&mut c);
        let tracing = c.flag();
        let mut cluster = Run::new(Cluster::new(config.clone()), Vec::new());
        cluster.set_tracing(tracing);
        let end = SimTime::ZERO + MAX_RUN;
        let mut actions = Vec::new();
        while !c.is_empty()
            && actions.len() < MAX_ACTIONS
            && cluster.world().violations().is_empty()
            && cluster.world().stats().events < MAX_EVENTS
        {
            let at = cluster.now() + SimDuration::from_millis(c.millis(5_000));
            if at > end {
                break;
            }
            run_bounded(&mut cluster, at);
            let in_flight: Vec<MsgId> = cluster
                .world()
                .network()
                .in_flight()
                .map(|e| e.id)
                .collect();
            let action = raft_input::action(&mut c, config.nodes, &in_flight);
            actions.push((cluster.now(), action.clone()));
            cluster.act(action);
        }
        if cluster.world().violations().is_empty() {
            let tail = SimDuration::from_millis(c.millis(10_000));
            let until = (cluster.now() + tail).min(end);
            run_bounded(&mut cluster, until);
        }
        let run = RaftRun {
            config,
            tracing,
            actions,
        };
        (run, cluster.into_world())
    }

    fn describe(&self) -> String {
        let mut text = format!("{:?}\ntracing: {}\n", self.config, self.tracing);
        for (at, a) in &self.actions {
            text.push_str(&format!("  at {at}: {a:?}\n"));
        }
        text
    }
}

/// Plays `cluster` up to `t`, but no further than [`MAX_EVENTS`] events into
/// the run, dropping the trace as it goes: extreme settings (a tiny heartbeat,
/// many clients) must not make one input take minutes or gigabytes.
fn run_bounded(cluster: &mut Run<Cluster>, t: SimTime) {
    while cluster.world().events() < MAX_EVENTS && cluster.step_within(t) {
        if cluster.world().events().is_multiple_of(1024) {
            cluster.drain_trace().for_each(drop);
        }
    }
    cluster.drain_trace().for_each(drop);
    if cluster.world().events() < MAX_EVENTS {
        cluster.run_until(t);
    }
}

/// Plays the run `input` decodes to and checks it: no invariant violated and,
/// without settings changes, a linearizable client history.
pub fn check_raft_run(input: &[u8]) -> Result<(), String> {
    let (run, cluster) = RaftRun::play(input);
    if let Some(v) = cluster.violations().first() {
        return Err(format!(
            "{} violated at {}: {v}\n{}",
            v.invariant().name(),
            cluster.now(),
            run.describe()
        ));
    }
    let changes_settings = run
        .actions
        .iter()
        .any(|(_, a)| matches!(a, Action::SetRaft(_)));
    let history = cluster.clients().history();
    if !changes_settings && history.len() <= MAX_HISTORY {
        check_history(history).map_err(|e| format!("{e}\n{}", run.describe()))?;
    }
    Ok(())
}
