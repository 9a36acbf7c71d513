//! Raft on the shared layers: its world is the simulated cluster, its setup
//! the cluster's configuration, and its trace events say how they read and
//! which timeline markers they make.

use super::Role;
use super::cluster::{Action, Cluster, ClusterConfig, ENTRY_BYTES};
use super::scenario::Expect;
use super::trace::{EventKind, describe};
use crate::lab::{Footprint, MarkerKind};
use crate::lang::{Lang, Tag, Text};
use crate::net::NetEvent;
use crate::protocol::{Protocol, TraceKind};
use crate::sim::NodeId;

/// Raft (Ongaro and Ousterhout 2014, and Ongaro's thesis).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Raft;

impl Protocol for Raft {
    const ID: &'static str = "raft";
    const NAME: Text = Text::new("Raft", "Raft");
    type World = Cluster;
    type Action = Action;
    type Event = EventKind;
    type Setup = ClusterConfig;
    type Expect = Expect;

    fn start(setup: &ClusterConfig) -> Cluster {
        Cluster::new(setup.clone())
    }
    fn seed(setup: &ClusterConfig) -> u64 {
        setup.seed
    }
    fn set_seed(setup: &mut ClusterConfig, seed: u64) {
        setup.seed = seed;
    }
    fn set_nodes(setup: &mut Self::Setup, nodes: usize) -> bool {
        setup.nodes = nodes;
        true
    }
    fn current_setup(c: &Cluster) -> ClusterConfig {
        c.config().clone()
    }
    fn prepare_lab(c: &mut Cluster) {
        c.set_record_history(false);
    }
    fn footprint(c: &Cluster) -> Footprint {
        Footprint {
            copied: c.copied_bytes(),
            sequences: c
                .nodes()
                .iter()
                .map(|n| (n.log().last_index().0, n.log().len()))
                .collect(),
            entry_bytes: ENTRY_BYTES,
        }
    }
    fn fingerprint(c: &Cluster) -> u64 {
        c.fingerprint()
    }
    fn describe_action(action: &Action, lang: Lang) -> String {
        action.describe(lang)
    }
}

impl TraceKind for EventKind {
    fn name(&self) -> &'static str {
        EventKind::name(self)
    }
    fn describe(&self, lang: Lang) -> String {
        describe(self, lang)
    }
    fn net(&self) -> Option<&NetEvent> {
        match self {
            EventKind::Net(e) => Some(e),
            _ => None,
        }
    }
    fn nodes(&self) -> Vec<NodeId> {
        EventKind::nodes(self)
    }
    fn cite(&self, lang: Lang) -> Option<(&'static str, String)> {
        super::trace::rule(self).map(|r| (r.section(), r.text(lang).to_string()))
    }
    fn is_violation(&self) -> bool {
        matches!(self, EventKind::Violation { .. })
    }
    fn marker(&self, last_commit: u64) -> Option<MarkerKind> {
        Some(match self {
            EventKind::Role {
                node,
                role: Role::Candidate,
                term,
                ..
            } => MarkerKind::Election {
                node: *node,
                term: term.0,
            },
            EventKind::Role {
                node,
                role: Role::Leader,
                term,
                ..
            } => MarkerKind::Leader {
                node: *node,
                term: term.0,
            },
            // The commit index reached in the cluster rose: at least to `commit_index`.
            EventKind::Commit { commit_index, .. } if commit_index.0 > last_commit => {
                MarkerKind::Commit {
                    index: commit_index.0,
                }
            }
            EventKind::Violation { invariant, .. } => MarkerKind::Violation {
                name: Tag {
                    code: invariant.name().into(),
                    text: Text::new(
                        invariant.name(),
                        super::trace::invariant_name(*invariant, Lang::Zh),
                    ),
                },
            },
            EventKind::Net(e) => return MarkerKind::of_net(e),
            _ => return None,
        })
    }
}
