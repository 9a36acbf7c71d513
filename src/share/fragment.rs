//! The URL fragment of a link into the lab, such as
//! `#embed&lesson=figure8&lang=zh` or `#s=1.eJy…&speed=0.01`. Parsing never
//! fails as a whole: each bad parameter becomes a message naming it and its
//! allowed values, and is otherwise ignored.

use crate::lang::{Lang, Text};
use crate::msg;
use crate::scenario::FieldError;

/// Colour themes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Light,
    Dark,
    /// High contrast, for projectors.
    Contrast,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::Contrast];
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Contrast => "contrast",
        }
    }
}

/// Slowest and fastest playback speeds, as fractions of real time.
pub const MIN_SPEED: f64 = 0.001;
pub const MAX_SPEED: f64 = 1.0;

/// Everything a link can ask for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinkParams {
    pub embed: bool,
    pub present: bool,
    pub lesson: Option<String>,
    /// A variant of the lesson, e.g. `unsafe-commit`.
    pub variant: Option<String>,
    pub lang: Option<Lang>,
    pub theme: Option<Theme>,
    pub speed: Option<f64>,
    pub autoplay: Option<bool>,
    pub nodes: Option<usize>,
    pub seed: Option<u64>,
    /// The protocol view, by its id (`raft`, `gossip`, `nwr`).
    pub view: Option<&'static str>,
    /// A lesson file on the same site as the page, by its relative address.
    pub lesson_url: Option<String>,
    /// An encoded scenario (see `codec`), checked when it is decoded.
    pub scenario: Option<String>,
    /// The moment of the run to show, in milliseconds.
    pub time_ms: Option<f64>,
    /// Record frame times for the benchmark script (`perf`).
    pub perf: bool,
    /// Run a benchmark in the page (`bench=engine`).
    pub bench: Option<Bench>,
}

/// Benchmarks the page can run for the performance report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bench {
    /// Simulated events per second of the Raft engine in this wasm build.
    Engine,
    /// Wasm memory over a 30-minute soak run (see `crate::soak`).
    Soak,
}

/// Latest moment a link may ask for: one simulated day, as in scenario files.
pub const MAX_LINK_TIME_MS: f64 = 86_400_000.0;

/// A lesson or variant slug: letters, digits and dashes, at most 40.
fn slug(v: &str) -> bool {
    !v.is_empty() && v.len() <= 40 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// A lesson file's address: relative to the page (so on its site), a
/// `.json` file, made of ordinary URL path characters.
fn same_site_path(v: &str) -> bool {
    v.len() <= 300
        && v.ends_with(".json")
        && !v.starts_with('/')
        && !v.contains("//")
        && !v.contains(':')
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./%".contains(c))
}

/// Longest fragment looked at.
pub const MAX_FRAGMENT_LEN: usize = 300 * 1024;

fn flag(v: Option<&str>, key: &str, errors: &mut Vec<FieldError>) -> Option<bool> {
    match v {
        None | Some("1") | Some("true") | Some("on") | Some("yes") => Some(true),
        Some("0") | Some("false") | Some("off") | Some("no") => Some(false),
        Some(other) => {
            let other = short(other);
            errors.push(FieldError::new(
                key,
                msg!(
                    "must be 1 or 0, got {other:?}",
                    "必须是 1 或 0，实际为 {other:?}"
                ),
            ));
            None
        }
    }
}

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(24).collect();
    if s.chars().count() > 24 {
        t.push('…');
    }
    t
}

impl LinkParams {
    /// Reads a fragment (with or without the leading `#`).
    pub fn parse(fragment: &str) -> (LinkParams, Vec<FieldError>) {
        let mut p = LinkParams::default();
        let mut errors = Vec::new();
        let mut nodes = None;
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        if fragment.len() > MAX_FRAGMENT_LEN {
            errors.push(FieldError::new(
                "",
                msg!(
                    "the link is longer than {MAX_FRAGMENT_LEN} characters",
                    "链接超过 {MAX_FRAGMENT_LEN} 个字符"
                ),
            ));
            return (p, errors);
        }
        for part in fragment.split('&').filter(|s| !s.is_empty()) {
            let (key, value) = match part.split_once('=') {
                Some((k, v)) => (k, Some(v)),
                None => (part, None),
            };
            let need = |errors: &mut Vec<FieldError>| -> Option<&str> {
                if value.is_none() {
                    errors.push(FieldError::new(
                        key,
                        Text::new(
                            "needs a value, e.g. key=value",
                            "需要一个值，例如 key=value",
                        ),
                    ));
                }
                value
            };
            match key {
                "embed" => p.embed = flag(value, key, &mut errors).unwrap_or(false),
                "present" => p.present = flag(value, key, &mut errors).unwrap_or(false),
                "autoplay" => p.autoplay = flag(value, key, &mut errors),
                "lesson" | "variant" => {
                    if let Some(v) = need(&mut errors) {
                        if !slug(v) {
                            let v = short(v);
                            errors.push(FieldError::new(
                                key,
                                msg!("is not a {key} name: {v:?}", "不是有效的 {key} 名称：{v:?}"),
                            ));
                        } else if key == "lesson" {
                            p.lesson = Some(v.to_string());
                        } else {
                            p.variant = Some(v.to_string());
                        }
                    }
                }
                "t" => {
                    if let Some(v) = need(&mut errors) {
                        match v.parse::<f64>() {
                            Ok(x) if x.is_finite() && (0.0..=MAX_LINK_TIME_MS).contains(&x) => p.time_ms = Some(x),
                            _ => {
                                let v = short(v);
                                errors.push(FieldError::new(
                                    key,
                                    msg!(
                                        "must be a time between 0 and {MAX_LINK_TIME_MS} ms, got {v:?}",
                                        "必须是 0 到 {MAX_LINK_TIME_MS} 毫秒之间的时间，实际为 {v:?}"
                                    ),
                                ))
                            }
                        }
                    }
                }
                "lang" => {
                    if let Some(v) = need(&mut errors) {
                        match Lang::from_tag(v) {
                            Some(l) => p.lang = Some(l),
                            None => {
                                let v = short(v);
                                errors.push(FieldError::new(
                                    key,
                                    msg!("must be en or zh, got {v:?}", "必须是 en 或 zh，实际为 {v:?}"),
                                ))
                            }
                        }
                    }
                }
                "theme" => {
                    if let Some(v) = need(&mut errors) {
                        match Theme::ALL.into_iter().find(|t| t.name() == v) {
                            Some(t) => p.theme = Some(t),
                            None => {
                                let v = short(v);
                                errors.push(FieldError::new(
                                    key,
                                    msg!(
                                        "must be light, dark or contrast, got {v:?}",
                                        "必须是 light、dark 或 contrast，实际为 {v:?}"
                                    ),
                                ))
                            }
                        }
                    }
                }
                "view" => {
                    if let Some(v) = need(&mut errors) {
                        match crate::protocols::VIEWS.iter().find(|(id, _)| *id == v) {
                            Some((id, _)) => p.view = Some(id),
                            None => {
                                let v = short(v);
                                let all: Vec<&str> =
                                    crate::protocols::VIEWS.iter().map(|(id, _)| *id).collect();
                                let all = all.join(", ");
                                errors.push(FieldError::new(
                                    key,
                                    msg!("must be one of {all}, got {v:?}", "必须是 {all} 之一，实际为 {v:?}"),
                                ))
                            }
                        }
                    }
                }
                "speed" => {
                    if let Some(v) = need(&mut errors) {
                        match v.parse::<f64>() {
                            Ok(x) if x.is_finite() && (MIN_SPEED..=MAX_SPEED).contains(&x) => p.speed = Some(x),
                            _ => {
                                let v = short(v);
                                errors.push(FieldError::new(
                                    key,
                                    msg!(
                                        "must be between {MIN_SPEED} and {MAX_SPEED} (fraction of real time), got {v:?}",
                                        "必须在 {MIN_SPEED} 到 {MAX_SPEED} 之间（实时速度的倍数），实际为 {v:?}"
                                    ),
                                ))
                            }
                        }
                    }
                }
                "nodes" => {
                    if let Some(v) = need(&mut errors) {
                        // Checked against the view's limit once the view is known.
                        match v.parse::<usize>() {
                            Ok(n) if n >= 1 => nodes = Some(n),
                            _ => {
                                let v = short(v);
                                errors.push(FieldError::new(
                                    key,
                                    msg!("must be a number of servers from 1, got {v:?}", "必须是从 1 起的服务器数量，实际为 {v:?}"),
                                ))
                            }
                        }
                    }
                }
                "seed" => {
                    if let Some(v) = need(&mut errors) {
                        match v.parse::<u64>() {
                            Ok(n) => p.seed = Some(n),
                            Err(_) => {
                                let (v, max) = (short(v), u64::MAX);
                                errors.push(FieldError::new(
                                    key,
                                    msg!(
                                        "must be a whole number between 0 and {max}, got {v:?}",
                                        "必须是 0 到 {max} 之间的整数，实际为 {v:?}"
                                    ),
                                ))
                            }
                        }
                    }
                }
                "s" => {
                    if let Some(v) = need(&mut errors) {
                        p.scenario = Some(v.to_string());
                    }
                }
                "lesson-url" => {
                    if let Some(v) = need(&mut errors) {
                        if same_site_path(v) {
                            p.lesson_url = Some(v.to_string());
                        } else {
                            let v = short(v);
                            errors.push(FieldError::new(
                                key,
                                msg!(
                                    "must be the address of a .json lesson file on this site, relative to the page (e.g. lessons/mine.json), got {v:?}",
                                    "必须是本站上 .json 课程文件相对于本页的地址（例如 lessons/mine.json），实际为 {v:?}"
                                ),
                            ));
                        }
                    }
                }
                "perf" => p.perf = flag(value, key, &mut errors).unwrap_or(false),
                "bench" => {
                    if let Some(v) = need(&mut errors) {
                        match v {
                            "engine" => p.bench = Some(Bench::Engine),
                            "soak" => p.bench = Some(Bench::Soak),
                            _ => {
                                let v = short(v);
                                errors.push(FieldError::new(
                                    key,
                                    msg!("must be engine or soak, got {v:?}", "必须是 engine 或 soak，实际为 {v:?}"),
                                ))
                            }
                        }
                    }
                }
                other => errors.push(FieldError::new(
                    short(other),
                    Text::new(
                        "is not a parameter RaftLab knows (embed, present, lesson, variant, lesson-url, lang, theme, view, speed, autoplay, nodes, seed, s, t, perf, bench)",
                        "不是 RaftLab 认识的参数（embed、present、lesson、variant、lesson-url、lang、theme、view、speed、autoplay、nodes、seed、s、t、perf、bench）",
                    ),
                )),
            }
        }
        if let Some(n) = nodes {
            let view = p.view.unwrap_or("raft");
            let max = crate::protocols::VIEWS
                .iter()
                .find(|(id, _)| *id == view)
                .map_or(1, |(_, max)| *max);
            if n <= max {
                p.nodes = Some(n);
            } else {
                errors.push(FieldError::new(
                    "nodes",
                    msg!(
                        "must be between 1 and {max} in the {view} view, got {n}",
                        "在 {view} 视图中必须在 1 到 {max} 之间，实际为 {n}"
                    ),
                ));
            }
        }
        (p, errors)
    }

    /// Writes the parameters back as a fragment (without `#`), in a fixed order.
    pub fn to_fragment(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if self.embed {
            parts.push("embed".into());
        }
        if self.present {
            parts.push("present".into());
        }
        if let Some(v) = self.view {
            parts.push(format!("view={v}"));
        }
        if let Some(l) = &self.lesson {
            parts.push(format!("lesson={l}"));
        }
        if let Some(u) = &self.lesson_url {
            parts.push(format!("lesson-url={u}"));
        }
        if let Some(v) = &self.variant {
            parts.push(format!("variant={v}"));
        }
        if let Some(l) = self.lang {
            parts.push(format!("lang={}", l.code()));
        }
        if let Some(t) = self.theme {
            parts.push(format!("theme={}", t.name()));
        }
        if let Some(s) = self.speed {
            parts.push(format!("speed={s}"));
        }
        if let Some(a) = self.autoplay {
            parts.push(format!("autoplay={}", u8::from(a)));
        }
        if let Some(n) = self.nodes {
            parts.push(format!("nodes={n}"));
        }
        if let Some(s) = self.seed {
            parts.push(format!("seed={s}"));
        }
        if let Some(s) = &self.scenario {
            parts.push(format!("s={s}"));
        }
        if let Some(t) = self.time_ms {
            parts.push(format!("t={t}"));
        }
        if self.perf {
            parts.push("perf".into());
        }
        match self.bench {
            Some(Bench::Engine) => parts.push("bench=engine".into()),
            Some(Bench::Soak) => parts.push("bench=soak".into()),
            None => {}
        }
        parts.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_embed_link() {
        let (p, errors) = LinkParams::parse(
            "#embed&lesson=figure8&variant=unsafe-commit&lang=zh&theme=dark&speed=0.01&autoplay=1&nodes=5&t=1234.5",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert!(p.embed);
        assert_eq!(p.lesson.as_deref(), Some("figure8"));
        assert_eq!(p.lang, Some(Lang::Zh));
        assert_eq!(p.theme, Some(Theme::Dark));
        assert_eq!(p.speed, Some(0.01));
        assert_eq!(p.autoplay, Some(true));
        assert_eq!(p.nodes, Some(5));
        assert_eq!(p.variant.as_deref(), Some("unsafe-commit"));
        assert_eq!(p.time_ms, Some(1234.5));
        let again = LinkParams::parse(&p.to_fragment()).0;
        assert_eq!(again, p);
    }

    #[test]
    fn bad_parameters_are_named_and_ignored() {
        let (p, errors) = LinkParams::parse(
            "lang=fr&speed=9&nodes=0&theme=neon&lesson=<img>&bogus=1&present=maybe&seed=-1&t=-5&variant=a b",
        );
        assert_eq!(p, LinkParams::default());
        let keys: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            keys,
            [
                "lang", "speed", "nodes", "theme", "lesson", "bogus", "present", "seed", "t",
                "variant"
            ]
        );
        assert!(errors[1].message.en.contains("between 0.001 and 1"));
        assert!(errors[1].message.zh.contains("0.001"));
    }

    #[test]
    fn gossip_links_may_ask_for_larger_clusters() {
        let (p, errors) = LinkParams::parse("nodes=2000&view=gossip");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(p.nodes, Some(2000));
        let (p, errors) = LinkParams::parse("nodes=50");
        assert_eq!(p.nodes, None);
        assert!(
            errors[0]
                .message
                .en
                .contains("between 1 and 9 in the raft view")
        );
        let (_, errors) = LinkParams::parse("view=gossip&nodes=2001");
        assert_eq!(errors[0].path, "nodes");
    }

    #[test]
    fn lesson_files_must_be_on_the_same_site() {
        let (p, errors) = LinkParams::parse("lesson-url=lessons/my-course/leader.json");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            p.lesson_url.as_deref(),
            Some("lessons/my-course/leader.json")
        );
        assert_eq!(LinkParams::parse(&p.to_fragment()).0, p);
        for bad in [
            "https://evil.example/x.json",
            "//evil.example/x.json",
            "/abs/x.json",
            "x.js",
            "a b.json",
            "javascript:x.json",
        ] {
            let (p, errors) = LinkParams::parse(&format!("lesson-url={bad}"));
            assert_eq!(p.lesson_url, None, "{bad}");
            assert_eq!(errors[0].path, "lesson-url");
        }
    }

    #[test]
    fn empty_and_huge_fragments() {
        assert_eq!(LinkParams::parse(""), (LinkParams::default(), vec![]));
        assert_eq!(LinkParams::parse("#"), (LinkParams::default(), vec![]));
        let (_, errors) = LinkParams::parse(&"x".repeat(MAX_FRAGMENT_LEN + 1));
        assert_eq!(errors.len(), 1);
    }
}
