//! The cluster canvas: fills its container at device resolution, repaints on
//! resize, and runs the frame loop (owned by an effect) that plays the lab
//! forward and paints the scene. Pointer input selects servers, messages and
//! links, and a drag across empty space slices the network in two.

use web_sys::{CanvasRenderingContext2d, HtmlElement};
use yew::prelude::*;

use super::draw::Decor;
use super::popover::{Popover, Tooltip};
use crate::app::{Command, Controller, Selection};
use crate::draw;
use crate::protocols::raft::Raft;
use crate::protocols::raft::hit::{Target, anchor, hit, target};
use crate::protocols::raft::scene::{Scene, build_scene};
use crate::ui::canvas_view::{CanvasLive, ViewState, point, use_canvas_view};
use crate::ui::shared::{Dispatch, Prefs, StageProps};
use crate::view::geometry::{Point, Stage as StageSize, is_slice, slice};
use crate::view::palette::canvas_colors;
use crate::viewport::Viewport;

/// Messages listed in the screen-reader index of the canvas (the rest are counted).
const INDEXED_MESSAGES: usize = 60;

/// How often panels are re-rendered at most while playing (ms).
const PANEL_REFRESH_MS: f64 = 250.0;

/// State the frame loop and the input handlers share between renders.
#[derive(Default)]
struct Live {
    base: ViewState,
    scene: Option<Scene>,
    hover: Selection,
    popover: NodeRef,
}

impl CanvasLive for Live {
    type Ctrl = Controller<Raft>;
    const PANEL_REFRESH_MS: f64 = PANEL_REFRESH_MS;
    fn base(&mut self) -> &mut ViewState {
        &mut self.base
    }
    fn paint(&mut self, c: &Controller<Raft>, ctx: &CanvasRenderingContext2d) {
        paint(c, self, ctx);
    }
    fn after_frame(&mut self, c: &Controller<Raft>) {
        if let Some(scene) = &self.scene {
            place(&self.popover, anchor(scene, c.selection()), self.base.view);
        }
    }
}

fn place(el: &NodeRef, at: Option<Point>, view: Option<Viewport>) {
    let Some(el) = el.cast::<HtmlElement>() else {
        return;
    };
    let Some(p) = at else { return };
    let (w, h) = view.map_or((800.0, 600.0), |v| (v.css_width, v.css_height));
    let ow = f64::from(el.offset_width());
    let oh = f64::from(el.offset_height());
    let x = if p.x < 0.0 { -p.x - ow } else { p.x };
    let x = x.min(w - ow - 6.0).max(6.0);
    let y = p.y.min(h - oh - 6.0).max(6.0);
    let style = el.style();
    let _ = style.set_property("left", &format!("{x:.0}px"));
    let _ = style.set_property("top", &format!("{y:.0}px"));
}

/// Paints the current state on `canvas` and remembers the scene for hit testing.
fn paint(ctrl: &Controller<Raft>, live: &mut Live, ctx: &CanvasRenderingContext2d) {
    let (Some(view), Some(prefs)) = (live.base.view, live.base.prefs) else {
        return;
    };
    let colors = canvas_colors(prefs.theme);
    draw::clear_with(ctx, &view, colors.background);
    if view.is_empty() {
        return;
    }
    let stage = StageSize {
        width: view.css_width,
        height: view.css_height,
        text: prefs.scale(),
    };
    let scene = build_scene(ctrl.world(), &stage);
    let status = draw::Status {
        now: ctrl.world().now(),
        playing: ctrl.playing(),
        speed: ctrl.speed(),
        lang: prefs.lang,
        scale: prefs.scale(),
    };
    let status_extent = draw::status_extent(ctx, &status);
    // When stepping, or at a lesson step, show what the event touched.
    let focus = ctrl.focus();
    let decor = Decor {
        colors: &colors,
        scale: prefs.scale(),
        selection: ctrl.selection(),
        hover: live.hover.into(),
        highlight_nodes: &focus.nodes,
        highlight_msg: focus.message,
        slice: live.base.drag,
        lang: prefs.lang,
        reduced_motion: prefs.reduced_motion,
        status: status_extent,
    };
    super::draw::paint(ctx, &scene, &decor);
    draw::status(ctx, &colors, &status, status_extent);
    live.scene = Some(scene);
}

/// Paints `cluster` as a still, smaller picture: no selection, no status
/// line (a run shown beside another protocol's lesson).
pub fn paint_still(
    ctx: &CanvasRenderingContext2d,
    view: &Viewport,
    cluster: &crate::protocols::raft::cluster::Cluster,
    prefs: Prefs,
) {
    let colors = canvas_colors(prefs.theme);
    draw::clear_with(ctx, view, colors.background);
    if view.is_empty() {
        return;
    }
    let stage = StageSize {
        width: view.css_width,
        height: view.css_height,
        text: prefs.scale(),
    };
    let scene = build_scene(cluster, &stage);
    let decor = Decor {
        colors: &colors,
        scale: 0.8 * prefs.scale(),
        selection: Selection::None,
        hover: Target::None,
        highlight_nodes: &[],
        highlight_msg: None,
        slice: None,
        lang: prefs.lang,
        reduced_motion: prefs.reduced_motion,
        status: (0.0, 0.0),
    };
    super::draw::paint(ctx, &scene, &decor);
}

#[function_component(Stage)]
pub fn stage(props: &StageProps<Raft>) -> Html {
    let container = use_node_ref();
    let canvas = use_node_ref();
    let popover = use_node_ref();
    let tooltip = use_node_ref();
    let live = use_mut_ref(Live::default);
    let hover = use_state(|| Selection::None);
    let view = use_state_eq(|| None::<Viewport>);
    {
        let mut l = live.borrow_mut();
        l.popover = popover.clone();
        let view = view.setter();
        l.base.on_resize = Some(Callback::from(move |v| view.set(Some(v))));
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
            let on_thing = l
                .scene
                .as_ref()
                .is_some_and(|s| target(s, p) != Target::None);
            if !on_thing {
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
            let h = l.scene.as_ref().map_or(Selection::None, |s| hit(s, p));
            if h != l.hover {
                l.hover = h;
                l.base.dirty = true;
                hover.set(h);
            }
            place(
                &tooltip,
                Some(Point::new(p.x + 16.0, p.y + 16.0)),
                l.base.view,
            );
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
                    let positions: Vec<Point> = scene.nodes.iter().map(|n| n.pos).collect();
                    let groups = ctrl.borrow().world().network().groups().to_vec();
                    if let Some(g) = slice(a, b, &positions, &groups) {
                        dispatch.emit(Command::Partition(g));
                    }
                }
                _ => {
                    let h = hit(&scene, p);
                    let current = ctrl.borrow().selection();
                    dispatch.emit(Command::Select(if h == current {
                        Selection::None
                    } else {
                        h
                    }));
                }
            }
        })
    };
    let onpointerleave = {
        let (live, hover) = (live.clone(), hover.clone());
        Callback::from(move |_: PointerEvent| {
            let mut l = live.borrow_mut();
            l.hover = Selection::None;
            l.base.dirty = true;
            hover.set(Selection::None);
        })
    };

    let c = props.lab.get();
    let label = canvas_label(&c, &props.prefs);
    let index = stage_index(&c, *view, props.prefs, &props.dispatch);
    html! {
        <div class="stage" ref={container}>
            <canvas ref={canvas} role="img" aria-label={label}
                {onpointerdown} {onpointermove} {onpointerup} {onpointerleave}></canvas>
            { index }
            <Popover node_ref={popover} lab={props.lab.clone()} prefs={props.prefs} dispatch={props.dispatch.clone()} />
            <Tooltip node_ref={tooltip} lab={props.lab.clone()} prefs={props.prefs} hover={*hover} />
            <details class="stage-key">
                <summary>{ props.prefs.t("Key", "图例") }</summary>
                <super::legend::RaftLegend prefs={props.prefs} />
            </details>
        </div>
    }
}

/// The servers and messages on the canvas as a list: screen readers and
/// keyboards can select messages from it, and tests find where to click.
fn stage_index(
    c: &Controller<Raft>,
    view: Option<Viewport>,
    prefs: Prefs,
    dispatch: &Dispatch<Raft>,
) -> Html {
    let Some(view) = view else { return html! {} };
    let scene = build_scene(
        c.world(),
        &StageSize {
            width: view.css_width,
            height: view.css_height,
            text: prefs.scale(),
        },
    );
    let select = |sel: Selection| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Command::Select(sel)))
    };
    let in_flight = scene
        .messages
        .iter()
        .filter(|m| m.dropped.is_none())
        .count();
    // While playing the positions change every frame: list fewer, and give
    // positions only when paused (where a pointer or a test would use them).
    let (listed, positions) = if c.playing() {
        (12, false)
    } else {
        (INDEXED_MESSAGES, true)
    };
    let pos = |p: Point| positions.then(|| (format!("{:.1}", p.x), format!("{:.1}", p.y)));
    html! {
        <div class="sr-only stage-index">
            <h2>{ prefs.t("On the canvas", "画布上的内容") }</h2>
            <ul class="nodes">
                { for scene.nodes.iter().map(|n| html! {
                    <li data-node={n.id.0.to_string()} data-x={format!("{:.1}", n.pos.x)} data-y={format!("{:.1}", n.pos.y)}
                        data-label-px={format!("{:.1}", n.name_px)}>
                        <button type="button" onclick={select(Selection::Node(n.id))}>{ n.id.to_string() }</button>
                    </li>
                }) }
            </ul>
            <h3>{ prefs.t("Messages in flight", "传输中的消息") }</h3>
            <p class="count" data-count={in_flight.to_string()}>{ in_flight.to_string() }</p>
            <ul class="messages">
                { for scene.messages.iter().filter(|m| m.dropped.is_none()).take(listed).map(|m| html! {
                    <li data-msg={m.id.0.to_string()} data-kind={m.kind.name()}
                        data-x={pos(m.pos).map(|p| p.0)} data-y={pos(m.pos).map(|p| p.1)}
                        data-progress={positions.then(|| c.world().network().get(m.id).map_or(0.0, |e| e.progress(c.world().now())).to_string())}>
                        <button type="button" onclick={select(Selection::Message(m.id))}>
                            { format!("{} {} → {}", m.kind.name(), m.from, m.to) }
                        </button>
                    </li>
                }) }
            </ul>
        </div>
    }
}

/// A sentence for screen readers; the server table gives the details.
fn canvas_label(c: &Controller<Raft>, prefs: &Prefs) -> String {
    let cluster = c.world();
    let leader = cluster.leader().map(|l| l.to_string());
    let n = cluster.config().nodes;
    let t = cluster.now().as_millis_f64() / 1000.0;
    match (prefs.lang, leader) {
        (crate::lang::Lang::En, Some(l)) => {
            format!("Raft cluster of {n} servers at {t:.3} s; leader {l}")
        }
        (crate::lang::Lang::En, None) => {
            format!("Raft cluster of {n} servers at {t:.3} s; no leader")
        }
        (crate::lang::Lang::Zh, Some(l)) => {
            format!("{n} 台服务器的 Raft 集群，时间 {t:.3} 秒；领导者 {l}")
        }
        (crate::lang::Lang::Zh, None) => {
            format!("{n} 台服务器的 Raft 集群，时间 {t:.3} 秒；没有领导者")
        }
    }
}
