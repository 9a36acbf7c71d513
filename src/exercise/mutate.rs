//! Mutations of a JSON document chosen by arbitrary input: a field removed,
//! renamed or replaced by a value of another type or an extreme number, an
//! array emptied or doubled, a node wrapped. Starting from a valid scenario,
//! mutants reach deep into validation.

use super::Choices;
use serde_json::{Value, json};

/// Field names and values scenarios use, so that mutants stay close to the format.
const WORDS: &[&str] = &[
    "version",
    "protocol",
    "raft",
    "gossip",
    "leader",
    "node",
    "nodes",
    "at_ms",
    "do",
    "from",
    "to",
    "groups",
    "network",
    "workload",
    "expect",
    "latency_ms",
    "loss",
    "crash",
    "partition",
    "set_raft",
    "join",
    "via",
    "swim",
    "stop",
    "counter",
    "coin",
    "read_mode",
    "lease",
    "unsafe",
    "",
];

fn leaf(c: &mut Choices) -> Value {
    match c.below(12) {
        0 => Value::Null,
        1 => Value::Bool(c.flag()),
        2 => json!(c.range(0, 20) as i64 - 5),
        3 => json!(c.u64()),
        4 => json!(-((c.u64() >> 1) as i64)),
        5 => json!(
            [
                -1.5,
                0.0,
                -0.0,
                0.5,
                1e-9,
                1e300,
                60_000.000_1,
                86_400_000.5
            ][c.below(8)]
        ),
        6 => json!(c.byte() as f64 / 7.0),
        7 => json!([]),
        8 => json!({}),
        9 => json!([c.range(0, 10), c.range(0, 10)]),
        _ => Value::String(WORDS[c.below(WORDS.len())].to_string()),
    }
}

/// Children of `v` that can be descended into, with their keys or indices.
fn child_count(v: &Value) -> usize {
    match v {
        Value::Array(a) => a.len(),
        Value::Object(o) => o.len(),
        _ => 0,
    }
}

fn child(v: &mut Value, i: usize) -> Option<&mut Value> {
    match v {
        Value::Array(a) => a.get_mut(i),
        Value::Object(o) => o.values_mut().nth(i),
        _ => None,
    }
}

/// Applies one mutation at a node of `v` chosen by `c`.
pub fn mutate(c: &mut Choices, v: &mut Value) {
    // Walk down: at each level stop here, or go into one child.
    let mut here = v;
    while child_count(here) > 0 && c.byte() >= 64 {
        let i = c.below(child_count(here));
        here = child(here, i).expect("index below the count");
    }
    match (c.below(6), &mut *here) {
        (0, Value::Object(o)) if !o.is_empty() => {
            let key = o.keys().nth(c.below(o.len())).cloned().unwrap_or_default();
            o.remove(&key);
        }
        (1, Value::Object(o)) if !o.is_empty() => {
            let key = o.keys().nth(c.below(o.len())).cloned().unwrap_or_default();
            let value = o.remove(&key).unwrap_or(Value::Null);
            o.insert(WORDS[c.below(WORDS.len())].to_string(), value);
        }
        (2, Value::Object(o)) => {
            o.insert(WORDS[c.below(WORDS.len())].to_string(), leaf(c));
        }
        (3, Value::Array(a)) if c.flag() => a.clear(),
        (3, Value::Array(a)) => {
            let copy = a.clone();
            a.extend(copy);
        }
        (4, _) => *here = json!([here.take()]),
        _ => *here = leaf(c),
    }
}
