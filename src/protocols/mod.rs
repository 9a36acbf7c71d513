//! The protocols the lab teaches, each a small set of types and rules on the
//! shared layers (see docs/architecture.md, "Adding a protocol"): Raft,
//! Gossip with SWIM, and Quorum NWR. The lists below let a scenario of one protocol say
//! which other protocol a misplaced field or action belongs to.

pub mod gossip;
pub mod nwr;
pub mod raft;

use crate::protocol::Protocol;
use crate::scenario::Format;

/// Every protocol view, by id, with the most servers its page runs.
pub const VIEWS: &[(&str, usize)] = &[
    (raft::Raft::ID, raft::cluster::MAX_NODES),
    (gossip::Gossip::ID, gossip::MAX_LIVE_NODES),
    (nwr::Nwr::ID, nwr::MAX_NODES),
];

/// The protocol whose scenarios have the top-level field `key`, if one does.
pub fn section_owner(key: &str) -> Option<&'static str> {
    fn owns<P: Format>(key: &str) -> Option<&'static str> {
        P::SECTION_FIELDS.contains(&key).then_some(P::ID)
    }
    owns::<raft::Raft>(key)
        .or_else(|| owns::<gossip::Gossip>(key))
        .or_else(|| owns::<nwr::Nwr>(key))
}

/// The protocol whose scenarios can expect `key`, if one does.
pub fn expect_owner(key: &str) -> Option<&'static str> {
    fn owns<P: Format>(key: &str) -> Option<&'static str> {
        P::EXPECT_FIELDS.contains(&key).then_some(P::ID)
    }
    owns::<raft::Raft>(key)
        .or_else(|| owns::<gossip::Gossip>(key))
        .or_else(|| owns::<nwr::Nwr>(key))
}

/// The protocol whose scenarios have the action `name`, if one does.
pub fn action_owner(name: &str) -> Option<&'static str> {
    fn owns<P: Format>(name: &str) -> Option<&'static str> {
        P::ACTIONS.contains(&name).then_some(P::ID)
    }
    owns::<raft::Raft>(name)
        .or_else(|| owns::<gossip::Gossip>(name))
        .or_else(|| owns::<nwr::Nwr>(name))
}

/// A scenario of whichever protocol its file names.
#[derive(Clone, Debug, PartialEq)]
pub enum AnyScenario {
    Raft(crate::protocol::Scenario<raft::Raft>),
    Gossip(crate::protocol::Scenario<gossip::Gossip>),
    Nwr(crate::protocol::Scenario<nwr::Nwr>),
}

/// Reads scenario text of any protocol: `"protocol"` picks the format.
pub fn parse_any(text: &str) -> Result<AnyScenario, crate::scenario::ScenarioError> {
    any_from_object(crate::scenario::json_object(
        text,
        crate::scenario::MAX_SCENARIO_BYTES,
    )?)
}

/// Validates a scenario of any protocol from its parsed JSON object.
pub fn any_from_object(
    obj: serde_json::Map<String, serde_json::Value>,
) -> Result<AnyScenario, crate::scenario::ScenarioError> {
    use crate::scenario::from_object;
    match obj.get("protocol").and_then(serde_json::Value::as_str) {
        Some(raft::Raft::ID) => from_object(obj).map(AnyScenario::Raft),
        Some(gossip::Gossip::ID) => from_object(obj).map(AnyScenario::Gossip),
        Some(nwr::Nwr::ID) => from_object(obj).map(AnyScenario::Nwr),
        other => {
            let all: Vec<&str> = VIEWS.iter().map(|(id, _)| *id).collect();
            let (all, got) = (all.join(", "), other.unwrap_or(""));
            Err(crate::scenario::ScenarioError::one(
                "protocol",
                crate::msg!(
                    "must be one of {all}, got {got:?}",
                    "必须是 {all} 之一，实际为 {got:?}"
                ),
            ))
        }
    }
}
