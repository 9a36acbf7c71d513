//! Quorum NWR's own controls in the control bar: the client command box
//! (`put k v`, `get k`, coordinated by the key's first live replica or a
//! chosen server) and the key the canvas shows.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::Command;
use crate::lang::Text;
use crate::protocols::nwr::Nwr;
use crate::protocols::nwr::app::{NwrCommand, parse_client};
use crate::ui::command_box::CommandBox;
use crate::ui::shared::Cx;

#[function_component(NwrControls)]
pub fn nwr_controls(props: &Cx<Nwr>) -> Html {
    let c = props.lab.get();
    let p = props.prefs;
    let servers = c.world().setup().nodes;
    let shown = c
        .view()
        .key
        .as_deref()
        .map(str::to_string)
        .unwrap_or_default();
    let dispatch = props.dispatch.clone();
    let send = Callback::from(move |(text, via)| {
        dispatch.emit(Command::Protocol(NwrCommand::Client { text, via }));
    });
    let check = Callback::from(|text: String| parse_client(&text).map(|_| ()));
    let on_key = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
                dispatch.emit(Command::Protocol(NwrCommand::ShowKey(el.value())));
            }
        })
    };
    let latest = c.shown_key().map(|k| k.to_string()).unwrap_or_default();
    html! {
        <>
            <CommandBox prefs={p} input={props.command_box.clone()} {servers}
                placeholder="put x 5 · get x" pick={Text::new("first replica", "首个副本")} {check} {send} />
            <div class="group">
                <label class="speed nwr-key-field" title={p.t("The key the canvas shows; empty: the latest a client used", "画布显示的键；留空则为客户端最近用过的键").to_string()}>
                    <span>{ p.t("show key", "显示键") }</span>
                    <input type="text" class="nwr-key" maxlength="32" size="4" value={shown}
                        placeholder={latest} onchange={on_key} />
                </label>
            </div>
        </>
    }
}
