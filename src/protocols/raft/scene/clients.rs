//! Clients on the canvas. Clients live outside the cluster's network, so
//! they are drawn outside the ring: each in a cell beside it (workload
//! clients by number, then one-off clients such as the user's console),
//! with their requests flying to a server and the replies flying back: done,
//! redirected to the leader a follower named, or refused. A heavy workload
//! shows as many clients as there are cells for (at most
//! [`MAX_CLIENTS_SHOWN`]), and says how many more there are.

use std::sync::Arc;

use crate::lang::Lang;
use crate::protocols::raft::cluster::{ClientFlight, Cluster, FIRST_CONSOLE_CLIENT, PendingOp};
use crate::protocols::raft::{ClientId, ClientReply, ClientRequest};
use crate::sim::{NodeId, SimTime};
use crate::view::geometry::{CLIENT_CELL, Point, Rect, Stage, client_cells, message_position};

/// The most clients drawn at once; the rest are counted.
pub const MAX_CLIENTS_SHOWN: usize = 12;

/// What a client is called on the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientName {
    /// A workload client, "C1".
    Workload(ClientId),
    /// A one-off client (a command typed in the console, or scripted):
    /// "you", numbered when several are waiting.
    Console(Option<u32>),
}

impl ClientName {
    /// "C1", "you", "you 2".
    pub fn label(self, lang: Lang) -> String {
        let you = lang.pick("you", "你");
        match self {
            ClientName::Workload(id) => id.to_string(),
            ClientName::Console(None) => you.to_string(),
            ClientName::Console(Some(n)) => format!("{you} {n}"),
        }
    }
}

/// The operation a client is waiting on.
#[derive(Clone, Debug, PartialEq)]
pub struct Waiting {
    /// The command, e.g. "set x 1" or "get x".
    pub op: String,
    /// The server it last sent it to.
    pub target: NodeId,
    pub seq: u64,
    /// Tries so far (redirects and timeouts start new ones).
    pub attempts: u32,
    pub since: SimTime,
}

/// A client beside the ring.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientSprite {
    pub id: ClientId,
    pub name: ClientName,
    /// Centre of its glyph.
    pub pos: Point,
    /// Half the glyph's size.
    pub size: f64,
    /// The whole cell: glyph and name (what the pointer finds).
    pub cell: Rect,
    /// Where its name is centred.
    pub label_at: Point,
    /// `None` while a workload client thinks between operations.
    pub waiting: Option<Waiting>,
}

/// Which request or reply: a client's try at one operation, and its direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FlightKey {
    pub client: ClientId,
    pub seq: u64,
    pub attempt: u32,
    /// A reply travelling back to the client (else a request going out).
    pub reply: bool,
}

impl FlightKey {
    pub fn of(f: &ClientFlight) -> FlightKey {
        FlightKey {
            client: f.client,
            seq: f.seq,
            attempt: f.attempt,
            reply: f.payload.is_err(),
        }
    }
}

/// What a server answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Done: a write applied (with the value after it), or a read served.
    Done { value: Option<Arc<str>> },
    /// Not the leader: try the one named, if any (§8).
    Redirect(Option<NodeId>),
    /// Leadership was lost or is moving; the outcome is unknown.
    Retry,
}

/// What a flight carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Carried {
    /// A request: "set", "append", "del" or "get", and its key.
    Request { op: &'static str, key: Arc<str> },
    /// A reply; `read` when it answers a read.
    Reply { answer: Answer, read: bool },
}

/// A client's request or a server's reply on its way.
#[derive(Clone, Debug, PartialEq)]
pub struct FlightSprite {
    pub key: FlightKey,
    pub node: NodeId,
    pub pos: Point,
    /// Direction of travel (radians, canvas coordinates).
    pub angle: f64,
    /// Half the glyph's height.
    pub size: f64,
    pub carried: Carried,
    /// Belongs to a try the client has since replaced: its answer is ignored.
    pub stale: bool,
}

/// How many clients and flights there are, and how many are drawn.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClientCount {
    pub shown: usize,
    pub total: usize,
    pub flights_shown: usize,
    pub flights_total: usize,
    /// The cell that says "+k" when some clients are not drawn.
    pub more_at: Option<Rect>,
}

/// What the hover tooltip says about a client or a flight.
#[derive(Clone, Debug, PartialEq)]
pub struct Tip {
    pub title: String,
    pub fields: Vec<(&'static str, String)>,
}

fn op_text(request: &ClientRequest) -> String {
    match request {
        ClientRequest::Write(op) => op.to_string(),
        ClientRequest::Read { key } => format!("get {key}"),
    }
}

fn op_key(request: &ClientRequest) -> (&'static str, Arc<str>) {
    match request {
        ClientRequest::Write(op) => (op.name(), op.key().clone()),
        ClientRequest::Read { key } => ("get", key.clone()),
    }
}

fn is_console(id: ClientId) -> bool {
    id.0 >= FIRST_CONSOLE_CLIENT
}

/// The clients to draw, in the order they take cells: workload clients by
/// number (while the workload runs, every one of them, so each keeps its
/// cell between operations), then one-off clients with something pending
/// or in flight.
fn present(cluster: &Cluster) -> (Vec<ClientId>, Vec<ClientId>) {
    let clients = cluster.clients();
    let now = cluster.now();
    let mut workload: Vec<ClientId> = Vec::new();
    if let Some(w) = &cluster.config().workload
        && w.stop.is_none_or(|s| now < s)
    {
        workload.extend((1..=w.clients).map(ClientId));
    }
    let mut console: Vec<ClientId> = Vec::new();
    let active = clients
        .pending()
        .keys()
        .copied()
        .chain(clients.flights().map(|f| f.client));
    for id in active {
        let list = if is_console(id) {
            &mut console
        } else {
            &mut workload
        };
        if !list.contains(&id) {
            list.push(id);
        }
    }
    workload.sort_unstable();
    console.sort_unstable();
    (workload, console)
}

fn waiting(op: &PendingOp) -> Waiting {
    Waiting {
        op: op_text(&op.request),
        target: op.target,
        seq: op.seq,
        attempts: op.attempts,
        since: op.invoked_at,
    }
}

fn carried(f: &ClientFlight, pending: Option<&PendingOp>) -> Carried {
    match &f.payload {
        Ok(request) => {
            let (op, key) = op_key(request);
            Carried::Request { op, key }
        }
        Err(reply) => Carried::Reply {
            answer: match reply {
                ClientReply::Ok(value) => Answer::Done {
                    value: value.clone(),
                },
                ClientReply::NotLeader(hint) => Answer::Redirect(*hint),
                ClientReply::Retry => Answer::Retry,
            },
            read: pending.is_some_and(|op| {
                op.seq == f.seq && matches!(op.request, ClientRequest::Read { .. })
            }),
        },
    }
}

fn stale(f: &ClientFlight, pending: Option<&PendingOp>) -> bool {
    pending.is_none_or(|op| op.seq != f.seq || op.attempts != f.attempt)
}

/// Where a flight between a client and a server is, `progress` of the way
/// from the edge of one glyph to the edge of the other (`client` and
/// `server` are the ends, already at the edges), in the lane on its right.
fn flight_at(client: Point, server: Point, reply: bool, progress: f64, lane: f64) -> (Point, f64) {
    let (from, to) = if reply {
        (server, client)
    } else {
        (client, server)
    };
    let pos = message_position(from, to, progress, lane);
    (pos, (to.y - from.y).atan2(to.x - from.x))
}

fn progress(f: &ClientFlight, now: SimTime) -> f64 {
    let span = f.arrive_at.since(f.sent_at).as_micros();
    if span == 0 {
        return 1.0;
    }
    (now.since(f.sent_at).as_micros() as f64 / span as f64).clamp(0.0, 1.0)
}

/// The clients beside the ring, their flights, and the count, for servers at
/// `positions` with glyphs of `radius` and captions of `captions` characters.
pub(super) fn build(
    cluster: &Cluster,
    stage: &Stage,
    positions: &[Point],
    radius: f64,
    captions: &[usize],
) -> (Vec<ClientSprite>, Vec<FlightSprite>, ClientCount) {
    let (workload, console) = present(cluster);
    let total = workload.len() + console.len();
    let flights_total = cluster.clients().flights().count();
    if total == 0 {
        return (
            Vec::new(),
            Vec::new(),
            ClientCount {
                flights_total,
                ..ClientCount::default()
            },
        );
    }
    let groups = cluster.network().groups();
    let cells = client_cells(
        stage,
        positions,
        radius,
        captions,
        groups,
        MAX_CLIENTS_SHOWN.min(total),
    );
    // When not all fit, one cell says how many are missing; the user's own
    // clients are drawn first.
    let room = if cells.len() < total {
        cells.len().saturating_sub(1)
    } else {
        total
    };
    let consoles = console.len().min(room);
    let mut shown: Vec<ClientId> = workload.iter().copied().take(room - consoles).collect();
    shown.extend(console.iter().copied().take(consoles));
    let cell = CLIENT_CELL * stage.text;
    let size = cell * 0.3;
    let pending = cluster.clients().pending();
    let numbered = console.len() > 1;
    let clients: Vec<ClientSprite> = shown
        .iter()
        .zip(&cells)
        .map(|(&id, &c)| {
            let pos = Point::new(c.x, c.y - cell * 0.12);
            ClientSprite {
                id,
                name: if is_console(id) {
                    ClientName::Console(numbered.then(|| id.0 - FIRST_CONSOLE_CLIENT + 1))
                } else {
                    ClientName::Workload(id)
                },
                pos,
                size,
                cell: Rect::around(c, cell / 2.0, cell / 2.0),
                label_at: Point::new(c.x, pos.y + size + 7.0 * stage.text),
                waiting: pending.get(&id).map(waiting),
            }
        })
        .collect();
    let more_at = (shown.len() < total)
        .then(|| cells.get(shown.len()))
        .flatten()
        .map(|c| Rect::around(*c, cell / 2.0, cell / 2.0));
    let now = cluster.now();
    let lane = (radius * 0.22).max(3.0);
    let flight_size = (radius * 0.2).clamp(5.0, 9.0) * stage.text.sqrt();
    let flights: Vec<FlightSprite> = cluster
        .clients()
        .flights()
        .filter_map(|f| {
            let c = clients.iter().find(|c| c.id == f.client)?;
            let server = *positions.get(f.node.index())?;
            let key = FlightKey::of(f);
            // From glyph edge to glyph edge: flights are drawn over the
            // servers they pass, and never hide under their own.
            let len = c.pos.dist(server).max(1e-6);
            let near_client = c.pos.lerp(server, (c.size * 1.2 / len).min(0.4));
            let near_server = server.lerp(c.pos, (radius * 1.1 / len).min(0.4));
            let (pos, angle) =
                flight_at(near_client, near_server, key.reply, progress(f, now), lane);
            let op = pending.get(&f.client);
            Some(FlightSprite {
                key,
                node: f.node,
                pos,
                angle,
                size: flight_size,
                carried: carried(f, op),
                stale: stale(f, op),
            })
        })
        .collect();
    let count = ClientCount {
        shown: clients.len(),
        total,
        flights_shown: flights.len(),
        flights_total,
        more_at,
    };
    (clients, flights, count)
}

fn name_of(id: ClientId, cluster: &Cluster) -> ClientName {
    if is_console(id) {
        let numbered = present(cluster).1.len() > 1;
        ClientName::Console(numbered.then(|| id.0 - FIRST_CONSOLE_CLIENT + 1))
    } else {
        ClientName::Workload(id)
    }
}

/// What the tooltip says about client `id`: what it waits on, where, since
/// when, and how many tries it took so far.
pub fn client_tip(cluster: &Cluster, id: ClientId, lang: Lang) -> Option<Tip> {
    let label = name_of(id, cluster).label(lang);
    let op = cluster.clients().pending().get(&id);
    let kind = if is_console(id) {
        lang.pick("one-off client", "一次性客户端")
    } else {
        lang.pick("workload client", "负载客户端")
    };
    let title = if label == id.to_string() {
        format!("{label} · {kind}")
    } else {
        format!("{label} ({id}) · {kind}")
    };
    let fields = match op {
        Some(op) => vec![
            (lang.pick("waiting on", "等待"), op_text(&op.request)),
            (lang.pick("sent to", "发往"), op.target.to_string()),
            ("seq", op.seq.to_string()),
            (lang.pick("tries", "尝试次数"), op.attempts.to_string()),
            (
                lang.pick("since", "开始于"),
                format!("{:.3} ms", op.invoked_at.as_millis_f64()),
            ),
        ],
        None if is_console(id) => return None,
        None => vec![(
            lang.pick("state", "状态"),
            lang.pick("thinking before its next operation", "在下一次操作前思考")
                .to_string(),
        )],
    };
    Some(Tip { title, fields })
}

/// A short description of what a flight carries: "set x", "ok", "x = 5",
/// "→ S1", "no leader", "retry".
pub fn carried_label(c: &Carried, lang: Lang) -> String {
    match c {
        Carried::Request { op, key } => format!("{op} {key}"),
        Carried::Reply { answer, read } => match answer {
            Answer::Done { value } if *read => {
                format!("= {}", value.as_deref().unwrap_or("—"))
            }
            Answer::Done { .. } => "ok".to_string(),
            Answer::Redirect(Some(hint)) => format!("→ {hint}"),
            Answer::Redirect(None) => lang.pick("no leader", "无领导者").to_string(),
            Answer::Retry => lang.pick("retry", "重试").to_string(),
        },
    }
}

/// What the tooltip says about the flight `key`.
pub fn flight_tip(cluster: &Cluster, key: FlightKey, lang: Lang) -> Option<Tip> {
    let f = cluster
        .clients()
        .flights()
        .find(|f| FlightKey::of(f) == key)?;
    let op = cluster.clients().pending().get(&f.client);
    let who = name_of(f.client, cluster).label(lang);
    let carried = carried(f, op);
    let title = match (&carried, &f.payload) {
        (_, Ok(request)) => format!(
            "{} {who} → {}: {}",
            lang.pick("request", "请求"),
            f.node,
            op_text(request)
        ),
        (Carried::Reply { answer, read }, _) => {
            let what = match answer {
                Answer::Done { value } if *read => format!(
                    "{} = {}",
                    lang.pick("read served", "读取完成"),
                    value.as_deref().unwrap_or("—")
                ),
                Answer::Done { .. } => lang.pick("done", "完成").to_string(),
                Answer::Redirect(Some(h)) => {
                    format!(
                        "{} {h}",
                        lang.pick("not the leader: try", "不是领导者：请找")
                    )
                }
                Answer::Redirect(None) => lang
                    .pick(
                        "not the leader, and no leader known",
                        "不是领导者，也不知道谁是",
                    )
                    .to_string(),
                Answer::Retry => lang
                    .pick(
                        "refused: leadership changing, retry",
                        "被拒绝：领导权变动中，请重试",
                    )
                    .to_string(),
            };
            format!("{} {} → {who}: {what}", lang.pick("reply", "回复"), f.node)
        }
        _ => return None,
    };
    let mut fields = vec![
        ("client", f.client.to_string()),
        ("seq", f.seq.to_string()),
        (lang.pick("try", "第几次尝试"), f.attempt.to_string()),
    ];
    if let Some(op) = op.filter(|op| op.seq == f.seq) {
        fields.push((lang.pick("operation", "操作"), op_text(&op.request)));
    }
    fields.push((
        lang.pick("sent / due", "发送 / 到达"),
        format!(
            "{:.3} → {:.3} ms",
            f.sent_at.as_millis_f64(),
            f.arrive_at.as_millis_f64()
        ),
    ));
    if stale(f, op) {
        fields.push((
            lang.pick("note", "说明"),
            lang.pick(
                "an earlier try: the client has moved on and ignores it",
                "较早的尝试：客户端已换了新的尝试，会忽略它",
            )
            .to_string(),
        ));
    }
    Some(Tip { title, fields })
}

/// What the tooltip says about the cell counting the clients not drawn.
pub fn more_tip(shown: usize, total: usize, lang: Lang) -> Tip {
    Tip {
        title: match lang {
            Lang::En => format!("showing {shown} of {total} clients"),
            Lang::Zh => format!("显示 {shown} / {total} 个客户端"),
        },
        fields: vec![(
            lang.pick("not drawn", "未画出"),
            match lang {
                Lang::En => format!(
                    "{} clients, and their requests and replies",
                    total.saturating_sub(shown)
                ),
                Lang::Zh => format!("{} 个客户端及其请求与回复", total.saturating_sub(shown)),
            },
        )],
    }
}
