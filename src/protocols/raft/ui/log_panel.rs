//! The log panel: one row per server, entries by index coloured by term,
//! committed entries solid and uncommitted ones hollow, commit and applied
//! indices and the snapshot boundary marked, and the leader's nextIndex and
//! matchIndex for each follower. It follows the tail and scrolls back.

use yew::prelude::*;

use super::popover::role_name;
use crate::protocols::raft::Raft;
use crate::protocols::raft::log_rows::{Cell, LogRow, log_window, max_index};
use crate::ui::shared::{Cx, Prefs};

/// Indices shown at once.
const WIDTH: u64 = 32;

fn term_class(term: u64) -> String {
    if term == 0 {
        "tc0".into()
    } else {
        format!("tc{}", (term - 1) % 8 + 1)
    }
}

fn cell(row: &LogRow, index: u64, c: &Cell, p: Prefs) -> Html {
    let mut classes = classes!("cell");
    let mut title = format!("{} {index}", p.t("index", "索引"));
    let mut text = String::new();
    match c {
        Cell::Empty => classes.push("empty"),
        Cell::Compacted => {
            classes.push("compacted");
            title.push_str(p.t(
                " · in the snapshot, entry discarded",
                " · 已在快照中，条目已丢弃",
            ));
        }
        Cell::Entry {
            term,
            command,
            committed,
            applied,
            in_snapshot,
            ..
        } => {
            classes.push(term_class(*term));
            classes.push(if *committed {
                "committed"
            } else {
                "uncommitted"
            });
            if *in_snapshot {
                classes.push("in-snapshot");
            }
            text = term.to_string();
            title = format!(
                "{} {index} · {} {term} · {command}{}{}",
                p.t("index", "索引"),
                p.t("term", "任期"),
                if *committed {
                    p.t(" · committed", " · 已提交")
                } else {
                    p.t(" · not committed", " · 未提交")
                },
                if *applied {
                    p.t(" · applied", " · 已应用")
                } else {
                    ""
                },
            );
        }
    }
    if index == row.commit && row.commit > 0 {
        classes.push("commit-mark");
    }
    if index == row.applied && row.applied > 0 {
        classes.push("applied-mark");
    }
    if index == row.snapshot && row.snapshot > 0 {
        classes.push("snapshot-mark");
    }
    if row.next == Some(index) {
        classes.push("next-mark");
    }
    if row.matched == Some(index) {
        classes.push("match-mark");
    }
    let term = match c {
        Cell::Entry { term, .. } => term.to_string(),
        _ => String::new(),
    };
    html! { <span class={classes} title={title} data-index={index.to_string()} data-term={term}>{ text }</span> }
}

#[function_component(LogPanel)]
pub fn log_panel(props: &Cx<Raft>) -> Html {
    // None follows the tail; Some(i) shows the window ending at index i.
    let anchor = use_state(|| None::<u64>);
    let c = props.lab.get();
    let p = props.prefs;
    let top = max_index(c.world());
    let window = log_window(c.world(), *anchor, WIDTH);
    let shift = |delta: i64| {
        let anchor = anchor.clone();
        let end = window.last;
        Callback::from(move |_: MouseEvent| {
            let next = (end as i64 + delta).max(WIDTH as i64) as u64;
            anchor.set(if next >= top { None } else { Some(next) });
        })
    };
    let follow = {
        let anchor = anchor.clone();
        Callback::from(move |_: MouseEvent| anchor.set(None))
    };
    // Where the cells are too narrow for every number, only these stay.
    let tick = |i: u64| i == window.first || i.is_multiple_of(5);
    let header = (window.first..=window.last).map(|i| {
        html! { <span class={classes!("idx", tick(i).then_some("tick"))}>{ i.to_string() }</span> }
    });
    let rows = window.rows.iter().map(|row| {
        let label = format!("{} · {} · T{}", row.node, role_name(row.role, p.lang), row.term);
        let marks = match (row.next, row.matched) {
            (Some(n), Some(m)) => format!("n{n} m{m}"),
            _ => String::new(),
        };
        html! {
            <div class={classes!("log-row", (!row.up).then_some("down"))} role="row" data-node={row.node.0.to_string()}>
                <span class="who" role="rowheader">{ label }</span>
                <span class="cells">
                    { for row.cells.iter().enumerate().map(|(i, c)| cell(row, window.first + i as u64, c, p)) }
                </span>
                <span class="marks">{ format!("c{} a{}{}{}", row.commit, row.applied, if row.snapshot > 0 { format!(" s{}", row.snapshot) } else { String::new() }, if marks.is_empty() { String::new() } else { format!(" · {marks}") }) }</span>
            </div>
        }
    });
    html! {
        <section class="panel log" aria-labelledby="log-h">
            <header>
                <h2 id="log-h">{ p.t("Logs", "日志") }</h2>
                <span class="legend">
                    <span class="cell committed tc1">{"1"}</span>{ p.t(" committed", " 已提交") }
                    <span class="cell uncommitted tc1">{"1"}</span>{ p.t(" not yet", " 未提交") }
                    <span class="cell compacted"></span>{ p.t(" snapshot", " 快照") }
                    <span class="hint">{ p.t("c commit · a applied · s snapshot · n next, m match: the leader's view", "c 提交索引 · a 已应用 · s 快照 · n 为 nextIndex、m 为 matchIndex：领导者的视角") }</span>
                </span>
                <span class="nav">
                    <button type="button" onclick={shift(-(WIDTH as i64 / 2))} disabled={window.first <= 1} aria-label={p.t("Older entries", "更早的条目")}>{ "◀" }</button>
                    <button type="button" onclick={shift(WIDTH as i64 / 2)} disabled={anchor.is_none()} aria-label={p.t("Newer entries", "更新的条目")}>{ "▶" }</button>
                    <button type="button" onclick={follow} disabled={anchor.is_none()}>{ p.t("follow", "跟随最新") }</button>
                </span>
            </header>
            <div class="log-grid" role="table" aria-label={p.t("Log of every server", "每台服务器的日志").to_string()}>
                <div class={classes!("log-row", "head", (window.last >= 100).then_some("wide"))} role="row"><span class="who"></span><span class="cells">{ for header }</span><span class="marks"></span></div>
                { for rows }
            </div>
        </section>
    }
}
