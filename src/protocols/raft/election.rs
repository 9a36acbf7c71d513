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
        self.votes[self.id.index()] = VoteState::Granted;
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

    fn count_votes(&mut self, now: SimTime, cfg: &RaftConfig) {
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
