//! What the page starts with: the URL fragment's parameters (language, theme,
//! embed and presenter modes, speed, cluster size, seed, a shared scenario),
//! the browser's language and colour preferences, and the default lab.
//! Problems with the link become notices; the default lab loads instead.

use crate::app::scenario_io::{default_scenario, import_link};
use crate::app::{Level, Notice};
use crate::lang::Lang;
use crate::scenario::Scenario;
use crate::share::{LinkParams, Theme};

/// A warning for each link parameter that was ignored.
pub fn link_notices(errors: &[crate::scenario::FieldError]) -> Vec<Notice> {
    errors
        .iter()
        .map(|e| {
            Notice::new(
                Level::Warning,
                format!("Link parameter ignored: {e}"),
                format!("已忽略链接参数：{e}"),
            )
        })
        .collect()
}

/// Everything decided at start-up.
pub struct Startup {
    pub params: LinkParams,
    pub scenario: Scenario,
    pub lang: Lang,
    pub theme: Theme,
    pub notices: Vec<Notice>,
}

fn media(query: &str) -> bool {
    gloo::utils::window()
        .match_media(query)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

pub fn reduced_motion() -> bool {
    media("(prefers-reduced-motion: reduce)")
}

impl Startup {
    pub fn from_location() -> Startup {
        let window = gloo::utils::window();
        let hash = window.location().hash().unwrap_or_default();
        let (params, errors) = LinkParams::parse(&hash);
        let browser = window
            .navigator()
            .language()
            .and_then(|l| Lang::from_tag(&l))
            .unwrap_or(Lang::En);
        let lang = params.lang.unwrap_or(browser);
        let theme = params
            .theme
            .unwrap_or(if media("(prefers-color-scheme: light)") {
                Theme::Light
            } else {
                Theme::Dark
            });
        let mut notices = link_notices(&errors);
        let mut scenario = default_scenario();
        if let Some(encoded) = &params.scenario {
            match import_link(encoded) {
                Ok(s) => scenario = s,
                Err(n) => notices.push(n),
            }
        }
        if let Some(n) = params.nodes {
            scenario.cluster.nodes = n;
            scenario
                .script
                .retain(|(_, a)| a.named_nodes().iter().all(|id| id.index() < n));
        }
        if let Some(seed) = params.seed {
            scenario.cluster.seed = seed;
        }
        Startup {
            params,
            scenario,
            lang,
            theme,
            notices,
        }
    }
}
