//! A table of the servers — role, term, vote, log length, commit and applied
//! index, up or down, and the key-value state — mirroring the canvas for
//! screen readers and tests, and showing each state machine.

use yew::prelude::*;

use super::popover::role_name;
use crate::app::{Command, Selection};
use crate::protocols::raft::Raft;
use crate::protocols::raft::cluster::Health;
use crate::ui::shared::Cx;

#[function_component(ServersTable)]
pub fn servers_table(props: &Cx<Raft>) -> Html {
    let c = props.lab.get();
    let p = props.prefs;
    let cluster = c.world();
    let rows = cluster.nodes().iter().map(|n| {
        let id = n.id();
        let health = cluster.health(id);
        let status = match health {
            Health::Up => p.t("up", "运行"),
            Health::Down => p.t("down", "宕机"),
            Health::Paused => p.t("paused", "暂停"),
            Health::Left | Health::Vacant => p.t("gone", "已离开"),
        };
        let kv: Vec<String> = n.state().iter().map(|(k, v)| format!("{k}={v}")).collect();
        let selected = c.selection() == Selection::Node(id);
        let onclick = {
            let dispatch = props.dispatch.clone();
            Callback::from(move |_: MouseEvent| dispatch.emit(Command::Select(Selection::Node(id))))
        };
        html! {
            <tr class={classes!(selected.then_some("selected"), (health == Health::Down).then_some("down"))}
                data-node={id.0.to_string()} data-role={n.role().name()} data-up={(health != Health::Down).to_string()}
                data-term={n.term().0.to_string()} data-len={n.log().last_index().0.to_string()} data-commit={n.commit_index().0.to_string()}>
                <th scope="row"><button type="button" class="link" {onclick}>{ id.to_string() }</button></th>
                <td class="role">{ role_name(n.role(), p.lang) }</td>
                <td class="term">{ n.term().to_string() }</td>
                <td class="vote">{ n.voted_for().map_or("—".into(), |v| v.to_string()) }</td>
                <td class="len">{ n.log().last_index().to_string() }</td>
                <td class="commit">{ n.commit_index().to_string() }</td>
                <td class="applied">{ n.applied_index().to_string() }</td>
                <td class="up">{ status }</td>
                <td class="kv">
                    if kv.is_empty() { { "∅" } }
                    { for kv.iter().map(|e| html! { <span class="kv-item">{ e }</span> }) }
                </td>
            </tr>
        }
    });
    html! {
        <section class="panel servers" aria-labelledby="srv-h">
            <header><h2 id="srv-h">{ p.t("Servers", "服务器") }</h2></header>
            <table class="servers-table">
                <thead><tr>
                    <th scope="col">{ p.t("server", "服务器") }</th>
                    <th scope="col">{ p.t("role", "角色") }</th>
                    <th scope="col">{ p.t("term", "任期") }</th>
                    <th scope="col" title="votedFor">{ p.t("vote", "投票") }</th>
                    <th scope="col">{ p.t("log", "日志") }</th>
                    <th scope="col" title="commitIndex">{ p.t("commit", "提交") }</th>
                    <th scope="col" title="lastApplied">{ p.t("applied", "应用") }</th>
                    <th scope="col">{ p.t("status", "状态") }</th>
                    <th scope="col">{ p.t("key-value state", "键值状态") }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}
