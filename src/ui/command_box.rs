//! The client command box of the control bar, for every protocol with
//! clients: type a command (`set x 5`, `put x 5`, `get x`, …) and send it to
//! the server the protocol picks or a chosen one. The protocol checks the
//! text; a command it refuses is named beside the field, in the interface
//! language.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::shared::Prefs;
use crate::lang::Text;
use crate::sim::NodeId;

#[derive(Properties, PartialEq)]
pub struct CommandBoxProps {
    pub prefs: Prefs,
    /// The text field (the keyboard's command-box key focuses it).
    pub input: NodeRef,
    /// Servers S1 to S`servers` can be chosen.
    pub servers: usize,
    /// The examples shown in the empty field.
    pub placeholder: &'static str,
    /// The first choice of where to send: the server the protocol picks.
    pub pick: Text,
    /// Checks a command: the refusal, in both languages.
    pub check: Callback<String, Result<(), Text>>,
    /// Sends a checked command to a server (`None`: the protocol's pick).
    pub send: Callback<(String, Option<NodeId>)>,
}

#[function_component(CommandBox)]
pub fn command_box(props: &CommandBoxProps) -> Html {
    let error = use_state(|| None::<Text>);
    let via = use_state(|| None::<NodeId>);
    let p = props.prefs;
    let onsubmit = {
        let (input, check, send, error, via) = (
            props.input.clone(),
            props.check.clone(),
            props.send.clone(),
            error.clone(),
            via.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(el) = input.cast::<HtmlInputElement>() else {
                return;
            };
            let text = el.value();
            match check.emit(text.clone()) {
                Ok(()) => {
                    error.set(None);
                    send.emit((text, *via));
                    el.set_value("");
                }
                Err(why) => error.set(Some(why)),
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
    let n = props.servers;
    html! {
        <form class="command" {onsubmit} aria-label={p.t("Client command", "客户端命令").to_string()}>
            <label>
                <span class="sr-only">{ p.t("Client command", "客户端命令") }</span>
                <input ref={props.input.clone()} type="text" maxlength="120" spellcheck="false" autocomplete="off"
                    placeholder={props.placeholder} oninput={clear}
                    aria-invalid={error.is_some().to_string()} aria-describedby="command-error" />
            </label>
            <label class="via">
                <span>{ p.t("to", "发给") }</span>
                <select onchange={on_via}>
                    <option value="" selected={via.is_none()}>{ props.pick.get(p.lang).to_string() }</option>
                    { for (1..=n).map(|k| html! { <option value={k.to_string()} selected={*via == Some(NodeId(k as u16))}>{ format!("S{k}") }</option> }) }
                </select>
            </label>
            <button type="submit">{ p.t("Send", "发送") }</button>
            <span id="command-error" class={classes!("inline-error", error.is_none().then_some("hidden"))} role="alert">
                { error.as_ref().map(|t| t.get(p.lang).to_string()).unwrap_or_default() }
            </span>
        </form>
    }
}
