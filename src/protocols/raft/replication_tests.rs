//! Log replication one message at a time: the AppendEntries receiver
//! (Figure 2, steps 1–5, §5.3) and the leader's side of its reply —
//! nextIndex and matchIndex (§5.3) and the commit rule (§5.4.2).

use super::config::RaftConfig;
use super::message::Message;
use super::node::{AppendedBy, ClientReply, ClientRequest, CommitBy, Note};
use super::test_support::*;
use super::types::{LogIndex, Term};
use crate::sim::{NodeId, SimTime};

/// A follower's AppendEntries reply carrying the given fields.
fn reply(
    term: u64,
    success: bool,
    index: u64,
    last_index: u64,
    conflict: (Option<u64>, u64),
) -> Message {
    Message::AppendEntriesReply {
        term: Term(term),
        success,
        index: LogIndex(index),
        last_index: LogIndex(last_index),
        conflict_term: conflict.0.map(Term),
        conflict_index: LogIndex(conflict.1),
        stamp: SimTime::ZERO,
    }
}

// ---- receiver -------------------------------------------------------------

#[test]
fn append_entries_is_rejected_when_the_log_has_no_entry_at_prev_log_index() {
    // §5.3, step 2: reply false if the log doesn't contain an entry at prevLogIndex.
    let cfg = RaftConfig::default();
    let mut n = new_follower(2, 3, 2, &[1, 1]);
    n.step(ms(10), NodeId(1), append(2, 1, (4, 2), &[2], 0), &cfg);
    let out = drain(&mut n);
    assert_eq!(
        out.sent,
        vec![(NodeId(1), reply(2, false, 4, 2, (None, 3)))]
    );
    assert_eq!(log_terms(&n), vec![1, 1]);
    assert!(out.notes.contains(&Note::RejectedAppend {
        leader: NodeId(1),
        prev_log_index: LogIndex(4),
        prev_log_term: Term(2),
    }));
}

#[test]
fn append_entries_is_rejected_when_the_term_at_prev_log_index_differs() {
    // §5.3, step 2: ... whose term matches prevLogTerm. A rejection deletes nothing.
    let cfg = RaftConfig::default();
    let mut n = new_follower(2, 3, 2, &[1, 1, 1]);
    n.step(ms(10), NodeId(1), append(2, 1, (3, 2), &[2], 0), &cfg);
    let out = drain(&mut n);
    assert_eq!(
        out.sent,
        vec![(NodeId(1), reply(2, false, 3, 3, (Some(1), 1)))]
    );
    assert_eq!(log_terms(&n), vec![1, 1, 1]);
}

#[test]
fn a_conflicting_suffix_is_deleted_and_the_leaders_entries_appended() {
    // §5.3, steps 3–4: an existing entry conflicts with a new one (same index,
    // different term): delete it and all that follow, then append.
    let cfg = RaftConfig::default();
    let mut n = new_follower(2, 3, 2, &[1, 1, 2, 2]);
    n.step(ms(10), NodeId(1), append(3, 1, (2, 1), &[3], 0), &cfg);
    let out = drain(&mut n);
    assert_eq!(log_terms(&n), vec![1, 1, 3]);
    assert_eq!(out.sent, vec![(NodeId(1), reply(3, true, 3, 3, (None, 0)))]);
    let tail: Vec<_> = out.notes.iter().rev().take(2).rev().cloned().collect();
    assert_eq!(
        tail,
        vec![
            Note::Truncated {
                from: LogIndex(3),
                count: 2,
            },
            Note::Appended {
                first: LogIndex(3),
                last: LogIndex(3),
                term: Term(3),
                by: AppendedBy::Replication,
            },
        ]
    );
}

#[test]
fn entries_the_log_already_holds_are_kept() {
    // §5.3, step 3: only a conflicting entry is deleted; a late or short
    // AppendEntries must not cut entries that agree with the leader.
    let cfg = RaftConfig::default();
    let mut n = new_follower(2, 3, 1, &[1, 1, 1, 1]);
    n.step(ms(10), NodeId(1), append(1, 1, (1, 1), &[1], 0), &cfg);
    let out = drain(&mut n);
    assert_eq!(log_terms(&n), vec![1, 1, 1, 1]);
    assert_eq!(out.sent, vec![(NodeId(1), reply(1, true, 2, 4, (None, 0)))]);
    assert!(
        !out.notes
            .iter()
            .any(|n| matches!(n, Note::Truncated { .. } | Note::Appended { .. }))
    );
}

#[test]
fn commit_index_follows_the_leader_up_to_the_last_new_entry() {
    // §5.3, step 5: if leaderCommit > commitIndex, set commitIndex =
    // min(leaderCommit, index of last new entry).
    let cfg = RaftConfig::default();
    let mut n = new_follower(2, 3, 1, &[]);
    n.step(ms(10), NodeId(1), append(1, 1, (0, 0), &[1, 1], 5), &cfg);
    let out = drain(&mut n);
    assert_eq!(
        (n.commit_index(), n.applied_index()),
        (LogIndex(2), LogIndex(2))
    );
    assert!(out.notes.contains(&Note::Committed {
        index: LogIndex(2),
        by: CommitBy::LeaderCommit,
    }));
}

#[test]
fn a_heartbeat_commits_no_further_than_the_entry_it_checked() {
    // §5.3, step 5: entries past the last one the leader vouched for may be
    // stale; the commit index stops at prevLogIndex + len(entries).
    let cfg = RaftConfig::default();
    let mut n = new_follower(2, 3, 1, &[1, 1, 1]);
    n.step(ms(10), NodeId(1), append(1, 1, (1, 1), &[], 3), &cfg);
    let out = drain(&mut n);
    assert_eq!(n.commit_index(), LogIndex(1));
    assert_eq!(out.sent, vec![(NodeId(1), reply(1, true, 1, 3, (None, 0)))]);
}

// ---- leader ---------------------------------------------------------------

#[test]
fn a_successful_reply_advances_match_index_and_next_index() {
    // §5.3: on success, update nextIndex and matchIndex for the follower.
    let cfg = RaftConfig::default();
    let mut n = new_leader(1, 5, 2, &[1, 2, 2]);
    n.step(ms(10), NodeId(2), append_reply(2, true, 3, ms(5)), &cfg);
    let out = drain(&mut n);
    let p = n.progress()[NodeId(2).index()];
    assert_eq!((p.next, p.matched), (LogIndex(4), LogIndex(3)));
    assert_eq!(n.commit_index(), LogIndex(0), "2 of 5 is no majority");
    assert_eq!(out.sent, vec![], "nothing more to send");
}

#[test]
fn a_rejection_makes_the_leader_back_off_by_one_and_retry() {
    // §5.3: if AppendEntries fails because of log inconsistency, decrement
    // nextIndex and retry.
    let cfg = RaftConfig::default();
    let mut n = new_leader(1, 3, 2, &[1, 1, 2]);
    let third = n.log().entries_from(LogIndex(3), 1);
    n.step(ms(10), NodeId(2), append_reply(2, false, 3, ms(5)), &cfg);
    let out = drain(&mut n);
    assert_eq!(n.progress()[NodeId(2).index()].next, LogIndex(3));
    assert_eq!(
        out.sent,
        vec![(
            NodeId(2),
            Message::AppendEntries {
                term: Term(2),
                leader: NodeId(1),
                prev_log_index: LogIndex(2),
                prev_log_term: Term(1),
                entries: third,
                leader_commit: LogIndex(0),
                stamp: ms(10),
            }
        )]
    );
    assert_eq!(
        out.notes,
        vec![Note::Backoff {
            peer: NodeId(2),
            next: LogIndex(3),
        }]
    );
}

#[test]
fn a_rejection_of_an_older_probe_is_ignored() {
    // §5.3: only the rejection of the entry last probed moves nextIndex; a
    // delayed one for an earlier probe must not send it back again.
    let cfg = RaftConfig::default();
    let mut n = new_leader(1, 3, 2, &[1, 1, 2]);
    n.step(ms(10), NodeId(2), append_reply(2, false, 1, ms(5)), &cfg);
    let out = drain(&mut n);
    assert_eq!(n.progress()[NodeId(2).index()].next, LogIndex(4));
    assert_eq!((out.sent, out.notes), (vec![], vec![]));
}

#[test]
fn an_entry_of_the_current_term_commits_once_a_majority_stores_it() {
    // §5.4.2 / Figure 2: N > commitIndex, a majority of matchIndex[i] ≥ N and
    // log[N].term == currentTerm: set commitIndex = N.
    let cfg = RaftConfig::default();
    let mut n = new_leader(1, 5, 2, &[1, 2]);
    n.step(ms(10), NodeId(2), append_reply(2, true, 2, ms(5)), &cfg);
    assert_eq!(n.commit_index(), LogIndex(0), "2 of 5");
    drain(&mut n);
    n.step(ms(11), NodeId(3), append_reply(2, true, 2, ms(5)), &cfg);
    let out = drain(&mut n);
    assert_eq!(
        (n.commit_index(), n.applied_index()),
        (LogIndex(2), LogIndex(2))
    );
    assert_eq!(
        out.notes[0],
        Note::Committed {
            index: LogIndex(2),
            by: CommitBy::Majority,
        }
    );
}

#[test]
fn an_entry_of_an_earlier_term_is_committed_only_under_one_of_the_current_term() {
    // §5.4.2 (Figure 8): never commit an earlier term's entry by counting
    // replicas; it commits with the first entry of the current term.
    let cfg = RaftConfig::default();
    let mut n = new_leader(1, 3, 3, &[1, 2]);
    n.step(ms(10), NodeId(2), append_reply(3, true, 2, ms(5)), &cfg);
    let out = drain(&mut n);
    assert_eq!(
        n.commit_index(),
        LogIndex(0),
        "entry 2 is on 2 of 3 but of term 2"
    );
    assert_eq!(
        out.notes,
        vec![Note::CommitDeferred {
            index: LogIndex(2),
            term: Term(2),
        }]
    );
    n.client_request(
        ms(20),
        request(1),
        ClientRequest::Write(set("x", "1")),
        &cfg,
    );
    drain(&mut n);
    n.step(ms(30), NodeId(2), append_reply(3, true, 3, ms(20)), &cfg);
    let out = drain(&mut n);
    assert_eq!(
        (n.commit_index(), n.applied_index()),
        (LogIndex(3), LogIndex(3))
    );
    assert_eq!(
        out.replies,
        vec![(request(1), ClientReply::Ok(Some("1".into())))]
    );
}
