//! Which protocol view the page shows. Each view is its own wasm module
//! (`raftlab` for Raft, `raftlab-<protocol>` for the others) and
//! `static/boot.js` loads the one `#view=…` names, so a page downloads only
//! the view it shows.
//! The root component here wraps either view: it offers the switch the header
//! shows, and when the switch is pressed or the fragment is edited to name the
//! other view it rewrites the fragment (dropping the parameters that belong to
//! one view only: a node count, a lesson, a shared scenario) and reloads, so
//! that the loader starts the other module.

use gloo::events::EventListener;
use yew::prelude::*;

use crate::lang::Lang;
use crate::share::LinkParams;

/// A protocol view, by its id (`raft`, `gossip`, …).
pub type ViewKind = &'static str;

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
    LinkParams::parse(&current_hash()).0.view.unwrap_or("raft")
}

/// A built-in lesson by id, and its variant.
pub type LessonId = (String, Option<String>);

/// Writes `view` into the fragment, without adding a history entry; the
/// parameters of one view only are dropped, except the lesson to open.
fn write_view(view: ViewKind, lesson: Option<LessonId>) {
    let (params, _) = LinkParams::parse(&current_hash());
    let (lesson, variant) = lesson.map_or((None, None), |(l, v)| (Some(l), v));
    let params = LinkParams {
        view: Some(view),
        nodes: None,
        lesson,
        variant,
        lesson_url: None,
        scenario: None,
        time_ms: None,
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

/// Reopens the page in `view`, with `lesson` open (a lesson of another
/// protocol than the one on show).
pub fn open_in_view(view: ViewKind, lesson: Option<LessonId>) {
    write_view(view, lesson);
    reload();
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
            open_in_view(wanted, None);
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
    let names = [
        (
            "raft",
            "Raft",
            l.pick("Raft: consensus with a leader", "Raft：有领导者的共识"),
        ),
        (
            "gossip",
            "Gossip",
            l.pick(
                "Gossip: epidemic spreading and SWIM",
                "Gossip：流行病式传播与 SWIM",
            ),
        ),
        (
            "nwr",
            "NWR",
            l.pick(
                "Quorum NWR: leaderless replication with read and write quorums",
                "Quorum NWR：用读写法定人数实现的无主复制",
            ),
        ),
    ];
    let known = |id: &str| crate::protocols::VIEWS.iter().any(|(v, _)| *v == id);
    html! {
        <div class="view-switch" role="group" aria-label={l.pick("Protocol view", "协议视图")}>
            { for names.iter().filter(|(id, _, _)| known(id)).map(|&(id, name, title)| {
                let set = choice.set.clone();
                let on = choice.view == id;
                html! {
                    <button type="button" aria-pressed={on.to_string()} class={classes!(on.then_some("on"))}
                        {title} data-view={id} onclick={Callback::from(move |_: MouseEvent| set.emit(id))}>{ name }</button>
                }
            }) }
        </div>
    }
}
