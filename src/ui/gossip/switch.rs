//! Which protocol view the page shows: the root component picks the Raft
//! or the Gossip view from `#view=…`, follows edits of the fragment, and
//! offers the switch the header shows. Switching rewrites the fragment and
//! drops the parameters that belong to one view only (a node count, a
//! lesson, a shared scenario).

use gloo::events::EventListener;
use yew::prelude::*;

use super::app::GossipApp;
use crate::lang::Lang;
use crate::share::{LinkParams, ViewKind};
use crate::ui::app::App;

/// The view on show and a way to change it, given to the header by context.
#[derive(Clone, PartialEq)]
pub struct ViewChoice {
    pub view: ViewKind,
    pub set: Callback<ViewKind>,
}

fn current_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

fn view_in_hash() -> ViewKind {
    LinkParams::parse(&current_hash())
        .0
        .view
        .unwrap_or_default()
}

/// Writes `view` into the fragment without reloading.
fn write_view(view: ViewKind) {
    let (params, _) = LinkParams::parse(&current_hash());
    let params = LinkParams {
        view: Some(view),
        nodes: None,
        lesson: None,
        scenario: None,
        ..params
    };
    if let Ok(history) = gloo::utils::window().history() {
        let url = format!("#{}", params.to_fragment());
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The page: the view the fragment asks for.
#[function_component(Root)]
pub fn root() -> Html {
    let view = use_state(view_in_hash);
    let set = {
        let view = view.clone();
        Callback::from(move |v: ViewKind| {
            write_view(v);
            view.set(v);
        })
    };
    {
        let view = view.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                view.set(view_in_hash())
            });
            move || drop(listener)
        });
    }
    let choice = ViewChoice { view: *view, set };
    html! {
        <ContextProvider<ViewChoice> context={choice}>
            { match *view {
                ViewKind::Raft => html! { <App key="raft" /> },
                ViewKind::Gossip => html! { <GossipApp key="gossip" /> },
            } }
        </ContextProvider<ViewChoice>>
    }
}

#[derive(Properties, PartialEq)]
pub struct SwitchProps {
    pub lang: Lang,
}

/// Two buttons, Raft and Gossip, the one on show pressed.
#[function_component(ViewSwitch)]
pub fn view_switch(props: &SwitchProps) -> Html {
    let Some(choice) = use_context::<ViewChoice>() else {
        return html! {};
    };
    let l = props.lang;
    let button = |v: ViewKind, name: &'static str, title: &'static str| {
        let set = choice.set.clone();
        let on = choice.view == v;
        html! {
            <button type="button" aria-pressed={on.to_string()} class={classes!(on.then_some("on"))}
                {title} onclick={Callback::from(move |_: MouseEvent| set.emit(v))}>{ name }</button>
        }
    };
    html! {
        <div class="view-switch" role="group" aria-label={l.pick("Protocol view", "协议视图")}>
            { button(ViewKind::Raft, "Raft", l.pick("Raft: consensus with a leader", "Raft：有领导者的共识")) }
            { button(ViewKind::Gossip, "Gossip", l.pick("Gossip: epidemic spreading and SWIM", "Gossip：流行病式传播与 SWIM")) }
        </div>
    }
}
