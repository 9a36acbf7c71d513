//! Which protocol view the page shows. Each view is its own wasm module
//! (`raftlab` for Raft, `raftlab-gossip` for Gossip) and `static/boot.js`
//! loads the one `#view=…` names, so a page downloads only the view it shows.
//! The root component here wraps either view: it offers the switch the header
//! shows, and when the switch is pressed or the fragment is edited to name the
//! other view it rewrites the fragment (dropping the parameters that belong to
//! one view only: a node count, a lesson, a shared scenario) and reloads, so
//! that the loader starts the other module.

use gloo::events::EventListener;
use yew::prelude::*;

use crate::lang::Lang;
use crate::share::{LinkParams, ViewKind};

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

/// Writes `view` into the fragment, without adding a history entry.
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

/// Reloads the page, so that the loader starts the module of the view the
/// fragment now names.
fn reload() {
    let _ = gloo::utils::window().location().reload();
}

#[derive(Properties, PartialEq)]
pub struct RootProps {
    /// The view this module shows.
    pub view: ViewKind,
    /// That view's app.
    pub children: Html,
}

/// The page: this module's view, and the way to the other one.
#[function_component(Root)]
pub fn root(props: &RootProps) -> Html {
    let view = props.view;
    let set = use_callback(view, |wanted: ViewKind, &view| {
        if wanted != view {
            write_view(wanted);
            reload();
        }
    });
    use_effect_with(view, move |&view| {
        let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
            if view_in_hash() != view {
                reload();
            }
        });
        move || drop(listener)
    });
    let choice = ViewChoice { view, set };
    html! {
        <ContextProvider<ViewChoice> context={choice}>
            { props.children.clone() }
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
