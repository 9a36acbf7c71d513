//! Property tests for the scenario format: no input makes the parser panic,
//! errors always name where the problem is, and export/import round-trips.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use raftlab::cluster::{Action, MsgFilter, NodeRef};
use raftlab::raft::KvOp;
use raftlab::scenario::{Scenario, from_json, from_value, parse_scenario, to_json};
use raftlab::share::{LinkParams, decode_scenario, encode_scenario};
use raftlab::sim::{NodeId, SimTime};
use serde_json::Value;

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[a-z_]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("version".to_string()),
                    Just("protocol".to_string()),
                    Just("nodes".to_string()),
                    Just("actions".to_string()),
                    Just("raft".to_string()),
                    Just("network".to_string()),
                    Just("do".to_string()),
                    Just("at_ms".to_string()),
                    Just("node".to_string()),
                    "[a-z_]{1,10}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn node(n: usize) -> impl Strategy<Value = NodeRef> {
    prop_oneof![
        (1..=n as u16).prop_map(|i| NodeRef::Id(NodeId(i))),
        Just(NodeRef::Leader)
    ]
}

fn action(n: usize) -> impl Strategy<Value = Action> {
    let id = move || (1..=n as u16).prop_map(NodeId);
    prop_oneof![
        node(n).prop_map(Action::Crash),
        node(n).prop_map(Action::Restart),
        node(n).prop_map(Action::Timeout),
        node(n).prop_map(Action::Isolate),
        node(n).prop_map(Action::Transfer),
        (node(n), 1u16..50).prop_map(|(node, factor)| Action::Slow { node, factor }),
        (prop::option::of(node(n)), "[a-z]{1,4}", "[0-9]{1,4}").prop_map(|(node, k, v)| {
            Action::Propose {
                node,
                op: KvOp::Set {
                    key: k.into(),
                    value: v.into(),
                },
            }
        }),
        (prop::option::of(node(n)), "[a-z]{1,4}").prop_map(|(node, k)| Action::Read {
            node,
            key: k.into()
        }),
        Just(Action::Heal),
        (0..n as u16, 1..n.max(2) as u16, any::<bool>()).prop_map(move |(a, k, both)| {
            if n < 2 {
                return Action::Heal;
            }
            let b = (a + k) % n as u16;
            Action::Cut {
                from: NodeId(a + 1),
                to: NodeId(b + 1),
                both,
            }
        }),
        (prop::option::of(id()), prop::option::of(id())).prop_map(|(from, to)| Action::Drop(
            MsgFilter {
                from,
                to,
                ..Default::default()
            }
        )),
    ]
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (1usize..=9, any::<u64>(), 1u64..100_000).prop_flat_map(|(n, seed, stop)| {
        prop::collection::vec((0u64..stop, action(n)), 0..12).prop_map(move |mut acts| {
            acts.sort_by_key(|(t, _)| *t);
            let mut s = Scenario {
                stop: SimTime::from_millis(stop),
                ..Scenario::default()
            };
            s.cluster.nodes = n;
            s.cluster.seed = seed;
            s.script = acts
                .into_iter()
                .map(|(t, a)| (SimTime(t * 1000), a))
                .collect();
            s
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = parse_scenario(&text);
    }

    #[test]
    fn arbitrary_json_never_panics_and_errors_say_where(v in json_value()) {
        if let Err(e) = from_value(v) {
            prop_assert!(!e.0.is_empty());
            prop_assert!(e.0.iter().all(|f| !f.message.is_empty()));
        }
    }

    #[test]
    fn arbitrary_share_links_never_panic(text in "\\PC{0,300}", bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = decode_scenario(&text);
        let _ = LinkParams::parse(&text);
        use base64::Engine;
        let link = format!("1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes));
        prop_assert!(decode_scenario(&link).is_err());
    }

    #[test]
    fn share_links_round_trip(s in scenario()) {
        let link = encode_scenario(&s);
        prop_assert_eq!(decode_scenario(&link), Ok(s));
    }

    #[test]
    fn export_then_import_is_the_identity(s in scenario()) {
        let json = to_json(&s);
        let back = from_json(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &s);
        let text = serde_json::to_string(&json).unwrap();
        prop_assert_eq!(parse_scenario(&text).unwrap(), s);
    }
}

#[test]
fn hostile_inputs_are_refused_with_a_message() {
    let deep = "[".repeat(10_000);
    assert!(
        parse_scenario(&deep)
            .unwrap_err()
            .to_string()
            .contains("not valid JSON")
    );
    let huge = format!(
        "{{\"version\":1,\"protocol\":\"raft\",\"name\":\"{}\"}}",
        "x".repeat(2 << 20)
    );
    assert!(
        parse_scenario(&huge)
            .unwrap_err()
            .to_string()
            .contains("bytes")
    );
    let newer = r#"{"version": 9, "protocol": "raft", "from_the_future": true}"#;
    assert!(
        parse_scenario(newer)
            .unwrap_err()
            .to_string()
            .contains("newer")
    );
}

#[test]
fn out_of_range_values_name_the_field_and_range() {
    let cases = [
        (
            r#"{"version":1,"protocol":"raft","nodes":0}"#,
            "nodes: must be between 1 and 9, got 0",
        ),
        (
            r#"{"version":1,"protocol":"raft","nodes":10}"#,
            "nodes: must be between 1 and 9, got 10",
        ),
        (
            r#"{"version":1,"protocol":"raft","network":{"latency_ms":[-5,10]}}"#,
            "network.latency_ms[0]: must be between 0",
        ),
        (
            r#"{"version":1,"protocol":"raft","network":{"loss":1.5}}"#,
            "network.loss: must be between 0 and 1",
        ),
        (
            r#"{"version":1,"protocol":"raft","raft":{"election_timeout_ms":[40,80],"heartbeat_ms":50}}"#,
            "raft.election_timeout_ms: the minimum election timeout (40 ms) must be above heartbeat_ms (50 ms)",
        ),
        (
            r#"{"version":1,"protocol":"raft","nodes":3,"actions":[{"at_ms":1,"do":"partition","groups":[[1,2],[2,3]]}]}"#,
            "actions[0].groups[1][0]: node 2 is named twice",
        ),
        (
            r#"{"version":1,"protocol":"raft","nodes":3,"actions":[{"at_ms":1,"do":"crash","node":4}]}"#,
            "actions[0].node: must be a node number between 1 and 3",
        ),
        (
            r#"{"version":1,"protocol":"raft","actions":[{"at_ms":1,"do":"propose","command":"set x"}]}"#,
            "actions[0].command: missing value",
        ),
        (
            r#"{"version":1,"protocol":"raft","raft":{"read_mode":"fast"}}"#,
            "raft.read_mode: must be one of",
        ),
        (
            r#"{"version":1,"protocol":"raft","nodes":"five"}"#,
            "nodes: invalid type",
        ),
        (
            r#"{"version":1,"protocol":"raft","extra":1}"#,
            "extra: unknown field",
        ),
    ];
    for (input, expected) in cases {
        let err = parse_scenario(input).unwrap_err().to_string();
        assert!(
            err.contains(expected),
            "for {input}\n  got: {err}\n  expected to contain: {expected}"
        );
    }
}
