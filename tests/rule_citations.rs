//! The rule each narrated Raft event cites. One table holds every event
//! shape and its rule, and docs/scenarios.md must list the same rows; then
//! the blessed scenarios are run and events the engine really produces are
//! checked against it, so the engine's record of why something happened
//! cannot drift from the narration either.

use raftlab::lang::Lang;
use raftlab::net::NetEvent;
use raftlab::protocols::raft::trace::{
    Cause, ClientEvent, ClientPhase, EventKind, Invariant, Rule, TraceEvent, Violation, rule,
};
use raftlab::protocols::raft::{Command, LogIndex, Message, Raft, Role, Term};
use raftlab::report::run;
use raftlab::scenario::parse;
use raftlab::sim::{DropReason, MsgId, NodeId};
use std::collections::BTreeMap;

const N: NodeId = NodeId(1);
const P: NodeId = NodeId(2);
const T: Term = Term(2);
const I: LogIndex = LogIndex(3);

fn role(role: Role, cause: Cause) -> EventKind {
    EventKind::Role {
        node: N,
        role,
        term: T,
        cause,
    }
}

fn timeout(cause: Cause) -> EventKind {
    EventKind::Timeout {
        node: N,
        term: T,
        forced: false,
        cause,
    }
}

fn vote(pre_vote: bool, reason: Option<&'static str>, cause: Cause) -> EventKind {
    EventKind::Vote {
        node: N,
        candidate: P,
        term: T,
        granted: reason.is_none(),
        pre_vote,
        reason,
        voted_for: None,
        cause,
    }
}

fn step_down(reason: &'static str) -> EventKind {
    EventKind::StepDown {
        node: N,
        term: T,
        reason,
    }
}

fn append(cause: Cause) -> EventKind {
    EventKind::Append {
        node: N,
        first: I,
        last: I,
        term: T,
        cause,
    }
}

fn commit(cause: Cause) -> EventKind {
    EventKind::Commit {
        node: N,
        commit_index: I,
        cause,
    }
}

fn apply(duplicate: bool) -> EventKind {
    EventKind::Apply {
        node: N,
        index: I,
        term: T,
        command: Command::Noop,
        duplicate,
        hash: 0,
    }
}

fn read(cause: Cause) -> EventKind {
    EventKind::Read {
        node: N,
        client: 1,
        key: "x".into(),
        read_index: I,
        value: None,
        cause,
    }
}

fn transfer(phase: &'static str) -> EventKind {
    EventKind::Transfer {
        node: N,
        to: P,
        phase,
    }
}

fn send(msg: &'static str, note: Option<&'static str>) -> EventKind {
    EventKind::Net(NetEvent::Send {
        from: N,
        to: P,
        msg,
        term: Some(T.0),
        id: MsgId(1),
        note,
    })
}

fn client(op: &'static str, phase: ClientPhase, cause: Cause) -> EventKind {
    EventKind::Client {
        event: ClientEvent {
            client: 1,
            op,
            key: "x".into(),
            value: (op != "get").then(|| "1".into()),
            phase,
            node: Some(N),
            result: None,
        },
        cause,
    }
}

/// Every event shape: its kind, when it happens, the engine's note of its
/// cause, and the rule it cites.
fn table() -> Vec<(EventKind, &'static str, Option<Rule>)> {
    use Cause as C;
    use ClientPhase::{Fail, Invoke, Ok};
    vec![
        (
            role(Role::PreCandidate, C::Unstated),
            "a server starts a pre-vote",
            Some(Rule::PreVote),
        ),
        (
            role(Role::Candidate, C::Unstated),
            "a server starts an election",
            Some(Rule::StartElection),
        ),
        (
            role(Role::Leader, C::Unstated),
            "a candidate wins a majority",
            Some(Rule::WinElection),
        ),
        (
            role(Role::Follower, C::HigherTerm),
            "a server sees a higher term",
            Some(Rule::HigherTerm),
        ),
        (
            role(Role::Follower, C::LeaderOfTerm),
            "a candidate hears from the leader of its term",
            Some(Rule::CandidateStepsBack),
        ),
        (
            role(Role::Follower, C::LostQuorum),
            "a leader out of touch with a majority steps down",
            Some(Rule::CheckQuorum),
        ),
        (
            role(Role::Follower, C::Restarted),
            "a server restarts",
            Some(Rule::StartAsFollower),
        ),
        (
            timeout(C::Unstated),
            "the election timer fires on a follower",
            Some(Rule::FollowerTimeout),
        ),
        (
            timeout(C::CandidateTimer),
            "the election timer fires on a candidate",
            Some(Rule::CandidateTimeout),
        ),
        (
            vote(false, None, C::Unstated),
            "a vote is granted",
            Some(Rule::VoteGrant),
        ),
        (
            vote(false, None, C::UncheckedVote),
            "a vote is granted with the election restriction off",
            Some(Rule::UncheckedVote),
        ),
        (
            vote(false, Some("stale_term"), C::Unstated),
            "a vote is refused: stale term",
            Some(Rule::VoteStaleTerm),
        ),
        (
            vote(false, Some("already_voted"), C::Unstated),
            "a vote is refused: already voted",
            Some(Rule::VoteOncePerTerm),
        ),
        (
            vote(false, Some("log_behind"), C::Unstated),
            "a vote is refused: log behind",
            Some(Rule::ElectionRestriction),
        ),
        (
            vote(true, None, C::Unstated),
            "a pre-vote is answered",
            Some(Rule::PreVote),
        ),
        (
            EventKind::VoteIgnored {
                node: N,
                candidate: P,
                term: T,
                pre_vote: false,
            },
            "a vote request is ignored near a live leader",
            Some(Rule::LeaderStickiness),
        ),
        (
            step_down("higher_term"),
            "a leader sees a higher term",
            Some(Rule::HigherTerm),
        ),
        (
            step_down("lost_quorum"),
            "a leader loses touch with a majority",
            Some(Rule::CheckQuorum),
        ),
        (
            append(C::ClientCommand),
            "a leader appends a client's command",
            Some(Rule::ClientCommand),
        ),
        (
            append(C::Noop),
            "a leader appends a no-op",
            Some(Rule::LeaderNoop),
        ),
        (
            append(C::Unstated),
            "a follower appends entries from AppendEntries",
            Some(Rule::AppendNewEntries),
        ),
        (
            EventKind::Truncate {
                node: N,
                from: I,
                count: 1,
            },
            "a follower deletes conflicting entries",
            Some(Rule::AppendDeleteConflicts),
        ),
        (
            EventKind::Reject {
                node: N,
                leader: P,
                prev_log_index: I,
                prev_log_term: T,
            },
            "a follower fails the consistency check",
            Some(Rule::AppendConsistencyCheck),
        ),
        (
            EventKind::Backoff {
                node: N,
                peer: P,
                next: I,
            },
            "a leader lowers nextIndex",
            Some(Rule::DecrementNextIndex),
        ),
        (
            commit(C::Majority),
            "a leader counts a majority for an entry of its term",
            Some(Rule::CommitCurrentTerm),
        ),
        (
            commit(C::MajorityEarlierTerm),
            "a leader counts a majority for an earlier term (rule off)",
            Some(Rule::CountedCommit),
        ),
        (
            commit(C::LeaderCommit),
            "a follower learns the leader's commit index",
            Some(Rule::AppendAdvanceCommit),
        ),
        (
            commit(C::Snapshot),
            "a follower installs a snapshot",
            Some(Rule::InstallSnapshotReceiver),
        ),
        (
            EventKind::CommitDeferred {
                node: N,
                index: I,
                term: T,
            },
            "a leader will not count an earlier term",
            Some(Rule::CommitCurrentTerm),
        ),
        (
            apply(false),
            "a server applies a committed entry",
            Some(Rule::ApplyCommitted),
        ),
        (
            apply(true),
            "a session skips a command it applied",
            Some(Rule::ClientSessions),
        ),
        (
            EventKind::Snapshot {
                node: N,
                index: I,
                term: T,
            },
            "a server compacts its log",
            Some(Rule::LogCompaction),
        ),
        (
            EventKind::InstallSnapshot {
                node: N,
                index: I,
                term: T,
            },
            "a follower installs the leader's snapshot",
            Some(Rule::InstallSnapshotReceiver),
        ),
        (
            read(C::ReadIndex),
            "a leader serves a read by ReadIndex",
            Some(Rule::ReadIndex),
        ),
        (
            read(C::Lease),
            "a leader serves a read under its lease",
            Some(Rule::LeaseRead),
        ),
        (
            read(C::LocalRead),
            "a server answers from local state (unsafe mode)",
            Some(Rule::LocalRead),
        ),
        (
            transfer("start"),
            "a leader starts a transfer",
            Some(Rule::LeadershipTransfer),
        ),
        (
            transfer("abort"),
            "a leader gives a transfer up",
            Some(Rule::TransferAbort),
        ),
        (
            send("AppendEntries", None),
            "a leader sends entries",
            Some(Rule::ReplicateFromNextIndex),
        ),
        (
            send("AppendEntries", Some(Message::HEARTBEAT)),
            "a leader sends a heartbeat",
            Some(Rule::Heartbeat),
        ),
        (
            send("InstallSnapshot", None),
            "a leader sends its snapshot",
            Some(Rule::InstallSnapshot),
        ),
        (
            send("RequestVote", None),
            "a candidate asks for votes",
            Some(Rule::StartElection),
        ),
        (
            send("PreVote", None),
            "a pre-candidate asks for pre-votes",
            Some(Rule::PreVote),
        ),
        (
            send("TimeoutNow", None),
            "a leader hands over",
            Some(Rule::LeadershipTransfer),
        ),
        (
            send("AppendEntriesReply", None),
            "a server answers an RPC",
            None,
        ),
        (
            EventKind::Net(NetEvent::Crash { node: N }),
            "a server crashes",
            Some(Rule::PersistentState),
        ),
        (
            EventKind::Net(NetEvent::Restart { node: N }),
            "a server restarts",
            Some(Rule::PersistentState),
        ),
        (
            client("set", Invoke, C::ClientCommand),
            "a client sends a write to the leader",
            Some(Rule::ClientCommand),
        ),
        (
            client("set", Invoke, C::NotLeader),
            "a client sends a request to a server that is not the leader",
            Some(Rule::Redirect),
        ),
        (
            client("get", Invoke, C::ReadIndex),
            "a client sends a read to the leader (ReadIndex)",
            Some(Rule::ReadIndex),
        ),
        (
            client("get", Invoke, C::Lease),
            "a client sends a read to the leader (lease)",
            Some(Rule::LeaseRead),
        ),
        (
            client("get", Invoke, C::LocalRead),
            "a client sends a read that is answered locally (unsafe mode)",
            Some(Rule::LocalRead),
        ),
        (client("set", Ok, C::Unstated), "a client hears back", None),
        (client("set", Fail, C::Unstated), "a client gives up", None),
        (
            EventKind::Redirect {
                client: 1,
                node: N,
                leader: Some(P),
            },
            "a server that is not the leader refuses a client",
            Some(Rule::Redirect),
        ),
        (
            EventKind::Net(NetEvent::Drop {
                from: N,
                to: P,
                msg: "AppendEntries",
                term: Some(T.0),
                id: MsgId(1),
                reason: DropReason::Loss,
            }),
            "the network loses a message",
            None,
        ),
        (EventKind::Net(NetEvent::Heal), "the network heals", None),
        (
            EventKind::Violation {
                invariant: Invariant::ElectionSafety,
                detail: Violation::TwoLeaders {
                    term: T,
                    first: N,
                    second: P,
                },
            },
            "the checker finds a safety property broken",
            Some(Rule::SafetyProperties),
        ),
    ]
}

/// The row of docs/scenarios.md for a table entry.
fn doc_row(kind: &EventKind, when: &str, r: Option<Rule>) -> String {
    let cited = r.map_or("—".to_string(), |r| {
        format!("{}: {}", r.section(), r.text(Lang::En))
    });
    format!("| `{}` | {when} | {cited} |", kind.name())
}

#[test]
fn every_event_shape_cites_its_rule() {
    let mut wrong = Vec::new();
    for (kind, when, want) in table() {
        let got = rule(&kind);
        assert_eq!(got, kind.rule(), "the method and the function agree");
        if got != want {
            wrong.push(format!(
                "{} ({when}): cites {got:?}, expected {want:?}",
                kind.name()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_docs_list_every_citation() {
    let docs = include_str!("../docs/scenarios.md");
    let missing: Vec<String> = table()
        .iter()
        .map(|(k, when, r)| doc_row(k, when, *r))
        .filter(|row| !docs.lines().any(|l| l == row))
        .collect();
    assert!(
        missing.is_empty(),
        "rows missing from docs/scenarios.md:\n{}",
        missing.join("\n")
    );
}

/// What the test knows about a run up to an event, from earlier events only.
#[derive(Clone, Default)]
struct Seen {
    roles: BTreeMap<NodeId, (Role, Term)>,
    /// Term of each server's last entry and its index, from appends and truncations.
    last: BTreeMap<NodeId, (Term, LogIndex)>,
    /// Entry terms by server and index.
    terms: BTreeMap<(NodeId, LogIndex), Term>,
}

impl Seen {
    fn leads(&self, n: NodeId) -> bool {
        matches!(self.roles.get(&n), Some((Role::Leader, _)))
    }

    fn update(&mut self, ev: &EventKind) {
        match *ev {
            EventKind::Role {
                node, role, term, ..
            } => {
                self.roles.insert(node, (role, term));
            }
            EventKind::Net(NetEvent::Crash { node }) => {
                self.roles.remove(&node);
            }
            EventKind::Append {
                node,
                first,
                last,
                term,
                ..
            } => {
                for i in first.0..=last.0 {
                    self.terms.insert((node, LogIndex(i)), term);
                }
                self.last.insert(node, (term, last));
            }
            EventKind::Truncate { node, from, .. } => {
                let prev = LogIndex(from.0 - 1);
                let term = self.terms.get(&(node, prev)).copied().unwrap_or_default();
                self.last.insert(node, (term, prev));
            }
            _ => {}
        }
    }
}

/// The scenario's events, each with what was known just before it.
fn trace(file: &str) -> Vec<(TraceEvent, Seen)> {
    let path = format!("{}/tests/scenarios/{file}", env!("CARGO_MANIFEST_DIR"));
    let scenario = parse::<Raft>(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut seen = Seen::default();
    let mut out = Vec::new();
    run(&scenario, |ev, _| {
        out.push((ev.clone(), seen.clone()));
        seen.update(&ev.kind);
    });
    out
}

type Trace = [(TraceEvent, Seen)];
type Pick = fn(&Trace, usize) -> bool;

fn kind(t: &Trace, i: usize) -> &EventKind {
    &t[i].0.kind
}

fn client_invoke(t: &Trace, i: usize, get: bool, to_leader: bool) -> bool {
    matches!(
        kind(t, i),
        EventKind::Client { event: ClientEvent { op, phase: ClientPhase::Invoke, node: Some(n), .. }, .. }
            if (*op == "get") == get && t[i].1.leads(*n) == to_leader
    )
}

fn after_install(t: &Trace, i: usize) -> bool {
    i > 0 && matches!(kind(t, i - 1), EventKind::InstallSnapshot { .. })
}

fn right_after_election(t: &Trace, i: usize, n: NodeId) -> bool {
    i > 0
        && matches!(kind(t, i - 1), EventKind::Role { node, role: Role::Leader, .. } if *node == n)
}

#[test]
fn events_of_real_runs_cite_the_rule_that_fired() {
    let rows: &[(&str, &str, Pick, Rule)] = &[
        (
            "a client sends get to the leader",
            "stale_read_readindex.json",
            |t, i| client_invoke(t, i, true, true),
            Rule::ReadIndex,
        ),
        (
            "a client sends set to a follower",
            "leader_crash.json",
            |t, i| client_invoke(t, i, false, false),
            Rule::Redirect,
        ),
        (
            "a client sends set to the leader",
            "leader_crash.json",
            |t, i| client_invoke(t, i, false, true),
            Rule::ClientCommand,
        ),
        (
            "a follower commits what its installed snapshot holds",
            "snapshot_install.json",
            |t, i| matches!(kind(t, i), EventKind::Commit { .. }) && after_install(t, i),
            Rule::InstallSnapshotReceiver,
        ),
        (
            "a follower takes the leader's commit index",
            "leader_crash.json",
            |t, i| matches!(kind(t, i), EventKind::Commit { node, .. } if !t[i].1.leads(*node)),
            Rule::AppendAdvanceCommit,
        ),
        (
            "a leader commits by counting",
            "leader_crash.json",
            |t, i| matches!(kind(t, i), EventKind::Commit { node, .. } if t[i].1.leads(*node)),
            Rule::CommitCurrentTerm,
        ),
        (
            "a leader counts replicas of an earlier term (rule off)",
            "figure8_unsafe.json",
            |t, i| {
                let s = &t[i].1;
                matches!(kind(t, i), EventKind::Commit { node, commit_index, .. }
                    if s.leads(*node)
                        && s.terms.get(&(*node, *commit_index)) < s.roles.get(node).map(|r| &r.1))
            },
            Rule::CountedCommit,
        ),
        (
            "a new leader appends its no-op",
            "leader_crash.json",
            |t, i| matches!(kind(t, i), EventKind::Append { node, .. } if right_after_election(t, i, *node)),
            Rule::LeaderNoop,
        ),
        (
            "a leader appends a client's command",
            "leader_crash.json",
            |t, i| {
                matches!(kind(t, i), EventKind::Append { node, .. }
                    if t[i].1.leads(*node) && !right_after_election(t, i, *node))
            },
            Rule::ClientCommand,
        ),
        (
            "a follower appends entries",
            "leader_crash.json",
            |t, i| matches!(kind(t, i), EventKind::Append { node, .. } if !t[i].1.leads(*node)),
            Rule::AppendNewEntries,
        ),
        (
            "a vote granted to a less up-to-date log (rule off)",
            "election_restriction_broken.json",
            |t, i| {
                let s = &t[i].1;
                let last = |n| s.last.get(&n).copied().unwrap_or_default();
                matches!(kind(t, i), EventKind::Vote { node, candidate, granted: true, pre_vote: false, .. }
                    if last(*node) > last(*candidate))
            },
            Rule::UncheckedVote,
        ),
        (
            "the election timer fires on a candidate",
            "split_vote_fixed_timeouts.json",
            |t, i| {
                matches!(kind(t, i), EventKind::Timeout { node, forced: false, .. }
                    if matches!(t[i].1.roles.get(node), Some((Role::Candidate, _))))
            },
            Rule::CandidateTimeout,
        ),
        (
            "the election timer fires on a follower",
            "leader_crash.json",
            |t, i| {
                matches!(kind(t, i), EventKind::Timeout { node, forced: false, .. }
                    if matches!(t[i].1.roles.get(node), Some((Role::Follower, _)) | None))
            },
            Rule::FollowerTimeout,
        ),
        (
            "a restarted server is a follower",
            "persistence_full_restart.json",
            |t, i| {
                i > 0
                    && matches!(kind(t, i), EventKind::Role { role: Role::Follower, node, .. }
                        if matches!(kind(t, i - 1), EventKind::Net(NetEvent::Restart { node: r }) if r == node))
            },
            Rule::StartAsFollower,
        ),
        (
            "a candidate hears from the leader of its term",
            "election_basic.json",
            |t, i| {
                matches!(kind(t, i), EventKind::Role { role: Role::Follower, node, term, .. }
                    if t[i].1.roles.get(node) == Some(&(Role::Candidate, *term)))
            },
            Rule::CandidateStepsBack,
        ),
        (
            "a server sees a higher term",
            "leader_crash.json",
            |t, i| {
                matches!(kind(t, i), EventKind::Role { role: Role::Follower, node, term, .. }
                    if t[i].1.roles.get(node).is_some_and(|r| r.1 < *term))
            },
            Rule::HigherTerm,
        ),
        (
            "a read answered from local state",
            "stale_read_local.json",
            |t, i| matches!(kind(t, i), EventKind::Read { .. }),
            Rule::LocalRead,
        ),
    ];
    let mut wrong = Vec::new();
    for (label, file, pick, want) in rows {
        let t = trace(file);
        let i = (0..t.len())
            .find(|&i| pick(&t, i))
            .unwrap_or_else(|| panic!("{label}: no such event in {file}"));
        let got = t[i].0.kind.rule();
        if got != Some(*want) {
            wrong.push(format!("{label}: cites {got:?}, expected {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn sends_note_exactly_the_heartbeats() {
    // The note is all that tells a heartbeat from AppendEntries with entries
    // in the trace: check it against the messages themselves, in flight.
    let path = format!(
        "{}/tests/scenarios/leader_crash.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let scenario = parse::<Raft>(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut run = scenario.start();
    let (mut heartbeats, mut with_entries) = (0, 0);
    while run.step_within(scenario.stop) {
        let events: Vec<TraceEvent> = run.drain_trace().collect();
        for ev in events {
            let EventKind::Net(NetEvent::Send { id, note, .. }) = ev.kind else {
                continue;
            };
            let Some(e) = run.world().network().get(id) else {
                continue;
            };
            match &e.msg {
                Message::AppendEntries { entries, .. } if entries.is_empty() => {
                    assert_eq!(note, Some(Message::HEARTBEAT), "{id:?}");
                    heartbeats += 1;
                }
                Message::AppendEntries { .. } => {
                    assert_eq!(note, None, "{id:?}");
                    with_entries += 1;
                }
                _ => assert_eq!(note, None, "{id:?}"),
            }
        }
    }
    assert!(
        heartbeats > 10 && with_entries > 10,
        "{heartbeats} heartbeats, {with_entries} with entries"
    );
}
