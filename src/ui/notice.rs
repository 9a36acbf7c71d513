//! Messages for the user: problems with the link that opened the page, and
//! the lab's own notices (a command that did not parse, a fork in time, which
//! offers to keep both futures or discard the old one).

use yew::prelude::*;

use super::shared::Prefs;
use crate::app::{Level, Notice};

/// The `dismiss` handler of a [`NoticeBar`]: `Some(i)` drops link notice `i`
/// from `notices`, `None` calls `dismiss_lab` (the view's own command).
pub fn dismiss_handler(
    notices: UseStateHandle<Vec<Notice>>,
    dismiss_lab: impl Fn() + 'static,
) -> Callback<Option<usize>> {
    Callback::from(move |i: Option<usize>| match i {
        Some(i) => {
            let mut n = (*notices).clone();
            if i < n.len() {
                n.remove(i);
            }
            notices.set(n);
        }
        None => dismiss_lab(),
    })
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub prefs: Prefs,
    pub link_notices: Vec<Notice>,
    pub lab_notice: Option<Notice>,
    /// `Some(i)` dismisses link notice `i`; `None` the lab's notice.
    pub dismiss: Callback<Option<usize>>,
    /// Discards the saved branch a fork notice is about (views without
    /// branches leave it out).
    #[prop_or_default]
    pub discard_branch: Callback<usize>,
}

fn level_class(l: Level) -> &'static str {
    match l {
        Level::Info => "info",
        Level::Warning => "warning",
        Level::Error => "error",
    }
}

#[function_component(NoticeBar)]
pub fn notice_bar(props: &NoticeProps) -> Html {
    let p = props.prefs;
    let item = |n: &Notice, key: Option<usize>| {
        let dismiss = props.dismiss.clone();
        let onclick = Callback::from(move |_: MouseEvent| dismiss.emit(key));
        let choice = n.branch.map(|b| {
            let discard = props.discard_branch.clone();
            let discard = Callback::from(move |_: MouseEvent| discard.emit(b));
            html! {
                <>
                    <button type="button" class="keep" onclick={onclick.clone()}>{ p.t("Keep both", "两个都保留") }</button>
                    <button type="button" class="discard" onclick={discard}>{ p.t("Discard the old future", "丢弃原来的未来") }</button>
                </>
            }
        });
        html! {
            <li class={classes!("notice", level_class(n.level))} role={if n.level == Level::Error { "alert" } else { "status" }}>
                <span>{ n.text(p.lang).to_string() }</span>
                if let Some(choice) = choice {
                    { choice }
                } else {
                    <button type="button" {onclick} aria-label={p.t("Dismiss", "关闭").to_string()}>{ "×" }</button>
                }
            </li>
        }
    };
    if props.link_notices.is_empty() && props.lab_notice.is_none() {
        return html! {};
    }
    html! {
        <ul class="notices">
            { for props.link_notices.iter().enumerate().map(|(i, n)| item(n, Some(i))) }
            { for props.lab_notice.iter().map(|n| item(n, None)) }
        </ul>
    }
}
