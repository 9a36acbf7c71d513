//! The timeline under the canvas: the whole run so far with its markers and
//! leadership bands, the cursor at the current moment and the horizon. Click
//! or drag to scrub (backwards included); hovering names the marker under
//! the pointer. Its own small canvas is kept at device resolution and
//! repainted from an effect-owned frame loop when what it shows changes.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{CanvasRenderingContext2d, HtmlElement};
use yew::prelude::*;

use super::branches::BranchesMenu;
use super::canvas_fit::{CanvasEvent, CanvasLoop};
use super::page::Page;
use super::shared::{Cx, Dispatch, Prefs};
use crate::app::{Command, Controller, View};
use crate::draw::{self, timeline::TimelinePaint};
use crate::lab::Marker;
use crate::sim::SimTime;
use crate::view::palette::canvas_colors;
use crate::view::timeline::{
    PAD, TimeAxis, bands, glyphs, is_landmark, marker_at, marker_label, time_label,
};
use crate::viewport::Viewport;

/// While playing, the timeline is repainted at most this often (ms).
const PLAYING_REPAINT_MS: f64 = 100.0;
/// Landmarks listed for screen readers (the latest ones).
const LISTED: usize = 60;

/// What a paint depends on: when it is unchanged, nothing is repainted.
#[derive(Clone, Copy, PartialEq)]
struct PaintKey {
    now: SimTime,
    horizon: SimTime,
    markers: usize,
    branches: usize,
    view: Viewport,
    prefs: Prefs,
    hover: Option<i64>,
}

#[derive(Default)]
struct Live {
    view: Option<Viewport>,
    prefs: Option<Prefs>,
    hover: Option<f64>,
    dragging: bool,
    painted: Option<PaintKey>,
    painted_at: f64,
}

fn axis_of<P: View>(ctrl: &Controller<P>, view: &Viewport) -> TimeAxis {
    TimeAxis::new(view.css_width, ctrl.horizon())
}

fn paint<P: View>(ctrl: &Controller<P>, live: &mut Live, ctx: &CanvasRenderingContext2d, ts: f64) {
    let (Some(view), Some(prefs)) = (live.view, live.prefs) else {
        return;
    };
    let lab = ctrl.lab();
    let key = PaintKey {
        now: lab.now(),
        horizon: ctrl.horizon(),
        markers: lab.markers().len(),
        branches: lab.branches().len(),
        view,
        prefs,
        hover: live.hover.map(|x| x.round() as i64),
    };
    if live.painted == Some(key) || (ctrl.playing() && ts - live.painted_at < PLAYING_REPAINT_MS) {
        return;
    }
    live.painted = Some(key);
    live.painted_at = ts;
    let colors = canvas_colors(prefs.theme);
    draw::clear_with(ctx, &view, colors.background);
    if view.is_empty() {
        return;
    }
    let axis = axis_of(ctrl, &view);
    let forks: Vec<SimTime> = lab.branches().iter().map(|b| b.fork_at).collect();
    let paint = TimelinePaint {
        colors: &colors,
        scale: prefs.scale(),
        height: view.css_height,
        axis,
        glyphs: &glyphs(lab.markers(), &axis),
        bands: &bands(lab.marker_log(), ctrl.horizon(), &axis),
        now: lab.now(),
        horizon: ctrl.horizon(),
        forks: &forks,
        hover: live.hover,
    };
    draw::timeline::paint(ctx, &paint);
}

fn seconds(t: SimTime) -> String {
    format!("{:.3}", t.as_millis_f64() / 1000.0)
}

#[function_component]
pub fn Timeline<P: Page>(props: &Cx<P>) -> Html {
    let container = use_node_ref();
    let canvas = use_node_ref();
    let tip = use_node_ref();
    let live: Rc<RefCell<Live>> = use_mut_ref(Live::default);
    let hover_label = use_state(|| None::<String>);
    live.borrow_mut().prefs = Some(props.prefs);
    {
        let (container, canvas, live) = (container.clone(), canvas.clone(), live.clone());
        let ctrl = props.lab.ctrl.clone();
        use_effect_with((), move |_| {
            let canvas_loop = CanvasLoop::start(&container, &canvas, move |event, ctx| {
                let mut l = live.borrow_mut();
                let ts = match event {
                    CanvasEvent::Resized(view) => {
                        (l.view, l.painted) = (Some(view), None);
                        0.0
                    }
                    CanvasEvent::Frame(ts) => ts,
                };
                paint(&ctrl.borrow(), &mut l, ctx, ts)
            });
            move || drop(canvas_loop)
        });
    }

    let time_at = {
        let (live, ctrl) = (live.clone(), props.lab.ctrl.clone());
        move |e: &PointerEvent| -> Option<SimTime> {
            let view = live.borrow().view?;
            Some(axis_of(&ctrl.borrow(), &view).time(f64::from(e.offset_x())))
        }
    };
    let onpointerdown = {
        let (live, dispatch, time_at) = (live.clone(), props.dispatch.clone(), time_at.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(t) = time_at(&e) else { return };
            live.borrow_mut().dragging = true;
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            dispatch.emit(Command::Pause);
            dispatch.emit(Command::Seek(t));
        })
    };
    let onpointermove = {
        let (live, dispatch, hover_label, tip) = (
            live.clone(),
            props.dispatch.clone(),
            hover_label.clone(),
            tip.clone(),
        );
        let (ctrl, lang) = (props.lab.ctrl.clone(), props.prefs.lang);
        Callback::from(move |e: PointerEvent| {
            let x = f64::from(e.offset_x());
            let Some(t) = time_at(&e) else { return };
            let dragging = {
                let mut l = live.borrow_mut();
                l.hover = Some(x);
                l.dragging
            };
            if dragging {
                dispatch.emit(Command::Seek(t));
            }
            let Some(view) = live.borrow().view else {
                return;
            };
            let label = {
                let c = ctrl.borrow();
                let axis = axis_of(&c, &view);
                let near = marker_at(c.lab().markers(), &axis, x, 6.0);
                let when = time_label(t.as_millis_f64());
                Some(match near {
                    Some(m) => format!("{} · {}", seconds(m.at), marker_label(&m.kind, lang)),
                    None => when,
                })
            };
            if *hover_label != label {
                hover_label.set(label);
            }
            if let Some(el) = tip.cast::<HtmlElement>() {
                let width = f64::from(el.offset_width());
                let left = (x - width / 2.0).clamp(0.0, (view.css_width - width).max(0.0));
                let _ = el.style().set_property("left", &format!("{left:.0}px"));
            }
        })
    };
    let onpointerup = {
        let live = live.clone();
        Callback::from(move |_: PointerEvent| live.borrow_mut().dragging = false)
    };
    let onpointercancel = onpointerup.clone();
    let onpointerleave = {
        let (live, hover_label) = (live.clone(), hover_label.clone());
        Callback::from(move |_: PointerEvent| {
            let mut l = live.borrow_mut();
            l.hover = None;
            l.dragging = false;
            hover_label.set(None);
        })
    };

    let c = props.lab.get();
    let p = props.prefs;
    let lab = c.lab();
    let (now, horizon) = (lab.now(), c.horizon());
    let span = TimeAxis::new(1.0, horizon).span;
    let text = format!(
        "{} s {} {} s",
        seconds(now),
        p.t("of", "/"),
        seconds(horizon)
    );
    html! {
        <div class="timeline-row">
            <div class="timeline" ref={container}
                data-now-ms={now.as_millis_f64().to_string()} data-horizon-ms={horizon.as_millis_f64().to_string()}
                data-span-ms={span.as_millis_f64().to_string()} data-pad={PAD.to_string()}
                data-events={lab.events().to_string()}
                data-fingerprint={format!("{:016x}", P::fingerprint(c.world()))}>
                <canvas ref={canvas} role="slider" tabindex="0"
                    aria-label={p.t("Timeline: drag to go back and forth in time", "时间线：拖动以在时间中前后移动").to_string()}
                    aria-valuemin="0" aria-valuemax={horizon.as_millis_f64().round().to_string()}
                    aria-valuenow={now.as_millis_f64().round().to_string()} aria-valuetext={text}
                    {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onpointerleave}></canvas>
                <div ref={tip} class={classes!("timeline-tip", hover_label.is_none().then_some("hidden"))} aria-hidden="true">
                    { (*hover_label).clone().unwrap_or_default() }
                </div>
            </div>
            <BranchesMenu<P> ..props.clone() />
            { landmark_list::<P>(lab.markers(), p, &props.dispatch) }
        </div>
    }
}

/// The latest landmarks as a list of buttons, for screen readers and keyboards.
fn landmark_list<P: Page>(markers: &[Marker], p: Prefs, dispatch: &Dispatch<P>) -> Html {
    let landmarks: Vec<&Marker> = markers.iter().filter(|m| is_landmark(&m.kind)).collect();
    let shown = &landmarks[landmarks.len().saturating_sub(LISTED)..];
    html! {
        <div class="sr-only timeline-index">
            <h2>{ p.t("Moments on the timeline", "时间线上的时刻") }</h2>
            <ol>
                { for shown.iter().map(|m| {
                    let (dispatch, at) = (dispatch.clone(), m.at);
                    let onclick = Callback::from(move |_: MouseEvent| dispatch.emit(Command::Seek(at)));
                    html! {
                        <li data-at-ms={m.at.as_millis_f64().to_string()}>
                            <button type="button" {onclick}>{ format!("{} s · {}", seconds(m.at), marker_label(&m.kind, p.lang)) }</button>
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}
