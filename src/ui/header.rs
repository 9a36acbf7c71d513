//! The page header: product name, language, theme and presenter switches.

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
    #[prop_or_default]
    pub children: Html,
}

#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let p = props.prefs;
    let set = |f: fn(Prefs) -> Prefs| {
        let (cb, p) = (props.set_prefs.clone(), p);
        Callback::from(move |_: MouseEvent| cb.emit(f(p)))
    };
    let lang_label = match p.lang {
        Lang::En => "中文",
        Lang::Zh => "English",
    };
    let theme_label = match p.theme {
        Theme::Light => p.t("Dark", "深色"),
        Theme::Dark => p.t("High contrast", "高对比度"),
        Theme::Contrast => p.t("Light", "浅色"),
    };
    html! {
        <header class="topbar">
            <h1 class="brand">{ PRODUCT_NAME }</h1>
            <p class="tagline">{ props.tagline.get(p.lang) }</p>
            <super::switch::ViewSwitch lang={p.lang} />
            <div class="slot">{ props.children.clone() }</div>
            <div class="prefs">
                <button type="button" onclick={set(|p| Prefs { lang: if p.lang == Lang::En { Lang::Zh } else { Lang::En }, ..p })}
                    lang={if p.lang == Lang::En { "zh" } else { "en" }} title={p.t("Language", "语言").to_string()}>{ lang_label }</button>
                <button type="button" onclick={set(|p| Prefs { theme: match p.theme { Theme::Light => Theme::Dark, Theme::Dark => Theme::Contrast, Theme::Contrast => Theme::Light }, ..p })}
                    title={p.t("Colour theme", "配色").to_string()}>{ theme_label }</button>
                <button type="button" aria-pressed={p.present.to_string()} onclick={set(|p| Prefs { present: !p.present, ..p })}
                    title={p.t("Presenter mode: large type for projectors", "演示模式：为投影放大字体").to_string()}>{ p.t("Present", "演示") }</button>
            </div>
        </header>
    }
}
