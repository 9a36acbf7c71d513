//! The control bar: play, step, speed, reset, a new seed, cluster size,
//! heal, crash the leader, the client command box, settings and help.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::shared::{LabRef, Overlay, Prefs};
use crate::app::Command;
use crate::app::speed::{label, slider_from_speed, speed_from_slider};
use crate::protocols::raft::cluster::MAX_NODES;
use crate::scenario::parse_command;
use crate::sim::NodeId;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub lab: LabRef,
    pub prefs: Prefs,
    pub dispatch: Callback<Command>,
    pub open: Callback<Overlay>,
    /// Asks for a fresh random seed (the page draws it; the engine never does).
    pub new_seed: Callback<()>,
    pub command_box: NodeRef,
}

fn send(dispatch: &Callback<Command>, cmd: Command) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_| dispatch.emit(cmd.clone()))
}

#[function_component(ControlBar)]
pub fn control_bar(props: &ControlsProps) -> Html {
    let c = props.lab.get();
    let p = props.prefs;
    let d = &props.dispatch;
    let playing = c.playing();
    let n = c.cluster().config().nodes;
    let on_speed = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
                let v: f64 = el.value().parse().unwrap_or(0.5);
                d.emit(Command::SetSpeed(speed_from_slider(v / 1000.0)));
            }
        })
    };
    let on_nodes = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<HtmlSelectElement>()
                && let Ok(n) = el.value().parse()
            {
                d.emit(Command::SetNodes(n));
            }
        })
    };
    let new_seed = {
        let cb = props.new_seed.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let slider = (slider_from_speed(c.speed()) * 1000.0).round().to_string();
    html! {
        <nav class="controls" aria-label={p.t("Simulation controls", "模拟控制").to_string()}>
            <div class="group">
                <button type="button" class="primary" onclick={send(d, Command::TogglePlay)} aria-pressed={playing.to_string()}
                    title={p.t("Play / pause (Space)", "播放 / 暂停（空格）").to_string()}>
                    { if playing { p.t("❚❚ Pause", "❚❚ 暂停") } else { p.t("▶ Play", "▶ 播放") } }
                </button>
                <button type="button" onclick={send(d, Command::StepBack)} title={p.t("Step back one event (←)", "后退一个事件（←）").to_string()}>{ p.t("◀ Back", "◀ 后退") }</button>
                <button type="button" onclick={send(d, Command::StepForward)} title={p.t("Step to the next event (→)", "前进到下一个事件（→）").to_string()}>{ p.t("Step ▶", "单步 ▶") }</button>
                <label class="speed">
                    <span>{ p.t("speed", "速度") }</span>
                    <input type="range" min="0" max="1000" step="1" value={slider} oninput={on_speed}
                        aria-valuetext={label(c.speed())} />
                    <output>{ label(c.speed()) }</output>
                </label>
            </div>
            <div class="group">
                <button type="button" onclick={send(d, Command::Reset)} title={p.t("Start over at time zero (r)", "从零时刻重新开始（r）").to_string()}>{ p.t("Reset", "重置") }</button>
                <button type="button" class="new-seed" onclick={new_seed} title={p.t("Start over with another random seed", "换一个随机种子重新开始").to_string()}>{ p.t("New seed", "新种子") }</button>
                <label class="nodes">
                    <span>{ p.t("servers", "服务器") }</span>
                    <select onchange={on_nodes} value={n.to_string()}>
                        { for (1..=MAX_NODES).map(|k| html! { <option value={k.to_string()} selected={k == n}>{ k.to_string() }</option> }) }
                    </select>
                </label>
            </div>
            <div class="group">
                <button type="button" onclick={send(d, Command::CrashLeader)} title={p.t("Crash the leader (x)", "让领导者崩溃（x）").to_string()}>{ p.t("Crash leader", "领导者崩溃") }</button>
                <button type="button" onclick={send(d, Command::Heal)} title={p.t("Remove every partition and cut (h)", "消除所有分区和切断（h）").to_string()}>{ p.t("Heal", "恢复网络") }</button>
            </div>
            <CommandBox lab={props.lab.clone()} prefs={p} dispatch={d.clone()} input={props.command_box.clone()} />
            if p.embed {
                <div class="group end">{ overlay_buttons(p, &props.open) }</div>
            }
        </nav>
    }
}

/// The settings and help buttons (in the header, or the control bar when embedded).
pub fn overlay_buttons(p: Prefs, open: &Callback<Overlay>) -> Html {
    let open = |o: Overlay| {
        let cb = open.clone();
        Callback::from(move |_: MouseEvent| cb.emit(o))
    };
    html! {
        <>
            <button type="button" onclick={open(Overlay::Share)} title={p.t("Share link, embed code, scenario files", "分享链接、嵌入代码、场景文件").to_string()}>{ p.t("Share", "分享") }</button>
            <button type="button" onclick={open(Overlay::Settings)} title={p.t("Settings (s)", "设置（s）").to_string()}
                aria-label={p.t("Settings", "设置").to_string()}>{ "⚙" }<span class="label">{ p.t(" Settings", " 设置") }</span></button>
            <button type="button" onclick={open(Overlay::Help)} title={p.t("Keyboard shortcuts (?)", "键盘快捷键（?）").to_string()}
                aria-label={p.t("Help", "帮助").to_string()}>{ "?" }</button>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct CommandBoxProps {
    pub lab: LabRef,
    pub prefs: Prefs,
    pub dispatch: Callback<Command>,
    pub input: NodeRef,
}

/// Type `set x 5`, `get x`, `del x`: sent to the leader or a chosen server.
#[function_component(CommandBox)]
pub fn command_box(props: &CommandBoxProps) -> Html {
    let error = use_state(|| None::<&'static str>);
    let via = use_state(|| None::<NodeId>);
    let p = props.prefs;
    let n = props.lab.get().cluster().config().nodes;
    let onsubmit = {
        let (input, dispatch, error, via) = (
            props.input.clone(),
            props.dispatch.clone(),
            error.clone(),
            via.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(el) = input.cast::<HtmlInputElement>() else {
                return;
            };
            let text = el.value();
            match parse_command(&text) {
                Ok(_) => {
                    error.set(None);
                    dispatch.emit(Command::Client { text, via: *via });
                    el.set_value("");
                }
                Err(err) => error.set(Some(err.message(p.lang))),
            }
        })
    };
    let on_via = {
        let via = via.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<HtmlSelectElement>() {
                via.set(el.value().parse::<u16>().ok().map(NodeId));
            }
        })
    };
    let clear = {
        let error = error.clone();
        Callback::from(move |_: InputEvent| error.set(None))
    };
    html! {
        <form class="command" {onsubmit} aria-label={p.t("Client command", "客户端命令").to_string()}>
            <label>
                <span class="sr-only">{ p.t("Client command", "客户端命令") }</span>
                <input ref={props.input.clone()} type="text" maxlength="120" spellcheck="false" autocomplete="off"
                    placeholder="set x 5 · get x · del x" oninput={clear}
                    aria-invalid={error.is_some().to_string()} aria-describedby="command-error" />
            </label>
            <label class="via">
                <span>{ p.t("to", "发给") }</span>
                <select onchange={on_via}>
                    <option value="" selected={via.is_none()}>{ p.t("leader", "领导者") }</option>
                    { for (1..=n).map(|k| html! { <option value={k.to_string()} selected={*via == Some(NodeId(k as u16))}>{ format!("S{k}") }</option> }) }
                </select>
            </label>
            <button type="submit">{ p.t("Send", "发送") }</button>
            <span id="command-error" class={classes!("inline-error", error.is_none().then_some("hidden"))} role="alert">
                { error.unwrap_or("") }
            </span>
        </form>
    }
}
