//! The page shell every protocol shares: header, notices, the stage with
//! its timeline, the lesson panel and narration beside it, the protocol's
//! own panels, the control bar and overlays. It owns the controller, fetches
//! the course index and lesson files, turns keys, clicks and dropped files
//! into commands, keeps the URL in step, and re-renders the panels when the
//! frame loop reports a change.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use super::controls::{ControlBar, overlay_buttons};
use super::events_panel::EventsPanel;
use super::fetch;
use super::file_io::{Pending, load_file, open_lesson};
use super::header::Header;
use super::help::HelpOverlay;
use super::lesson_panel::LessonPanel;
use super::lesson_picker::LessonPicker;
use super::notice::{NoticeBar, dismiss_handler};
use super::page::{Page, Pane, Place};
use super::share_dialog::ShareDialog;
use super::shared::{Cmd, Cx, LabRef, Overlay, Prefs};
use super::startup::{Startup, reduced_motion, touch};
use super::timeline::Timeline;
use crate::app::keys::{Intent, Mods, intent};
use crate::app::{Command, Controller, Level, Notice, Selection};
use crate::lang::{Lang, Text};
use crate::lesson::{LessonInfo, parse_index};
use crate::msg;
use crate::net::NetHost;
use crate::share::{Bench, LinkParams, Theme};
use crate::sim::SimTime;

/// URL fragment that makes the app panic on mount. It lets tests check that a
/// panic shows the error banner; it touches nothing but the current page.
pub const PANIC_TEST_FRAGMENT: &str = "#panic-test";

/// Attribute set on `<body>` while the keyboard shortcuts are listening.
pub const KEYBOARD_READY: &str = "data-keyboard";

/// How long an information notice shows before it fades (ms).
const NOTICE_MS: u32 = 8_000;

/// Attribute set on `<body>` once the course index has been read (or failed).
pub const INDEX_READY: &str = "data-lessons";

fn root_classes(p: &Prefs, panels: bool) -> Classes {
    let theme = match p.theme {
        Theme::Light => "theme-light",
        Theme::Dark => "theme-dark",
        Theme::Contrast => "theme-contrast",
    };
    classes!(
        "shell",
        theme,
        p.present.then_some("present"),
        p.embed.then_some("embed"),
        p.touch.then_some("touch"),
        (!panels).then_some("no-panels")
    )
}

/// The lesson open in the lab as the URL names it: a built-in one by id (and
/// variant), or the course's own file the page was opened with.
#[derive(Clone, PartialEq)]
enum LessonKey {
    None,
    BuiltIn(String, Option<String>),
    File,
}

/// Keeps the open lesson, `lang` and the other view parameters in the URL.
fn sync_url(p: &Prefs, lesson: &LessonKey, base: &LinkParams) {
    let mut params = LinkParams {
        lang: Some(p.lang),
        theme: Some(p.theme),
        present: p.present,
        embed: p.embed,
        ..base.clone()
    };
    match lesson {
        LessonKey::BuiltIn(id, variant) => {
            params.scenario = None;
            params.time_ms = None;
            params.lesson_url = None;
            params.lesson = Some(id.clone());
            params.variant = variant.clone();
        }
        LessonKey::File => {}
        LessonKey::None => {
            params.lesson = None;
            params.variant = None;
            params.lesson_url = None;
        }
    }
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

/// Where a lesson's file comes from.
#[derive(Clone, Debug, PartialEq)]
enum Source {
    BuiltIn(String, Option<String>),
    /// A course's own file on the page's site.
    Url(String),
}

fn notify<P: Page>(dispatch: &Callback<Cmd<P>>, level: Level, text: crate::lang::Text) {
    dispatch.emit(Command::Notify(Notice::new(level, text)));
}

/// Fetches a lesson's file and opens it (playing at once if `play`).
async fn fetch_lesson<P: Page>(source: Source, play: bool, dispatch: Callback<Cmd<P>>) {
    let (url, variant) = match &source {
        Source::BuiltIn(id, v) => (fetch::lesson_url(id), v.clone()),
        Source::Url(u) => (u.clone(), None),
    };
    match fetch::text(&url).await {
        Ok(text) => {
            open_lesson::<P>(&url, &text, variant, &dispatch);
            if play {
                dispatch.emit(Command::Play);
            }
        }
        Err(e) => notify(
            &dispatch,
            Level::Error,
            msg!("The lesson could not be loaded: {e}", "无法载入课程：{e}"),
        ),
    }
}

/// Fetches the course index; a problem with it becomes a notice.
async fn fetch_index<P: Page>(dispatch: &Callback<Cmd<P>>) -> Option<Vec<LessonInfo>> {
    let text = match fetch::text(&fetch::index_url()).await {
        Ok(text) => text,
        Err(e) => {
            notify(
                dispatch,
                Level::Warning,
                msg!(
                    "The list of lessons could not be loaded: {e}",
                    "无法载入课程列表：{e}"
                ),
            );
            return None;
        }
    };
    match parse_index(&text) {
        Ok(list) => Some(list),
        Err(e) => {
            let (en, zh) = (e.describe(Lang::En), e.describe(Lang::Zh));
            notify(
                dispatch,
                Level::Warning,
                msg!(
                    "The list of lessons could not be read: {en}",
                    "无法读取课程列表：{zh}"
                ),
            );
            None
        }
    }
}

/// Opens built-in lesson `id` named by a link, once the index says what it
/// is: a lesson of another protocol reopens the page in that view, an
/// unknown one is named in a notice with the lessons there are.
async fn open_named<P: Page>(
    id: String,
    variant: Option<String>,
    index: Option<&[LessonInfo]>,
    play: bool,
    dispatch: Callback<Cmd<P>>,
) {
    if let Some(index) = index {
        match index.iter().find(|l| l.id == id) {
            Some(l) if l.protocol != P::ID => {
                if let Some((view, _)) = crate::protocols::VIEWS
                    .iter()
                    .find(|(v, _)| *v == l.protocol)
                {
                    super::switch::open_in_view(view, Some((id, variant)));
                    return;
                }
            }
            Some(_) => {}
            None => {
                let known: Vec<&str> = index.iter().map(|l| l.id.as_str()).collect();
                let known = known.join(", ");
                notify(
                    &dispatch,
                    Level::Error,
                    msg!(
                        "There is no lesson \"{id}\". The lessons are: {known}.",
                        "没有课程“{id}”。现有课程：{known}。"
                    ),
                );
                return;
            }
        }
    }
    fetch_lesson::<P>(Source::BuiltIn(id, variant), play, dispatch).await;
}

/// The page of protocol `P`.
#[function_component]
pub fn App<P: Page>() -> Html {
    let startup = use_memo((), |_| {
        let hash = gloo::utils::window().location().hash().unwrap_or_default();
        if hash == PANIC_TEST_FRAGMENT {
            panic!("deliberate panic requested by the {PANIC_TEST_FRAGMENT} URL fragment");
        }
        Startup::<P>::from_location()
    });
    let ctrl: Rc<RefCell<Controller<P>>> = use_mut_ref(|| {
        let mut c = Controller::new(&startup.scenario);
        c.handle(Command::SetLang(startup.lang));
        if let Some(s) = startup.params.speed {
            c.handle(Command::SetSpeed(s));
        }
        let lesson = startup.params.lesson.is_some() || startup.params.lesson_url.is_some();
        if let (Some(ms), false) = (startup.params.time_ms, lesson) {
            c.handle(Command::CatchUp(SimTime::from_millis_f64(ms)));
        }
        if startup.params.autoplay == Some(true) && !lesson {
            c.handle(Command::Play);
        }
        c
    });
    let rev = use_state(|| 0u64);
    let prefs = use_state(|| Prefs {
        lang: startup.lang,
        theme: startup.theme,
        present: startup.params.present,
        embed: startup.params.embed,
        reduced_motion: reduced_motion(),
        touch: touch(),
    });
    let overlay = use_state(|| Overlay::None);
    // Secondary panels show unless presenting; `e` toggles them.
    let panels = use_state(|| !startup.params.present);
    // The pane a phone shows.
    let tab = use_state(|| "events");
    // How to cut the network, until the first cut or a dismissal.
    let hint = use_state(|| !startup.params.embed);
    let notices = use_state(|| startup.notices.clone());
    let index = use_state(|| Rc::new(Vec::<LessonInfo>::new()));
    let command_box = use_node_ref();
    let pending: Pending = (*use_memo((), |_| Pending::default())).clone();
    let dropping = use_state(|| false);

    // One callback for the page's lifetime, so panels that get it compare equal.
    let dispatch = (*use_memo((), {
        let (ctrl, rev) = (ctrl.clone(), rev.clone());
        move |_| {
            Callback::from(move |cmd: Cmd<P>| {
                ctrl.borrow_mut().handle(cmd);
                rev.set(ctrl.borrow().revision());
            })
        }
    }))
    .clone();
    let lab = LabRef {
        ctrl: ctrl.clone(),
        rev: *rev,
    };
    let cx = Cx::<P> {
        lab: lab.clone(),
        prefs: *prefs,
        dispatch: dispatch.clone(),
        command_box: command_box.clone(),
    };

    // Benchmarks and the frame log, when the URL asks for them.
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
    // The course index, then the lesson the link names.
    {
        let (index, dispatch, params) = (index.clone(), dispatch.clone(), startup.params.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let play = params.autoplay == Some(true);
                if let Some(url) = &params.lesson_url {
                    fetch_lesson::<P>(Source::Url(url.clone()), play, dispatch.clone()).await;
                }
                let list = fetch_index::<P>(&dispatch).await;
                if let (Some(id), None) = (&params.lesson, &params.lesson_url) {
                    let (id, variant) = (id.clone(), params.variant.clone());
                    open_named::<P>(id, variant, list.as_deref(), play, dispatch.clone()).await;
                }
                if let Some(list) = list {
                    index.set(Rc::new(list));
                }
                let _ = gloo::utils::body().set_attribute(INDEX_READY, "on");
            });
        });
    }
    let open_by_id = {
        let dispatch = dispatch.clone();
        Callback::from(move |id: String| {
            let source = Source::BuiltIn(id, None);
            wasm_bindgen_futures::spawn_local(fetch_lesson::<P>(source, false, dispatch.clone()));
        })
    };
    let set_prefs = {
        let (prefs, dispatch, panels) = (prefs.clone(), dispatch.clone(), panels.clone());
        Callback::from(move |p: Prefs| {
            dispatch.emit(Command::SetLang(p.lang));
            if p.present != prefs.present {
                // Presenting hides the secondary panels; leaving shows them.
                panels.set(!p.present);
            }
            prefs.set(p);
        })
    };
    {
        let key = match ctrl.borrow().lesson() {
            None => LessonKey::None,
            Some(run) => {
                let id = &run.lesson().id;
                let built_in = startup.params.lesson_url.is_none()
                    || index.iter().any(|l| &l.id == id && l.protocol == P::ID);
                if built_in {
                    LessonKey::BuiltIn(id.clone(), run.variant().map(str::to_string))
                } else {
                    LessonKey::File
                }
            }
        };
        let (p, params) = (*prefs, startup.params.clone());
        use_effect_with((p, key), move |(p, key)| sync_url(p, key, &params));
    }
    let open = {
        let overlay = overlay.clone();
        Callback::from(move |o: Overlay| overlay.set(o))
    };
    let close = {
        let overlay = overlay.clone();
        Callback::from(move |_: ()| overlay.set(Overlay::None))
    };
    let toggle_panels = {
        let panels = panels.clone();
        Callback::from(move |_: ()| panels.set(!*panels))
    };
    let new_seed = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: ()| dispatch.emit(Command::NewSeed(random_seed())))
    };

    // Keyboard: every action has a key (see app::keys), except while typing.
    {
        let (ctrl, dispatch, overlay, panels, command_box) = (
            ctrl.clone(),
            dispatch.clone(),
            overlay.clone(),
            panels.clone(),
            command_box.clone(),
        );
        let (overlay_now, panels_now) = (*overlay, *panels);
        use_effect_with((overlay_now, panels_now), move |_| {
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
                    let Some(i) = intent::<P>(&e.key(), mods, selection) else {
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
                        Intent::Panels => panels.set(!panels_now),
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
                            let forward = matches!(i, Intent::NextMessage);
                            let next = next_message(&ctrl.borrow(), forward);
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
    let (notice, beside, named, step) = {
        let c = lab.get();
        let run = c.lesson();
        let beside = run.and_then(|r| r.lesson().beside.clone());
        // The panel the step on show points at, while the lesson pauses there.
        let step = run.and_then(|r| match r.phase() {
            crate::lesson::Phase::Paused(n) => Some(n),
            _ => None,
        });
        let named = run
            .and_then(|r| r.current())
            .filter(|(n, _)| Some(*n) == step)
            .and_then(|(_, st)| st.panel)
            .map(|pn| pn.name());
        (c.notice().cloned(), beside, named, step)
    };
    // Information fades by itself; warnings and errors stay until dismissed.
    {
        let dispatch = dispatch.clone();
        use_effect_with(notice.clone(), move |notice| {
            let timer = notice.as_ref().filter(|n| n.level == Level::Info).map(|_| {
                gloo::timers::callback::Timeout::new(NOTICE_MS, move || {
                    dispatch.emit(Command::DismissNotice)
                })
            });
            move || drop(timer)
        });
    }
    // Bring the named panel into view: its tab on a phone, scrolled to otherwise.
    {
        let tab = tab.clone();
        use_effect_with((step, named), move |(_, named)| {
            if let Some(id) = *named {
                tab.set(id);
                let selector = format!("[data-pane=\"{id}\"]");
                if let Ok(Some(el)) = gloo::utils::document().query_selector(&selector) {
                    super::scroll::into_view(&el);
                }
            }
        });
    }
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
    // A scenario or lesson file dropped anywhere on the page is opened.
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
    let on_change = {
        let rev = rev.clone();
        Callback::from(move |r: u64| rev.set(r))
    };
    let index = (*index).clone();
    let show_hint = *hint && {
        let c = lab.get();
        c.lesson().is_none()
            && !c
                .lab()
                .markers()
                .iter()
                .any(|m| m.kind == crate::lab::MarkerKind::Partition)
    };
    // The narration first, then the protocol's panes; a lesson step may name one.
    let mut panes = vec![Pane {
        id: "events",
        title: Text::new("What happened", "发生了什么"),
        place: Place::Side,
        secondary: false,
        body: html! { <EventsPanel<P> ..cx.clone() /> },
    }];
    panes.extend(P::panes(&cx));
    let tabs: Vec<(&'static str, Text)> = panes.iter().map(|p| (p.id, p.title.clone())).collect();
    let (side, below): (Vec<Pane>, Vec<Pane>) =
        panes.into_iter().partition(|p| p.place == Place::Side);
    let panes = tabs;
    html! {
        <div class={classes!(root_classes(&p, *panels), dropping.then_some("dropping"), format!("view-{}", P::ID))}
            data-view={P::ID} {ondragover} {ondragleave} {ondrop}>
            if !p.embed {
                <Header prefs={p} tagline={P::TAGLINE} set_prefs={set_prefs.clone()}
                    picker={html! { <LessonPicker<P> cx={cx.clone()} index={index.clone()} open={open_by_id.clone()} /> }}>
                    { overlay_buttons(p, &open) }
                </Header>
            }
            <NoticeBar prefs={p} link_notices={(*notices).clone()} lab_notice={notice} dismiss={dismiss} discard_branch={discard_branch} />
            <main class={classes!("workspace", beside.is_some().then_some("versus"))}>
                { P::stage(&cx, &on_change) }
                if show_hint {
                    { drag_hint(p, &hint) }
                }
                <Timeline<P> ..cx.clone() />
                if let Some(scenario) = beside {
                    { P::beside(&cx, &Rc::new(scenario)) }
                }
                <aside class="side">
                    <LessonPanel<P> cx={cx.clone()} index={index.clone()} open={open_by_id.clone()} />
                    { tab_bar(&panes, &tab, named, p) }
                    { for side.into_iter().map(|pane| pane_html(pane, &tab, named)) }
                </aside>
                <div class="below">
                    { for below.into_iter().map(|pane| pane_html(pane, &tab, named)) }
                </div>
            </main>
            <ControlBar<P> cx={cx.clone()} open={open} new_seed={new_seed} panels={*panels} toggle_panels={toggle_panels} />
            if *overlay == Overlay::Help {
                <HelpOverlay<P> prefs={p} close={close.clone()} />
            }
            if *overlay == Overlay::Settings {
                { P::settings(&cx, &close) }
            }
            if *overlay == Overlay::Share {
                <ShareDialog<P> cx={cx.clone()} close={close.clone()} pending={pending.clone()} />
            }
        </div>
    }
}

/// The message after (or before) the selected one among those in flight,
/// round the list.
fn next_message<P: Page>(c: &Controller<P>, forward: bool) -> Option<crate::sim::MsgId> {
    let ids: Vec<_> = c.world().network().in_flight().map(|m| m.id).collect();
    let len = ids.len();
    if len == 0 {
        return None;
    }
    let at = match c.selection() {
        Selection::Message(id) => ids.iter().position(|m| *m == id),
        _ => None,
    };
    let k = match (at, forward) {
        (Some(k), true) => (k + 1) % len,
        (Some(k), false) => (k + len - 1) % len,
        (None, true) => 0,
        (None, false) => len - 1,
    };
    Some(ids[k])
}

/// The tabs that pick the pane a phone shows (hidden on wider screens).
fn tab_bar(
    panes: &[(&'static str, Text)],
    tab: &UseStateHandle<&'static str>,
    named: Option<&str>,
    p: Prefs,
) -> Html {
    html! {
        <nav class="tabs" role="tablist" aria-label={p.t("Panels", "面板").to_string()}>
            { for panes.iter().map(|(id, title)| {
                let on = **tab == *id;
                let set = {
                    let (tab, id) = (tab.clone(), *id);
                    Callback::from(move |_: MouseEvent| tab.set(id))
                };
                html! {
                    <button type="button" role="tab" aria-selected={on.to_string()} data-tab={*id}
                        class={classes!(on.then_some("on"), (named == Some(*id)).then_some("named"))} onclick={set}>
                        { title.get(p.lang) }
                    </button>
                }
            }) }
        </nav>
    }
}

/// A pane in its wrapper: the one the tab picks shows on a phone, a
/// secondary one hides while presenting, the one a lesson step names is marked.
fn pane_html(pane: Pane, tab: &UseStateHandle<&'static str>, named: Option<&str>) -> Html {
    let classes = classes!(
        "pane",
        (**tab == pane.id).then_some("current"),
        pane.secondary.then_some("secondary"),
        (named == Some(pane.id)).then_some("named")
    );
    html! {
        <div class={classes} data-pane={pane.id}>{ pane.body }</div>
    }
}

/// A first-time tip over the stage: the canvas takes drags and clicks.
fn drag_hint(p: Prefs, hint: &UseStateHandle<bool>) -> Html {
    let close = {
        let hint = hint.clone();
        Callback::from(move |_: MouseEvent| hint.set(false))
    };
    html! {
        <div class="stage-hint" role="note">
            <span>{ p.t(
                "Tip: drag a line across the canvas to cut the network in two; click a server, message or link for what you can do with it.",
                "提示：在画布上拖一条线可把网络切成两半；点击服务器、消息或链路可查看可做的操作。",
            ) }</span>
            <button type="button" onclick={close} aria-label={p.t("Dismiss the tip", "关闭提示").to_string()}>{ "×" }</button>
        </div>
    }
}
