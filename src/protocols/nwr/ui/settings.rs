//! The Quorum NWR settings dialog: N, W and R, read repair, two-phase
//! writes and the sloppy quorum. Values out of range are refused beside
//! their field with the allowed range, in the interface language, and
//! Apply stays off (saying why) until every field is accepted. Applying
//! starts the run over with the new settings.

use yew::prelude::*;

use crate::app::Command;
use crate::protocols::nwr::app::NwrCommand;
use crate::protocols::nwr::form::{self, NwrDraft, READ_REPAIR, SIZES, SLOPPY, TWO_PHASE};
use crate::protocols::nwr::{Nwr, ReadRepair};
use crate::ui::settings_form;
use crate::ui::shared::Cx;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub cx: Cx<Nwr>,
    pub close: Callback<()>,
}

#[function_component(SettingsDialog)]
pub fn settings_dialog(props: &SettingsProps) -> Html {
    let (base, nodes) = {
        let c = props.cx.lab.get();
        (c.world().setup().nwr.clone(), c.world().setup().nodes)
    };
    let draft = {
        let base = base.clone();
        use_state(move || NwrDraft::from_config(&base))
    };
    let p = props.cx.prefs;
    let l = p.lang;
    let result = draft.to_config(&base, nodes);
    let errors = result.as_ref().err().cloned().unwrap_or_default();
    let error_for = |key: &str| {
        errors
            .iter()
            .find(|e| e.path == key)
            .map(|e| e.message.get(l).to_string())
    };
    let refused: Vec<String> = errors
        .iter()
        .map(|e| match form::field(&e.path) {
            Some(f) => f.label.get(l).to_string(),
            None => e.path.clone(),
        })
        .collect();
    let why = settings_form::apply_why(&refused, l);
    let sizes: Vec<Html> = SIZES
        .iter()
        .map(|f| {
            let key = f.key;
            let oninput = {
                let draft = draft.clone();
                Callback::from(move |text: String| {
                    let mut d = (*draft).clone();
                    d.set_size(key, text);
                    draft.set(d);
                })
            };
            let unit = if key == "nwr.n" {
                match l {
                    crate::lang::Lang::En => format!("1–{nodes} (servers)"),
                    crate::lang::Lang::Zh => format!("1–{nodes}（服务器数）"),
                }
            } else {
                f.unit.get(l).to_string()
            };
            settings_form::number(
                key,
                f.label.get(l),
                &unit,
                draft.size(key).to_string(),
                error_for(key),
                oninput,
            )
        })
        .collect();
    let on_repair = {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            if let Some(m) = ReadRepair::from_name(&v) {
                let mut d = (*draft).clone();
                d.read_repair = m;
                draft.set(d);
            }
        })
    };
    let toggle = |flip: fn(&mut NwrDraft)| {
        let draft = draft.clone();
        Callback::from(move |()| {
            let mut d = (*draft).clone();
            flip(&mut d);
            draft.set(d);
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
            if let Ok(cfg) = draft.to_config(&base, nodes) {
                dispatch.emit(Command::Protocol(NwrCommand::Apply(cfg)));
                close.emit(());
            }
        })
    };
    let cancel = {
        let close = props.close.clone();
        Callback::from(move |_: MouseEvent| close.emit(()))
    };
    let repairs: Vec<(&'static str, String)> = ReadRepair::ALL
        .into_iter()
        .map(|m| (m.name(), form::read_repair_label(m).get(l).to_string()))
        .collect();
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="settings-h">
            <form class="dialog settings nwr-settings" onsubmit={apply} novalidate=true>
                <h2 id="settings-h">{ p.t("Settings", "设置") }</h2>
                <p class="muted">{ p.t(
                    "Applying starts the run over with these settings.",
                    "应用后，运行将按这些设置重新开始。") }</p>
                <fieldset>
                    <legend>{ p.t("Quorums", "法定人数") }</legend>
                    { for sizes }
                    { settings_form::choice(READ_REPAIR.key, READ_REPAIR.label.get(l), repairs, draft.read_repair.name(), on_repair) }
                    { settings_form::switch(TWO_PHASE.key, TWO_PHASE.label.get(l), draft.two_phase_writes, false, toggle(|d| d.two_phase_writes = !d.two_phase_writes)) }
                    { settings_form::switch(SLOPPY.key, SLOPPY.label.get(l), draft.sloppy_quorum, false, toggle(|d| d.sloppy_quorum = !d.sloppy_quorum)) }
                </fieldset>
                <p class="muted nwr-guarantee">{ match &result {
                    Ok(cfg) => super::panels::guarantee(cfg, l),
                    Err(_) => String::new(),
                } }</p>
                { settings_form::buttons(why, cancel, p) }
            </form>
        </div>
    }
}
