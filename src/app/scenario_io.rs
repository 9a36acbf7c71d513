//! Runs in and out of a lab, for any protocol: scenario files exported and
//! imported (the headless runner's format, docs/scenarios.md), share links,
//! and the run a page's link opens. Every problem with a file or a link
//! becomes a notice that says what is wrong; the caller then keeps (or
//! loads) the default lab.

use super::controller::{Controller, Level, Notice, View};
use crate::lang::{Lang, Text};
use crate::msg;
use crate::protocol::Scenario;
use crate::scenario::{
    FieldError, MAX_SCENARIO_BYTES, ScenarioError, from_object, json_object, protocol_of, to_text,
};
use crate::share::{LinkParams, ShareError, Theme, decode_scenario, encode_scenario};
use crate::sim::SimTime;

/// How long an interactive run may last before it stops by itself: an hour.
pub const INTERACTIVE_STOP: SimTime = SimTime::from_millis(3_600_000);

/// A scenario made ready for the lab: long enough to explore.
fn for_the_lab<P: View>(mut s: Scenario<P>) -> Scenario<P> {
    s.stop = s.stop.max(INTERACTIVE_STOP);
    s
}

fn file_error(name: &str, reason: Text) -> Notice {
    let name: String = name.chars().take(80).collect();
    let (en, zh) = (&reason.en, &reason.zh);
    Notice::new(
        Level::Error,
        msg!(
            "The file \"{name}\" could not be loaded: {en}. The lab is unchanged.",
            "无法加载文件“{name}”：{zh}。实验保持不变。"
        ),
    )
}

/// Refuses a file too large to be a scenario, before it is read.
pub fn check_file_size(name: &str, size: f64) -> Result<(), Notice> {
    if size.is_finite() && size <= MAX_SCENARIO_BYTES as f64 {
        return Ok(());
    }
    let kb = size / 1024.0;
    let max = MAX_SCENARIO_BYTES / 1024;
    Err(file_error(
        name,
        msg!(
            "it is {kb:.0} KiB; a scenario file may be at most {max} KiB",
            "文件大小为 {kb:.0} KiB，场景文件最大为 {max} KiB"
        ),
    ))
}

/// A scenario of another protocol than this view's: which one, in words.
fn other_protocol(got: &str, id: &str) -> Text {
    msg!(
        "it holds a {got} scenario and this view runs {id}: open it in the {got} view",
        "它包含一个 {got} 场景，而本视图运行的是 {id}：请在 {got} 视图中打开它"
    )
}

fn first_error(e: &ScenarioError) -> Text {
    let first = e.first();
    match e.0.len() {
        1 => Text::owned(first.describe(Lang::En), first.describe(Lang::Zh)),
        n => {
            let (en, zh) = (first.describe(Lang::En), first.describe(Lang::Zh));
            let more = n - 1;
            msg!("{en} (and {more} more)", "{zh}（另有 {more} 处）")
        }
    }
}

/// Reads a scenario file: size, JSON, version and every field are checked.
/// `size` is the file's size in bytes; `text` its contents.
pub fn import_file<P: View>(
    name: &str,
    size: f64,
    text: Option<&str>,
) -> Result<Scenario<P>, Notice> {
    check_file_size(name, size)?;
    let text = text.unwrap_or("");
    if let Some(got) = protocol_of(text).filter(|p| p != P::ID) {
        return Err(file_error(name, other_protocol(&got, P::ID)));
    }
    let obj = json_object(text, MAX_SCENARIO_BYTES).map_err(|e| {
        let detail = first_error(&e);
        file_error(name, detail)
    })?;
    let scenario = from_object::<P>(obj).map_err(|e| {
        let d = first_error(&e);
        let (en, zh) = (&d.en, &d.zh);
        file_error(
            name,
            msg!("it is not a valid scenario: {en}", "它不是有效的场景：{zh}"),
        )
    })?;
    Ok(for_the_lab(scenario))
}

/// Reads the scenario of a share link.
pub fn import_link<P: View>(encoded: &str) -> Result<Scenario<P>, Notice> {
    let scenario = decode_scenario::<P>(encoded).map_err(|e| link_notice(&e))?;
    Ok(for_the_lab(scenario))
}

fn link_notice(e: &ShareError) -> Notice {
    let (en, zh) = (e.describe(Lang::En), e.describe(Lang::Zh));
    Notice::new(
        Level::Error,
        msg!(
            "The shared scenario could not be loaded ({en}). The default lab is shown.",
            "无法加载分享的场景（{zh}）。已显示默认实验。"
        ),
    )
}

/// A warning for each link parameter that was ignored.
pub fn link_notices(errors: &[FieldError]) -> Vec<Notice> {
    errors
        .iter()
        .map(|e| {
            let (en, zh) = (e.describe(Lang::En), e.describe(Lang::Zh));
            Notice::new(
                Level::Warning,
                msg!("Link parameter ignored: {en}", "已忽略链接参数：{zh}"),
            )
        })
        .collect()
}

/// The run a page's link opens: its shared scenario (`s=`), else `default`,
/// with the link's server count (`nodes`, which drops the shared actions:
/// they may name servers the new count lacks) and `seed`. A shared scenario
/// that cannot be loaded gives a notice, and `default` is used instead.
pub fn link_scenario<P: View>(
    params: &LinkParams,
    default: Scenario<P>,
) -> (Scenario<P>, Vec<Notice>) {
    let mut notices = Vec::new();
    let mut scenario = default;
    if let Some(encoded) = &params.scenario {
        match import_link::<P>(encoded) {
            Ok(s) => scenario = s,
            Err(n) => notices.push(n),
        }
    }
    if let Some(n) = params.nodes
        && P::set_nodes(&mut scenario.setup, n)
    {
        scenario.script.clear();
    }
    if let Some(seed) = params.seed {
        scenario.set_seed(seed);
    }
    (scenario, notices)
}

/// The run so far as a scenario file, indented for people.
pub fn export_json<P: View>(ctrl: &Controller<P>) -> String {
    to_text(&ctrl.lab().scenario())
}

/// A file name for the exported run: its name as a slug, else its seed.
pub fn export_file_name<P: View>(ctrl: &Controller<P>) -> String {
    let scenario = ctrl.lab().scenario();
    let slug: String = scenario
        .name
        .clone()
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        format!("raftlab-{}-seed-{}.json", P::ID, scenario.seed())
    } else {
        format!("raftlab-{slug}.json")
    }
}

/// The parameters of a link to what the lab shows now: the lesson (while one
/// plays), else the whole run with the current moment; plus the view settings.
pub fn share_params<P: View>(
    ctrl: &Controller<P>,
    lang: Lang,
    theme: Theme,
    present: bool,
) -> LinkParams {
    let mut p = LinkParams {
        lang: Some(lang),
        theme: Some(theme),
        present,
        ..LinkParams::default()
    };
    match ctrl.lesson().filter(|s| !s.taken_over()) {
        Some(s) => {
            p.lesson = Some(s.lesson().id.to_string());
            p.variant = s.variant().map(str::to_string);
        }
        None => {
            p.scenario = Some(encode_scenario(&ctrl.lab().scenario()));
            p.time_ms = Some(ctrl.lab().now().as_millis_f64());
        }
    }
    p
}
