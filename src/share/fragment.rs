//! The URL fragment of a link into the lab, such as
//! `#embed&lesson=figure8&lang=zh` or `#s=1.eJy…&speed=0.01`. Parsing never
//! fails as a whole: each bad parameter becomes a message naming it and its
//! allowed values, and is otherwise ignored.

use crate::lang::Lang;
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

/// Which protocol view is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ViewKind {
    #[default]
    Raft,
    Gossip,
}

impl ViewKind {
    pub fn name(self) -> &'static str {
        match self {
            ViewKind::Raft => "raft",
            ViewKind::Gossip => "gossip",
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
    pub view: Option<ViewKind>,
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

/// Largest `nodes` accepted with `view=gossip` (the live gossip view's limit).
pub const GOSSIP_MAX_NODES: usize = crate::app::gossip_form::MAX_LIVE_NODES;

/// Longest fragment looked at.
pub const MAX_FRAGMENT_LEN: usize = 300 * 1024;

fn flag(v: Option<&str>, key: &str, errors: &mut Vec<FieldError>) -> Option<bool> {
    match v {
        None | Some("1") | Some("true") | Some("on") | Some("yes") => Some(true),
        Some("0") | Some("false") | Some("off") | Some("no") => Some(false),
        Some(other) => {
            errors.push(FieldError::new(
                key,
                format!("must be 1 or 0, got {:?}", short(other)),
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
        let mut gossip_nodes = None;
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        if fragment.len() > MAX_FRAGMENT_LEN {
            errors.push(FieldError::new(
                "",
                format!("the link is longer than {MAX_FRAGMENT_LEN} characters"),
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
                    errors.push(FieldError::new(key, "needs a value, e.g. key=value"));
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
                            errors.push(FieldError::new(key, format!("is not a {key} name: {:?}", short(v))));
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
                            _ => errors.push(FieldError::new(
                                key,
                                format!("must be a time between 0 and {MAX_LINK_TIME_MS} ms, got {:?}", short(v)),
                            )),
                        }
                    }
                }
                "lang" => {
                    if let Some(v) = need(&mut errors) {
                        match Lang::from_tag(v) {
                            Some(l) => p.lang = Some(l),
                            None => errors.push(FieldError::new(key, format!("must be en or zh, got {:?}", short(v)))),
                        }
                    }
                }
                "theme" => {
                    if let Some(v) = need(&mut errors) {
                        match Theme::ALL.into_iter().find(|t| t.name() == v) {
                            Some(t) => p.theme = Some(t),
                            None => errors.push(FieldError::new(
                                key,
                                format!("must be light, dark or contrast, got {:?}", short(v)),
                            )),
                        }
                    }
                }
                "view" => {
                    if let Some(v) = need(&mut errors) {
                        match v {
                            "raft" => p.view = Some(ViewKind::Raft),
                            "gossip" => p.view = Some(ViewKind::Gossip),
                            _ => errors.push(FieldError::new(key, format!("must be raft or gossip, got {:?}", short(v)))),
                        }
                    }
                }
                "speed" => {
                    if let Some(v) = need(&mut errors) {
                        match v.parse::<f64>() {
                            Ok(x) if x.is_finite() && (MIN_SPEED..=MAX_SPEED).contains(&x) => p.speed = Some(x),
                            _ => errors.push(FieldError::new(
                                key,
                                format!("must be between {MIN_SPEED} and {MAX_SPEED} (fraction of real time), got {:?}", short(v)),
                            )),
                        }
                    }
                }
                "nodes" => {
                    if let Some(v) = need(&mut errors) {
                        match v.parse::<usize>() {
                            Ok(n) if (1..=crate::cluster::MAX_NODES).contains(&n) => p.nodes = Some(n),
                            // Larger clusters are for the gossip view: checked once the view is known.
                            Ok(n) if (1..=GOSSIP_MAX_NODES).contains(&n) => gossip_nodes = Some(n),
                            _ => errors.push(FieldError::new(key, format!("must be between 1 and 9, got {:?}", short(v)))),
                        }
                    }
                }
                "seed" => {
                    if let Some(v) = need(&mut errors) {
                        match v.parse::<u64>() {
                            Ok(n) => p.seed = Some(n),
                            Err(_) => errors.push(FieldError::new(
                                key,
                                format!("must be a whole number between 0 and {}, got {:?}", u64::MAX, short(v)),
                            )),
                        }
                    }
                }
                "s" => {
                    if let Some(v) = need(&mut errors) {
                        p.scenario = Some(v.to_string());
                    }
                }
                "perf" => p.perf = flag(value, key, &mut errors).unwrap_or(false),
                "bench" => {
                    if let Some(v) = need(&mut errors) {
                        match v {
                            "engine" => p.bench = Some(Bench::Engine),
                            "soak" => p.bench = Some(Bench::Soak),
                            _ => errors.push(FieldError::new(key, format!("must be engine or soak, got {:?}", short(v)))),
                        }
                    }
                }
                other => errors.push(FieldError::new(
                    short(other),
                    "is not a parameter RaftLab knows (embed, present, lesson, variant, lang, theme, view, speed, autoplay, nodes, seed, s, t, perf, bench)",
                )),
            }
        }
        if let Some(n) = gossip_nodes {
            if p.view == Some(ViewKind::Gossip) {
                p.nodes = Some(n);
            } else {
                errors.push(FieldError::new(
                    "nodes",
                    format!("must be between 1 and 9, got {n} (up to {GOSSIP_MAX_NODES} with view=gossip)"),
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
            parts.push(format!("view={}", v.name()));
        }
        if let Some(l) = &self.lesson {
            parts.push(format!("lesson={l}"));
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
        assert!(errors[1].message.contains("between 0.001 and 1"));
    }

    #[test]
    fn gossip_links_may_ask_for_larger_clusters() {
        let (p, errors) = LinkParams::parse("nodes=2000&view=gossip");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(p.nodes, Some(2000));
        let (p, errors) = LinkParams::parse("nodes=50");
        assert_eq!(p.nodes, None);
        assert!(errors[0].message.contains("up to 2000 with view=gossip"));
        let (_, errors) = LinkParams::parse("view=gossip&nodes=2001");
        assert_eq!(errors[0].path, "nodes");
    }

    #[test]
    fn empty_and_huge_fragments() {
        assert_eq!(LinkParams::parse(""), (LinkParams::default(), vec![]));
        assert_eq!(LinkParams::parse("#"), (LinkParams::default(), vec![]));
        let (_, errors) = LinkParams::parse(&"x".repeat(MAX_FRAGMENT_LEN + 1));
        assert_eq!(errors.len(), 1);
    }
}
