//! The scene: everything the cluster canvas shows at one moment, as plain
//! data. Servers (shape and colour by role, term, election timer, votes,
//! health), links (open, cut one way, partitioned), messages in flight (glyph
//! by RPC, filled requests, hollow replies, small heartbeats, marked
//! rejections), recently dropped messages fading out, partition islands, and
//! the clients beside the ring with their requests and replies ([`clients`]).

mod clients;

pub use clients::{
    Answer, Carried, ClientCount, ClientName, ClientSprite, FlightKey, FlightSprite,
    MAX_CLIENTS_SHOWN, Tip, Waiting, carried_label, client_tip, flight_tip, more_tip,
};

use crate::protocols::raft::cluster::{Cluster, Health};
use crate::protocols::raft::{Message, MsgKind, Role, VoteState};
use crate::sim::{DropReason, Envelope, LinkState, MsgId, NodeId, SimDuration, SimTime};
use crate::view::geometry::{Layout, Point, Stage, layout, message_position, server_label_px};
use crate::view::palette::{Rgb, term_color};

/// Shape of a server glyph: role is shown by shape and colour together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Follower.
    Circle,
    /// Pre-candidate (outlined) and candidate (filled).
    Hexagon,
    /// Leader.
    Square,
}

pub fn role_shape(role: Role) -> Shape {
    match role {
        Role::Follower => Shape::Circle,
        Role::PreCandidate | Role::Candidate => Shape::Hexagon,
        Role::Leader => Shape::Square,
    }
}

pub fn role_color(role: Role) -> Rgb {
    match role {
        Role::Follower => Rgb(96, 125, 160),
        Role::PreCandidate => Rgb(214, 170, 60),
        Role::Candidate => Rgb(225, 130, 20),
        Role::Leader => Rgb(30, 150, 90),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct NodeSprite {
    pub id: NodeId,
    pub pos: Point,
    pub radius: f64,
    pub role: Role,
    pub shape: Shape,
    pub color: Rgb,
    pub term: u64,
    pub health: Health,
    /// Messages to and from this server take this many times as long (1 = normal).
    pub slow: u16,
    /// Fraction of the election timeout still to run (1 = just reset), for followers and candidates.
    pub timer: Option<f64>,
    /// For a (pre-)candidate: every other server's answer.
    pub votes: Vec<(NodeId, VoteState)>,
    pub commit: u64,
    pub last_index: u64,
    /// Font sizes of its name ("S1") and its term line, in CSS px.
    pub name_px: f64,
    pub term_px: f64,
    /// A write to stable storage under way, as the fraction done (only with
    /// `persist_ms` above zero; a crashed server writes nothing).
    pub persist: Option<f64>,
}

/// Glyph of a message by RPC family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MsgGlyph {
    /// RequestVote and PreVote (a ballot).
    Ballot,
    /// AppendEntries (an envelope).
    Envelope,
    /// InstallSnapshot (a box).
    Package,
    /// TimeoutNow (a bolt).
    Bolt,
}

pub fn glyph(kind: MsgKind) -> MsgGlyph {
    match kind {
        MsgKind::RequestVote
        | MsgKind::RequestVoteReply
        | MsgKind::PreVote
        | MsgKind::PreVoteReply => MsgGlyph::Ballot,
        MsgKind::AppendEntries | MsgKind::AppendEntriesReply => MsgGlyph::Envelope,
        MsgKind::InstallSnapshot | MsgKind::InstallSnapshotReply => MsgGlyph::Package,
        MsgKind::TimeoutNow => MsgGlyph::Bolt,
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct MessageSprite {
    pub id: MsgId,
    pub kind: MsgKind,
    pub from: NodeId,
    pub to: NodeId,
    pub pos: Point,
    pub glyph: MsgGlyph,
    /// Half the glyph's size, in CSS px.
    pub size: f64,
    /// Requests are filled, replies hollow.
    pub filled: bool,
    /// Heartbeats (empty AppendEntries) are drawn smaller.
    pub small: bool,
    /// A refused vote or a failed AppendEntries.
    pub rejected: bool,
    pub color: Rgb,
    /// 1 in flight; fading towards 0 after a drop.
    pub alpha: f64,
    pub dropped: Option<DropReason>,
    /// Waiting at a paused server.
    pub held: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LinkSprite {
    pub a: NodeId,
    pub b: NodeId,
    pub ab: LinkState,
    pub ba: LinkState,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub now: SimTime,
    /// The stage the scene was laid out on.
    pub stage: Stage,
    pub radius: f64,
    pub nodes: Vec<NodeSprite>,
    pub links: Vec<LinkSprite>,
    pub messages: Vec<MessageSprite>,
    /// Partition groups with more than one group: members of each.
    pub islands: Vec<Vec<NodeId>>,
    /// Clients beside the ring, and their requests and replies in flight.
    pub clients: Vec<ClientSprite>,
    pub flights: Vec<FlightSprite>,
    pub client_count: ClientCount,
}

/// How long a dropped message stays visible, relative to the network's largest latency.
fn fade_span(cluster: &Cluster) -> SimDuration {
    let lat = cluster.network().config().latency.max.as_micros().max(1000);
    SimDuration(lat * 2)
}

fn sprite(
    kind_msg: &Message,
    id: MsgId,
    (from, to): (NodeId, NodeId),
    pos: Point,
    unit: f64,
) -> MessageSprite {
    let kind = kind_msg.kind();
    let small = kind_msg.is_heartbeat();
    MessageSprite {
        id,
        kind,
        from,
        to,
        pos,
        glyph: glyph(kind),
        size: unit * if small { 0.16 } else { 0.26 },
        filled: !kind.is_reply(),
        small,
        rejected: kind_msg.is_rejection(),
        color: term_color(kind_msg.term().0),
        alpha: 1.0,
        dropped: None,
        held: false,
    }
}

/// Builds the scene of `cluster` at its current time on `stage`.
pub fn build_scene(cluster: &Cluster, stage: &Stage) -> Scene {
    let n = cluster.config().nodes;
    let now = cluster.now();
    let groups = cluster.network().groups();
    let Layout { positions, radius } = layout(n, stage, groups);
    let (name_px, term_px) = server_label_px(radius, stage.text);
    let nodes: Vec<NodeSprite> = cluster
        .nodes()
        .iter()
        .map(|node| {
            let id = node.id();
            let health = cluster.health(id);
            let role = node.role();
            let (deadline, timeout) = node.election_timer();
            let timer = (health == Health::Up && role != Role::Leader && timeout.as_micros() > 0)
                .then(|| {
                    (deadline.since(now).as_micros() as f64 / timeout.as_micros() as f64)
                        .clamp(0.0, 1.0)
                });
            let votes =
                if matches!(role, Role::Candidate | Role::PreCandidate) && health != Health::Down {
                    NodeId::all(n)
                        .filter(|&p| p != id)
                        .map(|p| (p, node.votes()[p.index()]))
                        .collect()
                } else {
                    Vec::new()
                };
            NodeSprite {
                id,
                pos: positions[id.index()],
                radius,
                role,
                shape: role_shape(role),
                color: if health == Health::Down {
                    Rgb(160, 160, 160)
                } else {
                    role_color(role)
                },
                term: node.term().0,
                health,
                slow: cluster.network().slowdown(id),
                timer,
                votes,
                commit: node.commit_index().0,
                last_index: node.log().last_index().0,
                name_px,
                term_px,
                persist: (health != Health::Down)
                    .then(|| node.disk_write().map(|w| w.progress(now)))
                    .flatten(),
            }
        })
        .collect();
    let mut links = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (NodeId::from_index(i), NodeId::from_index(j));
            links.push(LinkSprite {
                a,
                b,
                ab: cluster.network().link_state(a, b),
                ba: cluster.network().link_state(b, a),
            });
        }
    }
    let lane = (radius * 0.22).max(3.0);
    // Message glyphs grow more slowly than text for a presenter.
    let unit = radius * stage.text.sqrt();
    let held: Vec<MsgId> = NodeId::all(n)
        .flat_map(|id| cluster.held_messages(id))
        .collect();
    let mut messages: Vec<MessageSprite> = cluster
        .network()
        .in_flight()
        .map(|e| {
            let (a, b) = (positions[e.from.index()], positions[e.to.index()]);
            let progress = e.progress(now);
            let mut s = sprite(
                &e.msg,
                e.id,
                (e.from, e.to),
                message_position(a, b, progress, lane),
                unit,
            );
            s.held = held.contains(&e.id);
            s
        })
        .collect();
    let fade = fade_span(cluster);
    for d in cluster.network().recent_drops() {
        let age = now.since(d.at);
        if d.at > now || age >= fade {
            continue;
        }
        let e = &d.envelope;
        let (a, b) = (positions[e.from.index()], positions[e.to.index()]);
        // Lost and blocked messages vanish halfway; others where they were.
        let progress = match d.reason {
            DropReason::Loss | DropReason::Partition | DropReason::Cut => 0.5,
            DropReason::NodeDown | DropReason::User => e.progress(d.at),
        };
        let mut s = sprite(
            &e.msg,
            e.id,
            (e.from, e.to),
            message_position(a, b, progress, lane),
            unit,
        );
        s.alpha = 1.0 - age.as_micros() as f64 / fade.as_micros() as f64;
        s.dropped = Some(d.reason);
        messages.push(s);
    }
    let mut islands: Vec<Vec<NodeId>> = Vec::new();
    if cluster.network().is_partitioned() {
        let mut keys: Vec<u16> = groups.to_vec();
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            islands.push(
                NodeId::all(n)
                    .filter(|id| groups[id.index()] == k)
                    .collect(),
            );
        }
    }
    let captions: Vec<usize> = nodes.iter().map(caption_chars).collect();
    let (clients, flights, client_count) =
        clients::build(cluster, stage, &positions, radius, &captions);
    Scene {
        now,
        stage: *stage,
        radius,
        nodes,
        links,
        messages,
        islands,
        clients,
        flights,
        client_count,
    }
}

/// About how many characters the caption under a server has ("log 12 ·
/// commit 9"), which clients beside the ring keep clear of.
fn caption_chars(n: &NodeSprite) -> usize {
    let digits = |v: u64| v.max(1).ilog10() as usize + 1;
    14 + digits(n.last_index) + digits(n.commit)
}

/// Why a message was lost, for its tooltip: "lost on the link", …
pub fn drop_reason_text(reason: DropReason, lang: crate::lang::Lang) -> &'static str {
    match reason {
        DropReason::Loss => lang.pick("dropped: lost on the link", "丢失：链路上丢包"),
        DropReason::Partition => lang.pick("dropped: across a partition", "丢失：跨越分区"),
        DropReason::Cut => lang.pick("dropped: the link is cut", "丢失：链路已切断"),
        DropReason::NodeDown => lang.pick("dropped: its receiver is down", "丢失：接收方已崩溃"),
        DropReason::User => lang.pick("dropped by hand", "被手动丢弃"),
    }
}

/// Message `id` if it is in flight, or was dropped recently (with why).
pub fn find_message(
    cluster: &Cluster,
    id: MsgId,
) -> Option<(&Envelope<Message>, Option<DropReason>)> {
    if let Some(e) = cluster.network().get(id) {
        return Some((e, None));
    }
    cluster
        .network()
        .recent_drops()
        .rev()
        .find(|d| d.envelope.id == id)
        .map(|d| (&d.envelope, Some(d.reason)))
}

/// The fields of a message, as (label, value) rows for its tooltip.
pub fn message_fields(msg: &Message) -> Vec<(&'static str, String)> {
    let opt =
        |o: Option<crate::protocols::raft::Term>| o.map_or("—".to_string(), |t| t.to_string());
    match msg {
        Message::RequestVote {
            term,
            candidate,
            last_log_index,
            last_log_term,
            pre_vote,
            transfer,
        } => vec![
            ("term", term.to_string()),
            ("candidateId", candidate.to_string()),
            ("lastLogIndex", last_log_index.to_string()),
            ("lastLogTerm", last_log_term.to_string()),
            ("preVote", pre_vote.to_string()),
            ("transfer", transfer.to_string()),
        ],
        Message::RequestVoteReply {
            term,
            granted,
            pre_vote,
        } => vec![
            ("term", term.to_string()),
            ("voteGranted", granted.to_string()),
            ("preVote", pre_vote.to_string()),
        ],
        Message::AppendEntries {
            term,
            leader,
            prev_log_index,
            prev_log_term,
            entries,
            leader_commit,
            ..
        } => vec![
            ("term", term.to_string()),
            ("leaderId", leader.to_string()),
            ("prevLogIndex", prev_log_index.to_string()),
            ("prevLogTerm", prev_log_term.to_string()),
            (
                "entries",
                if entries.is_empty() {
                    "[] (heartbeat)".to_string()
                } else {
                    let items: Vec<String> = entries
                        .iter()
                        .enumerate()
                        .map(|(i, e)| {
                            format!(
                                "{}:{} {}",
                                prev_log_index.0 + 1 + i as u64,
                                e.term,
                                e.command
                            )
                        })
                        .collect();
                    format!("[{}]", items.join(", "))
                },
            ),
            ("leaderCommit", leader_commit.to_string()),
        ],
        Message::AppendEntriesReply {
            term,
            success,
            index,
            last_index,
            conflict_term,
            conflict_index,
            ..
        } => vec![
            ("term", term.to_string()),
            ("success", success.to_string()),
            (
                if *success {
                    "matchIndex"
                } else {
                    "rejectedIndex"
                },
                index.to_string(),
            ),
            ("lastLogIndex", last_index.to_string()),
            ("conflictTerm", opt(*conflict_term)),
            ("conflictIndex", conflict_index.to_string()),
        ],
        Message::InstallSnapshot {
            term,
            leader,
            snapshot,
            ..
        } => vec![
            ("term", term.to_string()),
            ("leaderId", leader.to_string()),
            ("lastIncludedIndex", snapshot.index.to_string()),
            ("lastIncludedTerm", snapshot.term.to_string()),
            ("keys", snapshot.state.len().to_string()),
        ],
        Message::InstallSnapshotReply {
            term, last_index, ..
        } => {
            vec![
                ("term", term.to_string()),
                ("lastIndex", last_index.to_string()),
            ]
        }
        Message::TimeoutNow { term, .. } => vec![("term", term.to_string())],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::NetAction;
    use crate::protocols::raft::cluster::{Action, ClusterConfig, MsgFilter, NodeRef};
    use crate::sim::Run;

    const STAGE: Stage = Stage {
        width: 900.0,
        height: 700.0,
        text: 1.0,
    };

    fn elected() -> Run<Cluster> {
        let mut c = Run::new(Cluster::new(ClusterConfig::default()), Vec::new());
        c.run_until(SimTime::from_millis(1000));
        c
    }

    #[test]
    fn the_leader_is_a_green_square_and_followers_circles() {
        let c = elected();
        let s = build_scene(c.world(), &STAGE);
        let leaders: Vec<_> = s
            .nodes
            .iter()
            .filter(|n| n.shape == Shape::Square)
            .collect();
        assert_eq!(leaders.len(), 1);
        assert_eq!(leaders[0].id, c.world().leader().unwrap());
        assert_eq!(leaders[0].color, role_color(Role::Leader));
        assert!(leaders[0].timer.is_none(), "leaders have no election timer");
        assert!(
            s.nodes
                .iter()
                .filter(|n| n.shape == Shape::Circle)
                .all(|n| n.timer.is_some())
        );
        assert_eq!(s.links.len(), 10);
    }

    #[test]
    fn messages_in_flight_are_drawn_on_their_link() {
        let mut c = elected();
        // Find a moment with a heartbeat in flight.
        while !c
            .world()
            .network()
            .in_flight()
            .any(|e| e.msg.is_heartbeat())
        {
            c.step();
        }
        let s = build_scene(c.world(), &STAGE);
        let hb = s
            .messages
            .iter()
            .find(|m| m.kind == MsgKind::AppendEntries)
            .unwrap();
        assert_eq!(hb.glyph, MsgGlyph::Envelope);
        assert!(hb.small && hb.filled && !hb.rejected);
        let e = c.world().network().get(hb.id).unwrap();
        let (a, b) = (s.nodes[e.from.index()].pos, s.nodes[e.to.index()].pos);
        let along = crate::view::geometry::segment_distance(hb.pos, a, b).0;
        assert!(along < s.radius, "drawn next to its link");
    }

    #[test]
    fn candidates_show_votes_and_crashed_servers_are_grey() {
        let mut c = Run::new(Cluster::new(ClusterConfig::default()), Vec::new());
        c.act(Action::Timeout(NodeRef::Id(NodeId(2))));
        c.run_until(SimTime(c.now().as_micros() + 15_000));
        let s = build_scene(c.world(), &STAGE);
        let cand = &s.nodes[1];
        assert_eq!(cand.role, Role::Candidate);
        assert_eq!(cand.shape, Shape::Hexagon);
        assert_eq!(cand.votes.len(), 4);
        c.act(Action::from(NetAction::Crash(NodeRef::Id(NodeId(3)))));
        let s = build_scene(c.world(), &STAGE);
        assert_eq!(s.nodes[2].health, Health::Down);
        assert_eq!(s.nodes[2].color, Rgb(160, 160, 160));
    }

    #[test]
    fn a_write_under_way_shows_how_far_it_has_got() {
        let mut cfg = ClusterConfig::default();
        cfg.raft.persist_min = SimDuration::from_millis(40);
        cfg.raft.persist_max = SimDuration::from_millis(40);
        let mut c = Run::new(Cluster::new(cfg), Vec::new());
        c.act(Action::Timeout(NodeRef::Id(NodeId(2))));
        // The candidate writes its term and vote before it asks for votes.
        c.run_until(SimTime(c.now().as_micros() + 10_000));
        let s = build_scene(c.world(), &STAGE);
        let done = s.nodes[1].persist.expect("S2 is writing");
        assert!(done > 0.1 && done < 0.5, "{done}");
        assert!(s.nodes[0].persist.is_none(), "S1 is not");
        c.act(Action::from(NetAction::Crash(NodeRef::Id(NodeId(2)))));
        let s = build_scene(c.world(), &STAGE);
        assert!(
            s.nodes[1].persist.is_none(),
            "a crashed server writes nothing"
        );
        let instant = build_scene(elected().world(), &STAGE);
        assert!(instant.nodes.iter().all(|n| n.persist.is_none()));
    }

    #[test]
    fn dropped_messages_fade_out() {
        let mut c = elected();
        while c.world().network().in_flight().len() == 0 {
            c.step();
        }
        let id = c.world().network().in_flight().next().unwrap().id;
        c.act(Action::from(NetAction::Drop(MsgFilter::id(id))));
        let s = build_scene(c.world(), &STAGE);
        let d = s.messages.iter().find(|m| m.id == id).unwrap();
        assert_eq!(d.dropped, Some(DropReason::User));
        assert!(d.alpha > 0.9);
        let (e, why) = find_message(c.world(), id).expect("its tooltip still finds it");
        assert_eq!((e.id, why), (id, Some(DropReason::User)));
        c.run_until(SimTime(c.now().as_micros() + 200_000));
        assert!(
            build_scene(c.world(), &STAGE)
                .messages
                .iter()
                .all(|m| m.id != id),
            "gone after the fade"
        );
    }

    #[test]
    fn partitions_form_islands() {
        let mut c = elected();
        c.act(Action::from(NetAction::Partition(vec![vec![
            NodeId(1),
            NodeId(2),
        ]])));
        let s = build_scene(c.world(), &STAGE);
        assert_eq!(
            s.islands,
            vec![
                vec![NodeId(1), NodeId(2)],
                vec![NodeId(3), NodeId(4), NodeId(5)]
            ]
        );
        let l = s
            .links
            .iter()
            .find(|l| l.a == NodeId(1) && l.b == NodeId(3))
            .unwrap();
        assert_eq!(l.ab, LinkState::Partitioned);
    }

    fn with_workload(clients: u32) -> Run<Cluster> {
        let cfg = ClusterConfig {
            workload: Some(crate::protocols::raft::cluster::Workload {
                clients,
                ..Default::default()
            }),
            ..Default::default()
        };
        let mut c = Run::new(Cluster::new(cfg), Vec::new());
        c.run_until(SimTime::from_millis(1000));
        c
    }

    #[test]
    fn workload_clients_stand_beside_the_ring_and_their_requests_fly() {
        let mut c = with_workload(3);
        while c.world().clients().flights().next().is_none() {
            c.step();
        }
        let s = build_scene(c.world(), &STAGE);
        let ids: Vec<u32> = s.clients.iter().map(|k| k.id.0).collect();
        assert_eq!(ids, [1, 2, 3], "every workload client, idle or not");
        assert_eq!((s.client_count.shown, s.client_count.total), (3, 3));
        for k in &s.clients {
            assert_eq!(k.name, ClientName::Workload(k.id));
            for n in &s.nodes {
                assert!(k.pos.dist(n.pos) > n.radius * 1.7, "clear of {}", n.id);
            }
            assert!(k.cell.contains(k.pos) && k.cell.contains(k.label_at));
        }
        let f = &s.flights[0];
        let client = s.clients.iter().find(|k| k.id == f.key.client).unwrap();
        let server = s.nodes[f.node.index()].pos;
        let (d, _) = crate::view::geometry::segment_distance(f.pos, client.pos, server);
        assert!(d < s.radius, "between its client and its server");
        let tip = flight_tip(c.world(), f.key, crate::lang::Lang::En).unwrap();
        assert!(tip.title.starts_with("request C") || tip.title.starts_with("reply S"));
        assert!(client_tip(c.world(), client.id, crate::lang::Lang::En).is_some());
    }

    #[test]
    fn a_heavy_workload_shows_some_clients_and_counts_the_rest() {
        let c = with_workload(40);
        let s = build_scene(c.world(), &STAGE);
        assert_eq!(s.client_count.total, 40);
        assert!(s.client_count.shown < MAX_CLIENTS_SHOWN);
        assert_eq!(s.clients.len(), s.client_count.shown);
        let more = s.client_count.more_at.expect("a cell says how many more");
        assert!(s.clients.iter().all(|k| !k.cell.overlaps(&more)));
        assert!(s.flights.len() <= s.client_count.flights_total);
        assert!(
            s.flights
                .iter()
                .all(|f| s.clients.iter().any(|k| k.id == f.key.client)),
            "only the flights of clients drawn"
        );
        let tip = more_tip(s.client_count.shown, 40, crate::lang::Lang::En);
        assert_eq!(
            tip.title,
            format!("showing {} of 40 clients", s.client_count.shown)
        );
    }

    #[test]
    fn a_redirect_bounces_off_the_client_to_the_leader() {
        use crate::protocols::raft::KvOp;
        let mut c = elected();
        let leader = c.world().leader().unwrap();
        let follower = NodeId::all(5).find(|&id| id != leader).unwrap();
        c.act(Action::Propose {
            node: Some(NodeRef::Id(follower)),
            op: KvOp::Set {
                key: "x".into(),
                value: "1".into(),
            },
        });
        let s = build_scene(c.world(), &STAGE);
        assert_eq!(s.clients.len(), 1);
        assert_eq!(s.clients[0].name, ClientName::Console(None));
        assert_eq!(s.clients[0].name.label(crate::lang::Lang::En), "you");
        let f = &s.flights[0];
        assert_eq!(f.node, follower);
        assert!(!f.key.reply);
        assert_eq!(
            carried_label(&f.carried, crate::lang::Lang::En),
            "set x",
            "a request going in"
        );
        // The follower's answer names the leader, and flies back; then the
        // client tries the leader.
        let mut seen = vec![(follower, false, "set x".to_string())];
        for _ in 0..10_000 {
            c.step();
            let s = build_scene(c.world(), &STAGE);
            for f in &s.flights {
                let step = (
                    f.node,
                    f.key.reply,
                    carried_label(&f.carried, crate::lang::Lang::En),
                );
                if seen.last() != Some(&step) {
                    seen.push(step);
                }
            }
            if s.clients.is_empty() {
                break;
            }
        }
        assert_eq!(
            seen,
            [
                (follower, false, "set x".to_string()),
                (follower, true, format!("→ {leader}")),
                (leader, false, "set x".to_string()),
                (leader, true, "ok".to_string()),
            ]
        );
    }

    #[test]
    fn tooltips_list_the_rpc_fields() {
        let c = elected();
        let e = c
            .world()
            .network()
            .in_flight()
            .find(|e| e.msg.kind() == MsgKind::AppendEntries);
        if let Some(e) = e {
            let f = message_fields(&e.msg);
            let labels: Vec<&str> = f.iter().map(|(l, _)| *l).collect();
            assert_eq!(
                labels,
                [
                    "term",
                    "leaderId",
                    "prevLogIndex",
                    "prevLogTerm",
                    "entries",
                    "leaderCommit"
                ]
            );
        }
        let rv = Message::RequestVoteReply {
            term: crate::protocols::raft::Term(3),
            granted: false,
            pre_vote: false,
        };
        assert_eq!(message_fields(&rv)[1], ("voteGranted", "false".to_string()));
    }
}
