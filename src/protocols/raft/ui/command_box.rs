//! The client command box of the control bar: type `set x 5`, `get x` or
//! `del x` and send it to the leader or a chosen server. A command that does
//! not parse is refused beside the field, in the interface language.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::Command;
use crate::net::NetHost;
use crate::protocols::raft::Raft;
use crate::protocols::raft::app::RaftCommand;
use crate::scenario::parse_command;
use crate::sim::NodeId;
use crate::ui::shared::Cx;

#[function_component(CommandBox)]
pub fn command_box(props: &Cx<Raft>) -> Html {
    let error = use_state(|| None::<&'static str>);
    let via = use_state(|| None::<NodeId>);
    let p = props.prefs;
    let n = props.lab.get().world().servers();
    let onsubmit = {
        let (input, dispatch, error, via) = (
            props.command_box.clone(),
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
                    dispatch.emit(Command::Protocol(RaftCommand::Client { text, via: *via }));
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
                <input ref={props.command_box.clone()} type="text" maxlength="120" spellcheck="false" autocomplete="off"
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
