//! The page header: product name, the protocol's tagline, the lesson picker,
//! and a menu with the view switch, sharing, settings, help, language,
//! theme and presenter mode. On a phone the menu folds behind one button.

use yew::prelude::*;

use super::shared::Prefs;
use crate::lang::{Lang, Text};
use crate::share::Theme;

/// Product name shown in the header and the page title.
pub const PRODUCT_NAME: &str = "RaftLab";

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub prefs: Prefs,
    /// One line about the protocol on show.
    pub tagline: Text,
    pub set_prefs: Callback<Prefs>,
    /// The lesson picker (always in sight).
    pub picker: Html,
    /// The share, settings and help buttons (in the menu).
    #[prop_or_default]
    pub children: Html,
}

fn theme_name(t: Theme, p: Prefs) -> &'static str {
    match t {
        Theme::Light => p.t("light", "浅色"),
        Theme::Dark => p.t("dark", "深色"),
        Theme::Contrast => p.t("high contrast", "高对比度"),
    }
}

fn next_theme(t: Theme) -> Theme {
    match t {
        Theme::Light => Theme::Dark,
        Theme::Dark => Theme::Contrast,
        Theme::Contrast => Theme::Light,
    }
}

#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let open = use_state(|| false);
    let p = props.prefs;
    let set = |f: fn(Prefs) -> Prefs| {
        let (cb, p, open) = (props.set_prefs.clone(), p, open.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            cb.emit(f(p))
        })
    };
    let lang_label = match p.lang {
        Lang::En => "中文",
        Lang::Zh => "English",
    };
    let theme_title = match p.lang {
        Lang::En => format!(
            "Colour theme: {} (switch to {})",
            theme_name(p.theme, p),
            theme_name(next_theme(p.theme), p)
        ),
        Lang::Zh => format!(
            "配色：{}（切换为{}）",
            theme_name(p.theme, p),
            theme_name(next_theme(p.theme), p)
        ),
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <header class="topbar">
            <h1 class="brand">{ PRODUCT_NAME }</h1>
            <p class="tagline">{ props.tagline.get(p.lang) }</p>
            <div class="slot">{ props.picker.clone() }</div>
            <button type="button" class="menu-toggle" aria-expanded={open.to_string()} aria-controls="page-menu"
                onclick={toggle} aria-label={p.t("Menu", "菜单").to_string()}>{ "☰" }</button>
            <div id="page-menu" class={classes!("menu", open.then_some("open"))}>
                <super::switch::ViewSwitch lang={p.lang} />
                <div class="items">{ props.children.clone() }</div>
                <div class="prefs">
                    <button type="button" onclick={set(|p| Prefs { lang: if p.lang == Lang::En { Lang::Zh } else { Lang::En }, ..p })}
                        lang={if p.lang == Lang::En { "zh" } else { "en" }} title={p.t("Language", "语言").to_string()}>{ lang_label }</button>
                    <button type="button" class="theme" onclick={set(|p| Prefs { theme: next_theme(p.theme), ..p })}
                        title={theme_title.clone()} aria-label={theme_title}>
                        { "◐" }<span class="label">{ format!(" {}", theme_name(p.theme, p)) }</span>
                    </button>
                    <button type="button" aria-pressed={p.present.to_string()} onclick={set(|p| Prefs { present: !p.present, ..p })}
                        title={p.t("Presenter mode: large type for projectors", "演示模式：为投影放大字体").to_string()}>{ p.t("Present", "演示") }</button>
                </div>
            </div>
        </header>
    }
}
