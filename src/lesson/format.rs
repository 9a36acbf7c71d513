//! Reading lesson files (docs/lessons.md): every problem is reported with
//! the path of the field, such as `steps[3].when.on` or
//! `variants[0].steps[1].say.zh`, and what is allowed there, in both
//! languages. A lesson file that does not parse never panics and never
//! half-loads.

use super::cue::Cues;
use super::data::{
    Choice, Claim, ClaimKind, Lesson, LessonInfo, Panel, Question, Step, Track, Trigger, Variant,
};
use crate::lang::Text;
use crate::msg;
use crate::scenario::{Errors, ScenarioError, from_object, json_object};
use crate::sim::{NodeId, SimTime};
use serde_json::{Map, Value};

/// The lesson file format this build reads.
pub const LESSON_FORMAT: u64 = 1;
/// Largest lesson file accepted.
pub const MAX_LESSON_BYTES: usize = 1 << 20;
/// Most steps in one track.
const MAX_STEPS: usize = 200;

const LESSON_FIELDS: &[&str] = &[
    "format", "id", "protocol", "number", "title", "summary", "chart", "scenario", "beside",
    "steps", "variants",
];
const STEP_FIELDS: &[&str] = &[
    "when",
    "say",
    "watch",
    "question",
    "highlight",
    "panel",
    "expect",
];
/// Most claims on one step.
const MAX_CLAIMS: usize = 32;
const VARIANT_FIELDS: &[&str] = &["id", "label", "summary", "scenario", "steps"];
const QUESTION_FIELDS: &[&str] = &["prompt", "choices", "answer", "explain"];

fn at(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn only(errs: &mut Errors, path: &str, obj: &Map<String, Value>, allowed: &[&str]) {
    for key in obj.keys() {
        if !allowed.contains(&key.as_str()) {
            let list = allowed.join(", ");
            errs.push(
                at(path, key),
                msg!("unknown field; one of: {list}", "未知字段；可用：{list}"),
            );
        }
    }
}

fn object<'a>(
    errs: &mut Errors,
    path: &str,
    v: Option<&'a Value>,
) -> Option<&'a Map<String, Value>> {
    match v {
        Some(Value::Object(o)) => Some(o),
        Some(_) => {
            errs.push(
                path,
                Text::new("must be a JSON object", "必须是一个 JSON 对象"),
            );
            None
        }
        None => {
            errs.push(path, Text::new("required", "必填"));
            None
        }
    }
}

fn string(errs: &mut Errors, path: &str, v: Option<&Value>) -> Option<String> {
    match v {
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            errs.push(path, Text::new("must be text", "必须是文本"));
            None
        }
        None => {
            errs.push(path, Text::new("required", "必填"));
            None
        }
    }
}

/// A text in both languages: `{"en": "…", "zh": "…"}`, neither empty.
pub fn text(errs: &mut Errors, path: &str, v: Option<&Value>) -> Option<Text> {
    let o = object(errs, path, v)?;
    only(errs, path, o, &["en", "zh"]);
    let mut part = |lang: &str| {
        let p = at(path, lang);
        match o.get(lang) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::String(_)) => {
                errs.push(p, Text::new("must not be empty", "不能为空"));
                None
            }
            Some(_) => {
                errs.push(p, Text::new("must be text", "必须是文本"));
                None
            }
            None => {
                errs.push(
                    p,
                    msg!(
                        "missing: every text needs both \"en\" and \"zh\"",
                        "缺少：每段文本都需要 \"en\" 和 \"zh\" 两种语言"
                    ),
                );
                None
            }
        }
    };
    let (en, zh) = (part("en"), part("zh"));
    Some(Text::owned(en?, zh?))
}

fn slug(errs: &mut Errors, path: &str, v: Option<&Value>) -> Option<String> {
    let s = string(errs, path, v)?;
    let ok = !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        errs.push(
            path,
            msg!(
                "must be 1–64 lowercase letters, digits or -, got {s:?}",
                "必须是 1–64 个小写字母、数字或 -，实际为 {s:?}"
            ),
        );
        return None;
    }
    Some(s)
}

fn count(errs: &mut Errors, path: &str, v: Option<&Value>, lo: u64, hi: u64) -> Option<u64> {
    match v.and_then(Value::as_u64) {
        Some(n) if (lo..=hi).contains(&n) => Some(n),
        _ => {
            let got = v.map_or("nothing".to_string(), Value::to_string);
            errs.push(
                path,
                msg!(
                    "must be a whole number between {lo} and {hi}, got {got}",
                    "必须是 {lo} 到 {hi} 之间的整数，实际为 {got}"
                ),
            );
            None
        }
    }
}

fn question(errs: &mut Errors, path: &str, v: &Value) -> Option<Question> {
    let o = object(errs, path, Some(v))?;
    only(errs, path, o, QUESTION_FIELDS);
    let prompt = text(errs, &at(path, "prompt"), o.get("prompt"));
    let explain = text(errs, &at(path, "explain"), o.get("explain"));
    let cpath = at(path, "choices");
    let choices: Vec<Choice> = match o.get("choices") {
        Some(Value::Array(a)) if (2..=8).contains(&a.len()) => a
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let p = format!("{cpath}[{i}]");
                let c = object(errs, &p, Some(c))?;
                only(errs, &p, c, &["text", "why"]);
                let t = text(errs, &at(&p, "text"), c.get("text"));
                let why = c
                    .get("why")
                    .and_then(|w| text(errs, &at(&p, "why"), Some(w)));
                Some(Choice { text: t?, why })
            })
            .collect(),
        _ => {
            errs.push(
                cpath,
                Text::new("must list 2 to 8 choices", "必须列出 2 到 8 个选项"),
            );
            return None;
        }
    };
    let n = choices.len().max(1) as u64;
    let answer = count(errs, &at(path, "answer"), o.get("answer"), 0, n - 1)?;
    Some(Question {
        prompt: prompt?,
        choices,
        answer: answer as usize,
        explain: explain?,
    })
}

fn highlight(errs: &mut Errors, path: &str, v: Option<&Value>, nodes: usize) -> Vec<NodeId> {
    let Some(v) = v else {
        return Vec::new();
    };
    let Some(a) = v.as_array() else {
        errs.push(
            path,
            Text::new("must be a list of node numbers", "必须是节点编号列表"),
        );
        return Vec::new();
    };
    a.iter()
        .enumerate()
        .filter_map(|(i, n)| {
            count(errs, &format!("{path}[{i}]"), Some(n), 1, nodes as u64).map(|n| NodeId(n as u16))
        })
        .collect()
}

fn panel(errs: &mut Errors, path: &str, v: Option<&Value>) -> Option<Panel> {
    let name = string(errs, path, Some(v?))?;
    let found = Panel::ALL.into_iter().find(|p| p.name() == name);
    if found.is_none() {
        let all: Vec<&str> = Panel::ALL.iter().map(|p| p.name()).collect();
        let all = all.join(", ");
        errs.push(
            path,
            msg!(
                "unknown panel {name:?}; one of: {all}",
                "未知面板 {name:?}；可选：{all}"
            ),
        );
    }
    found
}

fn trigger<P: Cues>(
    errs: &mut Errors,
    path: &str,
    v: Option<&Value>,
    setup: &P::Setup,
) -> Option<Trigger<P::Cue>> {
    let o = object(errs, path, v)?;
    if let Some(ms) = o.get("at_ms") {
        only(errs, path, o, &["at_ms"]);
        return match ms.as_f64() {
            Some(ms) if ms.is_finite() && (0.0..=crate::scenario::MAX_STOP_MS).contains(&ms) => {
                Some(Trigger::At(SimTime::from_millis_f64(ms)))
            }
            _ => {
                errs.push(
                    at(path, "at_ms"),
                    Text::new(
                        "must be a time in milliseconds within one day",
                        "必须是一天以内的时间，单位毫秒",
                    ),
                );
                None
            }
        };
    }
    let all = P::CUES.join(", ");
    let on_path = at(path, "on");
    let on = match o.get("on") {
        Some(Value::String(s)) if P::CUES.contains(&s.as_str()) => s.clone(),
        Some(Value::String(s)) => {
            errs.push(
                on_path,
                msg!(
                    "unknown cue {s:?}; one of: {all} (or give \"at_ms\")",
                    "未知触发条件 {s:?}；可选：{all}（或者给出 \"at_ms\"）"
                ),
            );
            return None;
        }
        _ => {
            errs.push(
                path,
                msg!(
                    "needs \"at_ms\" (a time) or \"on\" (one of: {all})",
                    "需要 \"at_ms\"（时间）或 \"on\"（{all} 之一）"
                ),
            );
            return None;
        }
    };
    let mut fields = o.clone();
    fields.remove("on");
    P::cue(errs, path, &on, &fields, setup).map(Trigger::On)
}

/// A cue object, `{"on": "role", "role": "leader", "node": 3}`, at `path`.
fn cue<P: Cues>(
    errs: &mut Errors,
    path: &str,
    v: Option<&Value>,
    setup: &P::Setup,
) -> Option<P::Cue> {
    let o = object(errs, path, v)?;
    let all = P::CUES.join(", ");
    let on = match o.get("on") {
        Some(Value::String(s)) if P::CUES.contains(&s.as_str()) => s.clone(),
        Some(Value::String(s)) => {
            errs.push(
                at(path, "on"),
                msg!(
                    "unknown cue {s:?}; one of: {all}",
                    "未知触发条件 {s:?}；可选：{all}"
                ),
            );
            return None;
        }
        _ => {
            errs.push(
                at(path, "on"),
                msg!("required: one of {all}", "必填：{all} 之一"),
            );
            return None;
        }
    };
    let mut fields = o.clone();
    fields.remove("on");
    P::cue(errs, path, &on, &fields, setup)
}

/// A claim as lesson files write it, with `on` first: `happens {"on": "commit", "node": 2} at_least 2`.
fn describe(kind: ClaimKind, cue: Option<&Value>, at_least: u32, at_most: Option<u32>) -> String {
    let mut out = format!("{} {{", kind.name());
    if let Some(Value::Object(o)) = cue {
        let on = o.get("on").into_iter().map(|v| ("on", v));
        let rest = o
            .iter()
            .filter(|(k, _)| *k != "on")
            .map(|(k, v)| (k.as_str(), v));
        let fields: Vec<String> = on
            .chain(rest)
            .map(|(k, v)| format!("\"{k}\": {v}"))
            .collect();
        out.push_str(&fields.join(", "));
    }
    out.push('}');
    match (kind, at_least, at_most) {
        (ClaimKind::Never, ..) => {}
        (_, n, Some(m)) if n == m => out.push_str(&format!(" exactly {n}")),
        (_, n, m) => {
            if n != 1 {
                out.push_str(&format!(" at_least {n}"));
            }
            if let Some(m) = m {
                out.push_str(&format!(" at_most {m}"));
            }
        }
    }
    out
}

/// A step's claims: `[{"happens": CUE}, {"never": CUE}, {"happened": CUE, "at_least": 2}]`.
fn claims<P: Cues>(
    errs: &mut Errors,
    path: &str,
    v: Option<&Value>,
    setup: &P::Setup,
) -> Vec<Claim<P::Cue>> {
    let Some(v) = v else {
        return Vec::new();
    };
    let kinds: Vec<&str> = ClaimKind::ALL.iter().map(|k| k.name()).collect();
    let kinds = kinds.join(", ");
    let list = match v.as_array() {
        Some(a) if a.len() <= MAX_CLAIMS => a,
        _ => {
            errs.push(
                path,
                msg!(
                    "must be a list of at most {MAX_CLAIMS} claims, such as [{{\"happens\": {{\"on\": \"commit\"}}}}]",
                    "必须是至多 {MAX_CLAIMS} 条断言的列表，例如 [{{\"happens\": {{\"on\": \"commit\"}}}}]"
                ),
            );
            return Vec::new();
        }
    };
    list.iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let p = format!("{path}[{i}]");
            let o = object(errs, &p, Some(c))?;
            let found: Vec<ClaimKind> = ClaimKind::ALL
                .into_iter()
                .filter(|k| o.contains_key(k.name()))
                .collect();
            let [kind] = found[..] else {
                errs.push(
                    &p,
                    msg!(
                        "needs exactly one of: {kinds}",
                        "必须恰好包含以下之一：{kinds}"
                    ),
                );
                return None;
            };
            let allowed: &[&str] = match kind {
                ClaimKind::Never => &["never"],
                _ => &["happens", "happened", "at_least", "at_most"],
            };
            only(errs, &p, o, allowed);
            let cue = cue::<P>(errs, &at(&p, kind.name()), o.get(kind.name()), setup)?;
            let bound = |errs: &mut Errors, key: &str| {
                o.get(key)
                    .and_then(|n| count(errs, &at(&p, key), Some(n), 0, 1_000_000))
                    .map(|n| n as u32)
            };
            let (at_least, at_most) = match kind {
                ClaimKind::Never => (0, Some(0)),
                _ => (bound(errs, "at_least").unwrap_or(1), bound(errs, "at_most")),
            };
            if at_most.is_some_and(|m| m < at_least) {
                errs.push(
                    at(&p, "at_most"),
                    msg!(
                        "must not be below at_least ({at_least})",
                        "不能小于 at_least（{at_least}）"
                    ),
                );
                return None;
            }
            let counted = o.contains_key("at_least") || o.contains_key("at_most");
            if counted && P::is_condition(&cue) {
                errs.push(
                    &p,
                    Text::new(
                        "a condition holds or not: it takes no at_least or at_most",
                        "条件只有成立与否：不接受 at_least 或 at_most",
                    ),
                );
                return None;
            }
            Some(Claim {
                kind,
                cue,
                at_least,
                at_most,
                source: describe(kind, o.get(kind.name()), at_least, at_most),
            })
        })
        .collect()
}

fn steps<P: Cues>(
    errs: &mut Errors,
    path: &str,
    v: Option<&Value>,
    setup: &P::Setup,
) -> Vec<Step<P::Cue>> {
    let Some(Value::Array(a)) = v else {
        errs.push(path, Text::new("must be a list of steps", "必须是步骤列表"));
        return Vec::new();
    };
    if a.is_empty() || a.len() > MAX_STEPS {
        errs.push(
            path,
            msg!(
                "must list 1 to {MAX_STEPS} steps",
                "必须列出 1 到 {MAX_STEPS} 个步骤"
            ),
        );
        return Vec::new();
    }
    let (nodes, _) = P::nodes(setup);
    a.iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let p = format!("{path}[{i}]");
            let o = object(errs, &p, Some(s))?;
            only(errs, &p, o, STEP_FIELDS);
            let when = trigger::<P>(errs, &at(&p, "when"), o.get("when"), setup);
            let say = text(errs, &at(&p, "say"), o.get("say"));
            let watch = text(errs, &at(&p, "watch"), o.get("watch"));
            let question = o
                .get("question")
                .and_then(|q| question(errs, &at(&p, "question"), q));
            let highlight = highlight(errs, &at(&p, "highlight"), o.get("highlight"), nodes);
            let panel = panel(errs, &at(&p, "panel"), o.get("panel"));
            let expect = claims::<P>(errs, &at(&p, "expect"), o.get("expect"), setup);
            Some(Step {
                when: when?,
                say: say?,
                watch: watch?,
                question,
                highlight,
                panel,
                expect,
            })
        })
        .collect()
}

fn track<P: Cues>(
    errs: &mut Errors,
    path: &str,
    o: &Map<String, Value>,
) -> Option<Track<P, P::Cue>> {
    let spath = at(path, "scenario");
    let scenario = match object(errs, &spath, o.get("scenario")) {
        Some(s) => match from_object::<P>(s.clone()) {
            Ok(s) => Some(s),
            Err(ScenarioError(list)) => {
                for e in list {
                    errs.push(at(&spath, &e.path), e.message);
                }
                None
            }
        },
        None => None,
    }?;
    let steps = steps::<P>(errs, &at(path, "steps"), o.get("steps"), &scenario.setup);
    Some(Track { scenario, steps })
}

/// Reads a lesson file of protocol `P`.
pub fn parse_lesson<P: Cues>(text_in: &str) -> Result<Lesson<P, P::Cue>, ScenarioError> {
    let o = json_object(text_in, MAX_LESSON_BYTES)?;
    let mut errs = Errors::default();
    only(&mut errs, "", &o, LESSON_FIELDS);
    match o.get("format").and_then(Value::as_u64) {
        Some(LESSON_FORMAT) => {}
        Some(v) if v > LESSON_FORMAT => {
            return Err(ScenarioError::one(
                "format",
                msg!(
                    "this lesson uses format {v}, newer than this build reads (up to {LESSON_FORMAT})",
                    "这个课程使用格式 {v}，比本程序能读的版本（最高 {LESSON_FORMAT}）更新"
                ),
            ));
        }
        _ => errs.push(
            "format",
            msg!("required: {LESSON_FORMAT}", "必填：{LESSON_FORMAT}"),
        ),
    }
    match o.get("protocol").and_then(Value::as_str) {
        Some(p) if p == P::ID => {}
        other => {
            let (id, got) = (P::ID, other.unwrap_or(""));
            errs.push(
                "protocol",
                msg!(
                    "must be \"{id}\" here, got {got:?}",
                    "这里必须是 \"{id}\"，实际为 {got:?}"
                ),
            );
            return Err(ScenarioError(errs.0));
        }
    }
    let id = slug(&mut errs, "id", o.get("id"));
    let number = count(&mut errs, "number", o.get("number"), 1, 999);
    let title = text(&mut errs, "title", o.get("title"));
    let summary = text(&mut errs, "summary", o.get("summary"));
    let chart = o
        .get("chart")
        .and_then(|c| string(&mut errs, "chart", Some(c)));
    let beside = o
        .get("beside")
        .and_then(|b| object(&mut errs, "beside", Some(b)).cloned());
    let main = track::<P>(&mut errs, "", &o);
    let mut variants = Vec::new();
    if let Some(v) = o.get("variants") {
        match v.as_array() {
            Some(list) => {
                for (i, v) in list.iter().enumerate() {
                    let p = format!("variants[{i}]");
                    let Some(vo) = object(&mut errs, &p, Some(v)) else {
                        continue;
                    };
                    only(&mut errs, &p, vo, VARIANT_FIELDS);
                    let vid = slug(&mut errs, &at(&p, "id"), vo.get("id"));
                    let label = text(&mut errs, &at(&p, "label"), vo.get("label"));
                    let summary = text(&mut errs, &at(&p, "summary"), vo.get("summary"));
                    let track = track::<P>(&mut errs, &p, vo);
                    if let (Some(id), Some(label), Some(summary), Some(track)) =
                        (vid, label, summary, track)
                    {
                        if variants.iter().any(|x: &Variant<P, P::Cue>| x.id == id) {
                            errs.push(
                                at(&p, "id"),
                                msg!("{id:?} is used twice", "{id:?} 重复出现"),
                            );
                        }
                        variants.push(Variant {
                            id,
                            label,
                            summary,
                            track,
                        });
                    }
                }
            }
            None => errs.push("variants", Text::new("must be a list", "必须是列表")),
        }
    }
    if !errs.0.is_empty() {
        return Err(ScenarioError(errs.0));
    }
    match (id, number, title, summary, main) {
        (Some(id), Some(number), Some(title), Some(summary), Some(main)) => Ok(Lesson {
            id,
            number: number as u32,
            title,
            summary,
            chart,
            main,
            variants,
            beside,
        }),
        _ => Err(ScenarioError::one(
            "",
            Text::new("the lesson is incomplete", "课程不完整"),
        )),
    }
}

/// Reads the course index: every built-in lesson, with the text its list shows.
pub fn parse_index(text_in: &str) -> Result<Vec<LessonInfo>, ScenarioError> {
    let o = json_object(text_in, MAX_LESSON_BYTES)?;
    let mut errs = Errors::default();
    let Some(Value::Array(list)) = o.get("lessons") else {
        return Err(ScenarioError::one(
            "lessons",
            Text::new("required: the list of lessons", "必填：课程列表"),
        ));
    };
    let mut out = Vec::new();
    for (i, l) in list.iter().enumerate() {
        let p = format!("lessons[{i}]");
        let Some(lo) = object(&mut errs, &p, Some(l)) else {
            continue;
        };
        let id = slug(&mut errs, &at(&p, "id"), lo.get("id"));
        let protocol = string(&mut errs, &at(&p, "protocol"), lo.get("protocol"));
        let number = count(&mut errs, &at(&p, "number"), lo.get("number"), 1, 999);
        let title = text(&mut errs, &at(&p, "title"), lo.get("title"));
        let summary = text(&mut errs, &at(&p, "summary"), lo.get("summary"));
        if let (Some(id), Some(protocol), Some(number), Some(title), Some(summary)) =
            (id, protocol, number, title, summary)
        {
            out.push(LessonInfo {
                id,
                protocol,
                number: number as u32,
                title,
                summary,
            });
        }
    }
    errs.finish(out)
}
