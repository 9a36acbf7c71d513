//! The key to the Raft canvas: each message glyph (requests, replies,
//! heartbeats, snapshots, rejections, drops) and each client glyph painted
//! on a small canvas by the stage's own drawing code, in the current theme,
//! with its name in English or Chinese.

use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};
use yew::prelude::*;

use super::draw::{Decor, Sample, sample};
use crate::app::Selection;
use crate::lang::Lang;
use crate::protocols::raft::ClientId;
use crate::protocols::raft::MsgKind;
use crate::protocols::raft::hit::Target;
use crate::protocols::raft::scene::{
    Answer, Carried, ClientName, ClientSprite, FlightKey, FlightSprite, MessageSprite, Waiting,
    glyph,
};
use crate::sim::{DropReason, MsgId, NodeId, SimTime};
use crate::ui::shared::Prefs;
use crate::view::geometry::{Point, Rect};
use crate::view::palette::{canvas_colors, term_color};

/// Size of each sample's canvas, in CSS px (the stylesheet gives the same).
const WIDTH: f64 = 28.0;
const HEIGHT: f64 = 20.0;
/// A server's radius the samples are sized for.
const RADIUS: f64 = 30.0;

/// What each sample shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Item {
    VoteRequest,
    Append,
    Heartbeat,
    Snapshot,
    Reply,
    Granted,
    Rejected,
    Dropped,
    ClientRequest,
    ClientDone,
    Redirect,
    Client,
    You,
}

const ITEMS: [Item; 13] = [
    Item::VoteRequest,
    Item::Append,
    Item::Heartbeat,
    Item::Snapshot,
    Item::Reply,
    Item::Granted,
    Item::Rejected,
    Item::Dropped,
    Item::ClientRequest,
    Item::ClientDone,
    Item::Redirect,
    Item::Client,
    Item::You,
];

impl Item {
    fn label(self, lang: Lang) -> &'static str {
        match self {
            Item::VoteRequest => lang.pick("vote request", "投票请求"),
            Item::Append => lang.pick(
                "AppendEntries (filled: a request)",
                "追加条目（实心：请求）",
            ),
            Item::Heartbeat => lang.pick("heartbeat", "心跳"),
            Item::Snapshot => lang.pick("snapshot", "快照"),
            Item::Reply => lang.pick("reply (hollow)", "回复（空心）"),
            Item::Granted => lang.pick("vote granted", "同意投票"),
            Item::Rejected => lang.pick("rejected", "被拒绝"),
            Item::Dropped => lang.pick("dropped", "丢失"),
            Item::ClientRequest => lang.pick("client request", "客户端请求"),
            Item::ClientDone => lang.pick("client reply: done", "客户端回复：完成"),
            Item::Redirect => lang.pick("redirect to the leader", "重定向到领导者"),
            Item::Client => lang.pick("client", "客户端"),
            Item::You => lang.pick("your command", "你的命令"),
        }
    }
}

fn message(kind: MsgKind, filled: bool, small: bool, rejected: bool) -> MessageSprite {
    let unit = RADIUS * if small { 0.16 } else { 0.26 };
    MessageSprite {
        id: MsgId(0),
        kind,
        from: NodeId(1),
        to: NodeId(2),
        pos: Point::new(WIDTH / 2.0, HEIGHT / 2.0),
        glyph: glyph(kind),
        size: unit,
        filled,
        small,
        rejected,
        color: term_color(1),
        alpha: 1.0,
        dropped: None,
        held: false,
    }
}

fn flight(carried: Carried) -> FlightSprite {
    FlightSprite {
        key: FlightKey {
            client: ClientId(1),
            seq: 1,
            attempt: 1,
            reply: matches!(carried, Carried::Reply { .. }),
        },
        node: NodeId(1),
        pos: Point::new(WIDTH / 2.0, HEIGHT / 2.0),
        angle: 0.0,
        size: 6.0,
        carried,
        stale: false,
    }
}

fn client(name: ClientName) -> ClientSprite {
    let pos = Point::new(WIDTH / 2.0, HEIGHT / 2.0);
    ClientSprite {
        id: ClientId(1),
        name,
        pos,
        size: 8.0,
        cell: Rect::around(pos, WIDTH / 2.0, HEIGHT / 2.0),
        label_at: pos,
        waiting: None,
    }
}

/// Paints `item` on `ctx`, already scaled to CSS px.
fn paint(ctx: &CanvasRenderingContext2d, item: Item, d: &Decor) {
    let key: Arc<str> = "x".into();
    match item {
        Item::VoteRequest => sample(
            ctx,
            Sample::Message(&message(MsgKind::RequestVote, true, false, false)),
            d,
        ),
        Item::Append => sample(
            ctx,
            Sample::Message(&message(MsgKind::AppendEntries, true, false, false)),
            d,
        ),
        Item::Heartbeat => sample(
            ctx,
            Sample::Message(&message(MsgKind::AppendEntries, true, true, false)),
            d,
        ),
        Item::Snapshot => sample(
            ctx,
            Sample::Message(&message(MsgKind::InstallSnapshot, true, false, false)),
            d,
        ),
        Item::Reply => sample(
            ctx,
            Sample::Message(&message(MsgKind::AppendEntriesReply, false, false, false)),
            d,
        ),
        Item::Granted => sample(
            ctx,
            Sample::Message(&message(MsgKind::RequestVoteReply, false, false, false)),
            d,
        ),
        Item::Rejected => sample(
            ctx,
            Sample::Message(&message(MsgKind::AppendEntriesReply, false, false, true)),
            d,
        ),
        Item::Dropped => {
            // Smaller, so that its ✕ (up and to the right) fits.
            let mut m = message(MsgKind::AppendEntries, true, false, false);
            m.size = 5.5;
            m.pos = Point::new(WIDTH / 2.0 - 2.0, HEIGHT / 2.0 + 3.0);
            m.alpha = 0.6;
            m.dropped = Some(DropReason::Loss);
            sample(ctx, Sample::Message(&m), d);
        }
        Item::ClientRequest => sample(
            ctx,
            Sample::Flight(&flight(Carried::Request { op: "set", key })),
            d,
        ),
        Item::ClientDone => sample(
            ctx,
            Sample::Flight(&flight(Carried::Reply {
                answer: Answer::Done { value: None },
                read: false,
            })),
            d,
        ),
        Item::Redirect => sample(
            ctx,
            Sample::Flight(&flight(Carried::Reply {
                answer: Answer::Redirect(Some(NodeId(1))),
                read: false,
            })),
            d,
        ),
        Item::Client => {
            let mut k = client(ClientName::Workload(ClientId(1)));
            k.waiting = Some(Waiting {
                op: String::new(),
                target: NodeId(1),
                seq: 1,
                attempts: 1,
                since: SimTime::ZERO,
            });
            sample(ctx, Sample::Client(&k), d);
        }
        Item::You => {
            let mut k = client(ClientName::Console(None));
            k.waiting = Some(Waiting {
                op: String::new(),
                target: NodeId(1),
                seq: 1,
                attempts: 1,
                since: SimTime::ZERO,
            });
            sample(ctx, Sample::Client(&k), d);
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct RaftLegendProps {
    pub prefs: Prefs,
}

/// The key to the canvas's glyphs, as a list of small samples with names.
#[function_component(RaftLegend)]
pub fn raft_legend(props: &RaftLegendProps) -> Html {
    let list = use_node_ref();
    let p = props.prefs;
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio().max(1.0));
    {
        let list = list.clone();
        use_effect_with((p.theme, p.lang, dpr.to_bits()), move |_| {
            paint_all(&list, p, dpr);
        });
    }
    let (w, h) = (
        (WIDTH * dpr).round().to_string(),
        (HEIGHT * dpr).round().to_string(),
    );
    html! {
        <ul ref={list} class="raft-legend"
            aria-label={p.t("What the glyphs on the canvas mean", "画布上图形的含义")}>
            { for ITEMS.iter().map(|item| html! {
                <li>
                    <canvas class="raft-legend-glyph" width={w.clone()} height={h.clone()} aria-hidden="true"></canvas>
                    <span>{ item.label(p.lang) }</span>
                </li>
            }) }
        </ul>
    }
}

fn paint_all(list: &NodeRef, p: Prefs, dpr: f64) {
    let Some(list) = list.cast::<Element>() else {
        return;
    };
    let Ok(canvases) = list.query_selector_all("canvas") else {
        return;
    };
    let colors = canvas_colors(p.theme);
    let decor = Decor {
        colors: &colors,
        scale: 1.0,
        selection: Selection::None,
        hover: Target::None,
        highlight_nodes: &[],
        highlight_msg: None,
        slice: None,
        lang: p.lang,
        reduced_motion: false,
        status: (0.0, 0.0),
    };
    for (i, item) in ITEMS.iter().enumerate() {
        let Some(canvas) = canvases
            .item(i as u32)
            .and_then(|n| n.dyn_into::<HtmlCanvasElement>().ok())
        else {
            continue;
        };
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        else {
            continue;
        };
        let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        ctx.set_fill_style_str(&colors.background.css(1.0));
        ctx.fill_rect(
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        );
        let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        paint(&ctx, *item, &decor);
    }
}
