//! Overlays on the canvas: the action popover of the selected server, message
//! or link (every canvas action is a button here, so touch screens, clickers
//! and keyboards reach them), and the hover tooltip with a message's fields.
//! Both are positioned by the frame loop; all text goes in as text nodes.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::{Command, Controller, Selection};
use crate::lang::Lang;
use crate::protocols::raft::Raft;
use crate::protocols::raft::Role;
use crate::protocols::raft::app::RaftCommand;
use crate::protocols::raft::cluster::{Cluster, Health};
use crate::protocols::raft::scene::message_fields;
use crate::sim::{LinkState, NodeId};
use crate::ui::shared::{Cmd, Dispatch, LabRef, Prefs};

pub fn role_name(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::Follower => lang.pick("follower", "跟随者"),
        Role::PreCandidate => lang.pick("pre-candidate", "预候选者"),
        Role::Candidate => lang.pick("candidate", "候选者"),
        Role::Leader => lang.pick("leader", "领导者"),
    }
}

#[derive(Properties, PartialEq)]
pub struct PopoverProps {
    pub node_ref: NodeRef,
    pub lab: LabRef<Controller<Raft>>,
    pub prefs: Prefs,
    pub dispatch: Dispatch<Raft>,
}

/// An action of the menu; the menu closes once it is done.
fn button(label: &str, title: &str, key: &str, cmd: Cmd<Raft>, dispatch: &Dispatch<Raft>) -> Html {
    let dispatch = dispatch.clone();
    let onclick = Callback::from(move |_: MouseEvent| {
        dispatch.emit(cmd.clone());
        dispatch.emit(Command::Select(Selection::None));
    });
    html! {
        <button type="button" class="act" {onclick} title={title.to_string()}>
            { label.to_string() }<kbd>{ key.to_string() }</kbd>
        </button>
    }
}

/// Actions on the selected thing.
#[function_component(Popover)]
pub fn popover(props: &PopoverProps) -> Html {
    let c = props.lab.get();
    let p = props.prefs;
    let sel = c.selection();
    let body = match sel {
        Selection::Node(id) if id.index() < c.world().config().nodes => {
            node_actions(c.world(), id, p, &props.dispatch)
        }
        Selection::Message(id) => match c.world().network().get(id) {
            Some(e) => {
                let fields = message_fields(&e.msg);
                html! {
                    <>
                        <h3>{ format!("{} {} → {}", e.msg.kind().name(), e.from, e.to) }</h3>
                        <dl class="fields">
                            { for fields.into_iter().map(|(k, v)| html! { <><dt>{ k }</dt><dd>{ v }</dd></> }) }
                        </dl>
                        <div class="acts">
                            { button(p.t("Drop", "丢弃"), p.t("Lose this message", "丢掉这条消息"), "d", Command::DropMessage(id), &props.dispatch) }
                            { button(p.t("Duplicate", "复制"), p.t("Send a second copy", "再发一份"), "u", Command::DuplicateMessage(id), &props.dispatch) }
                            { button(p.t("Deliver now", "立即送达"), p.t("Deliver it at once", "马上送达"), "↵", Command::DeliverMessage(id), &props.dispatch) }
                        </div>
                    </>
                }
            }
            None => html! {},
        },
        Selection::Link(a, b) => {
            let net = c.world().network();
            let (ab, ba) = (net.link_state(a, b), net.link_state(b, a));
            let state = |s: LinkState| match s {
                LinkState::Open => p.t("open", "通"),
                LinkState::Cut => p.t("cut", "已切断"),
                LinkState::Partitioned => p.t("partitioned", "已分区"),
            };
            html! {
                <>
                    <h3>{ format!("{a} ↔ {b}") }</h3>
                    <p class="muted">{ format!("{a}→{b}: {} · {b}→{a}: {}", state(ab), state(ba)) }</p>
                    <div class="acts">
                        { button(&format!("{} {a}→{b}", p.t("Cut", "切断")), p.t("Cut one direction", "切断一个方向"), "a", Command::Cut { from: a, to: b, both: false }, &props.dispatch) }
                        { button(&format!("{} {b}→{a}", p.t("Cut", "切断")), p.t("Cut the other direction", "切断另一个方向"), "b", Command::Cut { from: b, to: a, both: false }, &props.dispatch) }
                        { button(p.t("Cut both ways", "双向切断"), p.t("Cut the link", "切断链路"), "k", Command::Cut { from: a, to: b, both: true }, &props.dispatch) }
                        { button(p.t("Reconnect", "恢复"), p.t("Restore both directions", "恢复两个方向"), "o", Command::Uncut { from: a, to: b, both: true }, &props.dispatch) }
                    </div>
                </>
            }
        }
        _ => html! {},
    };
    let hidden = matches!(sel, Selection::None) || body == html! {};
    html! {
        <div ref={props.node_ref.clone()} class={classes!("popover", hidden.then_some("hidden"))}
            role="dialog" aria-label={p.t("Actions", "操作").to_string()}>
            { body }
        </div>
    }
}

fn node_actions(cluster: &Cluster, id: NodeId, p: Prefs, dispatch: &Dispatch<Raft>) -> Html {
    let node = cluster.node(id);
    let health = cluster.health(id);
    let leader = cluster.leader();
    let (crash_label, crash_title) = if health == Health::Down {
        (
            p.t("Restart", "重启"),
            p.t("Start again from persistent state", "从持久状态重新启动"),
        )
    } else {
        (
            p.t("Crash", "崩溃"),
            p.t(
                "Stop the process; term, vote and log survive",
                "停止进程；任期、投票和日志会保留",
            ),
        )
    };
    let pause_label = if health == Health::Paused {
        p.t("Resume", "恢复")
    } else {
        p.t("Pause", "暂停")
    };
    let state = if health == Health::Down {
        p.t("crashed", "已崩溃").to_string()
    } else {
        role_name(node.role(), p.lang).to_string()
    };
    html! {
        <>
            <h3>{ format!("{id} · {state} · {} {}", p.t("term", "任期"), node.term()) }</h3>
            <div class="acts">
                { button(crash_label, crash_title, "c", Command::CrashOrRestart(id), dispatch) }
                if health == Health::Up && node.role() != Role::Leader {
                    { button(p.t("Time out", "立即超时"), p.t("Start an election now", "立即发起选举"), "t", Command::Protocol(RaftCommand::Timeout(id)), dispatch) }
                }
                if health != Health::Down {
                    { button(pause_label, p.t("Freeze the process (a long GC pause)", "冻结进程（像一次很长的 GC 停顿）"), "p", Command::PauseOrResume(id), dispatch) }
                }
                { button(p.t("Isolate", "隔离"), p.t("Put it in a partition of its own", "把它单独放进一个分区"), "i", Command::Isolate(id), dispatch) }
                if leader.is_some_and(|l| l != id) && health == Health::Up {
                    { button(p.t("Make leader", "转移领导权"), p.t("Transfer leadership here (TimeoutNow)", "把领导权转移到这里（TimeoutNow）"), "l", Command::Protocol(RaftCommand::TransferTo(id)), dispatch) }
                }
            </div>
            <NodeCommand {id} prefs={p} dispatch={dispatch.clone()} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NodeCommandProps {
    id: NodeId,
    prefs: Prefs,
    dispatch: Dispatch<Raft>,
}

/// A client command sent through one server (it redirects if it is not the leader).
#[function_component(NodeCommand)]
fn node_command(props: &NodeCommandProps) -> Html {
    let input = use_node_ref();
    let onsubmit = {
        let (input, dispatch, id) = (input.clone(), props.dispatch.clone(), props.id);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(el) = input.cast::<HtmlInputElement>() {
                dispatch.emit(Command::Protocol(RaftCommand::Client {
                    text: el.value(),
                    via: Some(id),
                }));
                el.set_value("");
                dispatch.emit(Command::Select(Selection::None));
            }
        })
    };
    let p = props.prefs;
    html! {
        <form class="node-command" {onsubmit}>
            <label>
                <span class="sr-only">{ p.t("Client command through this server", "通过此服务器发送客户端命令") }</span>
                <input ref={input} type="text" maxlength="120" spellcheck="false" autocomplete="off"
                    placeholder={format!("set x 5 · get x → {}", props.id)} />
            </label>
            <button type="submit">{ p.t("Send", "发送") }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
pub struct TooltipProps {
    pub node_ref: NodeRef,
    pub lab: LabRef<Controller<Raft>>,
    pub prefs: Prefs,
    pub hover: Selection,
}

/// Details of what the pointer is over.
#[function_component(Tooltip)]
pub fn tooltip(props: &TooltipProps) -> Html {
    let c = props.lab.get();
    let p = props.prefs;
    let cluster = c.world();
    let body = match props.hover {
        Selection::Message(id) => cluster.network().get(id).map(|e| {
            html! {
                <>
                    <strong>{ format!("{} {} → {}", e.msg.kind().name(), e.from, e.to) }</strong>
                    <dl class="fields">
                        { for message_fields(&e.msg).into_iter().map(|(k, v)| html! { <><dt>{ k }</dt><dd>{ v }</dd></> }) }
                    </dl>
                    <span class="muted">{ format!("{} {:.3} → {:.3} ms", p.t("sent / due", "发送 / 到达"), e.sent_at.as_millis_f64(), e.deliver_at.as_millis_f64()) }</span>
                </>
            }
        }),
        Selection::Node(id) if id.index() < cluster.config().nodes => {
            let n = cluster.node(id);
            let voted = n.voted_for().map_or("—".to_string(), |v| v.to_string());
            Some(html! {
                <>
                    <strong>{ format!("{id} · {}", role_name(n.role(), p.lang)) }</strong>
                    <dl class="fields">
                        <dt>{ p.t("currentTerm", "当前任期") }</dt><dd>{ n.term().to_string() }</dd>
                        <dt>{ p.t("votedFor", "投票给") }</dt><dd>{ voted }</dd>
                        <dt>{ p.t("log", "日志") }</dt><dd>{ n.log().last_index().to_string() }</dd>
                        <dt>{ p.t("commitIndex", "提交索引") }</dt><dd>{ n.commit_index().to_string() }</dd>
                        <dt>{ p.t("lastApplied", "已应用") }</dt><dd>{ n.applied_index().to_string() }</dd>
                    </dl>
                </>
            })
        }
        Selection::Link(a, b) => Some(html! { <strong>{ format!("{a} ↔ {b} · {}", p.t("click to cut", "点击以切断")) }</strong> }),
        _ => None,
    };
    // The menu of a selected server, message or link is never covered.
    let hidden = body.is_none() || c.selection() != Selection::None;
    html! {
        <div ref={props.node_ref.clone()} class={classes!("tooltip", hidden.then_some("hidden"))} role="tooltip">
            { body.unwrap_or_default() }
        </div>
    }
}
