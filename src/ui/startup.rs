//! What a page starts with: the URL fragment's parameters (language, theme,
//! embed and presenter modes, speed, cluster size, seed, a shared scenario,
//! a lesson), the browser's language, colour and pointer preferences, and
//! the default lab. Problems with the link become notices; the default lab
//! loads instead.

use super::page::Page;
use crate::app::Notice;
use crate::app::scenario_io::{link_notices, link_scenario};
use crate::lang::Lang;
use crate::protocol::Scenario;
use crate::share::{LinkParams, Theme};

/// Everything decided at start-up.
pub struct Startup<P: Page> {
    pub params: LinkParams,
    pub scenario: Scenario<P>,
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

/// A screen whose main pointer is coarse (a finger), without hover.
pub fn touch() -> bool {
    media("(hover: none) and (pointer: coarse)")
}

impl<P: Page> Startup<P> {
    pub fn from_location() -> Self {
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
        let (scenario, more) = link_scenario::<P>(&params, P::default_scenario());
        notices.extend(more);
        Startup {
            params,
            scenario,
            lang,
            theme,
            notices,
        }
    }
}
