//! Checks of the text formats on arbitrary input: scenario files, mutants of
//! valid scenarios, share links and URL fragments. Nothing may panic; errors
//! must say where the problem is; whatever is accepted must come back
//! unchanged from export and import, and from a share link.

use super::{Choices, mutate, scenario_input};
use crate::protocol::Scenario;
use crate::protocols::gossip::Gossip;
use crate::protocols::nwr::Nwr;
use crate::protocols::raft::Raft;
use crate::protocols::{AnyScenario, any_from_object, parse_any};
use crate::scenario::{Format, ScenarioError, parse, to_compact, to_text};
use crate::share::{LinkParams, MAX_ENCODED_LEN, ShareError, decode_scenario, encode_scenario};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// An accepted scenario must export and import to itself, as compact and as
/// indented text, and through a share link.
pub fn round_trip<P: Format>(s: &Scenario<P>) -> Result<(), String> {
    for text in [to_compact(s), to_text(s)] {
        match parse::<P>(&text) {
            Ok(t) if &t == s => {}
            Ok(t) => {
                return Err(format!(
                    "the exported text reads back differently\n{text}\n{t:#?}"
                ));
            }
            Err(e) => return Err(format!("the exported text is refused: {e}\n{text}")),
        }
    }
    let link = encode_scenario(s);
    match decode_scenario::<P>(&link) {
        Ok(d) if &d == s => Ok(()),
        Err(ShareError::TooLong(_)) if link.len() > MAX_ENCODED_LEN => Ok(()),
        other => Err(format!(
            "the share link reads back as {other:?}\n{}",
            to_text(s)
        )),
    }
}

/// Round-trips a scenario of any protocol.
pub fn round_trip_any(s: &AnyScenario) -> Result<(), String> {
    match s {
        AnyScenario::Raft(s) => round_trip(s),
        AnyScenario::Gossip(s) => round_trip(s),
        AnyScenario::Nwr(s) => round_trip(s),
    }
}

fn compact_any(s: &AnyScenario) -> String {
    match s {
        AnyScenario::Raft(s) => to_compact(s),
        AnyScenario::Gossip(s) => to_compact(s),
        AnyScenario::Nwr(s) => to_compact(s),
    }
}

/// A refusal must name at least one problem, each with a message.
fn explains(e: &ScenarioError) -> Result<(), String> {
    if e.0.is_empty()
        || e.0
            .iter()
            .any(|f| f.message.en.is_empty() || f.message.zh.is_empty())
    {
        return Err(format!("a refusal without a message: {e:?}"));
    }
    Ok(())
}

/// Scenario text: `input` as UTF-8 (invalid sequences replaced).
pub fn check_scenario_text(input: &[u8]) -> Result<(), String> {
    match parse_any(&String::from_utf8_lossy(input)) {
        Ok(s) => round_trip_any(&s),
        Err(e) => explains(&e),
    }
}

/// A valid scenario decoded from `input` must round-trip; so must every
/// mutant of its JSON that validation accepts.
pub fn check_scenario_mutants(input: &[u8]) -> Result<(), String> {
    let mut c = Choices::new(input);
    let s = scenario_input::scenario(&mut c);
    round_trip_any(&s).map_err(|e| format!("a valid scenario: {e}"))?;
    let mut value: serde_json::Value =
        serde_json::from_str(&compact_any(&s)).map_err(|e| e.to_string())?;
    while !c.is_empty() {
        mutate::mutate(&mut c, &mut value);
        let checked = match value.clone() {
            serde_json::Value::Object(o) => any_from_object(o),
            _ => Err(ScenarioError::one(
                "",
                crate::lang::Text::new("not an object", "不是对象"),
            )),
        };
        match checked {
            Ok(m) => round_trip_any(&m).map_err(|e| format!("mutant {value}: {e}"))?,
            Err(e) => explains(&e)?,
        }
    }
    Ok(())
}

/// The ways `input` is read as a link: as it is, as a share payload of
/// compressed or raw bytes, or inside a URL fragment.
fn link_text(input: &[u8]) -> String {
    let (mode, rest) = input.split_first().unwrap_or((&0, &[]));
    let packed = || URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(rest, 6));
    match mode % 4 {
        0 => String::from_utf8_lossy(rest).into_owned(),
        1 => format!("1.{}", packed()),
        2 => format!("1.{}", URL_SAFE_NO_PAD.encode(rest)),
        _ => format!(
            "#lang=zh&s=1.{}&{}",
            packed(),
            String::from_utf8_lossy(rest)
        ),
    }
}

/// Share links and URL fragments: no panic; an accepted scenario round-trips;
/// fragment parameters read back the same from the fragment they write.
pub fn check_share_link(input: &[u8]) -> Result<(), String> {
    let text = link_text(input);
    decoded(&text)?;
    let (params, _) = LinkParams::parse(&text);
    let fragment = params.to_fragment();
    let (again, errors) = LinkParams::parse(&fragment);
    if again != params || !errors.is_empty() {
        return Err(format!(
            "fragment {text:?} read as {params:?}, written as {fragment:?}, read back as {again:?} with {errors:?}"
        ));
    }
    if let Some(s) = &params.scenario {
        decoded(s)?;
    }
    Ok(())
}

/// A link that decodes as a scenario of any protocol must round-trip.
fn decoded(link: &str) -> Result<(), String> {
    if let Ok(s) = decode_scenario::<Raft>(link) {
        round_trip(&s)?;
    }
    if let Ok(s) = decode_scenario::<Gossip>(link) {
        round_trip(&s)?;
    }
    if let Ok(s) = decode_scenario::<Nwr>(link) {
        round_trip(&s)?;
    }
    Ok(())
}
