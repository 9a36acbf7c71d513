//! The settings dialog: network, Raft (including every toggle and the
//! teaching switches that break a rule) and the client workload. Values out
//! of range are refused with the allowed range shown next to the field, and
//! timing that will make Raft misbehave is warned about as you type.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::app::Command;
use crate::protocols::raft::Raft;
use crate::protocols::raft::app::RaftCommand;
use crate::protocols::raft::form::{Draft, Field, Kind, NETWORK, RAFT, WORKLOAD, read_modes};
use crate::ui::settings_form;
use crate::ui::shared::Cx;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub cx: Cx<Raft>,
    pub close: Callback<()>,
}

#[function_component(SettingsDialog)]
pub fn settings_dialog(props: &SettingsProps) -> Html {
    let draft = {
        let c = props.cx.lab.get();
        let cfg = c.world().config().clone();
        use_state(move || Draft::from_settings(&cfg.net, &cfg.raft, cfg.workload.as_ref()))
    };
    let p = props.cx.prefs;
    let result = draft.settings();
    let errors = result.as_ref().err().cloned().unwrap_or_default();
    // A field's own error, or its pair's ("latency" for its min and max).
    let error_for = |key: &str| {
        errors
            .iter()
            .find(|e| e.path == key || pair_of(key) == Some(e.path.as_str()))
            .map(|e| e.message.get(p.lang).to_string())
    };
    let bad: Vec<String> = errors.iter().map(|e| label_of(&e.path, p)).collect();
    let why = settings_form::apply_why(&bad, p.lang);
    let field = |f: &Field| -> Html {
        let key = f.key;
        let label = p.t(f.en, f.zh);
        match f.kind {
            Kind::Number => {
                let value = draft.numbers.get(key).cloned().unwrap_or_default();
                let oninput = {
                    let draft = draft.clone();
                    Callback::from(move |text: String| {
                        let mut d = (*draft).clone();
                        d.numbers.insert(key, text);
                        draft.set(d);
                    })
                };
                settings_form::number(key, label, f.unit, value, error_for(key), oninput)
            }
            Kind::Switch => {
                let checked = draft.switches.get(key).copied().unwrap_or(false);
                let onchange = {
                    let draft = draft.clone();
                    Callback::from(move |()| {
                        let mut d = (*draft).clone();
                        let v = d.switches.get(key).copied().unwrap_or(false);
                        d.switches.insert(key, !v);
                        draft.set(d);
                    })
                };
                settings_form::switch(key, label, checked, f.unsafe_, onchange)
            }
        }
    };
    let on_read = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<HtmlSelectElement>() {
                let mut d = (*draft).clone();
                d.read_mode = el.value();
                draft.set(d);
            }
        })
    };
    let apply = {
        let (draft, dispatch, close) = (
            draft.clone(),
            props.cx.dispatch.clone(),
            props.close.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Ok((network, raft, workload)) = draft.settings() {
                dispatch.emit(Command::Protocol(RaftCommand::Settings { network, raft }));
                dispatch.emit(Command::Protocol(RaftCommand::Workload(workload)));
                close.emit(());
            }
        })
    };
    let cancel = {
        let close = props.close.clone();
        Callback::from(move |_: MouseEvent| close.emit(()))
    };
    let warnings = draft.warnings();
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="settings-h">
            <form class="dialog settings" onsubmit={apply}>
                <h2 id="settings-h">{ p.t("Settings", "设置") }</h2>
                <p class="muted">{ p.t("Changes apply from now on and are recorded, so the run can be replayed exactly.", "更改从现在开始生效并被记录下来，运行仍可被精确重放。") }</p>
                <div class="columns">
                    <fieldset><legend>{ p.t("Network", "网络") }</legend>{ for NETWORK.iter().map(field) }</fieldset>
                    <fieldset>
                        <legend>{ "Raft" }</legend>
                        { for RAFT.iter().map(field) }
                        <div class="field choice">
                            <label for="f-read">{ p.t("reads", "读取方式") }</label>
                            <select id="f-read" onchange={on_read}>
                                { for read_modes(p.lang).into_iter().map(|(m, l)| html! {
                                    <option value={m.name()} selected={draft.read_mode == m.name()}>{ l }</option>
                                }) }
                            </select>
                        </div>
                    </fieldset>
                    <fieldset><legend>{ p.t("Clients", "客户端") }</legend>{ for WORKLOAD.iter().map(field) }</fieldset>
                </div>
                if !warnings.is_empty() {
                    <ul class="warnings">{ for warnings.iter().map(|w| html! { <li>{ w.message(p.lang) }</li> }) }</ul>
                }
                { for errors.iter().filter(|e| field_of(&e.path).is_none() && pair_field(&e.path).is_none()).map(|e| html! {
                    <p class="field-error" role="alert">{ format!("{}: {}", label_of(&e.path, p), e.message.get(p.lang)) }</p>
                }) }
                { settings_form::buttons(why, cancel, p) }
            </form>
        </div>
    }
}

/// The form field whose JSON path is `path`.
fn field_of(path: &str) -> Option<&'static Field> {
    NETWORK
        .iter()
        .chain(RAFT)
        .chain(WORKLOAD)
        .find(|f| f.key == path)
}

/// The path of the pair a `[0]`/`[1]` field belongs to (`network.latency_ms`).
fn pair_of(key: &str) -> Option<&str> {
    key.strip_suffix("[0]").or_else(|| key.strip_suffix("[1]"))
}

/// The first field of the pair at `path`, if `path` names a pair.
fn pair_field(path: &str) -> Option<&'static Field> {
    NETWORK
        .iter()
        .chain(RAFT)
        .chain(WORKLOAD)
        .find(|f| pair_of(f.key) == Some(path))
}

/// The name a person reads for the setting at `path`: its label in the
/// form (a pair without its ", min"), else the path's last part in words.
fn label_of(path: &str, p: crate::ui::shared::Prefs) -> String {
    if let Some(f) = field_of(path) {
        return p.t(f.en, f.zh).to_string();
    }
    if let Some(f) = pair_field(path) {
        let label = p.t(f.en, f.zh);
        return label
            .trim_end_matches(", min")
            .trim_end_matches("下限")
            .to_string();
    }
    let last = path.rsplit('.').next().unwrap_or(path);
    last.trim_end_matches("_ms").replace('_', " ")
}
