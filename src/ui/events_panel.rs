//! The narration: recent events in plain words, newest first, each with the
//! rule of its protocol it follows from, where the protocol cites one. Message traffic can be shown or hidden. The
//! event in focus (the one just stepped over, or a lesson step's cue) is
//! marked, the same one the canvas highlights, and always listed.

use yew::prelude::*;

use super::page::Page;
use super::shared::Cx;
use crate::protocol::TraceKind;
use crate::sim::TraceEvent;

/// How many events the panel lists: as many notable ones as the lab keeps.
const SHOWN: usize = crate::lab::NOTABLE_EVENTS;

#[function_component]
pub fn EventsPanel<P: Page>(props: &Cx<P>) -> Html {
    let traffic = use_state(|| false);
    let list = use_node_ref();
    {
        // Keep the event in focus in view as the narration changes.
        let list = list.clone();
        use_effect_with(props.lab.rev, move |_| {
            let current = list
                .cast::<web_sys::Element>()
                .and_then(|l| l.query_selector(".event.current").ok().flatten());
            if let Some(el) = current {
                super::scroll::into_view(&el);
            }
        });
    }
    let c = props.lab.get();
    let p = props.prefs;
    let focus = c.focus().event;
    let is_focus = |e: &TraceEvent<P::Event>| focus == Some(e);
    let shown: Vec<&TraceEvent<P::Event>> = if *traffic {
        c.lab().recent_events().iter().rev().take(SHOWN).collect()
    } else {
        let mut shown: Vec<&TraceEvent<P::Event>> =
            c.lab().notable_events().iter().rev().take(SHOWN).collect();
        // A message in focus is listed among the notable events, in its place.
        if let Some(f) = focus.filter(|f| !f.kind.is_notable()) {
            let at = shown
                .iter()
                .position(|e| e.at <= f.at)
                .unwrap_or(shown.len());
            shown.insert(at, f);
        }
        shown
    };
    let empty = shown.is_empty() && c.lesson().is_none();
    let rows = shown
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let r = e.kind.cite(p.lang);
            let violation = e.kind.is_violation();
            let current = is_focus(e);
            html! {
                <li class={classes!("event", (i == 0).then_some("latest"), violation.then_some("bad"), current.then_some("current"))}
                    aria-current={current.then_some("true")}>
                    <span class="t">{ format!("{:.3}", e.at.as_millis_f64() / 1000.0) }</span>
                    <span class="what">{ super::lesson_panel::rich(&e.kind.describe(p.lang)) }</span>
                    if let Some((section, text)) = r {
                        <span class="rule" title={text.clone()}>{ format!("{section} · {text}") }</span>
                    }
                </li>
            }
        });
    let toggle = {
        let traffic = traffic.clone();
        Callback::from(move |_: Event| traffic.set(!*traffic))
    };
    html! {
        <section class="panel events" aria-labelledby="events-h">
            <header>
                <h2 id="events-h">{ p.t("What happened", "发生了什么") }</h2>
                <label class="toggle">
                    <input type="checkbox" checked={*traffic} onchange={toggle} />
                    { p.t("messages", "消息") }
                </label>
            </header>
            if empty {
                <p class="welcome">{ P::WELCOME.get(p.lang) }</p>
            }
            <ol class="event-list" aria-live="polite" ref={list}>{ for rows }</ol>
        </section>
    }
}
