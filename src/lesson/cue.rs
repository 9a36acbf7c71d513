//! What a protocol's lesson steps can wait for: its cues, read from a step's
//! `"when"` object (`{"on": "role", "role": "leader", "node": 3}`), matched
//! against its trace events or checked against its world.

use crate::lang::Text;
use crate::msg;
use crate::scenario::{Errors, Format};
use serde_json::{Map, Value};
use std::fmt;

/// The cues of a protocol's lessons.
pub trait Cues: Format {
    type Cue: Clone + fmt::Debug + PartialEq + 'static;
    /// The names a `"when"` object's `"on"` may take.
    const CUES: &'static [&'static str];

    /// Reads the cue of a `"when"` object at `path`, whose `"on"` is `on`
    /// (one of [`Cues::CUES`]); `fields` are the object's other fields.
    fn cue(
        errs: &mut Errors,
        path: &str,
        on: &str,
        fields: &Map<String, Value>,
        setup: &Self::Setup,
    ) -> Option<Self::Cue>;
    /// Whether the trace event `ev` fires a step waiting for `cue`.
    fn matches(cue: &Self::Cue, ev: &Self::Event) -> bool;
    /// Whether `cue` is a condition on the world rather than an event.
    fn is_condition(_cue: &Self::Cue) -> bool {
        false
    }
    /// Whether a condition holds in `world` now.
    fn holds(_cue: &Self::Cue, _world: &Self::World) -> bool {
        false
    }
}

/// Checks that a `"when"` object has only the fields its cue takes, and
/// hands out the typed ones: `cue_fields(errs, path, fields, &["node", "term"])`.
pub fn cue_fields(
    errs: &mut Errors,
    path: &str,
    fields: &Map<String, Value>,
    allowed: &[&str],
) -> bool {
    let mut ok = true;
    for key in fields.keys() {
        if !allowed.contains(&key.as_str()) {
            let takes = if allowed.is_empty() {
                Text::new("no other fields", "不接受其他字段")
            } else {
                let list = allowed.join(", ");
                msg!("{list}", "{list}")
            };
            let (en, zh) = (&takes.en, &takes.zh);
            errs.push(
                format!("{path}.{key}"),
                msg!(
                    "this cue does not take `{key}` (it takes {en})",
                    "这个触发条件不接受 `{key}`（可用：{zh}）"
                ),
            );
            ok = false;
        }
    }
    ok
}
