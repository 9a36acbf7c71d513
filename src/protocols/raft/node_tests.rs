//! The rules every server keeps whatever its role (Figure 2, "Rules for
//! Servers"; §5.1, §5.2), one input at a time: a message or a timer in,
//! then the server's state and its outbox.

use super::config::RaftConfig;
use super::message::Message;
use super::node::{Note, RoleChange, StepDown, Timer, VoteState};
use super::test_support::*;
use super::types::{LogIndex, Role, Term};
use crate::sim::{NodeId, SimTime};

#[test]
fn a_higher_term_in_a_reply_turns_a_candidate_into_a_follower_of_that_term() {
    // §5.1: a response with term T > currentTerm: set currentTerm = T, convert to follower.
    let cfg = RaftConfig::default();
    let mut n = new_candidate(1, 3, 2, &[1]);
    n.step(ms(10), NodeId(2), vote_reply(5, false), &cfg);
    let out = drain(&mut n);
    assert_eq!(
        (n.role(), n.term(), n.voted_for(), n.leader()),
        (Role::Follower, Term(5), None, None)
    );
    assert_eq!(out.sent, vec![]);
    assert_eq!(
        out.notes,
        vec![Note::Role {
            role: Role::Follower,
            term: Term(5),
            why: RoleChange::HigherTerm,
        }]
    );
}

#[test]
fn a_leader_that_sees_a_higher_term_steps_down() {
    // §5.1: a leader that learns a later term becomes a follower at once.
    let cfg = RaftConfig::default();
    let mut n = new_leader(1, 3, 2, &[1, 2]);
    n.step(ms(10), NodeId(2), append_reply(3, false, 2, ms(5)), &cfg);
    let out = drain(&mut n);
    assert_eq!(
        (n.role(), n.term(), n.leader()),
        (Role::Follower, Term(3), None)
    );
    assert!(n.progress().is_empty(), "a follower keeps no nextIndex");
    assert_eq!(
        out.notes,
        vec![
            Note::StepDown(StepDown::HigherTerm(Term(3))),
            Note::Role {
                role: Role::Follower,
                term: Term(3),
                why: RoleChange::HigherTerm,
            },
        ]
    );
    assert_eq!(out.sent, vec![]);
}

#[test]
fn a_request_from_an_older_term_is_refused_with_the_current_term() {
    // §5.1 and AppendEntries step 1: reply false if term < currentTerm; the
    // stale leader learns the newer term from the reply.
    let cfg = RaftConfig::default();
    let mut n = new_follower(2, 3, 3, &[1, 1]);
    n.step(ms(10), NodeId(1), append(2, 1, (2, 1), &[], 2), &cfg);
    let out = drain(&mut n);
    assert_eq!(
        out.sent,
        vec![(
            NodeId(1),
            Message::AppendEntriesReply {
                term: Term(3),
                success: false,
                index: LogIndex(2),
                last_index: LogIndex(2),
                conflict_term: None,
                conflict_index: LogIndex(0),
                stamp: SimTime::ZERO,
            }
        )]
    );
    assert_eq!(
        (n.term(), n.leader(), n.commit_index()),
        (Term(3), None, LogIndex(0))
    );
    assert_eq!(
        out.timers,
        vec![],
        "a stale leader does not reset the election timer"
    );
}

#[test]
fn a_vote_from_an_older_term_is_not_counted() {
    // §5.1: a reply of an earlier term is stale and dropped.
    let cfg = RaftConfig::default();
    let mut n = new_candidate(1, 3, 3, &[]);
    n.step(ms(10), NodeId(2), vote_reply(2, true), &cfg);
    let out = drain(&mut n);
    assert_eq!((n.role(), n.term()), (Role::Candidate, Term(3)));
    assert_eq!(
        n.votes(),
        &[VoteState::Granted, VoteState::Pending, VoteState::Pending]
    );
    assert_eq!((out.sent, out.notes), (vec![], vec![]));
}

#[test]
fn an_election_timeout_makes_a_follower_a_candidate_of_the_next_term() {
    // §5.2: increment currentTerm, vote for self, reset the election timer,
    // send RequestVote to all other servers.
    let cfg = RaftConfig::default();
    let mut n = new_follower(1, 3, 1, &[1]);
    n.tick(ms(300), Timer::Election, &cfg);
    let out = drain(&mut n);
    assert_eq!(
        (n.role(), n.term(), n.voted_for()),
        (Role::Candidate, Term(2), Some(NodeId(1)))
    );
    let request = vote(2, 1, 1, 1);
    assert_eq!(
        out.sent,
        vec![(NodeId(2), request.clone()), (NodeId(3), request)]
    );
    let [(Timer::Election, at)] = out.timers[..] else {
        panic!("one election timer, got {:?}", out.timers);
    };
    assert!(
        (ms(450)..=ms(600)).contains(&at),
        "a fresh timeout of 150–300 ms, got {at:?}"
    );
    assert_eq!(
        out.notes,
        vec![
            Note::ElectionTimeout {
                term: Term(1),
                forced: false,
                role: Role::Follower,
            },
            Note::Role {
                role: Role::Candidate,
                term: Term(2),
                why: RoleChange::Campaign,
            },
        ]
    );
}

#[test]
fn a_leaders_heartbeat_tick_sends_append_entries_to_every_follower() {
    // §5.2: leaders send empty AppendEntries during idle periods to keep their authority.
    let cfg = RaftConfig::default();
    let mut n = new_leader(1, 3, 2, &[1, 2]);
    n.tick(ms(50), Timer::Heartbeat, &cfg);
    let out = drain(&mut n);
    let heartbeat = Message::AppendEntries {
        term: Term(2),
        leader: NodeId(1),
        prev_log_index: LogIndex(2),
        prev_log_term: Term(2),
        entries: vec![],
        leader_commit: LogIndex(0),
        stamp: ms(50),
    };
    assert_eq!(
        out.sent,
        vec![(NodeId(2), heartbeat.clone()), (NodeId(3), heartbeat)]
    );
    assert_eq!(out.timers, vec![(Timer::Heartbeat, ms(100))]);
}

#[test]
fn a_candidate_that_hears_from_a_leader_of_its_term_becomes_its_follower() {
    // §5.2: AppendEntries from a leader whose term is at least the
    // candidate's: it returns to follower state, keeping its vote of this term.
    let cfg = RaftConfig::default();
    let mut n = new_candidate(1, 3, 2, &[1]);
    n.step(ms(20), NodeId(3), append(2, 3, (1, 1), &[], 0), &cfg);
    let out = drain(&mut n);
    assert_eq!(
        (n.role(), n.term(), n.leader(), n.voted_for()),
        (Role::Follower, Term(2), Some(NodeId(3)), Some(NodeId(1)))
    );
    assert_eq!(
        out.sent,
        vec![(
            NodeId(3),
            Message::AppendEntriesReply {
                term: Term(2),
                success: true,
                index: LogIndex(1),
                last_index: LogIndex(1),
                conflict_term: None,
                conflict_index: LogIndex(0),
                stamp: SimTime::ZERO,
            }
        )]
    );
    assert_eq!(
        out.notes[0],
        Note::Role {
            role: Role::Follower,
            term: Term(2),
            why: RoleChange::LeaderOfTerm,
        }
    );
    assert_eq!(out.timer_kinds(), vec![Timer::Election]);
}

#[test]
fn append_entries_of_a_higher_term_makes_a_leader_follow_the_new_leader() {
    // §5.1: the old leader adopts the term, forgets its vote and follows the sender.
    let cfg = RaftConfig::default();
    let mut n = new_leader(1, 3, 2, &[1, 2]);
    n.step(ms(20), NodeId(2), append(3, 2, (2, 2), &[], 0), &cfg);
    let out = drain(&mut n);
    assert_eq!(
        (n.role(), n.term(), n.leader(), n.voted_for()),
        (Role::Follower, Term(3), Some(NodeId(2)), None)
    );
    assert_eq!(out.notes[0], Note::StepDown(StepDown::HigherTerm(Term(3))));
    assert!(matches!(
        out.sent[..],
        [(
            NodeId(2),
            Message::AppendEntriesReply {
                term: Term(3),
                success: true,
                index: LogIndex(2),
                ..
            }
        )]
    ));
}
