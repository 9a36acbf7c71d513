//! The gossip control bar: play, step both ways, speed and a time scrubber
//! (as in the Raft view), start over or with a new seed, what a click on a
//! node does, the rumor key, the layout, and heal.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::shared::GossipRef;
use crate::app::gossip_command::{GossipCommand, Tool};
use crate::app::speed::{label, slider_from_speed, speed_from_slider};
use crate::sim::SimTime;
use crate::ui::shared::Prefs;
use crate::protocols::gossip::layout::Layout;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub lab: GossipRef,
    pub prefs: Prefs,
    pub dispatch: Callback<GossipCommand>,
}

fn send(dispatch: &Callback<GossipCommand>, cmd: GossipCommand) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_| dispatch.emit(cmd.clone()))
}

/// A callback reading an input's value and turning it into a command.
fn on_value<E: AsRef<web_sys::Event> + 'static>(
    dispatch: &Callback<GossipCommand>,
    make: fn(String) -> Option<GossipCommand>,
) -> Callback<E> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: E| {
        let target = e.as_ref().target();
        let value = target.as_ref().and_then(|t| {
            use wasm_bindgen::JsCast;
            t.dyn_ref::<HtmlInputElement>()
                .map(|el| el.value())
                .or_else(|| t.dyn_ref::<HtmlSelectElement>().map(|el| el.value()))
        });
        if let Some(cmd) = value.and_then(make) {
            dispatch.emit(cmd);
        }
    })
}

fn random_seed() -> u64 {
    // The page may draw randomness; the engine never does.
    (js_sys::Math::random() * 1e15) as u64
}

#[function_component(GossipControls)]
pub fn gossip_controls(props: &ControlsProps) -> Html {
    let c = props.lab.get();
    let p = props.prefs;
    let l = p.lang;
    let d = &props.dispatch;
    let playing = c.playing();
    let now_ms = c.lab().now().as_millis_f64();
    let end_ms = c.lab().horizon().as_millis_f64().max(now_ms);
    let slider = (slider_from_speed(c.speed()) * 1000.0).round().to_string();
    let tool = c.tool();
    let tool_button = |t: Tool,
                       en: &'static str,
                       zh: &'static str,
                       title: (&'static str, &'static str)| {
        html! {
            <button type="button" aria-pressed={(tool == t).to_string()} class={classes!((tool == t).then_some("on"))}
                title={l.pick(title.0, title.1).to_string()} onclick={send(d, GossipCommand::SetTool(t))}>{ l.pick(en, zh) }</button>
        }
    };
    let new_seed = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(GossipCommand::NewSeed(random_seed())))
    };
    html! {
        <nav class="controls g-controls" aria-label={l.pick("Simulation controls", "模拟控制").to_string()}>
            <div class="group">
                <button type="button" class="primary" onclick={send(d, GossipCommand::TogglePlay)} aria-pressed={playing.to_string()}
                    title={l.pick("Play / pause (Space)", "播放 / 暂停（空格）").to_string()}>
                    { if playing { l.pick("❚❚ Pause", "❚❚ 暂停") } else { l.pick("▶ Play", "▶ 播放") } }
                </button>
                <button type="button" onclick={send(d, GossipCommand::StepBack)} title={l.pick("Step back one event (←)", "后退一个事件（←）").to_string()}>{ l.pick("◀ Back", "◀ 后退") }</button>
                <button type="button" onclick={send(d, GossipCommand::StepForward)} title={l.pick("Step to the next event (→)", "前进到下一个事件（→）").to_string()}>{ l.pick("Step ▶", "单步 ▶") }</button>
                <label class="speed">
                    <span>{ l.pick("speed", "速度") }</span>
                    <input type="range" min="0" max="1000" step="1" value={slider} aria-valuetext={label(c.speed())}
                        oninput={on_value::<InputEvent>(d, |v| v.parse::<f64>().ok().map(|v| GossipCommand::SetSpeed(speed_from_slider(v / 1000.0))))} />
                    <output>{ label(c.speed()) }{ if c.behind() && playing { l.pick(" (behind)", "（跟不上）") } else { "" } }</output>
                </label>
                <label class="speed g-scrub">
                    <span>{ l.pick("time", "时间") }</span>
                    <input type="range" min="0" max={format!("{end_ms:.0}")} step="1" value={format!("{now_ms:.0}")}
                        aria-valuetext={format!("{:.3} s", now_ms / 1000.0)}
                        oninput={on_value::<InputEvent>(d, |v| v.parse::<f64>().ok().map(|ms| GossipCommand::Seek(SimTime::from_millis_f64(ms.max(0.0)))))} />
                </label>
            </div>
            <div class="group">
                <button type="button" onclick={send(d, GossipCommand::Reset)} title={l.pick("Start over at time zero (r)", "从零时刻重新开始（r）").to_string()}>{ l.pick("Reset", "重置") }</button>
                <button type="button" class="new-seed" onclick={new_seed} title={l.pick("Start over with another random seed", "换一个随机种子重新开始").to_string()}>{ l.pick("New seed", "新种子") }</button>
            </div>
            <div class="group" role="group" aria-label={l.pick("A click on a node", "点击节点时").to_string()}>
                <span class="muted">{ l.pick("click:", "点击：") }</span>
                { tool_button(Tool::Rumor, "rumor", "发起传闻", ("A click on a node starts a rumor there", "点击节点即在该节点发起传闻")) }
                { tool_button(Tool::Crash, "crash / restart", "崩溃 / 重启", ("A click on a node crashes it, or restarts it", "点击节点使其崩溃或重启")) }
                <label class="speed g-key-field">
                    <span>{ l.pick("key", "键") }</span>
                    <input type="text" class="g-key" maxlength="32" size="4" value={c.key().to_string()}
                        onchange={on_value::<Event>(d, |v| Some(GossipCommand::SetKey(v.trim().to_string())))} />
                </label>
            </div>
            <div class="group">
                <label class="speed g-layout-field">
                    <span>{ l.pick("layout", "布局") }</span>
                    <select class="g-layout" onchange={on_value::<Event>(d, |v| Layout::ALL.into_iter().find(|x| x.name() == v).map(GossipCommand::SetLayout))}>
                        { for Layout::ALL.into_iter().map(|x| {
                            let name = match x {
                                Layout::Ring => l.pick("ring", "环形"),
                                Layout::Grid => l.pick("grid", "网格"),
                                Layout::Force => l.pick("force", "力导向"),
                            };
                            html! { <option value={x.name()} selected={x == c.layout()}>{ name }</option> }
                        }) }
                    </select>
                </label>
                <button type="button" onclick={send(d, GossipCommand::Heal)} title={l.pick("Remove every partition (h); drag across the canvas to make one", "消除所有分区（h）；在画布上拖动即可划分网络").to_string()}>{ l.pick("Heal", "恢复网络") }</button>
            </div>
        </nav>
    }
}
