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
    use crate::protocols::raft::node::Output;
    use crate::protocols::raft::types::LogIndex;
    use crate::sim::{SimRng, SimTime};

    fn lease() -> RaftConfig {
        RaftConfig {
            read_mode: ReadMode::Lease,
            ..RaftConfig::default()
        }
    }

    fn ms(t: u64) -> SimTime {
        SimTime::from_millis(t)
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
}
