//! The branches menu beside the timeline: every saved future (kept when the
//! past was changed), where it forked and how far it runs, with buttons to
//! switch to it or discard it. Hidden while there is none.

use yew::prelude::*;

use super::page::Page;
use super::shared::Cx;
use crate::app::Command;
use crate::sim::SimTime;

fn secs(t: SimTime) -> String {
    format!("{:.3}", t.as_millis_f64() / 1000.0)
}

#[function_component]
pub fn BranchesMenu<P: Page>(props: &Cx<P>) -> Html {
    let c = props.lab.get();
    let p = props.prefs;
    let branches = c.lab().branches();
    if branches.is_empty() {
        return html! {};
    }
    let send = |cmd| props.send(cmd);
    html! {
        <details class="branches">
            <summary>{ format!("{} ({})", p.t("Branches", "分支"), branches.len()) }</summary>
            <ul>
                { for branches.iter().enumerate().map(|(i, b)| html! {
                    <li data-branch={i.to_string()}>
                        <span>{ match p.lang {
                            crate::lang::Lang::En => format!("Branch {}: forked at {} s, runs to {} s", i + 1, secs(b.fork_at), secs(b.horizon)),
                            crate::lang::Lang::Zh => format!("分支 {}：在 {} 秒分叉，运行到 {} 秒", i + 1, secs(b.fork_at), secs(b.horizon)),
                        } }</span>
                        <button type="button" onclick={send(Command::SwitchBranch(i))}
                            title={p.t("Go to this future; the current one becomes a branch", "切换到这个未来；当前的未来成为一个分支").to_string()}>
                            { p.t("Switch to it", "切换") }
                        </button>
                        <button type="button" onclick={send(Command::DiscardBranch(i))}>{ p.t("Discard", "丢弃") }</button>
                    </li>
                }) }
            </ul>
        </details>
    }
}
