//! Trace records, shared by every protocol: one record per thing that
//! happened, in order, with the instant it happened. Their JSON form (one
//! object per line) is a stable interface read by outside checkers: every
//! record has "t_ms" and "kind", then the fields of its kind.

use super::{Fnv64, SimTime};
use serde::{Serialize, Serializer};

/// Something that happened at `at`; `E` is the protocol's event kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TraceEvent<E> {
    #[serde(rename = "t_ms", serialize_with = "millis")]
    pub at: SimTime,
    #[serde(flatten)]
    pub kind: E,
}

fn millis<S: Serializer>(t: &SimTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(t.as_millis_f64())
}

/// Serializes a field through its `Display` form.
pub fn display<T: std::fmt::Display, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// The trace events a world records, when recording is on.
#[derive(Clone, Debug)]
pub struct Trace<E> {
    events: Vec<TraceEvent<E>>,
    on: bool,
}

impl<E> Default for Trace<E> {
    fn default() -> Self {
        Trace {
            events: Vec::new(),
            on: true,
        }
    }
}

impl<E> Trace<E> {
    /// Records `kind` at `at`, if recording is on.
    pub fn record(&mut self, at: SimTime, kind: E) {
        if self.on {
            self.events.push(TraceEvent { at, kind });
        }
    }
    pub fn is_on(&self) -> bool {
        self.on
    }
    pub fn set_on(&mut self, on: bool) {
        self.on = on;
    }
    pub fn events(&self) -> &[TraceEvent<E>] {
        &self.events
    }
    pub fn drain(&mut self) -> std::vec::Drain<'_, TraceEvent<E>> {
        self.events.drain(..)
    }
}

/// Fingerprint of a trace: FNV-1a over its JSON lines.
#[derive(Clone, Copy, Debug, Default)]
pub struct TraceHash {
    hash: Fnv64,
    count: u64,
}

impl TraceHash {
    pub fn add(&mut self, line: &str) {
        self.hash.write(line.as_bytes()).write(b"\n");
        self.count += 1;
    }
    pub fn hex(&self) -> String {
        format!("{:016x}", self.hash.finish())
    }
    pub fn count(&self) -> u64 {
        self.count
    }
}
