//! The pieces of every protocol's settings dialog: a number field with its
//! unit and the reason it is refused, a switch, a choice, and the buttons
//! with the line that says why Apply is off. The protocol's form (as data)
//! decides the fields, their values and the refusals, in both languages.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::shared::Prefs;
use crate::lang::Lang;

/// The id of the input of the setting at `path` (`nwr.w` → `f-nwr-w`).
pub fn input_id(path: &str) -> String {
    format!("f-{}", path.replace(['.', '[', ']'], "-"))
}

/// A text field for a number: its label, the input, the unit or range,
/// and the refusal under it (the field is marked invalid while there is one).
pub fn number(
    path: &str,
    label: &str,
    unit: &str,
    value: String,
    error: Option<String>,
    oninput: Callback<String>,
) -> Html {
    let id = input_id(path);
    let oninput = Callback::from(move |e: InputEvent| {
        if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
            oninput.emit(el.value());
        }
    });
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ label.to_string() }</label>
            <input id={id.clone()} type="text" inputmode="decimal" {value} {oninput}
                aria-invalid={error.is_some().to_string()} aria-describedby={format!("{id}-e")} />
            <span class="unit">{ unit.to_string() }</span>
            <span id={format!("{id}-e")} class="field-error" role="alert">{ error.unwrap_or_default() }</span>
        </div>
    }
}

/// A checkbox; `danger` marks a switch that breaks a guarantee on purpose.
pub fn switch(
    path: &str,
    label: &str,
    checked: bool,
    danger: bool,
    onchange: Callback<()>,
) -> Html {
    let onchange = Callback::from(move |_: Event| onchange.emit(()));
    html! {
        <div class={classes!("field", "switch", danger.then_some("danger"))}>
            <label><input type="checkbox" id={input_id(path)} {checked} {onchange} />{ label.to_string() }</label>
        </div>
    }
}

/// A choice among `options` (value, label), `selected` picked.
pub fn choice(
    path: &str,
    label: &str,
    options: Vec<(&'static str, String)>,
    selected: &str,
    onchange: Callback<String>,
) -> Html {
    let id = input_id(path);
    let onchange = Callback::from(move |e: Event| {
        if let Some(el) = e.target_dyn_into::<HtmlSelectElement>() {
            onchange.emit(el.value());
        }
    });
    html! {
        <div class="field choice">
            <label for={id.clone()}>{ label.to_string() }</label>
            <select id={id} {onchange}>
                { for options.into_iter().map(|(value, text)| html! {
                    <option {value} selected={value == selected}>{ text }</option>
                }) }
            </select>
        </div>
    }
}

/// Why Apply is off: the names of the settings still refused, if any.
pub fn apply_why(refused: &[String], lang: Lang) -> Option<String> {
    (!refused.is_empty()).then(|| match lang {
        Lang::En => format!(
            "Apply is off until these are fixed: {}.",
            refused.join("; ")
        ),
        Lang::Zh => format!("修正以下各项后才能应用：{}。", refused.join("；")),
    })
}

/// Cancel and Apply, with the reason Apply is off when it is.
pub fn buttons(why: Option<String>, cancel: Callback<MouseEvent>, p: Prefs) -> Html {
    let off = why.is_some();
    html! {
        <div class="buttons">
            if let Some(why) = why {
                <p id="apply-why" class="apply-why" role="status">{ why }</p>
            }
            <button type="button" onclick={cancel}>{ p.t("Cancel", "取消") }</button>
            <button type="submit" class="primary" disabled={off} aria-describedby="apply-why">{ p.t("Apply", "应用") }</button>
        </div>
    }
}
