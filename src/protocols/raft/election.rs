//! Leader election (§5.2, §5.4.1) and PreVote (thesis §9.6): campaigning,
//! granting or refusing votes, and counting them.

use super::config::RaftConfig;
use super::message::Message;
use super::node::{Note, RaftNode, Refusal, RoleChange, VoteState};
use super::types::{Role, Term};
use crate::sim::{NodeId, SimTime};

impl RaftNode {
    /// Starts a campaign. With `pre_vote`, first asks whether a vote for the next
    /// term would be granted, without changing the term (thesis §9.6); otherwise
    /// increments the term, votes for itself and requests votes (§5.2).
    pub(super) fn campaign(
        &mut self,
        now: SimTime,
        pre_vote: bool,
        transfer: bool,
        cfg: &RaftConfig,
    ) {
        let proposed = self.term.next();
        if pre_vote {
            self.role = Role::PreCandidate;
        } else {
            self.term = proposed;
            self.voted_for = Some(self.id);
            self.role = Role::Candidate;
        }
        self.leader = None;
        self.votes.iter_mut().for_each(|v| *v = VoteState::Pending);
        // A pre-vote changes nothing persistent; a vote for itself counts
        // once the new term and the vote are written (storage.rs).
        if pre_vote || self.writes_instantly() {
            self.votes[self.id.index()] = VoteState::Granted;
        }
        self.note(Note::Role {
            role: self.role,
            term: self.term,
            why: RoleChange::Campaign,
        });
        self.reset_election_timer(now, cfg);
        let request = Message::RequestVote {
            term: proposed,
            candidate: self.id,
            last_log_index: self.log.last_index(),
            last_log_term: self.log.last_term(),
            pre_vote,
            transfer,
        };
        for peer in self.peers() {
            self.send(peer, request.clone());
        }
        self.count_votes(now, cfg);
    }

    /// Decides a RequestVote (Figure 2, "RequestVote RPC: receiver implementation").
    pub(super) fn handle_request_vote(
        &mut self,
        now: SimTime,
        from: NodeId,
        msg: Message,
        cfg: &RaftConfig,
    ) {
        let Message::RequestVote {
            term,
            candidate,
            last_log_index,
            last_log_term,
            pre_vote,
            ..
        } = msg
        else {
            return;
        };
        // §5.4.1: grant only if the candidate's log is at least as up to date:
        // a later last term, or the same last term and at least as long.
        let up_to_date =
            (last_log_term, last_log_index) >= (self.log.last_term(), self.log.last_index());
        let log_ok = up_to_date || cfg.unsafe_.no_election_restriction;
        let refused = if term < self.term {
            Some(Refusal::StaleTerm)
        } else if term == self.term && self.voted_for.is_some_and(|v| v != candidate) {
            Some(Refusal::AlreadyVoted(self.voted_for.unwrap_or(candidate)))
        } else if term == self.term && pre_vote && self.leader.is_some() {
            Some(Refusal::AlreadyVoted(self.leader.unwrap_or(candidate)))
        } else if !log_ok {
            Some(Refusal::LogBehind)
        } else {
            None
        };
        if refused.is_none() && !pre_vote {
            self.voted_for = Some(candidate);
            self.reset_election_timer(now, cfg);
        }
        self.note(Note::Vote {
            candidate,
            term,
            pre_vote,
            refused,
            unchecked: refused.is_none() && !up_to_date,
        });
        let reply_term = if refused.is_none() && pre_vote {
            term
        } else {
            self.term
        };
        self.send(
            from,
            Message::RequestVoteReply {
                term: reply_term,
                granted: refused.is_none(),
                pre_vote,
            },
        );
    }

    /// Records a vote and wins if a majority granted.
    pub(super) fn handle_vote_reply(
        &mut self,
        now: SimTime,
        from: NodeId,
        term: Term,
        granted: bool,
        pre_vote: bool,
        cfg: &RaftConfig,
    ) {
        let current = match self.role {
            Role::PreCandidate if pre_vote => !granted || term == self.term.next(),
            Role::Candidate if !pre_vote => term == self.term,
            _ => false,
        };
        if !current {
            return;
        }
        self.votes[from.index()] = if granted {
            VoteState::Granted
        } else {
            VoteState::Refused
        };
        self.count_votes(now, cfg);
    }

    pub(super) fn count_votes(&mut self, now: SimTime, cfg: &RaftConfig) {
        let granted = self
            .votes
            .iter()
            .filter(|v| **v == VoteState::Granted)
            .count();
        if granted < self.quorum() {
            return;
        }
        match self.role {
            Role::PreCandidate => self.campaign(now, false, false, cfg),
            Role::Candidate => self.become_leader(now, cfg),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::raft::config::ReadMode;
    use crate::protocols::raft::node::{Output, Timer};
    use crate::protocols::raft::test_support::{
        drain, ms, new_candidate, new_follower, pre_vote, vote, vote_reply,
    };
    use crate::protocols::raft::types::LogIndex;
    use crate::sim::{SimRng, SimTime};

    fn lease() -> RaftConfig {
        RaftConfig {
            read_mode: ReadMode::Lease,
            ..RaftConfig::default()
        }
    }

    /// Server 2 of 5, following server 1 in term 1, last heard from it at 1 s.
    fn follower(cfg: &RaftConfig) -> RaftNode {
        let mut n = RaftNode::new(NodeId(2), 5, SimRng::fork(7, 2));
        n.start(SimTime::ZERO, cfg);
        let heartbeat = Message::AppendEntries {
            term: Term(1),
            leader: NodeId(1),
            prev_log_index: LogIndex(0),
            prev_log_term: Term(0),
            entries: Vec::new(),
            leader_commit: LogIndex(0),
            stamp: ms(995),
        };
        n.step(ms(1000), NodeId(1), heartbeat, cfg);
        n.drain_outputs().for_each(drop);
        n
    }

    fn request(term: u64, candidate: u16, transfer: bool) -> Message {
        Message::RequestVote {
            term: Term(term),
            candidate: NodeId(candidate),
            last_log_index: LogIndex(0),
            last_log_term: Term(0),
            pre_vote: false,
            transfer,
        }
    }

    fn ignored(out: &[Output]) -> bool {
        out.iter()
            .any(|o| matches!(o, Output::Note(Note::VoteIgnored { .. })))
            && !out.iter().any(|o| matches!(o, Output::Send { .. }))
    }

    fn granted(out: &[Output]) -> bool {
        out.iter().any(|o| {
            matches!(
                o,
                Output::Send {
                    msg: Message::RequestVoteReply { granted: true, .. },
                    ..
                }
            )
        })
    }

    #[test]
    fn a_term_learned_from_a_late_refusal_keeps_the_lease_promise() {
        let cfg = lease();
        let mut n = follower(&cfg);
        let late = Message::RequestVoteReply {
            term: Term(3),
            granted: false,
            pre_vote: false,
        };
        n.step(ms(1100), NodeId(4), late, &cfg);
        assert_eq!((n.term(), n.leader()), (Term(3), None));
        n.drain_outputs().for_each(drop);
        // A later term and the same term alike are disregarded inside the promise.
        n.step(ms(1120), NodeId(4), request(4, 4, false), &cfg);
        assert!(ignored(&n.drain_outputs().collect::<Vec<_>>()));
        n.step(ms(1130), NodeId(5), request(3, 5, false), &cfg);
        assert!(ignored(&n.drain_outputs().collect::<Vec<_>>()));
        assert_eq!(n.voted_for(), None);
        // Once the minimum election timeout has passed since the heartbeat, it votes.
        n.step(ms(1150), NodeId(5), request(3, 5, false), &cfg);
        assert!(granted(&n.drain_outputs().collect::<Vec<_>>()));
        assert_eq!(n.voted_for(), Some(NodeId(5)));
    }

    #[test]
    fn a_restarted_server_grants_no_vote_for_a_minimum_election_timeout() {
        let cfg = lease();
        let mut n = follower(&cfg);
        n.crash();
        n.restart(ms(1010), &cfg);
        n.drain_outputs().for_each(drop);
        n.step(ms(1100), NodeId(4), request(2, 4, false), &cfg);
        assert!(ignored(&n.drain_outputs().collect::<Vec<_>>()));
        assert_eq!(n.term(), Term(1));
        n.step(ms(1160), NodeId(4), request(2, 4, false), &cfg);
        assert!(granted(&n.drain_outputs().collect::<Vec<_>>()));
    }

    #[test]
    fn without_lease_reads_a_restarted_server_votes_at_once() {
        let cfg = RaftConfig::default();
        let mut n = follower(&cfg);
        n.crash();
        n.restart(ms(1010), &cfg);
        n.drain_outputs().for_each(drop);
        n.step(ms(1020), NodeId(4), request(2, 4, false), &cfg);
        assert!(granted(&n.drain_outputs().collect::<Vec<_>>()));
    }

    #[test]
    fn a_transfer_election_is_exempt_from_the_promise() {
        let cfg = lease();
        let mut n = follower(&cfg);
        n.step(ms(1020), NodeId(3), request(2, 3, true), &cfg);
        assert!(granted(&n.drain_outputs().collect::<Vec<_>>()));
        assert_eq!((n.term(), n.voted_for()), (Term(2), Some(NodeId(3))));
    }

    #[test]
    fn a_forced_timeout_inside_the_promise_is_refused() {
        let cfg = lease();
        let mut n = follower(&cfg);
        n.force_timeout(ms(1100), &cfg);
        let out: Vec<_> = n.drain_outputs().collect();
        assert!(matches!(out[..], [Output::Note(Note::Refused { .. })]));
        assert_eq!((n.role(), n.term()), (Role::Follower, Term(1)));
        n.force_timeout(ms(1150), &cfg);
        assert_eq!((n.role(), n.term()), (Role::Candidate, Term(2)));
    }

    #[test]
    fn a_timeout_now_overtaken_by_a_heartbeat_is_ignored() {
        let cfg = lease();
        let mut n = follower(&cfg);
        let stale = Message::TimeoutNow {
            term: Term(1),
            stamp: ms(990),
        };
        n.step(ms(1010), NodeId(1), stale.clone(), &cfg);
        assert_eq!(n.role(), Role::Follower);
        // Without lease reads nothing depends on it: the transfer goes ahead.
        let mut m = follower(&RaftConfig::default());
        m.step(ms(1010), NodeId(1), stale, &RaftConfig::default());
        assert_eq!((m.role(), m.term()), (Role::Candidate, Term(2)));
        let fresh = Message::TimeoutNow {
            term: Term(1),
            stamp: ms(1000),
        };
        n.step(ms(1010), NodeId(1), fresh, &cfg);
        assert_eq!((n.role(), n.term()), (Role::Candidate, Term(2)));
    }

    // ---- RequestVote receiver (Figure 2), one request at a time ----------

    fn vote_answer(term: u64, granted: bool) -> Message {
        Message::RequestVoteReply {
            term: Term(term),
            granted,
            pre_vote: false,
        }
    }

    #[test]
    fn a_vote_is_granted_to_the_first_candidate_of_a_term() {
        // §5.2: votedFor is null and the log is up to date (§5.4.1): grant,
        // record the vote and reset the election timer.
        let cfg = RaftConfig::default();
        let mut n = new_follower(2, 3, 1, &[1]);
        n.step(ms(10), NodeId(1), vote(2, 1, 1, 1), &cfg);
        let out = drain(&mut n);
        assert_eq!((n.term(), n.voted_for()), (Term(2), Some(NodeId(1))));
        assert_eq!(out.sent, vec![(NodeId(1), vote_answer(2, true))]);
        assert_eq!(out.timers.len(), 1);
        assert_eq!(out.timers[0].0, Timer::Election);
        assert_eq!(
            out.notes[1],
            Note::Vote {
                candidate: NodeId(1),
                term: Term(2),
                pre_vote: false,
                refused: None,
                unchecked: false,
            }
        );
    }

    #[test]
    fn a_server_votes_for_at_most_one_candidate_per_term() {
        // §5.2: each server votes for at most one candidate in a given term,
        // and may repeat that vote (votedFor is candidateId).
        let cfg = RaftConfig::default();
        let mut n = new_follower(2, 3, 1, &[1]);
        n.step(ms(10), NodeId(1), vote(2, 1, 1, 1), &cfg);
        drain(&mut n);
        n.step(ms(11), NodeId(3), vote(2, 3, 1, 1), &cfg);
        let out = drain(&mut n);
        assert_eq!(out.sent, vec![(NodeId(3), vote_answer(2, false))]);
        assert_eq!(n.voted_for(), Some(NodeId(1)));
        assert_eq!(out.timers, vec![], "a refusal does not reset the timer");
        assert!(matches!(
            out.notes[..],
            [Note::Vote {
                refused: Some(Refusal::AlreadyVoted(NodeId(1))),
                ..
            }]
        ));
        n.step(ms(12), NodeId(1), vote(2, 1, 1, 1), &cfg);
        assert_eq!(drain(&mut n).sent, vec![(NodeId(1), vote_answer(2, true))]);
    }

    #[test]
    fn a_vote_request_of_an_older_term_is_refused() {
        // §5.1 and RequestVote step 1: reply false if term < currentTerm.
        let cfg = RaftConfig::default();
        let mut n = new_follower(2, 3, 3, &[]);
        n.step(ms(10), NodeId(1), vote(2, 1, 5, 2), &cfg);
        let out = drain(&mut n);
        assert_eq!(out.sent, vec![(NodeId(1), vote_answer(3, false))]);
        assert_eq!((n.term(), n.voted_for()), (Term(3), None));
        assert!(matches!(
            out.notes[..],
            [Note::Vote {
                refused: Some(Refusal::StaleTerm),
                ..
            }]
        ));
    }

    #[test]
    fn a_candidate_with_an_older_last_term_is_refused_but_its_term_adopted() {
        // §5.4.1: a log whose last entry has an earlier term is behind, however
        // long; the request's later term is still adopted (§5.1).
        let cfg = RaftConfig::default();
        let mut n = new_follower(2, 3, 2, &[1, 2]);
        n.step(ms(10), NodeId(1), vote(3, 1, 5, 1), &cfg);
        let out = drain(&mut n);
        assert_eq!(out.sent, vec![(NodeId(1), vote_answer(3, false))]);
        assert_eq!((n.term(), n.voted_for()), (Term(3), None));
        assert!(out.notes.iter().any(|n| matches!(
            n,
            Note::Vote {
                refused: Some(Refusal::LogBehind),
                ..
            }
        )));
    }

    #[test]
    fn the_election_restriction_compares_last_term_then_length() {
        // §5.4.1: the later last term is more up to date; with the same last
        // term, the longer log is. The voter's log is [1, 2, 2].
        let cfg = RaftConfig::default();
        let cases = [
            // (candidate's last index, last term, granted)
            (2, 2, false),
            (3, 2, true),
            (4, 2, true),
            (1, 3, true),
            (5, 1, false),
        ];
        for (last_index, last_term, want) in cases {
            let mut n = new_follower(2, 3, 3, &[1, 2, 2]);
            n.step(ms(10), NodeId(1), vote(4, 1, last_index, last_term), &cfg);
            assert_eq!(
                drain(&mut n).sent,
                vec![(NodeId(1), vote_answer(4, want))],
                "candidate log ending at index {last_index}, term {last_term}"
            );
        }
    }

    #[test]
    fn a_candidate_becomes_leader_once_a_majority_grants() {
        // §5.2: votes from a majority make a candidate leader; it then sends
        // AppendEntries to every server, here with its no-op (§8).
        let cfg = RaftConfig::default();
        let mut n = new_candidate(1, 5, 2, &[1]);
        n.step(ms(10), NodeId(2), vote_reply(2, true), &cfg);
        assert_eq!(n.role(), Role::Candidate, "2 of 5");
        assert_eq!(drain(&mut n).sent, vec![]);
        n.step(ms(11), NodeId(3), vote_reply(2, true), &cfg);
        let out = drain(&mut n);
        assert_eq!((n.role(), n.leader()), (Role::Leader, Some(NodeId(1))));
        assert_eq!(n.log().last_term(), Term(2));
        let append = Message::AppendEntries {
            term: Term(2),
            leader: NodeId(1),
            prev_log_index: LogIndex(1),
            prev_log_term: Term(1),
            entries: n.log().entries_from(LogIndex(2), 8),
            leader_commit: LogIndex(0),
            stamp: ms(11),
        };
        let to: Vec<_> = out.sent.iter().map(|(to, _)| to.0).collect();
        assert_eq!(to, vec![2, 3, 4, 5]);
        assert!(out.sent.iter().all(|(_, m)| *m == append));
        assert!(out.timers.contains(&(Timer::Heartbeat, ms(61))));
    }

    #[test]
    fn a_servers_vote_counts_once() {
        // §5.2: a majority of servers, not of replies: a duplicated grant
        // from one server elects no one.
        let cfg = RaftConfig::default();
        let mut n = new_candidate(1, 5, 2, &[]);
        n.step(ms(10), NodeId(2), vote_reply(2, true), &cfg);
        n.step(ms(11), NodeId(2), vote_reply(2, true), &cfg);
        assert_eq!(n.role(), Role::Candidate);
        assert_eq!(
            n.votes(),
            &[
                VoteState::Granted,
                VoteState::Granted,
                VoteState::Pending,
                VoteState::Pending,
                VoteState::Pending
            ]
        );
    }

    // ---- PreVote (thesis §9.6) --------------------------------------------

    fn with_pre_vote() -> RaftConfig {
        RaftConfig {
            pre_vote: true,
            ..RaftConfig::default()
        }
    }

    #[test]
    fn a_pre_candidate_keeps_its_term_and_its_vote() {
        // Thesis §9.6: the pre-vote asks about term + 1 without incrementing the term.
        let cfg = with_pre_vote();
        let mut n = new_follower(1, 3, 3, &[1, 3]);
        n.voted_for = Some(NodeId(2));
        n.tick(ms(300), Timer::Election, &cfg);
        let out = drain(&mut n);
        assert_eq!(
            (n.role(), n.term(), n.voted_for()),
            (Role::PreCandidate, Term(3), Some(NodeId(2)))
        );
        let ask = pre_vote(4, 1, 2, 3);
        assert_eq!(out.sent, vec![(NodeId(2), ask.clone()), (NodeId(3), ask)]);
    }

    #[test]
    fn granting_a_pre_vote_changes_neither_term_nor_vote() {
        // Thesis §9.6: a pre-vote disturbs no one: the voter keeps its term,
        // its vote and its election timer.
        let cfg = with_pre_vote();
        let mut n = new_follower(2, 3, 3, &[1]);
        n.step(ms(10), NodeId(1), pre_vote(4, 1, 1, 1), &cfg);
        let out = drain(&mut n);
        assert_eq!(
            out.sent,
            vec![(
                NodeId(1),
                Message::RequestVoteReply {
                    term: Term(4),
                    granted: true,
                    pre_vote: true,
                }
            )]
        );
        assert_eq!((n.term(), n.voted_for()), (Term(3), None));
        assert_eq!(out.timers, vec![]);
    }

    #[test]
    fn a_majority_of_pre_votes_starts_the_real_election() {
        // Thesis §9.6: only once a majority would vote does the pre-candidate
        // increment its term and campaign (§5.2).
        let cfg = with_pre_vote();
        let mut n = new_follower(1, 3, 3, &[1, 3]);
        n.tick(ms(300), Timer::Election, &cfg);
        drain(&mut n);
        let yes = Message::RequestVoteReply {
            term: Term(4),
            granted: true,
            pre_vote: true,
        };
        n.step(ms(310), NodeId(2), yes, &cfg);
        let out = drain(&mut n);
        assert_eq!(
            (n.role(), n.term(), n.voted_for()),
            (Role::Candidate, Term(4), Some(NodeId(1)))
        );
        let ask = vote(4, 1, 2, 3);
        assert_eq!(out.sent, vec![(NodeId(2), ask.clone()), (NodeId(3), ask)]);
    }
}
