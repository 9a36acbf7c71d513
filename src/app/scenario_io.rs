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
    fits_the_view(&scenario).map_err(|why| file_error(name, why))?;
    Ok(for_the_lab(scenario))
}

/// Checks a run is small enough for its protocol's live view (the headless
/// runner takes larger ones): the reason, if it is not.
pub fn fits_the_view<P: View>(s: &Scenario<P>) -> Result<(), Text> {
    let most = crate::protocols::VIEWS
        .iter()
        .find(|(id, _)| *id == P::ID)
        .map_or(usize::MAX, |(_, most)| *most);
    let slots = P::nodes(&s.setup).1;
    if slots <= most {
        return Ok(());
    }
    Err(msg!(
        "it has {slots} node slots; the page runs at most {most} (raftlab-sim runs it headless)",
        "它有 {slots} 个节点槽位；页面最多运行 {most} 个（可用 raftlab-sim 无界面运行）"
    ))
}

/// Reads the scenario of a share link.
pub fn import_link<P: View>(encoded: &str) -> Result<Scenario<P>, Notice> {
    let scenario = decode_scenario::<P>(encoded).map_err(|e| link_notice(&e))?;
    fits_the_view(&scenario).map_err(|why| {
        let (en, zh) = (&why.en, &why.zh);
        Notice::new(
            Level::Error,
            msg!(
                "The shared scenario could not be loaded ({en}). The default lab is shown.",
                "无法加载分享的场景（{zh}）。已显示默认实验。"
            ),
        )
    })?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Command;
    use crate::app::controller::tests::{RAFT_LESSON, assert_bilingual, lesson, open};
    use crate::protocols::gossip::Gossip;
    use crate::protocols::raft::Raft;
    use crate::sim::NodeId;

    fn played() -> Controller<Raft> {
        let mut c = Controller::new(&crate::protocols::raft::app::default_scenario());
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

    /// A notice in both languages, at `level`.
    fn check(n: &Notice, level: Level) -> &Notice {
        assert_eq!(n.level, level, "{n:?}");
        assert_bilingual(&n.text.en, &n.text.zh);
        n
    }

    #[test]
    fn an_exported_file_imports_to_the_same_run() {
        let c = played();
        let text = export_json(&c);
        assert!(text.contains("\"do\": \"crash\""), "{text}");
        let s = import_file::<Raft>("run.json", text.len() as f64, Some(&text)).unwrap();
        assert_eq!(s, c.lab().scenario());
        assert_eq!(
            export_file_name(&c),
            format!("raftlab-raft-seed-{}.json", s.seed())
        );
        let mut g = Controller::<Gossip>::new(&crate::protocols::gossip::app::default_scenario());
        g.handle(Command::Protocol(
            crate::protocols::gossip::app::GossipCommand::StartRumor(NodeId(3)),
        ));
        g.handle(Command::StepForward);
        let text = export_json(&g);
        let s = import_file::<Gossip>("g.json", text.len() as f64, Some(&text)).unwrap();
        assert_eq!(s, g.lab().scenario());
        assert_eq!(s.script.len(), 1);
    }

    #[test]
    fn a_named_run_is_exported_under_its_name() {
        let mut s = crate::protocols::raft::app::default_scenario();
        s.name = Some("Figure 8, commit rule kept!".into());
        let c = Controller::new(&s);
        assert_eq!(
            export_file_name(&c),
            "raftlab-figure-8-commit-rule-kept.json"
        );
    }

    /// What is wrong with a file, in both languages. A file of another
    /// protocol is now refused as an error that names the view to open it
    /// in (it used to be a warning).
    #[test]
    fn bad_files_say_what_is_wrong() {
        let msg = |text: &str| {
            let n = import_file::<Raft>("x.json", text.len() as f64, Some(text)).unwrap_err();
            check(&n, Level::Error);
            n.text
        };
        let cut = msg("{\"version\": 1, \"protocol\": \"raft\"");
        assert!(cut.en.contains("cut short"), "{cut:?}");
        assert!(msg("hello").en.contains("not valid JSON"));
        assert!(msg(&"[".repeat(5000)).en.contains("nested too deeply"));
        let newer = msg(r#"{"version": 9, "protocol": "raft"}"#);
        assert!(
            newer.en.contains("version") && newer.en.contains("newer"),
            "{newer:?}"
        );
        let bad = msg(r#"{"version": 1, "protocol": "raft", "nodes": 40}"#);
        assert!(
            bad.en.contains("nodes: must be between 1 and 9"),
            "{}",
            bad.en
        );
        assert!(bad.zh.contains("无法加载文件"));
        let huge = import_file::<Raft>("big.json", 9e9, None).unwrap_err();
        let huge = &check(&huge, Level::Error).text;
        assert!(huge.en.contains("at most 1024 KiB"), "{}", huge.en);
        let gossip = msg(r#"{"version": 1, "protocol": "gossip"}"#);
        assert!(gossip.en.contains("gossip scenario"), "{gossip:?}");
        let raft = import_file::<Gossip>(
            "r.json",
            40.0,
            Some(r#"{"version": 1, "protocol": "raft"}"#),
        )
        .unwrap_err();
        assert!(check(&raft, Level::Error).text.en.contains("raft view"));
    }

    #[test]
    fn a_share_link_carries_the_run_and_the_moment() {
        let c = played();
        let p = share_params(&c, Lang::Zh, Theme::Dark, false);
        let (back, errors) = LinkParams::parse(&p.to_fragment());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(back.lang, Some(Lang::Zh));
        assert_eq!(back.time_ms, Some(c.lab().now().as_millis_f64()));
        assert_eq!(back.lesson, None);
        let s = import_link::<Raft>(back.scenario.as_deref().unwrap()).unwrap();
        assert_eq!(s, c.lab().scenario());
        let broken = import_link::<Raft>("1.eJzLSM3JyQcABiwCFQ").unwrap_err();
        assert!(check(&broken, Level::Error).text.en.contains("default lab"));
    }

    #[test]
    fn a_share_link_during_a_lesson_names_the_lesson() {
        let mut c = played();
        open(&mut c, &lesson::<Raft>(RAFT_LESSON), Some("quiet"));
        let p = share_params(&c, Lang::En, Theme::Light, true);
        assert_eq!(p.lesson.as_deref(), Some("test-crash"));
        assert_eq!(p.variant.as_deref(), Some("quiet"));
        assert_eq!(p.scenario, None);
        c.handle(Command::TakeOver);
        let p = share_params(&c, Lang::En, Theme::Light, true);
        assert_eq!(p.lesson, None, "taken over: the run itself");
        assert!(p.scenario.is_some());
    }

    #[test]
    fn ignored_link_parameters_are_named_in_both_languages() {
        let (_, errors) = LinkParams::parse("lang=fr&nodes=0&bogus=1");
        let notices = link_notices(&errors);
        assert_eq!(notices.len(), 3);
        for n in &notices {
            check(n, Level::Warning);
            assert!(n.text.en.starts_with("Link parameter ignored"), "{n:?}");
        }
    }

    /// The link's `nodes` and `seed` apply to the default run of either
    /// view. (This was the gossip view's own start-up; every view shares it now.)
    #[test]
    fn the_link_sets_size_and_seed() {
        let (params, _) = LinkParams::parse("view=gossip&nodes=2000&seed=9");
        let (s, notices) =
            link_scenario::<Gossip>(&params, crate::protocols::gossip::app::default_scenario());
        assert_eq!(s.setup.nodes, 2000);
        assert_eq!(s.seed(), 9);
        assert!(s.setup.validate().is_ok());
        assert!(notices.is_empty());
        let (one, _) = link_scenario::<Gossip>(
            &LinkParams::parse("nodes=1").0,
            crate::protocols::gossip::app::default_scenario(),
        );
        assert!(
            one.setup.validate().is_ok(),
            "fan-out fits a one-node cluster"
        );
        let (raft, notices) = link_scenario::<Raft>(
            &LinkParams::parse("nodes=3&seed=4").0,
            crate::protocols::raft::app::default_scenario(),
        );
        assert_eq!((raft.setup.nodes, raft.seed()), (3, 4));
        assert!(notices.is_empty());
        let (plain, _) = link_scenario::<Raft>(
            &LinkParams::default(),
            crate::protocols::raft::app::default_scenario(),
        );
        assert_eq!(plain, crate::protocols::raft::app::default_scenario());
    }

    /// A link that cannot be loaded, or holds another protocol's run, says
    /// so and opens the default run.
    #[test]
    fn a_broken_or_foreign_scenario_gives_a_notice_and_the_defaults() {
        let default = crate::protocols::gossip::app::default_scenario();
        let (s, notices) = link_scenario::<Gossip>(
            &LinkParams::parse("view=gossip&s=1.garbage").0,
            default.clone(),
        );
        assert_eq!(s, default);
        check(&notices[0], Level::Error);
        let raft = Scenario::<Raft> {
            stop: SimTime::from_millis(1_000),
            ..Scenario::default()
        };
        let link = format!("s={}", encode_scenario(&raft));
        let (s, notices) = link_scenario::<Gossip>(&LinkParams::parse(&link).0, default.clone());
        assert_eq!(s, default);
        let n = check(&notices[0], Level::Error);
        assert!(n.text(Lang::Zh).contains("raft"), "{n:?}");
        let gossip = Scenario::<Gossip>::default();
        let link = format!("s={}", encode_scenario(&gossip));
        let (s, notices) = link_scenario::<Raft>(
            &LinkParams::parse(&link).0,
            crate::protocols::raft::app::default_scenario(),
        );
        assert_eq!(s, crate::protocols::raft::app::default_scenario());
        assert!(notices[0].text.en.contains("gossip"), "{:?}", notices[0]);
    }

    /// A shared run loads with its actions and, for the lab, runs an hour;
    /// asking for another server count starts without the actions (which
    /// may name servers the new count lacks). The count is applied as is:
    /// a fan-out beyond the new cluster is brought within it.
    #[test]
    fn a_shared_gossip_scenario_loads_with_its_script() {
        let text = r#"{"version":1,"protocol":"gossip","nodes":12,"seed":3,
            "gossip":{"fanout":4},
            "actions":[{"at_ms":5,"do":"start_rumor","node":12,"key":"x","value":"1"}]}"#;
        let scenario = crate::scenario::parse::<Gossip>(text).unwrap();
        let link = format!("s={}", encode_scenario(&scenario));
        let default = crate::protocols::gossip::app::default_scenario();
        let (s, notices) = link_scenario::<Gossip>(&LinkParams::parse(&link).0, default.clone());
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(s.setup.nodes, 12);
        assert_eq!(s.script.len(), 1);
        assert_eq!(s.stop, INTERACTIVE_STOP);
        let (smaller, _) = link_scenario::<Gossip>(
            &LinkParams::parse(&format!("{link}&nodes=3&view=gossip")).0,
            default,
        );
        assert_eq!(smaller.setup.nodes, 3);
        assert!(
            smaller.script.is_empty(),
            "S12 does not exist among 3 nodes"
        );
        assert_eq!(smaller.seed(), 3, "the shared seed stays");
        assert!(
            smaller.setup.validate().is_ok(),
            "{:?}",
            smaller.setup.validate()
        );
        let lab = crate::lab::Lab::new(&smaller);
        assert_eq!(lab.world().node_count(), 3, "not the fallback world");
        assert_eq!(lab.world().config().spread.fanout, 2);
    }

    #[test]
    fn a_run_larger_than_the_live_view_is_refused_with_its_size() {
        let text = r#"{"version": 1, "protocol": "gossip", "nodes": 3000, "stop_ms": 1000}"#;
        let n = import_file::<Gossip>("big.json", text.len() as f64, Some(text)).unwrap_err();
        assert_bilingual(&n.text.en, &n.text.zh);
        assert!(n.text.en.contains("3000 node slots"), "{}", n.text.en);
        assert!(n.text.en.contains("at most 2000"), "{}", n.text.en);
        let link = crate::share::encode_scenario(&crate::scenario::parse::<Gossip>(text).unwrap());
        let n = import_link::<Gossip>(&link).unwrap_err();
        assert!(n.text.en.contains("3000 node slots"), "{}", n.text.en);
        let small = r#"{"version": 1, "protocol": "gossip", "nodes": 2000, "stop_ms": 1000}"#;
        assert!(import_file::<Gossip>("ok.json", small.len() as f64, Some(small)).is_ok());
    }
}
