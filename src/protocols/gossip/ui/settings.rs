//! The gossip settings dialog: node count, fan-out, round period, mode,
//! stop rule, anti-entropy, loss, latency and SWIM. The draft is applied
//! with one button; refused fields are marked and each says its allowed
//! range, and the dialog stays open until every field is accepted.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::Command;
use crate::lang::Lang;
use crate::protocols::gossip::app::GossipCommand;
use crate::protocols::gossip::form::{Field, FormError as FieldError, GossipForm, StopKind};
use crate::protocols::gossip::{Gossip, Mode};
use crate::ui::shared::Cx;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub cx: Cx<Gossip>,
    pub close: Callback<()>,
}

type Edit = fn(&mut GossipForm, String);

/// A text field bound to one part of the draft.
fn text_field(
    draft: &UseStateHandle<GossipForm>,
    field: Field,
    suffix: &'static str,
    value: String,
    edit: Edit,
    errors: &[FieldError],
    l: Lang,
) -> Html {
    let id = format!("{}{suffix}", field.id());
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
                let mut f = (*draft).clone();
                edit(&mut f, el.value());
                draft.set(f);
            }
        })
    };
    let bad = errors.iter().any(|e| e.field == field);
    html! {
        <input type="text" inputmode="decimal" id={id} value={value} {oninput}
            class={classes!(bad.then_some("invalid"))} aria-invalid={bad.to_string()}
            aria-describedby={format!("{}-e", field.id())} aria-label={field.label(l)} />
    }
}

fn errors_of(field: Field, errors: &[FieldError], l: Lang) -> Html {
    html! {
        <span class="field-error" id={format!("{}-e", field.id())} role="alert">
            { for errors.iter().filter(|e| e.field == field).map(|e| html! { <span>{ e.text(l).to_string() }</span> }) }
        </span>
    }
}

#[function_component(SettingsDialog)]
pub fn settings_dialog(props: &SettingsProps) -> Html {
    let (cfg, errors) = {
        let c = props.cx.lab.get();
        (c.world().config().clone(), c.view().form_errors.clone())
    };
    let draft = use_state(|| GossipForm::from_config(&cfg));
    let l = props.cx.prefs.lang;
    let f = (*draft).clone();
    let row = |field: Field, unit: (&'static str, &'static str), input: Html| {
        html! {
            <div class="g-field">
                <label for={field.id()}>{ field.label(l) }</label>
                { input }
                <span class="unit">{ l.pick(unit.0, unit.1) }</span>
                { errors_of(field, &errors, l) }
            </div>
        }
    };
    let t = |field, suffix, value: &str, edit: Edit| {
        text_field(&draft, field, suffix, value.to_string(), edit, &errors, l)
    };
    // A select bound to one part of the draft.
    let select = |edit: fn(&mut GossipForm, &str)| {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<HtmlSelectElement>() {
                let mut f = (*draft).clone();
                edit(&mut f, &el.value());
                draft.set(f);
            }
        })
    };
    let mode = select(|f, v| {
        f.mode = match v {
            "pull" => Mode::Pull,
            "push-pull" => Mode::PushPull,
            _ => Mode::Push,
        }
    });
    let stop = select(|f, v| {
        f.stop = match v {
            "counter" => StopKind::Counter,
            "coin" => StopKind::Coin,
            _ => StopKind::Forever,
        }
    });
    let swim = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
                let mut f = (*draft).clone();
                f.swim = el.checked();
                draft.set(f);
            }
        })
    };
    let apply = {
        let (d, draft) = (props.cx.dispatch.clone(), draft.clone());
        let (ctrl, close) = (props.cx.lab.ctrl.clone(), props.close.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            d.emit(Command::Protocol(GossipCommand::Apply((*draft).clone())));
            if ctrl.borrow().view().form_errors.is_empty() {
                close.emit(());
            }
        })
    };
    let cancel = {
        let close = props.close.clone();
        Callback::from(move |_: MouseEvent| close.emit(()))
    };
    let opt = |value: &'static str, en: &'static str, zh: &'static str, on: bool| {
        html! { <option {value} selected={on}>{ l.pick(en, zh) }</option> }
    };
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="g-settings-h">
            <form class="dialog settings g-settings" onsubmit={apply} novalidate=true>
                <h2 id="g-settings-h">{ l.pick("Settings", "设置") }</h2>
                { row(Field::Nodes, ("nodes, 1–2000", "个，1–2000"), t(Field::Nodes, "", &f.nodes, |f, v| f.nodes = v)) }
                { row(Field::Fanout, ("peers per round", "每轮联系数"), t(Field::Fanout, "", &f.fanout, |f, v| f.fanout = v)) }
                { row(Field::Period, ("ms", "毫秒"), t(Field::Period, "", &f.period_ms, |f, v| f.period_ms = v)) }
                <div class="g-field">
                    <label for="g-mode">{ l.pick("mode", "模式") }</label>
                    <select id="g-mode" onchange={mode}>
                        { opt("push", "push", "推送（push）", f.mode == Mode::Push) }
                        { opt("pull", "pull", "拉取（pull）", f.mode == Mode::Pull) }
                        { opt("push-pull", "push-pull", "推拉（push-pull）", f.mode == Mode::PushPull) }
                    </select>
                </div>
                <div class="g-field">
                    <label for="g-stop">{ l.pick("stop rule", "停止规则") }</label>
                    <select id="g-stop" onchange={stop}>
                        { opt("forever", "spread forever", "永远传播", f.stop == StopKind::Forever) }
                        { opt("counter", "after k useless contacts", "k 次无用联系后停止", f.stop == StopKind::Counter) }
                        { opt("coin", "coin: 1/k per useless contact", "抛硬币：每次无用联系以 1/k 停止", f.stop == StopKind::Coin) }
                    </select>
                </div>
                if f.stop != StopKind::Forever {
                    { row(Field::StopK, ("1–64", "1–64"), t(Field::StopK, "", &f.stop_k, |f, v| f.stop_k = v)) }
                }
                { row(Field::AntiEntropy, ("ms, 0 = off", "毫秒，0 = 关闭"), t(Field::AntiEntropy, "", &f.anti_entropy_ms, |f, v| f.anti_entropy_ms = v)) }
                { row(Field::Loss, ("0–1", "0–1"), t(Field::Loss, "", &f.loss, |f, v| f.loss = v)) }
                <div class="g-field">
                    <label for="g-latency-min">{ Field::Latency.label(l) }</label>
                    <span class="pair">
                        { t(Field::Latency, "-min", &f.latency_min, |f, v| f.latency_min = v) }
                        { "–" }
                        { t(Field::Latency, "-max", &f.latency_max, |f, v| f.latency_max = v) }
                    </span>
                    <span class="unit">{ l.pick("ms", "毫秒") }</span>
                    { errors_of(Field::Latency, &errors, l) }
                </div>
                <div class="g-field switch">
                    <label><input type="checkbox" id="g-swim" checked={f.swim} onchange={swim} />
                        { l.pick(" SWIM failure detection", " SWIM 故障检测") }</label>
                </div>
                <p class="muted g-note">{ l.pick(
                    "A new node count starts over; other changes apply from now on.",
                    "更改节点数会重新开始；其他更改从现在起生效。") }</p>
                <div class="buttons">
                    <button type="button" onclick={cancel}>{ l.pick("Cancel", "取消") }</button>
                    <button type="submit" class="primary">{ l.pick("Apply", "应用") }</button>
                </div>
            </form>
        </div>
    }
}
