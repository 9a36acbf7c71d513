//! What a protocol plugs into the shared layers. A protocol brings its world
//! (state, rules and the events they leave: [`Protocol::World`]), its setup
//! and expectations, and says how its trace events read ([`TraceKind`]);
//! the step loop, the network faults, the lab with its checkpoints and
//! branches, lessons, scenarios, share links, the controller and the page
//! shell are the same for every protocol. See docs/architecture.md,
//! "Adding a protocol".

use crate::lab::{Footprint, MarkerKind};
use crate::lang::{Lang, Text};
use crate::net::{NetAction, NetEvent, NetHost};
use crate::sim::{MsgId, NodeId, Run, SimTime, World};
use serde::Serialize;
use std::fmt;

/// What the shared layers need to know of a protocol's trace events.
pub trait TraceKind: Clone + fmt::Debug + PartialEq + Serialize + 'static {
    /// The kind name as it appears in the trace ("role", "send").
    fn name(&self) -> &'static str;
    /// One sentence saying what happened, in `lang`.
    fn describe(&self, lang: Lang) -> String;
    /// The shared network or process event this is, if it is one.
    fn net(&self) -> Option<&NetEvent>;
    /// The servers this event is about, for highlighting.
    fn nodes(&self) -> Vec<NodeId>;
    /// The message this event is about, if any.
    fn message(&self) -> Option<MsgId> {
        self.net().and_then(NetEvent::message)
    }
    /// Message traffic rather than a change of state.
    fn is_traffic(&self) -> bool {
        self.net().is_some_and(NetEvent::is_traffic)
    }
    /// Worth a line in the narration with message traffic hidden.
    fn is_notable(&self) -> bool {
        self.net().is_none_or(NetEvent::is_notable)
    }
    /// The rule of the protocol that made this event happen, as (section,
    /// words in `lang`), where the protocol cites one.
    fn cite(&self, _lang: Lang) -> Option<(&'static str, String)> {
        None
    }
    /// Whether this event reports a broken safety property.
    fn is_violation(&self) -> bool {
        false
    }
    /// The timeline marker this event makes, if any; `last_commit` is the
    /// highest commit marked so far (progress markers only mark a rise).
    fn marker(&self, _last_commit: u64) -> Option<MarkerKind> {
        self.net().and_then(MarkerKind::of_net)
    }
}

/// A protocol the lab can run. The type itself is a marker (`struct Raft;`).
pub trait Protocol: Sized + Copy + Default + fmt::Debug + PartialEq + 'static {
    /// The name in scenario files, links and summaries ("raft").
    const ID: &'static str;
    /// The name people read ("Raft", "Quorum NWR").
    const NAME: Text;
    /// Every protocol's world runs on the shared network ([`NetHost`]).
    type World: World<Action = Self::Action, Event = Self::Event> + NetHost;
    /// A user or scripted action; every protocol takes the shared faults.
    type Action: Clone + fmt::Debug + PartialEq + From<NetAction> + 'static;
    type Event: TraceKind;
    /// Everything a run starts from: the settings, with the seed.
    type Setup: Clone + fmt::Debug + PartialEq + Default + 'static;
    /// What a scenario expects its run to show.
    type Expect: Clone + fmt::Debug + PartialEq + Default + 'static;

    /// A world at time zero.
    fn start(setup: &Self::Setup) -> Self::World;
    fn seed(setup: &Self::Setup) -> u64;
    fn set_seed(setup: &mut Self::Setup, seed: u64);
    /// Changes the number of servers; false if the protocol keeps it fixed.
    fn set_nodes(setup: &mut Self::Setup, nodes: usize) -> bool;
    /// The setup with the settings `world` runs with now, changes made on
    /// the way included (starting over keeps them).
    fn current_setup(world: &Self::World) -> Self::Setup;
    /// Readies a world for a lab, which may run for hours (a protocol may
    /// stop keeping what only a headless run needs, such as client histories).
    fn prepare_lab(_world: &mut Self::World) {}
    /// What a checkpoint of `world` holds in memory on its own.
    fn footprint(world: &Self::World) -> Footprint;
    /// A fingerprint of what the world shows: equal states give equal
    /// fingerprints (pages and tests compare moments with it).
    fn fingerprint(world: &Self::World) -> u64;
    /// An action's text in `lang`, e.g. "crash S2".
    fn describe_action(action: &Self::Action, lang: Lang) -> String;
}

/// A whole run: the setup, the timed actions, when it stops and what it
/// should show. Scenario files (docs/scenarios.md) and share links carry it.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario<P: Protocol> {
    pub name: Option<String>,
    pub description: Option<String>,
    pub setup: P::Setup,
    /// The actions, in time order.
    pub script: Vec<(SimTime, P::Action)>,
    pub stop: SimTime,
    pub expect: P::Expect,
}

impl<P: Protocol> Default for Scenario<P> {
    fn default() -> Self {
        Scenario {
            name: None,
            description: None,
            setup: P::Setup::default(),
            script: Vec::new(),
            stop: SimTime::from_millis(10_000),
            expect: P::Expect::default(),
        }
    }
}

impl<P: Protocol> Scenario<P> {
    /// A run at time zero that will follow this scenario's script.
    pub fn start(&self) -> Run<P::World> {
        Run::new(P::start(&self.setup), self.script.clone())
    }

    pub fn seed(&self) -> u64 {
        P::seed(&self.setup)
    }

    pub fn set_seed(&mut self, seed: u64) {
        P::set_seed(&mut self.setup, seed);
    }
}
