//! The gossip world on the shared step loop and network layer: how it is
//! advanced one event at a time ([`World`]), how shared faults reach its
//! nodes ([`NetHost`]), and running a world until its rumors settle.

use super::{Action, EventKind, GossipEvent, GossipWorld, Msg};
use crate::lang::Tag;
use crate::net::{NetEvent, NetHost, NetMsg};
use crate::sim::{DropReason, Envelope, MsgId, NetConfig, Network, NodeId, Run, SimTime, World};

impl GossipWorld {
    pub(crate) fn record(&mut self, kind: EventKind) {
        self.trace.record(self.now, kind);
    }

    pub fn is_tracing(&self) -> bool {
        self.trace.is_on()
    }
}

impl World for GossipWorld {
    type Action = Action;
    type Event = EventKind;

    fn now(&self) -> SimTime {
        self.now
    }
    fn set_now(&mut self, t: SimTime) {
        self.now = t;
    }
    fn next_event_time(&self) -> Option<SimTime> {
        self.queue.peek_time()
    }
    fn process_next_event(&mut self) -> bool {
        GossipWorld::process_next_event(self)
    }
    fn apply(&mut self, action: Action) {
        self.counters.events += 1;
        self.apply_action(action);
    }
    fn events(&self) -> u64 {
        self.counters.events
    }
    fn set_tracing(&mut self, on: bool) {
        self.trace.set_on(on);
    }
    fn trace(&self) -> &[GossipEvent] {
        self.trace.events()
    }
    fn drain_trace(&mut self) -> std::vec::Drain<'_, GossipEvent> {
        self.trace.drain()
    }
}

impl NetMsg for Msg {
    fn kind_name(&self) -> &'static str {
        self.kind().name()
    }
}

impl NetHost for GossipWorld {
    type Msg = Msg;

    fn now(&self) -> SimTime {
        self.now
    }
    fn network(&self) -> &Network<Msg> {
        &self.net
    }
    fn network_mut(&mut self) -> &mut Network<Msg> {
        &mut self.net
    }
    fn servers(&self) -> usize {
        self.active
    }
    fn slots(&self) -> usize {
        self.cfg.slots()
    }
    fn health(&self, node: NodeId) -> super::Health {
        self.health[node.index()]
    }
    fn record_net(&mut self, event: NetEvent) {
        self.record(EventKind::Net(event));
    }
    fn schedule_delivery(&mut self, id: MsgId, at: SimTime) {
        self.queue.push(at, super::Due::Deliver(id));
    }
    fn lost(&mut self, e: &Envelope<Msg>, reason: DropReason) {
        GossipWorld::lost(self, e, reason);
    }
    fn network_changed(&mut self, config: &NetConfig) {
        self.cfg.net = config.clone();
    }
    fn crash(&mut self, node: NodeId) -> Result<(), Tag> {
        self.crash_node(node)
    }
    fn restart(&mut self, node: NodeId) -> Result<(), Tag> {
        self.restart_node(node)
    }
}

impl Run<GossipWorld> {
    /// Runs until every rumor has reached all live nodes or has died out
    /// (no live node spreads it and no message in flight carries it), or
    /// until `deadline`. With anti-entropy on, only full coverage counts as
    /// settled. Returns whether it settled.
    pub fn run_until_settled(&mut self, deadline: SimTime) -> bool {
        while !self.world().is_settled() {
            if !self.step_within(deadline) {
                let now = self.now().max(deadline);
                self.world_mut().set_now(now);
                return false;
            }
        }
        true
    }
}
