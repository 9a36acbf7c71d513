//! Runs in and out of the lab: the default run, scenario files exported and
//! imported (the headless runner's format, docs/scenarios.md), and share
//! links. Every problem with a file or a link becomes a notice that says what
//! is wrong; the caller then keeps (or loads) the default lab.

use super::controller::{Controller, Level, Notice};
use crate::lang::Lang;
use crate::raft::RaftConfig;
use crate::scenario::{MAX_SCENARIO_BYTES, Protocol, Scenario, ScenarioError, from_value, to_json};
use crate::share::{LinkParams, ShareError, Theme, decode_scenario, encode_scenario};
use crate::sim::SimTime;

/// How long an interactive run may last before it stops by itself: an hour.
pub const INTERACTIVE_STOP: SimTime = SimTime::from_millis(3_600_000);

/// The lab a fresh page shows.
pub fn default_scenario() -> Scenario {
    let mut s = Scenario {
        stop: INTERACTIVE_STOP,
        ..Scenario::default()
    };
    s.cluster.raft = RaftConfig {
        snapshot_threshold: 200,
        ..RaftConfig::default()
    };
    s
}

/// A scenario made ready for the lab: Raft only, and long enough to explore.
fn for_the_lab(mut s: Scenario, what_en: &str, what_zh: &str) -> Result<Scenario, Notice> {
    if s.protocol != Protocol::Raft {
        return Err(Notice::new(
            Level::Warning,
            format!("{what_en} holds a gossip scenario; this lab runs Raft, so it was not loaded."),
            format!("{what_zh}包含一个 Gossip 场景；本实验运行的是 Raft，因此没有加载。"),
        ));
    }
    s.stop = s.stop.max(INTERACTIVE_STOP);
    Ok(s)
}

fn file_error(name: &str, en: String, zh: String) -> Notice {
    let name: String = name.chars().take(80).collect();
    Notice::new(
        Level::Error,
        format!("The file \"{name}\" could not be loaded: {en}. The lab is unchanged."),
        format!("无法加载文件“{name}”：{zh}。实验保持不变。"),
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
        format!("it is {kb:.0} KiB; a scenario file may be at most {max} KiB"),
        format!("文件大小为 {kb:.0} KiB，场景文件最大为 {max} KiB"),
    ))
}

/// Reads a scenario file: size, JSON, version and every field are checked.
/// `size` is the file's size in bytes; `text` its contents.
pub fn import_file(name: &str, size: f64, text: Option<&str>) -> Result<Scenario, Notice> {
    check_file_size(name, size)?;
    let refuse = |en: String, zh: String| file_error(name, en, zh);
    let value: serde_json::Value = serde_json::from_str(text.unwrap_or("")).map_err(|e| {
        use serde_json::error::Category;
        let (en, zh) = match e.classify() {
            Category::Eof => (
                format!("it is cut short: the JSON ends early (line {})", e.line()),
                format!("文件被截断：JSON 提前结束（第 {} 行）", e.line()),
            ),
            _ if e.to_string().contains("recursion limit") => (
                "it is nested too deeply to be a scenario".into(),
                "嵌套层数过深，不可能是场景文件".into(),
            ),
            _ => (
                format!("it is not valid JSON ({e})"),
                format!("它不是有效的 JSON（{e}）"),
            ),
        };
        refuse(en, zh)
    })?;
    let scenario = from_value(value).map_err(|e| {
        let detail = first_error(&e);
        refuse(
            format!("it is not a valid scenario: {detail}"),
            format!("它不是有效的场景：{detail}"),
        )
    })?;
    for_the_lab(
        scenario,
        &format!("The file \"{name}\""),
        &format!("文件“{name}”"),
    )
}

fn first_error(e: &ScenarioError) -> String {
    match e.0.len() {
        1 => e.first().to_string(),
        n => format!("{} (and {} more)", e.first(), n - 1),
    }
}

/// Reads the scenario of a share link.
pub fn import_link(encoded: &str) -> Result<Scenario, Notice> {
    let scenario = decode_scenario(encoded).map_err(|e| link_notice(&e))?;
    for_the_lab(scenario, "This link", "此链接")
}

fn link_notice(e: &ShareError) -> Notice {
    Notice::new(
        Level::Error,
        format!("The shared scenario could not be loaded ({e}). The default lab is shown."),
        format!("无法加载分享的场景（{e}）。已显示默认实验。"),
    )
}

/// The run so far as a scenario file, indented for people.
pub fn export_json(ctrl: &Controller) -> String {
    let compact = serde_json::to_string(&to_json(&ctrl.lab().scenario())).unwrap_or_default();
    indent(&compact)
}

/// Indents compact JSON two spaces a level, one member or element a line.
/// (serde_json's pretty printer would compile the whole serializer a second
/// time; the share link already needs the compact one.)
fn indent(compact: &str) -> String {
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

/// A file name for the exported run: its name as a slug, else its seed.
pub fn export_file_name(ctrl: &Controller) -> String {
    let scenario = ctrl.lab().scenario();
    let slug: String = scenario
        .name
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
        format!("raftlab-seed-{}.json", scenario.cluster.seed)
    } else {
        format!("raftlab-{slug}.json")
    }
}

/// The parameters of a link to what the lab shows now: the lesson (while one
/// plays), else the whole run with the current moment; plus the view settings.
pub fn share_params(ctrl: &Controller, lang: Lang, theme: Theme, present: bool) -> LinkParams {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Command;
    use crate::sim::NodeId;

    fn played() -> Controller {
        let mut c = Controller::new(&default_scenario());
        c.handle(Command::SetSpeed(1.0));
        c.handle(Command::Play);
        for _ in 0..60 {
            c.tick(16.0);
        }
        c.handle(Command::CrashOrRestart(NodeId(2)));
        for _ in 0..60 {
            c.tick(16.0);
        }
        c
    }

    #[test]
    fn an_exported_file_imports_to_the_same_run() {
        let c = played();
        let text = export_json(&c);
        assert!(text.contains("\"do\": \"crash\""), "{text}");
        let s = import_file("run.json", text.len() as f64, Some(&text)).unwrap();
        assert_eq!(s, c.lab().scenario());
        assert_eq!(
            export_file_name(&c),
            format!("raftlab-seed-{}.json", s.cluster.seed)
        );
    }

    #[test]
    fn indenting_keeps_the_json_and_its_order() {
        let compact = r#"{"version":1,"name":"a \"b\", {c}","actions":[],"x":[1,{"y":null}]}"#;
        let pretty = indent(compact);
        assert!(
            pretty.starts_with("{\n  \"version\": 1,\n  \"name\""),
            "{pretty}"
        );
        assert!(pretty.contains("\"actions\": [],"));
        let a: serde_json::Value = serde_json::from_str(compact).unwrap();
        let b: serde_json::Value = serde_json::from_str(&pretty).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let msg = |text: &str| import_file("x.json", text.len() as f64, Some(text)).unwrap_err();
        assert!(
            msg("{\"version\": 1, \"protocol\": \"raft\"")
                .en
                .contains("cut short")
        );
        assert!(msg("hello").en.contains("not valid JSON"));
        assert!(msg(&"[".repeat(5000)).en.contains("nested too deeply"));
        let newer = msg(r#"{"version": 9, "protocol": "raft"}"#);
        assert!(
            newer.en.contains("version") && newer.en.contains("newer"),
            "{}",
            newer.en
        );
        let bad = msg(r#"{"version": 1, "protocol": "raft", "nodes": 40}"#);
        assert!(
            bad.en.contains("nodes: must be between 1 and 9"),
            "{}",
            bad.en
        );
        assert!(bad.zh.contains("无法加载文件"));
        let huge = import_file("big.json", 9e9, None).unwrap_err();
        assert!(huge.en.contains("at most 1024 KiB"), "{}", huge.en);
        let gossip = msg(r#"{"version": 1, "protocol": "gossip"}"#);
        assert_eq!(gossip.level, Level::Warning);
        assert!(gossip.en.contains("gossip"));
    }

    #[test]
    fn a_share_link_carries_the_run_and_the_moment() {
        let c = played();
        let p = share_params(&c, Lang::Zh, Theme::Dark, false);
        let (back, errors) = LinkParams::parse(&p.to_fragment());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(back.lang, Some(Lang::Zh));
        assert_eq!(back.time_ms, Some(c.lab().now().as_millis_f64()));
        let s = import_link(back.scenario.as_deref().unwrap()).unwrap();
        assert_eq!(s, c.lab().scenario());
        let broken = import_link("1.eJzLSM3JyQcABiwCFQ").unwrap_err();
        assert!(broken.en.contains("default lab"));
    }
}
