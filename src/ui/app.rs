//! The page: header, the cluster stage with its timeline and panels, the
//! lesson panel, the control bar and overlays. It owns the controller, turns
//! keys, clicks and dropped files into commands, and re-renders the panels
//! when the frame loop reports a change.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use super::controls::{ControlBar, overlay_buttons};
use super::events_panel::EventsPanel;
use super::file_io::{Pending, load_file};
use super::header::Header;
use super::help::HelpOverlay;
use super::invariants_panel::InvariantsPanel;
use super::lesson_panel::LessonPanel;
use super::lesson_picker::LessonPicker;
use super::log_panel::LogPanel;
use super::notice::{NoticeBar, dismiss_handler};
use super::servers_table::ServersTable;
use super::settings::SettingsDialog;
use super::share_dialog::ShareDialog;
use super::shared::{LabRef, Overlay, Prefs};
use super::stage::Stage;
use super::startup::{Startup, reduced_motion};
use super::timeline::Timeline;
use crate::app::keys::{Intent, Mods, intent};
use crate::app::{Command, Controller, Selection};
use crate::lang::Lang;
use crate::share::{Bench, LinkParams, Theme};
use crate::sim::SimTime;

/// URL fragment that makes the app panic on mount. It lets tests check that a
/// panic shows the error banner; it touches nothing but the current page.
pub const PANIC_TEST_FRAGMENT: &str = "#panic-test";

/// Attribute set on `<body>` while the keyboard shortcuts are listening.
pub const KEYBOARD_READY: &str = "data-keyboard";

pub(crate) fn root_classes(p: &Prefs) -> Classes {
    let theme = match p.theme {
        Theme::Light => "theme-light",
        Theme::Dark => "theme-dark",
        Theme::Contrast => "theme-contrast",
    };
    classes!(
        "shell",
        theme,
        p.present.then_some("present"),
        p.embed.then_some("embed")
    )
}

/// The lesson (and variant) open in the lab, as the URL names them.
type LessonKey = Option<(String, Option<String>)>;

/// Keeps the open lesson, `lang` and the other view parameters in the URL.
fn sync_lesson_url(p: &Prefs, lesson: &LessonKey, base: &LinkParams) {
    let mut params = base.clone();
    if lesson.is_some() || base.lesson.is_some() {
        params.scenario = None;
        params.time_ms = None;
        params.lesson = lesson.as_ref().map(|l| l.0.clone());
        params.variant = lesson.as_ref().and_then(|l| l.1.clone());
    }
    sync_url(p, &params);
}

/// Keeps `lang` (and the other view parameters) in the URL without reloading.
pub(crate) fn sync_url(p: &Prefs, base: &LinkParams) {
    let params = LinkParams {
        lang: Some(p.lang),
        theme: Some(p.theme),
        present: p.present,
        embed: p.embed,
        ..base.clone()
    };
    let window = gloo::utils::window();
    if let Ok(history) = window.history() {
        let url = format!("#{}", params.to_fragment());
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
    if let Some(html) = gloo::utils::document().document_element() {
        let _ = html.set_attribute("lang", if p.lang == Lang::Zh { "zh-Hans" } else { "en" });
    }
}

fn random_seed() -> u64 {
    // The page may draw randomness; the engine never does.
    (js_sys::Math::random() * 1e15) as u64
}

#[function_component(App)]
pub fn app() -> Html {
    let startup = use_memo((), |_| {
        let hash = gloo::utils::window().location().hash().unwrap_or_default();
        if hash == PANIC_TEST_FRAGMENT {
            panic!("deliberate panic requested by the {PANIC_TEST_FRAGMENT} URL fragment");
        }
        Startup::from_location()
    });
    let ctrl: Rc<RefCell<Controller>> = use_mut_ref(|| {
        let mut c = Controller::new(&startup.scenario);
        c.handle(Command::SetLang(startup.lang));
        if let Some(s) = startup.params.speed {
            c.handle(Command::SetSpeed(s));
        }
        if let Some(id) = &startup.params.lesson {
            c.handle(Command::StartLesson {
                id: id.clone(),
                variant: startup.params.variant.clone(),
            });
        } else if let Some(ms) = startup.params.time_ms {
            c.handle(Command::CatchUp(SimTime::from_millis_f64(ms)));
        }
        if startup.params.autoplay == Some(true) {
            c.handle(Command::Play);
        }
        c
    });
    let rev = use_state(|| 0u64);
    {
        let (perf, bench) = (startup.params.perf, startup.params.bench);
        use_effect_with((), move |_| {
            if perf || bench.is_some() {
                super::perf::enable();
            }
            // Let the page paint first, then measure.
            let timer = bench.map(|b| {
                gloo::timers::callback::Timeout::new(200, move || match b {
                    Bench::Engine => super::perf::bench_engine(),
                    Bench::Soak => super::perf::bench_soak(),
                })
            });
            move || drop(timer)
        });
    }
    let prefs = use_state(|| Prefs {
        lang: startup.lang,
        theme: startup.theme,
        present: startup.params.present,
        embed: startup.params.embed,
        reduced_motion: reduced_motion(),
    });
    let overlay = use_state(|| Overlay::None);
    let notices = use_state(|| startup.notices.clone());
    let command_box = use_node_ref();
    let pending: Pending = (*use_memo((), |_| Pending::default())).clone();
    let dropping = use_state(|| false);

    let lab = LabRef {
        ctrl: ctrl.clone(),
        rev: *rev,
    };
    let dispatch = {
        let (ctrl, rev) = (ctrl.clone(), rev.clone());
        Callback::from(move |cmd: Command| {
            ctrl.borrow_mut().handle(cmd);
            rev.set(ctrl.borrow().revision());
        })
    };
    let on_change = {
        let rev = rev.clone();
        Callback::from(move |r: u64| rev.set(r))
    };
    let set_prefs = {
        let (prefs, dispatch) = (prefs.clone(), dispatch.clone());
        Callback::from(move |p: Prefs| {
            dispatch.emit(Command::SetLang(p.lang));
            prefs.set(p);
        })
    };
    {
        let lesson: LessonKey = ctrl
            .borrow()
            .lesson()
            .map(|s| (s.lesson().id.to_string(), s.variant().map(str::to_string)));
        let (p, params) = (*prefs, startup.params.clone());
        use_effect_with((p, lesson), move |(p, lesson)| {
            sync_lesson_url(p, lesson, &params)
        });
    }
    let open = {
        let overlay = overlay.clone();
        Callback::from(move |o: Overlay| overlay.set(o))
    };
    let close = {
        let overlay = overlay.clone();
        Callback::from(move |_: ()| overlay.set(Overlay::None))
    };
    let new_seed = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: ()| dispatch.emit(Command::NewSeed(random_seed())))
    };

    // Keyboard: every action has a key (see app::keys), except while typing.
    {
        let (ctrl, dispatch, overlay, command_box) = (
            ctrl.clone(),
            dispatch.clone(),
            overlay.clone(),
            command_box.clone(),
        );
        let overlay_now = *overlay;
        use_effect_with(overlay_now, move |_| {
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                options,
                move |e| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    let typing = e
                        .target()
                        .and_then(|t| t.dyn_into::<HtmlElement>().ok())
                        .is_some_and(|el| {
                            matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
                        });
                    if typing && e.key() != "Escape" {
                        return;
                    }
                    let mods = Mods {
                        shift: e.shift_key(),
                        other: e.ctrl_key() || e.alt_key() || e.meta_key(),
                    };
                    let selection = ctrl.borrow().selection();
                    let Some(i) = intent(&e.key(), mods, selection) else {
                        return;
                    };
                    if overlay_now != Overlay::None && !matches!(i, Intent::Escape | Intent::Help) {
                        return;
                    }
                    e.prevent_default();
                    match i {
                        Intent::Lab(cmd) => dispatch.emit(cmd),
                        Intent::Help => overlay.set(if overlay_now == Overlay::Help {
                            Overlay::None
                        } else {
                            Overlay::Help
                        }),
                        Intent::Settings => overlay.set(Overlay::Settings),
                        Intent::Escape => {
                            if overlay_now != Overlay::None {
                                overlay.set(Overlay::None);
                            } else {
                                dispatch.emit(Command::Select(Selection::None));
                            }
                            if let Some(el) = command_box.cast::<HtmlInputElement>() {
                                let _ = el.blur();
                            }
                        }
                        Intent::CommandBox(prefix) => {
                            if let Some(el) = command_box.cast::<HtmlInputElement>() {
                                el.set_value(prefix);
                                let _ = el.focus();
                            }
                        }
                        Intent::Fullscreen => {
                            let doc = gloo::utils::document();
                            if doc.fullscreen_element().is_some() {
                                doc.exit_fullscreen();
                            } else if let Some(root) = doc.document_element() {
                                let _ = root.request_fullscreen();
                            }
                        }
                        Intent::LessonNext => dispatch.emit(Command::LessonNext),
                        Intent::LessonPrev => dispatch.emit(Command::LessonPrev),
                        Intent::NextMessage | Intent::PrevMessage => {
                            let next = {
                                let c = ctrl.borrow();
                                let ids: Vec<_> =
                                    c.cluster().network().in_flight().map(|m| m.id).collect();
                                let at = match c.selection() {
                                    Selection::Message(id) => ids.iter().position(|m| *m == id),
                                    _ => None,
                                };
                                let len = ids.len();
                                (len > 0).then(|| {
                                    let k = match (at, i == Intent::NextMessage) {
                                        (Some(k), true) => (k + 1) % len,
                                        (Some(k), false) => (k + len - 1) % len,
                                        (None, true) => 0,
                                        (None, false) => len - 1,
                                    };
                                    ids[k]
                                })
                            };
                            if let Some(id) = next {
                                dispatch.emit(Command::Select(Selection::Message(id)));
                            }
                        }
                        Intent::SeekStart => dispatch.emit(Command::Seek(SimTime::ZERO)),
                        Intent::SeekEnd => {
                            let end = ctrl.borrow().horizon();
                            dispatch.emit(Command::Seek(end));
                        }
                    }
                },
            );
            // Tells tests (and scripts driving the page) that keys now work.
            let body = gloo::utils::body();
            let _ = body.set_attribute(KEYBOARD_READY, "on");
            move || {
                let _ = body.remove_attribute(KEYBOARD_READY);
                drop(listener)
            }
        });
    }

    let p = *prefs;
    let notice = lab.get().notice().cloned();
    let dismiss = {
        let dispatch = dispatch.clone();
        dismiss_handler(notices.clone(), move || {
            dispatch.emit(Command::DismissNotice)
        })
    };
    let discard_branch = {
        let dispatch = dispatch.clone();
        Callback::from(move |i: usize| dispatch.emit(Command::DiscardBranch(i)))
    };
    // A scenario file dropped anywhere on the page is loaded.
    let ondragover = {
        let dropping = dropping.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dropping {
                dropping.set(true);
            }
        })
    };
    let ondragleave = {
        let dropping = dropping.clone();
        Callback::from(move |_: DragEvent| dropping.set(false))
    };
    let ondrop = {
        let (dispatch, pending, dropping) = (dispatch.clone(), pending.clone(), dropping.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dropping.set(false);
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                load_file(file, dispatch.clone(), &pending);
            }
        })
    };
    html! {
        <div class={classes!(root_classes(&p), dropping.then_some("dropping"))} {ondragover} {ondragleave} {ondrop}>
            if !p.embed {
                <Header prefs={p} set_prefs={set_prefs.clone()}>
                    <LessonPicker lab={lab.clone()} prefs={p} dispatch={dispatch.clone()} />
                    { overlay_buttons(p, &open) }
                </Header>
            }
            <NoticeBar prefs={p} link_notices={(*notices).clone()} lab_notice={notice} dismiss={dismiss} discard_branch={discard_branch} />
            <main class="workspace">
                <Stage lab={lab.clone()} prefs={p} dispatch={dispatch.clone()} on_change={on_change} />
                <Timeline lab={lab.clone()} prefs={p} dispatch={dispatch.clone()} />
                <aside class="side">
                    <LessonPanel lab={lab.clone()} prefs={p} dispatch={dispatch.clone()} />
                    <EventsPanel lab={lab.clone()} prefs={p} />
                    <InvariantsPanel lab={lab.clone()} prefs={p} />
                    <ServersTable lab={lab.clone()} prefs={p} dispatch={dispatch.clone()} />
                </aside>
                <LogPanel lab={lab.clone()} prefs={p} />
            </main>
            <ControlBar lab={lab.clone()} prefs={p} dispatch={dispatch.clone()} open={open} new_seed={new_seed} command_box={command_box} />
            if *overlay == Overlay::Help {
                <HelpOverlay prefs={p} close={close.clone()} />
            }
            if *overlay == Overlay::Settings {
                <SettingsDialog lab={lab.clone()} prefs={p} dispatch={dispatch.clone()} close={close.clone()} />
            }
            if *overlay == Overlay::Share {
                <ShareDialog lab={lab.clone()} prefs={p} dispatch={dispatch.clone()} close={close.clone()} pending={pending.clone()} />
            }
        </div>
    }
}
