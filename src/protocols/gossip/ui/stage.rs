//! The gossip canvas: fills its container at device resolution, runs the
//! frame loop (owned by an effect) that plays the run forward and paints
//! it, and turns pointer input into commands: a click on a node applies
//! the tool, a drag across the stage slices the network in two.

use web_sys::CanvasRenderingContext2d;
use yew::prelude::*;

use crate::app::{Command, Controller, Selection};
use crate::protocols::gossip::Gossip;
use crate::protocols::gossip::app::GossipCommand;
use crate::protocols::gossip::layout::{Layout, node_radius, positions};
use crate::protocols::gossip::scene::{FLASH, build, fresh_nodes};
use crate::protocols::gossip::ui::draw::{GossipDecor, paint as paint_scene};
use crate::protocols::gossip::ui::draw_nodes::NodeLayer;
use crate::sim::{NodeId, SimTime};
use crate::ui::canvas_view::{CanvasLive, ViewState, point, use_canvas_view};
use crate::ui::shared::{Dispatch, Prefs, StageProps};
use crate::view::geometry::{Point, Stage, is_slice, slice};
use crate::view::palette::canvas_colors;
use crate::viewport::Viewport;

/// How often panels are re-rendered at most while playing (ms).
const PANEL_REFRESH_MS: f64 = 250.0;
/// Nodes listed for screen readers (and tests) at most.
const INDEXED_NODES: usize = 60;

/// Node positions for one layout, node count, stage size and partition.
#[derive(Clone, Default, PartialEq)]
struct Placed {
    key: Option<(Layout, usize, u64, u64, Vec<u16>)>,
    pos: Vec<Point>,
    radius: f64,
}

impl Placed {
    /// Recomputes positions only when something they depend on changed;
    /// returns whether they did.
    fn update(&mut self, layout: Layout, n: usize, view: &Viewport, groups: &[u16]) -> bool {
        let groups = &groups[..n.min(groups.len())];
        let key = (
            layout,
            n,
            view.css_width.to_bits(),
            view.css_height.to_bits(),
            groups.to_vec(),
        );
        if self.key.as_ref() == Some(&key) {
            return false;
        }
        let stage = Stage {
            width: view.css_width,
            height: view.css_height,
            text: 1.0,
        };
        self.pos = positions(layout, n, &stage, groups);
        self.radius = node_radius(n, &stage);
        self.key = Some(key);
        true
    }

    /// The node under `p`, if any.
    fn hit(&self, p: Point) -> Option<NodeId> {
        let reach = (self.radius * 1.6).max(7.0);
        self.pos
            .iter()
            .enumerate()
            .map(|(i, q)| (i, q.dist(p)))
            .filter(|(_, d)| *d <= reach)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| NodeId::from_index(i))
    }
}

/// State the frame loop and the input handlers share between renders.
#[derive(Default)]
struct Live {
    base: ViewState,
    /// Re-renders the stage so its node index follows new positions.
    on_layout: Option<Callback<()>>,
    placed: Placed,
    layer: NodeLayer,
    hover: Option<NodeId>,
}

impl CanvasLive for Live {
    type Ctrl = Controller<Gossip>;
    const PANEL_REFRESH_MS: f64 = PANEL_REFRESH_MS;
    fn base(&mut self) -> &mut ViewState {
        &mut self.base
    }
    fn paint(&mut self, c: &Controller<Gossip>, ctx: &CanvasRenderingContext2d) {
        paint(c, self, ctx);
    }
}

/// Paints the current state and keeps the positions for hit testing.
fn paint(c: &Controller<Gossip>, live: &mut Live, ctx: &CanvasRenderingContext2d) {
    let (Some(view), Some(prefs)) = (live.base.view, live.base.prefs) else {
        return;
    };
    let colors = canvas_colors(prefs.theme);
    crate::draw::clear_with(ctx, &view, colors.background);
    if view.is_empty() {
        return;
    }
    let w = c.world();
    let moved = live
        .placed
        .update(c.view().layout, w.node_count(), &view, w.network().groups());
    if moved && let Some(cb) = &live.on_layout {
        cb.emit(());
    }
    let rumor = c.shown_rumor();
    let since = SimTime(w.now().0.saturating_sub(FLASH.0));
    let fresh = fresh_nodes(w.node_count(), rumor, since, c.lab().recent_events().iter());
    let scene = build(w, &live.placed.pos, live.placed.radius, rumor, &fresh);
    let highlight = c.focus().nodes;
    let decor = GossipDecor {
        colors: &colors,
        scale: prefs.scale(),
        radius: live.placed.radius,
        selected: c.selected_node(),
        hover: live.hover,
        highlight: &highlight,
        slice: live.base.drag,
    };
    paint_scene(
        ctx,
        &view,
        &live.placed.pos,
        &scene,
        &decor,
        &mut live.layer,
    );
    let status = crate::draw::Status {
        now: w.now(),
        playing: c.playing(),
        speed: c.speed(),
        lang: prefs.lang,
        scale: prefs.scale(),
    };
    let extent = crate::draw::status_extent(ctx, &status);
    crate::draw::status(ctx, &colors, &status, extent);
}

/// Paints `w` as a still picture in a ring: no selection, no status line
/// (a run shown beside another protocol's lesson).
pub fn paint_still(
    ctx: &CanvasRenderingContext2d,
    view: &Viewport,
    w: &crate::protocols::gossip::GossipWorld,
    prefs: Prefs,
) {
    let colors = canvas_colors(prefs.theme);
    crate::draw::clear_with(ctx, view, colors.background);
    if view.is_empty() {
        return;
    }
    let mut placed = Placed::default();
    placed.update(Layout::Ring, w.node_count(), view, w.network().groups());
    let rumor = w
        .rumors()
        .len()
        .checked_sub(1)
        .map(crate::protocols::gossip::RumorId::from_index);
    let scene = build(
        w,
        &placed.pos,
        placed.radius,
        rumor,
        &vec![false; w.node_count()],
    );
    let decor = GossipDecor {
        colors: &colors,
        scale: prefs.scale(),
        radius: placed.radius,
        selected: None,
        hover: None,
        highlight: &[],
        slice: None,
    };
    paint_scene(
        ctx,
        view,
        &placed.pos,
        &scene,
        &decor,
        &mut NodeLayer::default(),
    );
}

fn place_tooltip(el: &NodeRef, p: Point) {
    if let Some(el) = el.cast::<web_sys::HtmlElement>() {
        let style = el.style();
        let _ = style.set_property("left", &format!("{:.0}px", p.x + 14.0));
        let _ = style.set_property("top", &format!("{:.0}px", p.y + 14.0));
    }
}

#[function_component(GossipStage)]
pub fn gossip_stage(props: &StageProps<Gossip>) -> Html {
    let container = use_node_ref();
    let canvas = use_node_ref();
    let tooltip = use_node_ref();
    let live = use_mut_ref(Live::default);
    let hover = use_state(|| None::<NodeId>);
    let layouts = use_state(|| 0u64);
    {
        let mut l = live.borrow_mut();
        let layouts = layouts.clone();
        l.on_layout = Some(Callback::from(move |_| layouts.set(*layouts + 1)));
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
            if l.placed.hit(p).is_none() {
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
            let h = l.placed.hit(p);
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
            match drag {
                Some((a, b)) if is_slice(a, b) => {
                    let groups = ctrl.borrow().world().network().groups().to_vec();
                    let cut = slice(a, b, &l.placed.pos, &groups);
                    drop(l);
                    if let Some(g) = cut {
                        dispatch.emit(Command::Partition(g));
                    }
                }
                _ => {
                    let h = l.placed.hit(p);
                    drop(l);
                    match h {
                        Some(id) => dispatch.emit(Command::Protocol(GossipCommand::Click(id))),
                        None => dispatch.emit(Command::Select(Selection::None)),
                    }
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
    let n = w.node_count();
    let label = match p.lang {
        crate::lang::Lang::En => format!(
            "Gossip cluster of {n} nodes at {:.3} s",
            w.now().as_millis_f64() / 1000.0
        ),
        crate::lang::Lang::Zh => format!(
            "{n} 个节点的 Gossip 集群，时间 {:.3} 秒",
            w.now().as_millis_f64() / 1000.0
        ),
    };
    let positions: Vec<Point> = live
        .borrow()
        .placed
        .pos
        .iter()
        .take(INDEXED_NODES)
        .copied()
        .collect();
    let tip = (*hover).map(|id| super::panels::node_summary(&c, id, p.lang));
    html! {
        <div class="stage g-stage" ref={container}>
            <canvas ref={canvas} role="img" aria-label={label}
                {onpointerdown} {onpointermove} {onpointerup} {onpointerleave}></canvas>
            <NodeIndex {positions} total={n} dispatch={props.dispatch.clone()} />
            <div ref={tooltip} class={classes!("tooltip", tip.is_none().then_some("hidden"))} role="status">
                { tip.unwrap_or_default() }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct IndexProps {
    /// Where the first nodes are.
    positions: Vec<Point>,
    total: usize,
    dispatch: Dispatch<Gossip>,
}

/// The first nodes as a list, for screen readers and keyboards (a button
/// applies the tool to the node) and for tests, which find where to click.
#[function_component(NodeIndex)]
fn node_index(props: &IndexProps) -> Html {
    html! {
        <div class="sr-only stage-index">
            <ul class="nodes">
                { for props.positions.iter().enumerate().map(|(i, q)| {
                    let id = NodeId::from_index(i);
                    let d = props.dispatch.clone();
                    html! {
                        <li data-node={id.0.to_string()} data-x={format!("{:.1}", q.x)} data-y={format!("{:.1}", q.y)}>
                            <button type="button" onclick={Callback::from(move |_: MouseEvent| d.emit(Command::Protocol(GossipCommand::Click(id))))}>{ id.to_string() }</button>
                        </li>
                    }
                }) }
            </ul>
            if props.total > props.positions.len() {
                <p>{ format!("+{}", props.total - props.positions.len()) }</p>
            }
        </div>
    }
}
