//! The Gossip view: header, the canvas with its chart, counters, events and
//! settings, and the control bar. It owns the gossip controller, turns keys
//! into commands, and re-renders the panels when the frame loop reports a
//! change. Language, theme, presenter and embed modes come from the same
//! link parameters as the Raft view.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use super::controls::GossipControls;
use super::lesson::{LessonPanel, LessonPicker, RaftSide};
use super::panels::{CountersPanel, EventsPanel};
use super::settings::SettingsPanel;
use super::shared::GossipRef;
use super::stage::GossipStage;
use crate::app::gossip_command::{GossipCommand, key_command};
use crate::app::gossip_controller::GossipController;
use crate::app::gossip_startup::gossip_start;
use crate::share::{LinkParams, ViewKind};
use crate::ui::app::{root_classes, sync_url};
use crate::ui::header::Header;
use crate::ui::notice::{NoticeBar, dismiss_handler};
use crate::ui::shared::Prefs;
use crate::ui::startup::{Startup, link_notices, reduced_motion};

/// Whether a key event comes from a field being typed in.
fn typing(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlElement>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
}

#[function_component(GossipApp)]
pub fn gossip_app() -> Html {
    let startup = use_memo((), |_| {
        let mut s = Startup::from_location();
        s.params.view = Some(ViewKind::Gossip);
        s
    });
    let ctrl: Rc<RefCell<GossipController>> = use_mut_ref(|| {
        let start = gossip_start(&startup.params);
        let mut c = GossipController::new(start.config, start.script);
        c.handle(GossipCommand::SetLang(startup.lang));
        if let Some(s) = startup.params.speed {
            c.handle(GossipCommand::SetSpeed(s));
        }
        if let Some(id) = &startup.params.lesson {
            c.start_lesson(id);
        }
        if startup.params.autoplay == Some(true) {
            c.handle(GossipCommand::Play);
        }
        c
    });
    let notices = use_state(|| {
        let hash = gloo::utils::window().location().hash().unwrap_or_default();
        let mut n = link_notices(&LinkParams::parse(&hash).1);
        n.extend(gossip_start(&startup.params).notices);
        n
    });
    let rev = use_state(|| 0u64);
    let prefs = use_state(|| Prefs {
        lang: startup.lang,
        theme: startup.theme,
        present: startup.params.present,
        embed: startup.params.embed,
        reduced_motion: reduced_motion(),
    });
    let lab = GossipRef {
        ctrl: ctrl.clone(),
        rev: *rev,
    };
    // One callback for the page's lifetime, so panels that get it compare equal.
    let dispatch = (*use_memo((), {
        let (ctrl, rev) = (ctrl.clone(), rev.clone());
        move |_| {
            Callback::from(move |cmd: GossipCommand| {
                ctrl.borrow_mut().handle(cmd);
                rev.set(ctrl.borrow().revision());
            })
        }
    }))
    .clone();
    let on_change = {
        let rev = rev.clone();
        Callback::from(move |r: u64| rev.set(r))
    };
    let set_prefs = {
        let (prefs, dispatch) = (prefs.clone(), dispatch.clone());
        Callback::from(move |p: Prefs| {
            dispatch.emit(GossipCommand::SetLang(p.lang));
            prefs.set(p);
        })
    };
    {
        let (p, params) = (*prefs, startup.params.clone());
        use_effect_with(p, move |p| sync_url(p, &params));
    }
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            // Not passive: a key the view handles must not also scroll the page.
            let options = EventListenerOptions::enable_prevent_default();
            let document = gloo::utils::document();
            let listener =
                EventListener::new_with_options(&document, "keydown", options, move |e| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if typing(e) || e.ctrl_key() || e.alt_key() || e.meta_key() {
                        return;
                    }
                    if let Some(cmd) = key_command(&e.key()) {
                        e.prevent_default();
                        dispatch.emit(cmd);
                    }
                });
            move || drop(listener)
        });
    }
    let dismiss = {
        let dispatch = dispatch.clone();
        dismiss_handler(notices.clone(), move || {
            dispatch.emit(GossipCommand::DismissNotice)
        })
    };
    let p = *prefs;
    let notice = lab.get().notice().cloned();
    let lesson = lab.get().lesson().is_some();
    let versus = lab.get().lesson().is_some_and(|r| r.raft().is_some());
    html! {
        <div class={classes!(root_classes(&p), "gossip-view")}>
            if !p.embed {
                <Header prefs={p} set_prefs={set_prefs}></Header>
            }
            <NoticeBar prefs={p} link_notices={(*notices).clone()} lab_notice={notice} dismiss={dismiss} />
            <main class={classes!("workspace", "g-workspace", versus.then_some("versus"))}>
                <GossipStage lab={lab.clone()} prefs={p} dispatch={dispatch.clone()} on_change={on_change} />
                if versus {
                    <RaftSide lab={lab.clone()} prefs={p} dispatch={dispatch.clone()} />
                }
                <aside class="side">
                    <LessonPicker current={lab.get().lesson().map(|r| r.lesson().id)} prefs={p} dispatch={dispatch.clone()} />
                    if lesson {
                        <LessonPanel lab={lab.clone()} prefs={p} dispatch={dispatch.clone()} />
                    }
                    <CountersPanel lab={lab.clone()} prefs={p} dispatch={dispatch.clone()} />
                    <SettingsPanel config={lab.get().world().config().clone()} errors={lab.get().form_errors().to_vec()}
                        prefs={p} dispatch={dispatch.clone()} />
                    <EventsPanel lab={lab.clone()} prefs={p} />
                </aside>
            </main>
            <GossipControls lab={lab} prefs={p} dispatch={dispatch} />
        </div>
    }
}
