//! Gossip's own controls in the control bar: what a click on a node does
//! (start a rumor there, or crash and restart it), the key new rumors set,
//! and how the nodes are laid out.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::Command;
use crate::protocols::gossip::Gossip;
use crate::protocols::gossip::app::{GossipCommand, Tool};
use crate::protocols::gossip::layout::Layout;
use crate::ui::shared::{Cx, Dispatch};

/// A callback reading an input's or a select's value and turning it into a
/// command.
fn on_value<E: AsRef<web_sys::Event> + 'static>(
    dispatch: &Dispatch<Gossip>,
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
            dispatch.emit(Command::Protocol(cmd));
        }
    })
}

#[function_component(GossipTools)]
pub fn gossip_tools(props: &Cx<Gossip>) -> Html {
    let c = props.lab.get();
    let l = props.prefs.lang;
    let d = &props.dispatch;
    let view = c.view();
    let tool_button = |t: Tool,
                       en: &'static str,
                       zh: &'static str,
                       title: (&'static str, &'static str)| {
        let on = view.tool == t;
        html! {
            <button type="button" aria-pressed={on.to_string()} class={classes!(on.then_some("on"))}
                title={l.pick(title.0, title.1).to_string()} onclick={props.send(Command::Protocol(GossipCommand::SetTool(t)))}>{ l.pick(en, zh) }</button>
        }
    };
    html! {
        <>
            <div class="group" role="group" aria-label={l.pick("A click on a node", "点击节点时").to_string()}>
                <span class="muted">{ l.pick("click:", "点击：") }</span>
                { tool_button(Tool::Rumor, "rumor", "发起传闻", ("A click on a node starts a rumor there", "点击节点即在该节点发起传闻")) }
                { tool_button(Tool::Crash, "crash / restart", "崩溃 / 重启", ("A click on a node crashes it, or restarts it", "点击节点使其崩溃或重启")) }
                <label class="speed g-key-field">
                    <span>{ l.pick("key", "键") }</span>
                    <input type="text" class="g-key" maxlength="32" size="4" value={view.key.clone()}
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
                            html! { <option value={x.name()} selected={x == view.layout}>{ name }</option> }
                        }) }
                    </select>
                </label>
            </div>
        </>
    }
}
