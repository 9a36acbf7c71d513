//! The scenario file, typed per protocol: the fields every scenario has,
//! then the protocol's own section, actions and expectations ([`Format`]).
//! `"protocol"` says which protocol's types read the rest, so a field of
//! another protocol is refused by construction, with its name and path.

use super::common::*;
use super::error::{Errors, ScenarioError};
use super::net::{NET_ACTIONS, NetActionJson, NetContext, net_action, net_action_json};
use crate::lang::Text;
use crate::msg;
use crate::net::NetAction;
use crate::protocol::{Protocol, Scenario};
use crate::sim::SimTime;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The fields every scenario has, whatever its protocol.
pub const COMMON_FIELDS: &[&str] = &[
    "version",
    "protocol",
    "name",
    "description",
    "seed",
    "nodes",
    "stop_ms",
    "network",
    "actions",
    "expect",
];

/// How a protocol's scenarios read and write: its section of the file, its
/// own actions and its expectations.
pub trait Format: Protocol {
    /// The protocol's top-level fields besides the common ones.
    type Section: Serialize + DeserializeOwned + Default;
    /// The protocol's own actions, tagged by `"do"`.
    type ActionJson: Serialize + DeserializeOwned;
    type ExpectJson: Serialize + DeserializeOwned + Default;
    /// The top-level fields of `Section`.
    const SECTION_FIELDS: &'static [&'static str];
    /// The fields of `ExpectJson`.
    const EXPECT_FIELDS: &'static [&'static str];
    /// The names (`"do"`) of the protocol's own actions.
    const ACTIONS: &'static [&'static str];
    /// The protocol's message names, for message filters.
    const MESSAGES: &'static [&'static str];
    /// Whether "leader" can name a server.
    const LEADER: bool;
    /// Servers when a file does not say, and the most it may have.
    const NODES: (usize, usize);

    /// The setup from the common fields and the section.
    fn setup(errs: &mut Errors, common: &Common, section: &Self::Section) -> Self::Setup;
    /// Servers of a setup, and the slots a partition may name.
    fn nodes(setup: &Self::Setup) -> (usize, usize);
    /// What validating the actions in time order keeps track of (the
    /// settings as the actions before change them, say).
    type Running;
    fn running(setup: &Self::Setup) -> Self::Running;
    /// One of the protocol's own actions at path `p` (it may stand for
    /// several engine actions, or none when it is wrong).
    fn action(
        errs: &mut Errors,
        p: &str,
        a: &Self::ActionJson,
        running: &mut Self::Running,
    ) -> Vec<Self::Action>;
    fn expect(errs: &mut Errors, j: &Self::ExpectJson, setup: &Self::Setup) -> Self::Expect;

    /// The common fields and the section that give `setup` exactly.
    fn export_setup(setup: &Self::Setup) -> (Common, Self::Section);
    /// A protocol action as a file writes it: the shared one it is, or its own JSON.
    fn export_action(a: &Self::Action) -> Result<&NetAction, Self::ActionJson>;
    fn export_expect(e: &Self::Expect) -> Option<Self::ExpectJson>;
}

/// The common fields of a scenario, as written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Common {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nodes: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<NetworkJson>,
}

/// The protocol a scenario file names, if it names one.
pub fn protocol_of(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Tag {
        protocol: String,
    }
    serde_json::from_str::<Tag>(text).ok().map(|t| t.protocol)
}

fn serde_error<E: std::fmt::Display>(
    prefix: &str,
    e: serde_path_to_error::Error<E>,
) -> ScenarioError {
    let inner = e.path().to_string();
    let path = match (prefix.is_empty(), inner == ".") {
        (true, true) => String::new(),
        (true, false) => inner,
        (false, true) => prefix.to_string(),
        (false, false) => format!("{prefix}.{inner}"),
    };
    let e = e.into_inner().to_string();
    ScenarioError::one(path, msg!("{e}", "格式不对：{e}"))
}

/// Deserializes `value` as `T`, naming the path of the first problem.
pub fn typed<T: DeserializeOwned>(prefix: &str, value: Value) -> Result<T, ScenarioError> {
    serde_path_to_error::deserialize(value).map_err(|e| serde_error(prefix, e))
}

fn text_field(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, ScenarioError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ScenarioError::one(key, msg!("must be text", "必须是文本"))),
    }
}

/// Checks the text is within size and parses it as a JSON object.
pub fn json_object(text: &str, max_bytes: usize) -> Result<Map<String, Value>, ScenarioError> {
    if text.len() > max_bytes {
        let n = text.len();
        return Err(ScenarioError::one(
            "",
            msg!(
                "the file is {n} bytes; at most {max_bytes} are accepted",
                "文件有 {n} 字节；最多接受 {max_bytes} 字节"
            ),
        ));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        use serde_json::error::Category;
        let line = e.line();
        let text = match e.classify() {
            Category::Eof => msg!(
                "it is cut short: the JSON ends early (line {line})",
                "文件被截断：JSON 提前结束（第 {line} 行）"
            ),
            _ if e.to_string().contains("recursion limit") => Text::new(
                "it is nested too deeply to be a scenario or a lesson",
                "嵌套层数过深，不可能是场景或课程",
            ),
            _ => {
                let column = e.column();
                msg!(
                    "it is not valid JSON ({e})",
                    "它不是有效的 JSON（第 {line} 行第 {column} 列有误）"
                )
            }
        };
        ScenarioError::one("", text)
    })?;
    match value {
        Value::Object(m) => Ok(m),
        _ => Err(ScenarioError::one(
            "",
            Text::new(
                "a scenario must be a JSON object",
                "场景必须是一个 JSON 对象",
            ),
        )),
    }
}

fn check_version(obj: &Map<String, Value>) -> Result<(), ScenarioError> {
    match obj.get("version").and_then(Value::as_u64) {
        None => Err(ScenarioError::one(
            "version",
            msg!(
                "required: the format version ({FORMAT_VERSION})",
                "必填：格式版本（{FORMAT_VERSION}）"
            ),
        )),
        Some(v) if v > u64::from(FORMAT_VERSION) => Err(ScenarioError::one(
            "version",
            msg!(
                "this scenario uses format version {v}, newer than this build reads (up to {FORMAT_VERSION})",
                "这个场景使用格式版本 {v}，比本程序能读的版本（最高 {FORMAT_VERSION}）更新"
            ),
        )),
        Some(0) => Err(ScenarioError::one(
            "version",
            Text::new(
                "must be between 1 and 1, got 0",
                "必须在 1 到 1 之间，实际为 0",
            ),
        )),
        Some(_) => Ok(()),
    }
}

/// Parses and validates scenario text of protocol `P`.
pub fn parse<P: Format>(text: &str) -> Result<Scenario<P>, ScenarioError> {
    from_object::<P>(json_object(text, MAX_SCENARIO_BYTES)?)
}

/// Validates a scenario of protocol `P` from its parsed JSON object.
pub fn from_object<P: Format>(mut obj: Map<String, Value>) -> Result<Scenario<P>, ScenarioError> {
    check_version(&obj)?;
    let protocol = text_field(&obj, "protocol")?;
    if protocol.as_deref() != Some(P::ID) {
        let (id, got) = (P::ID, protocol.unwrap_or_default());
        return Err(ScenarioError::one(
            "protocol",
            msg!(
                "must be \"{id}\" here, got {got:?}",
                "这里必须是 \"{id}\"，实际为 {got:?}"
            ),
        ));
    }
    let name = text_field(&obj, "name")?;
    let description = text_field(&obj, "description")?;
    // Split the object: the common fields, then the protocol's section.
    let mut common = Map::new();
    let mut section = Map::new();
    let mut errs = Errors::default();
    for (key, value) in std::mem::take(&mut obj) {
        if COMMON_FIELDS.contains(&key.as_str()) {
            common.insert(key, value);
        } else if P::SECTION_FIELDS.contains(&key.as_str()) {
            section.insert(key, value);
        } else {
            unknown_field(
                &mut errs,
                &key,
                &key,
                P::ID,
                P::SECTION_FIELDS,
                COMMON_FIELDS,
            );
        }
    }
    if !errs.0.is_empty() {
        return Err(ScenarioError(errs.0));
    }
    let actions = match common.remove("actions") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a,
        Some(_) => {
            return Err(ScenarioError::one(
                "actions",
                Text::new("must be a list of actions", "必须是动作列表"),
            ));
        }
    };
    let expect: P::ExpectJson = match common.remove("expect") {
        None | Some(Value::Null) => P::ExpectJson::default(),
        Some(Value::Object(o)) => {
            for key in o.keys() {
                if !P::EXPECT_FIELDS.contains(&key.as_str()) {
                    let path = format!("expect.{key}");
                    match crate::protocols::expect_owner(key) {
                        Some(owner) if owner != P::ID => {
                            unknown_field(&mut errs, &path, key, P::ID, &[], &[])
                        }
                        _ => {
                            let all = P::EXPECT_FIELDS.join(", ");
                            let id = P::ID;
                            errs.push(
                                path,
                                msg!(
                                    "unknown expectation; a {id} scenario can expect: {all}",
                                    "未知的预期；{id} 场景可以预期：{all}"
                                ),
                            );
                        }
                    }
                }
            }
            if !errs.0.is_empty() {
                return Err(ScenarioError(errs.0));
            }
            typed("expect", Value::Object(o))?
        }
        Some(v) => typed("expect", v)?,
    };
    let stop_ms = match common.remove("stop_ms") {
        None | Some(Value::Null) => 10_000.0,
        Some(v) => typed::<f64>("stop_ms", v)?,
    };
    for key in ["version", "protocol", "name", "description"] {
        common.remove(key);
    }
    let common: Common = typed("", Value::Object(common))?;
    let section: P::Section = typed("", Value::Object(section))?;

    for (field, text, max) in [("name", &name, 200), ("description", &description, 4000)] {
        if text.as_ref().is_some_and(|t| t.chars().count() > max) {
            errs.push(
                field,
                msg!("must be at most {max} characters", "最多 {max} 个字符"),
            );
        }
    }
    let setup = P::setup(&mut errs, &common, &section);
    errs.range_f64("stop_ms", stop_ms, 1.0, MAX_STOP_MS);
    let stop = SimTime::from_millis_f64(stop_ms);
    let script = script::<P>(&mut errs, actions, &setup)?;
    let expect = P::expect(&mut errs, &expect, &setup);
    errs.finish(Scenario {
        name,
        description,
        setup,
        script,
        stop,
        expect,
    })
}

/// Refuses a field no scenario of `protocol` has, saying which protocol it
/// belongs to when another one has it.
fn unknown_field(
    errs: &mut Errors,
    path: &str,
    key: &str,
    protocol: &str,
    own: &[&str],
    common: &[&str],
) {
    let owner = crate::protocols::section_owner(key).or_else(|| {
        path.starts_with("expect.")
            .then(|| crate::protocols::expect_owner(key))
            .flatten()
    });
    match owner {
        Some(owner) if owner != protocol => errs.push(
            path,
            msg!(
                "applies to {owner} scenarios only, not to \"protocol\": \"{protocol}\"",
                "只适用于 {owner} 场景，不适用于 \"protocol\": \"{protocol}\""
            ),
        ),
        _ => {
            let all = [common, own].concat().join(", ");
            errs.push(
                path,
                msg!(
                    "unknown field; a {protocol} scenario takes: {all}",
                    "未知字段；{protocol} 场景可用的字段：{all}"
                ),
            );
        }
    }
}

/// One action's `at_ms` and its shared or own JSON.
enum Parsed<A> {
    Net(NetActionJson),
    Own(A),
}

fn parse_action<P: Format>(
    p: &str,
    value: Value,
) -> Result<(f64, Parsed<P::ActionJson>), ScenarioError> {
    let Value::Object(mut obj) = value else {
        return Err(ScenarioError::one(
            p,
            Text::new(
                "an action must be a JSON object",
                "动作必须是一个 JSON 对象",
            ),
        ));
    };
    let at_ms = match obj.remove("at_ms") {
        Some(v) => typed::<f64>(&format!("{p}.at_ms"), v)?,
        None => {
            return Err(ScenarioError::one(
                format!("{p}.at_ms"),
                Text::new(
                    "required: when the action happens, in milliseconds",
                    "必填：动作发生的时间，单位毫秒",
                ),
            ));
        }
    };
    let what = match obj.get("do") {
        Some(Value::String(s)) => s.clone(),
        _ => {
            let all = [NET_ACTIONS, P::ACTIONS].concat().join(", ");
            return Err(ScenarioError::one(
                format!("{p}.do"),
                msg!("required: one of {all}", "必填：{all} 之一"),
            ));
        }
    };
    if NET_ACTIONS.contains(&what.as_str()) {
        return Ok((at_ms, Parsed::Net(typed(p, Value::Object(obj))?)));
    }
    if P::ACTIONS.contains(&what.as_str()) {
        return Ok((at_ms, Parsed::Own(typed(p, Value::Object(obj))?)));
    }
    let all = [NET_ACTIONS, P::ACTIONS].concat().join(", ");
    let id = P::ID;
    let message = match crate::protocols::action_owner(&what) {
        Some(owner) => msg!(
            "{what:?} is a {owner} action; {id} scenarios take: {all}",
            "{what:?} 是 {owner} 的动作；{id} 场景可用的动作：{all}"
        ),
        None => msg!(
            "unknown action {what:?}; one of: {all}",
            "未知动作 {what:?}；可选：{all}"
        ),
    };
    Err(ScenarioError::one(format!("{p}.do"), message))
}

/// The actions, validated in time order (ties keep file order).
fn script<P: Format>(
    errs: &mut Errors,
    actions: Vec<Value>,
    setup: &P::Setup,
) -> Result<Vec<(SimTime, P::Action)>, ScenarioError> {
    if actions.len() > MAX_ACTIONS {
        let n = actions.len();
        return Err(ScenarioError::one(
            "actions",
            msg!(
                "at most {MAX_ACTIONS} actions, got {n}",
                "最多 {MAX_ACTIONS} 个动作，实际有 {n} 个"
            ),
        ));
    }
    let mut parsed = Vec::with_capacity(actions.len());
    for (i, v) in actions.into_iter().enumerate() {
        parsed.push((i, parse_action::<P>(&format!("actions[{i}]"), v)?));
    }
    parsed.sort_by(|a, b| a.1.0.total_cmp(&b.1.0));
    let (nodes, slots) = P::nodes(setup);
    let cx = NetContext {
        nodes,
        slots,
        leader: P::LEADER,
        messages: P::MESSAGES,
    };
    let mut running = P::running(setup);
    let mut script = Vec::new();
    for (i, (at_ms, a)) in parsed {
        let p = format!("actions[{i}]");
        let Some(at) = check_time(errs, &format!("{p}.at_ms"), at_ms) else {
            continue;
        };
        let actions = match &a {
            Parsed::Net(j) => net_action(errs, &p, j, &cx)
                .map(P::Action::from)
                .into_iter()
                .collect(),
            Parsed::Own(j) => P::action(errs, &p, j, &mut running),
        };
        script.extend(actions.into_iter().map(|action| (at, action)));
    }
    Ok(script)
}

/// One action as a file writes it.
#[derive(Serialize)]
struct ActionOut<A> {
    at_ms: f64,
    #[serde(flatten)]
    action: EitherJson<A>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum EitherJson<A> {
    Net(NetActionJson),
    Own(A),
}

/// A scenario file as written.
#[derive(Serialize)]
struct FileOut<'a, S, A, X> {
    version: u32,
    protocol: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: &'a Option<String>,
    #[serde(flatten)]
    common: Common,
    stop_ms: f64,
    #[serde(flatten)]
    section: S,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    actions: Vec<ActionOut<A>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expect: Option<X>,
}

fn file_out<P: Format>(s: &Scenario<P>) -> FileOut<'_, P::Section, P::ActionJson, P::ExpectJson> {
    let (common, section) = P::export_setup(&s.setup);
    let actions = s
        .script
        .iter()
        .map(|(at, a)| ActionOut {
            at_ms: at.as_millis_f64(),
            action: match P::export_action(a) {
                Ok(net) => EitherJson::Net(net_action_json(net)),
                Err(own) => EitherJson::Own(own),
            },
        })
        .collect();
    FileOut {
        version: FORMAT_VERSION,
        protocol: P::ID,
        name: &s.name,
        description: &s.description,
        common,
        stop_ms: s.stop.as_millis_f64(),
        section,
        actions,
        expect: P::export_expect(&s.expect),
    }
}

/// The scenario as indented JSON text for people: reading it back gives the same scenario.
pub fn to_text<P: Format>(s: &Scenario<P>) -> String {
    indent(&to_compact(s))
}

/// The scenario as compact JSON text (for share links).
pub fn to_compact<P: Format>(s: &Scenario<P>) -> String {
    serde_json::to_string(&file_out(s)).unwrap_or_default()
}

/// Indents compact JSON two spaces a level, one member or element a line.
/// (serde_json's pretty printer would compile the whole serializer a second
/// time; the share link already needs the compact one.)
pub fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.extend(chars.next());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indenting_keeps_the_json_and_its_order() {
        let compact = r#"{"version":1,"name":"a \"b\", {c}","actions":[],"x":[1,{"y":null}]}"#;
        let pretty = indent(compact);
        assert!(
            pretty.starts_with("{\n  \"version\": 1,\n  \"name\""),
            "{pretty}"
        );
        assert!(
            pretty.contains("\"name\": \"a \\\"b\\\", {c}\","),
            "{pretty}"
        );
        assert!(pretty.contains("\"actions\": [],"));
        assert!(pretty.contains("\"x\": [\n    1,\n    {\n      \"y\": null\n    }\n  ]"));
        let a: Value = serde_json::from_str(compact).unwrap();
        let b: Value = serde_json::from_str(&pretty).unwrap();
        assert_eq!(a, b);
    }
}
