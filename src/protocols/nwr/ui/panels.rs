//! The Quorum NWR view's panes: every server's stored versions of the keys
//! (the key on show's replicas marked), what the settings guarantee, and
//! the client history with the freshness monitor's verdict on each
//! operation.

use yew::prelude::*;

use super::draw::version_text;
use crate::app::{Command, Controller};
use crate::lang::Lang;
use crate::protocols::nwr::app::NwrCommand;
use crate::protocols::nwr::history::{Outcome, Row, rows};
use crate::protocols::nwr::{Health, Nwr, NwrConfig, ReadRepair};
use crate::sim::NodeId;
use crate::ui::shared::Cx;
use std::sync::Arc;

/// Operations listed in the history at most.
const HISTORY_ROWS: usize = 40;
/// Keys given a column in the stores table at most (the key on show first).
const KEY_COLUMNS: usize = 5;

fn health_name(h: Health, lang: Lang) -> &'static str {
    match h {
        Health::Up => lang.pick("up", "运行中"),
        Health::Down => lang.pick("down", "已宕机"),
        Health::Paused => lang.pick("paused", "已暂停"),
        Health::Left | Health::Vacant => lang.pick("gone", "已离开"),
    }
}

/// One line about server `id`: health, its copy of the key on show, its
/// place in the key's preference list, hints and requests.
pub fn server_summary(c: &Controller<Nwr>, id: NodeId, lang: Lang) -> String {
    let w = c.world();
    if id.index() >= w.setup().nodes {
        return String::new();
    }
    let mut parts = vec![format!("{id}: {}", health_name(w.health(id), lang))];
    if let Some(key) = c.shown_key() {
        match w.node(id).stored(&key) {
            Some(s) => parts.push(format!("{key} = {} {}", s.value, version_text(s.version))),
            None => parts.push(match lang {
                Lang::En => format!("no copy of {key}"),
                Lang::Zh => format!("没有 {key} 的副本"),
            }),
        }
        if let Some(rank) = w.replicas(&key).iter().position(|&r| r == id) {
            parts.push(match lang {
                Lang::En => format!("replica #{} of {key}", rank + 1),
                Lang::Zh => format!("{key} 的第 {} 个副本", rank + 1),
            });
        }
    }
    let hints = w.node(id).hints().count();
    if hints > 0 {
        parts.push(match lang {
            Lang::En => format!("{hints} hint(s) kept for others"),
            Lang::Zh => format!("替其他服务器保管 {hints} 个提示"),
        });
    }
    let requests = w.node(id).requests().count();
    if requests > 0 {
        parts.push(match lang {
            Lang::En => format!("coordinating {requests}"),
            Lang::Zh => format!("正在协调 {requests} 个请求"),
        });
    }
    parts.join(" · ")
}

/// What the settings promise, in a sentence.
pub fn guarantee(cfg: &NwrConfig, lang: Lang) -> String {
    let (n, w, r) = (cfg.n, cfg.w, cfg.r);
    let quorums = if cfg.fresh_reads() {
        match lang {
            Lang::En => format!(
                "W + R = {} > N = {n}: every read quorum meets every write quorum, so a read sees every write that completed before it began.",
                w + r
            ),
            Lang::Zh => format!(
                "W + R = {} > N = {n}：每个读法定人数都与每个写法定人数相交，所以读能看到它开始前已完成的每个写。",
                w + r
            ),
        }
    } else if cfg.sloppy_quorum {
        lang.pick(
            "Sloppy quorum: stand-ins may make up a quorum, so a read can miss a completed write.",
            "宽松法定人数：替身服务器也可以凑成法定人数，所以读可能错过已完成的写。",
        )
        .to_string()
    } else {
        match lang {
            Lang::En => format!(
                "W + R = {} ≤ N = {n}: a read quorum can miss a write quorum, so stale reads can happen.",
                w + r
            ),
            Lang::Zh => format!(
                "W + R = {} ≤ N = {n}：读法定人数可能与写法定人数不相交，所以可能读到过期的值。",
                w + r
            ),
        }
    };
    let atomic = if cfg.atomic() {
        lang.pick(
            " With two-phase writes and blocking read repair, reads and writes are atomic (linearizable).",
            " 再加上两阶段写和阻塞式读修复，读写是原子的（可线性化）。",
        )
    } else if cfg.fresh_reads() {
        lang.pick(
            " New–old inversions and lost writes are still possible (see the settings).",
            " 但仍可能出现新旧倒置和写入丢失（见设置）。",
        )
    } else {
        ""
    };
    format!("{quorums}{atomic}")
}

/// The keys some server stores, the key on show first, at most `most`.
fn keys(c: &Controller<Nwr>, most: usize) -> Vec<Arc<str>> {
    let mut all: Vec<Arc<str>> = c
        .world()
        .nodes()
        .iter()
        .flat_map(|n| n.store().map(|(k, _)| k.clone()))
        .collect();
    all.sort();
    all.dedup();
    let shown = c.shown_key();
    if let Some(k) = &shown {
        all.retain(|x| x != k);
        all.insert(0, k.clone());
    }
    all.truncate(most);
    all
}

/// Every server's stored versions of the keys.
#[function_component(StoresPanel)]
pub fn stores_panel(props: &Cx<Nwr>) -> Html {
    let c = props.lab.get();
    let l = props.prefs.lang;
    let w = c.world();
    let cfg = &w.setup().nwr;
    let keys = keys(&c, KEY_COLUMNS);
    let shown = c.shown_key();
    let replicas = shown.as_deref().map(|k| w.replicas(k)).unwrap_or_default();
    let repair = match cfg.read_repair {
        ReadRepair::Off => l.pick("off", "关闭"),
        ReadRepair::Async => l.pick("background", "后台"),
        ReadRepair::Blocking => l.pick("blocking", "阻塞"),
    };
    let on_off = |b: bool| {
        if b {
            l.pick("on", "开")
        } else {
            l.pick("off", "关")
        }
    };
    html! {
        <section class="panel nwr-stores" aria-labelledby="nwr-stores-h">
            <h2 id="nwr-stores-h">{ l.pick("Servers and their copies", "服务器及其副本") }</h2>
            <p class="nwr-settings-line" data-n={cfg.n.to_string()} data-w={cfg.w.to_string()} data-r={cfg.r.to_string()}>
                <strong>{ format!("N = {} · W = {} · R = {}", cfg.n, cfg.w, cfg.r) }</strong>
                { format!(" · {} {repair} · {} {} · {} {}",
                    l.pick("read repair", "读修复"),
                    l.pick("two-phase writes", "两阶段写"), on_off(cfg.two_phase_writes),
                    l.pick("sloppy quorum", "宽松法定人数"), on_off(cfg.sloppy_quorum)) }
            </p>
            <p class="muted nwr-guarantee">{ guarantee(cfg, l) }</p>
            if keys.is_empty() {
                <p class="muted">{ l.pick(
                    "No server stores anything yet: type put x 1 in the command box.",
                    "还没有服务器存储任何数据：在命令框中输入 put x 1。") }</p>
            }
            <div class="table-scroll">
                <table class="nwr-table">
                    <thead>
                        <tr>
                            <th scope="col">{ l.pick("server", "服务器") }</th>
                            { for keys.iter().map(|k| {
                                let on = shown.as_ref() == Some(k);
                                let pick = props.send(Command::Protocol(NwrCommand::ShowKey(k.to_string())));
                                html! {
                                    <th scope="col">
                                        <button type="button" class={classes!("nwr-key-pick", on.then_some("on"))} aria-pressed={on.to_string()}
                                            title={match l { Lang::En => format!("Show {k} on the canvas"), Lang::Zh => format!("在画布上显示 {k}") }}
                                            onclick={pick}>{ k.to_string() }</button>
                                    </th>
                                }
                            }) }
                            <th scope="col">{ l.pick("hints", "提示") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for w.nodes().iter().map(|n| {
                            let id = n.id();
                            let rank = replicas.iter().position(|&r| r == id);
                            let down = w.health(id) == Health::Down;
                            html! {
                                <tr data-node={id.0.to_string()} class={classes!(down.then_some("down"), rank.map(|_| "replica"))}>
                                    <th scope="row" title={health_name(w.health(id), l)}>
                                        { id.to_string() }
                                        if let Some(r) = rank { <span class="nwr-rank">{ format!(" #{}", r + 1) }</span> }
                                        if down { <span class="muted">{ format!(" ({})", health_name(w.health(id), l)) }</span> }
                                    </th>
                                    { for keys.iter().map(|k| match n.stored(k) {
                                        Some(s) => html! {
                                            <td data-key={k.to_string()} data-value={s.value.to_string()}>
                                                <span class="nwr-value">{ s.value.to_string() }</span>
                                                <span class="muted">{ format!(" {}", version_text(s.version)) }</span>
                                            </td>
                                        },
                                        None => html! { <td class="muted">{ "–" }</td> },
                                    }) }
                                    <td>{ n.hints().count().to_string() }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn ms(t: crate::sim::SimTime) -> String {
    format!("{:.0}", t.as_millis_f64())
}

/// The verdict cell of a row: its class and words.
fn verdict(o: Outcome, lang: Lang) -> (&'static str, String) {
    match o {
        Outcome::Pending => ("pending", lang.pick("waiting", "等待中").into()),
        Outcome::Fresh => ("fresh", lang.pick("fresh", "新鲜").into()),
        Outcome::Failed => ("failed", lang.pick("failed", "失败").into()),
        Outcome::Stale(v) => (
            "stale",
            match lang {
                Lang::En => format!("stale: {} was written", version_text(v)),
                Lang::Zh => format!("过期读：{} 已写入", version_text(v)),
            },
        ),
        Outcome::Inversion(v) => (
            "inversion",
            match lang {
                Lang::En => format!("new–old inversion: {} was read", version_text(v)),
                Lang::Zh => format!("新旧倒置：已读到 {}", version_text(v)),
            },
        ),
        Outcome::Lost(v) => (
            "lost",
            match lang {
                Lang::En => format!("lost write: below {}", version_text(v)),
                Lang::Zh => format!("写入丢失：低于 {}", version_text(v)),
            },
        ),
    }
}

fn op_text(r: &Row) -> String {
    let op = if r.op == "get" { "get" } else { "put" };
    match &r.value {
        Some(v) => format!("{op} {} {v}", r.key),
        None => format!("{op} {}", r.key),
    }
}

/// The client operations, newest first, with the monitor's verdicts.
#[function_component(HistoryPanel)]
pub fn history_panel(props: &Cx<Nwr>) -> Html {
    let c = props.lab.get();
    let l = props.prefs.lang;
    let w = c.world();
    let f = w.freshness();
    let list = rows(c.lab().notable_events(), HISTORY_ROWS);
    let anomalies = f.stale_reads() + f.inversions() + f.lost_writes();
    let summary = if anomalies == 0 {
        l.pick(
            "No stale read, new–old inversion or lost write so far.",
            "到目前为止没有过期读、新旧倒置或写入丢失。",
        )
        .to_string()
    } else {
        match l {
            Lang::En => format!(
                "Not linearizable: {} stale read(s), {} new–old inversion(s), {} lost write(s).",
                f.stale_reads(),
                f.inversions(),
                f.lost_writes()
            ),
            Lang::Zh => format!(
                "不可线性化：{} 次过期读，{} 次新旧倒置，{} 次写入丢失。",
                f.stale_reads(),
                f.inversions(),
                f.lost_writes()
            ),
        }
    };
    html! {
        <section class="panel nwr-history" aria-labelledby="nwr-history-h">
            <h2 id="nwr-history-h">{ l.pick("Client history", "客户端历史") }</h2>
            <p class={classes!("nwr-verdict", (anomalies > 0).then_some("bad"))} data-anomalies={anomalies.to_string()}>
                { summary }
            </p>
            <p class="muted">{ match l {
                Lang::En => format!("{} answered, {} failed.", w.clients().ok(), w.clients().failed()),
                Lang::Zh => format!("{} 个已回答，{} 个失败。", w.clients().ok(), w.clients().failed()),
            } }</p>
            if list.is_empty() {
                <p class="muted">{ l.pick("No client operation yet.", "还没有客户端操作。") }</p>
            } else {
                <div class="table-scroll">
                    <table class="nwr-table">
                        <thead>
                            <tr>
                                <th scope="col">{ l.pick("sent, ms", "发出（毫秒）") }</th>
                                <th scope="col">{ l.pick("operation", "操作") }</th>
                                <th scope="col">{ l.pick("via", "经由") }</th>
                                <th scope="col">{ l.pick("result", "结果") }</th>
                                <th scope="col">{ l.pick("verdict", "判定") }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for list.iter().map(|r| {
                                let (class, words) = verdict(r.outcome, l);
                                let result = match (r.outcome, &r.result) {
                                    (Outcome::Pending | Outcome::Failed, _) => "–".to_string(),
                                    (_, Some(v)) => v.to_string(),
                                    (_, None) => l.pick("(none)", "（无）").to_string(),
                                };
                                html! {
                                    <tr class={classes!("op", class)} data-op={r.op} data-key={r.key.to_string()} data-outcome={class}>
                                        <td>{ ms(r.sent) }</td>
                                        <td><code>{ op_text(r) }</code></td>
                                        <td>{ r.node.map(|n| n.to_string()).unwrap_or_default() }</td>
                                        <td class="nwr-result">{ result }</td>
                                        <td class={classes!("nwr-outcome", class)}>{ words }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}
