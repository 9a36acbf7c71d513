//! The control bar every view shares: play, step both ways, speed, reset, a
//! new seed, the cluster size (where a select can offer it), crash the
//! leader (for protocols with one), heal; then the protocol's own controls,
//! and the share, settings and help buttons when the page is embedded.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::page::Page;
use super::shared::{Cx, Overlay, Prefs};
use crate::app::Command;
use crate::app::speed::{label, slider_from_speed, speed_from_slider};
use crate::net::NetHost;

/// Largest cluster the size select offers; larger clusters are sized in the
/// protocol's settings.
const SELECT_NODES: usize = 9;

#[derive(Properties)]
pub struct ControlsProps<P: Page> {
    pub cx: Cx<P>,
    pub open: Callback<Overlay>,
    /// Asks for a fresh random seed (the page draws it; the engine never does).
    pub new_seed: Callback<()>,
    /// Whether the secondary panels show, and the switch for them.
    pub panels: bool,
    pub toggle_panels: Callback<()>,
}

impl<P: Page> PartialEq for ControlsProps<P> {
    fn eq(&self, other: &Self) -> bool {
        self.cx == other.cx
            && self.open == other.open
            && self.new_seed == other.new_seed
            && self.panels == other.panels
            && self.toggle_panels == other.toggle_panels
    }
}

#[function_component]
pub fn ControlBar<P: Page>(props: &ControlsProps<P>) -> Html {
    let cx = &props.cx;
    let c = cx.lab.get();
    let p = cx.prefs;
    let d = &cx.dispatch;
    let playing = c.playing();
    let n = c.world().servers();
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
    let toggle_panels = {
        let cb = props.toggle_panels.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let slider = (slider_from_speed(c.speed()) * 1000.0).round().to_string();
    let (min_nodes, max_nodes) = P::NODES;
    let behind = c.behind() && playing;
    html! {
        <nav class="controls" aria-label={p.t("Simulation controls", "模拟控制").to_string()}>
            <div class="group">
                <button type="button" class="primary play" onclick={cx.send(Command::TogglePlay)} aria-pressed={playing.to_string()}
                    title={p.t("Play / pause (Space)", "播放 / 暂停（空格）").to_string()}>
                    { if playing { p.t("❚❚ Pause", "❚❚ 暂停") } else { p.t("▶ Play", "▶ 播放") } }
                </button>
                <button type="button" onclick={cx.send(Command::StepBack)} title={p.t("Step back one event (←)", "后退一个事件（←）").to_string()}>{ p.t("◀ Back", "◀ 后退") }</button>
                <button type="button" onclick={cx.send(Command::StepForward)} title={p.t("Step to the next event (→)", "前进到下一个事件（→）").to_string()}>{ p.t("Step ▶", "单步 ▶") }</button>
                <label class="speed">
                    <span>{ p.t("speed", "速度") }</span>
                    <input type="range" min="0" max="1000" step="1" value={slider} oninput={on_speed}
                        aria-valuetext={label(c.speed())} />
                    <output>{ label(c.speed()) }{ if behind { p.t(" (behind)", "（跟不上）") } else { "" } }</output>
                </label>
            </div>
            <div class="group">
                <button type="button" onclick={cx.send(Command::Reset)} title={p.t("Start over at time zero (r)", "从零时刻重新开始（r）").to_string()}>{ p.t("Reset", "重置") }</button>
                <button type="button" class="new-seed" onclick={new_seed} title={p.t("Start over with another random seed", "换一个随机种子重新开始").to_string()}>{ p.t("New seed", "新种子") }</button>
                if max_nodes <= SELECT_NODES {
                    <label class="nodes">
                        <span>{ p.t("servers", "服务器") }</span>
                        <select onchange={on_nodes} value={n.to_string()}>
                            { for (min_nodes..=max_nodes).map(|k| html! { <option value={k.to_string()} selected={k == n}>{ k.to_string() }</option> }) }
                        </select>
                    </label>
                }
            </div>
            <div class="group">
                if P::LEADER {
                    <button type="button" onclick={cx.send(Command::CrashLeader)} title={p.t("Crash the leader (x)", "让领导者崩溃（x）").to_string()}>{ p.t("Crash leader", "领导者崩溃") }</button>
                }
                <button type="button" onclick={cx.send(Command::Heal)} title={p.t("Remove every partition and cut (h); drag across the canvas to make one", "消除所有分区和切断（h）；在画布上拖动即可划分网络").to_string()}>{ p.t("Heal", "恢复网络") }</button>
            </div>
            { P::controls(cx) }
            if p.present {
                <div class="group">
                    <button type="button" aria-pressed={props.panels.to_string()} onclick={toggle_panels}
                        title={p.t("Show or hide the secondary panels (e)", "显示或隐藏次要面板（e）").to_string()}>{ p.t("Panels", "面板") }</button>
                </div>
            }
            if p.embed {
                <div class="group end">{ overlay_buttons(p, &props.open) }</div>
            }
        </nav>
    }
}

/// The share, settings and help buttons (in the header, or the control bar
/// when embedded).
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
