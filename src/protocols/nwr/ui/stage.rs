//! The Quorum NWR canvas: fills its container at device resolution, runs
//! the frame loop (owned by an effect) that plays the run forward and
//! paints the scene, and turns pointer input into commands: a click on a
//! server selects it (the command box can then send through it), a drag
//! across the stage slices the network in two.

use web_sys::CanvasRenderingContext2d;
use yew::prelude::*;

use super::draw::{NwrDecor, paint as paint_scene};
use crate::app::{Command, Controller, Selection};
use crate::protocols::nwr::scene::{NwrScene, build_scene};
use crate::protocols::nwr::{Nwr, NwrWorld};
use crate::sim::NodeId;
use crate::ui::canvas_view::{CanvasLive, ViewState, point, use_canvas_view};
use crate::ui::shared::{Prefs, StageProps};
use crate::view::geometry::{Point, Stage as StageSize, is_slice, slice};
use crate::view::palette::canvas_colors;
use crate::viewport::Viewport;

/// How often panels are re-rendered at most while playing (ms).
const PANEL_REFRESH_MS: f64 = 250.0;

/// State the frame loop and the input handlers share between renders.
#[derive(Default)]
struct Live {
    base: ViewState,
    scene: Option<NwrScene>,
    hover: Option<NodeId>,
}

impl CanvasLive for Live {
    type Ctrl = Controller<Nwr>;
    const PANEL_REFRESH_MS: f64 = PANEL_REFRESH_MS;
    fn base(&mut self) -> &mut ViewState {
        &mut self.base
    }
    fn paint(&mut self, c: &Controller<Nwr>, ctx: &CanvasRenderingContext2d) {
        paint(c, self, ctx);
    }
}

fn stage_size(view: &Viewport, prefs: Prefs) -> StageSize {
    StageSize {
        width: view.css_width,
        height: view.css_height,
        text: prefs.scale(),
    }
}

/// The server under `p`, if any.
fn hit(scene: &NwrScene, p: Point) -> Option<NodeId> {
    let reach = scene.radius * 1.3;
    scene
        .servers
        .iter()
        .map(|s| (s.id, s.pos.dist(p)))
        .filter(|(_, d)| *d <= reach)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(id, _)| id)
}

/// Paints the current state and keeps the scene for hit testing.
fn paint(c: &Controller<Nwr>, live: &mut Live, ctx: &CanvasRenderingContext2d) {
    let (Some(view), Some(prefs)) = (live.base.view, live.base.prefs) else {
        return;
    };
    let colors = canvas_colors(prefs.theme);
    crate::draw::clear_with(ctx, &view, colors.background);
    if view.is_empty() {
        return;
    }
    let key = c.shown_key();
    let scene = build_scene(c.world(), &stage_size(&view, prefs), key.as_deref());
    let status = crate::draw::Status {
        now: c.world().now(),
        playing: c.playing(),
        speed: c.speed(),
        lang: prefs.lang,
        scale: prefs.scale(),
    };
    let extent = crate::draw::status_extent(ctx, &status);
    let focus = c.focus();
    let decor = NwrDecor {
        colors: &colors,
        scale: prefs.scale(),
        lang: prefs.lang,
        selected: c.selected_node(),
        hover: live.hover,
        highlight: &focus.nodes,
        slice: live.base.drag,
        reduced_motion: prefs.reduced_motion,
        status: extent,
    };
    paint_scene(ctx, &scene, &decor);
    crate::draw::status(ctx, &colors, &status, extent);
    live.scene = Some(scene);
}

/// Paints `w` as a still picture: no selection, no status line (a run
/// shown beside another protocol's lesson).
pub fn paint_still(ctx: &CanvasRenderingContext2d, view: &Viewport, w: &NwrWorld, prefs: Prefs) {
    let colors = canvas_colors(prefs.theme);
    crate::draw::clear_with(ctx, view, colors.background);
    if view.is_empty() {
        return;
    }
    let scene = build_scene(w, &stage_size(view, prefs), None);
    let decor = NwrDecor {
        colors: &colors,
        scale: 0.8 * prefs.scale(),
        lang: prefs.lang,
        selected: None,
        hover: None,
        highlight: &[],
        slice: None,
        reduced_motion: prefs.reduced_motion,
        status: (0.0, 0.0),
    };
    paint_scene(ctx, &scene, &decor);
}

fn place_tooltip(el: &NodeRef, p: Point) {
    if let Some(el) = el.cast::<web_sys::HtmlElement>() {
        let style = el.style();
        let _ = style.set_property("left", &format!("{:.0}px", p.x + 14.0));
        let _ = style.set_property("top", &format!("{:.0}px", p.y + 14.0));
    }
}

#[function_component(NwrStage)]
pub fn nwr_stage(props: &StageProps<Nwr>) -> Html {
    let container = use_node_ref();
    let canvas = use_node_ref();
    let tooltip = use_node_ref();
    let live = use_mut_ref(Live::default);
    let hover = use_state(|| None::<NodeId>);
    let view = use_state_eq(|| None::<Viewport>);
    {
        let view = view.setter();
        live.borrow_mut().base.on_resize = Some(Callback::from(move |v| view.set(Some(v))));
    }
    use_canvas_view(
        &container,
        &canvas,
        &props.lab.ctrl,
        &live,
        props.prefs,
        &props.on_change,
    );

    let onpointerdown = {
        let live = live.clone();
        Callback::from(move |e: PointerEvent| {
            let p = point(&e);
            let mut l = live.borrow_mut();
            let on_server = l.scene.as_ref().and_then(|s| hit(s, p)).is_some();
            if !on_server {
                l.base.start_drag(&e, p);
            }
        })
    };
    let onpointermove = {
        let (live, hover, tooltip) = (live.clone(), hover.clone(), tooltip.clone());
        Callback::from(move |e: PointerEvent| {
            let p = point(&e);
            let mut l = live.borrow_mut();
            if l.base.drag_to(p) {
                return;
            }
            let h = l.scene.as_ref().and_then(|s| hit(s, p));
            if h != l.hover {
                l.hover = h;
                l.base.dirty = true;
                hover.set(h);
            }
            place_tooltip(&tooltip, p);
        })
    };
    let onpointerup = {
        let (live, dispatch) = (live.clone(), props.dispatch.clone());
        let ctrl = props.lab.ctrl.clone();
        Callback::from(move |e: PointerEvent| {
            let p = point(&e);
            let mut l = live.borrow_mut();
            let drag = l.base.drag.take();
            l.base.dirty = true;
            let Some(scene) = l.scene.clone() else { return };
            drop(l);
            match drag {
                Some((a, b)) if is_slice(a, b) => {
                    let positions: Vec<Point> = scene.servers.iter().map(|s| s.pos).collect();
                    let groups = ctrl.borrow().world().network().groups().to_vec();
                    if let Some(g) = slice(a, b, &positions, &groups) {
                        dispatch.emit(Command::Partition(g));
                    }
                }
                _ => {
                    let current = ctrl.borrow().selected_node();
                    let sel = match hit(&scene, p) {
                        Some(id) if current != Some(id) => Selection::Node(id),
                        _ => Selection::None,
                    };
                    dispatch.emit(Command::Select(sel));
                }
            }
        })
    };
    let onpointerleave = {
        let (live, hover) = (live.clone(), hover.clone());
        Callback::from(move |_: PointerEvent| {
            let mut l = live.borrow_mut();
            l.hover = None;
            l.base.dirty = true;
            hover.set(None);
        })
    };

    let c = props.lab.get();
    let p = props.prefs;
    let w = c.world();
    let n = w.setup().nodes;
    let t = w.now().as_millis_f64() / 1000.0;
    let (nwr_n, nwr_w, nwr_r) = (w.setup().nwr.n, w.setup().nwr.w, w.setup().nwr.r);
    let label = match p.lang {
        crate::lang::Lang::En => format!(
            "Quorum NWR cluster of {n} servers at {t:.3} s: N = {nwr_n}, W = {nwr_w}, R = {nwr_r}"
        ),
        crate::lang::Lang::Zh => format!(
            "{n} 台服务器的 Quorum NWR 集群，时间 {t:.3} 秒：N = {nwr_n}，W = {nwr_w}，R = {nwr_r}"
        ),
    };
    let tip = (*hover).map(|id| super::panels::server_summary(&c, id, p.lang));
    let index = match *view {
        Some(v) => {
            let scene = build_scene(w, &stage_size(&v, p), c.shown_key().as_deref());
            let select = |id: NodeId| {
                let d = props.dispatch.clone();
                Callback::from(move |_: MouseEvent| d.emit(Command::Select(Selection::Node(id))))
            };
            let in_flight = scene
                .messages
                .iter()
                .filter(|m| m.dropped.is_none())
                .count();
            html! {
                <div class="sr-only stage-index">
                    <h2>{ p.t("On the canvas", "画布上的内容") }</h2>
                    <ul class="nodes">
                        { for scene.servers.iter().map(|s| html! {
                            <li data-node={s.id.0.to_string()} data-x={format!("{:.1}", s.pos.x)} data-y={format!("{:.1}", s.pos.y)}
                                data-replica={s.replica.map(|r| (r + 1).to_string())}
                                data-value={s.stored.as_ref().map(|st| st.value.to_string())}>
                                <button type="button" onclick={select(s.id)}>{ s.id.to_string() }</button>
                            </li>
                        }) }
                    </ul>
                    <h3>{ p.t("Messages in flight", "传输中的消息") }</h3>
                    <p class="count" data-count={in_flight.to_string()}>{ in_flight.to_string() }</p>
                </div>
            }
        }
        None => html! {},
    };
    html! {
        <div class="stage" ref={container}>
            <canvas ref={canvas} role="img" aria-label={label}
                {onpointerdown} {onpointermove} {onpointerup} {onpointerleave}></canvas>
            { index }
            <div ref={tooltip} class={classes!("tooltip", tip.is_none().then_some("hidden"))} role="status">
                { tip.unwrap_or_default() }
            </div>
        </div>
    }
}
