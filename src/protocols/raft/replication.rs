//! Log replication (§5.3), the commit rule (§5.4.2), applying committed
//! entries, and log compaction with InstallSnapshot (§7).

use super::config::RaftConfig;
use super::log::Snapshot;
use super::message::Message;
use super::node::{AppendedBy, ClientReply, CommitBy, Note, Output, RaftNode, RoleChange};
use super::types::{Command, LogIndex, Role, Term};
use crate::sim::{NodeId, SimDuration, SimTime};
use std::sync::Arc;

impl RaftNode {
    /// Appends a command to the leader's own log.
    pub(super) fn append_local(&mut self, command: Command) -> LogIndex {
        let by = match command {
            Command::Noop => AppendedBy::Noop,
            _ => AppendedBy::ClientCommand,
        };
        let index = self.log.append(self.term, command);
        self.note(Note::Appended {
            first: index,
            last: index,
            term: self.term,
            by,
        });
        // The leader's own entry counts toward a majority once written
        // (storage.rs; thesis §10.2.1).
        let written = self.writes_instantly();
        if let Some(p) = self.progress.get_mut(self.id.index()) {
            if written {
                p.matched = index;
            }
            p.next = index.next();
        }
        index
    }

    /// The heartbeat round (§5.2): every follower gets entries from its
    /// nextIndex, or a snapshot — except one whose last batch is still on its
    /// way, which gets an empty AppendEntries instead. A batch unanswered for
    /// half the minimum election timeout is taken as lost and sent again.
    pub(super) fn broadcast_append(&mut self, now: SimTime, cfg: &RaftConfig) {
        let retransmit = SimDuration(cfg.election_timeout_min.as_micros() / 2);
        for peer in self.peers() {
            match self.progress[peer.index()].awaiting {
                Some((sent, _)) if now.since(sent) < retransmit => self.send_heartbeat(now, peer),
                _ => self.send_append(now, peer, cfg),
            }
        }
    }

    /// Sends entries to followers that are not already waiting for a batch.
    pub(super) fn replicate_to_idle(&mut self, now: SimTime, cfg: &RaftConfig) {
        for peer in self.peers() {
            if self.progress[peer.index()].awaiting.is_none() {
                self.send_append(now, peer, cfg);
            }
        }
    }

    /// An empty AppendEntries anchored at the follower's matchIndex, which it
    /// is known to hold: it asserts leadership and carries the commit index
    /// without racing the batch in flight.
    fn send_heartbeat(&mut self, now: SimTime, to: NodeId) {
        let anchor = self.progress[to.index()]
            .matched
            .max(self.log.compacted_index());
        let prev_log_term = self.log.term_at(anchor).unwrap_or_default();
        self.send(
            to,
            Message::AppendEntries {
                term: self.term,
                leader: self.id,
                prev_log_index: anchor,
                prev_log_term,
                entries: Vec::new(),
                leader_commit: self.commit,
                stamp: now,
            },
        );
    }

    /// Sends `to` the entries from its nextIndex, or the snapshot if they were compacted.
    pub(super) fn send_append(&mut self, now: SimTime, to: NodeId, cfg: &RaftConfig) {
        let next = self.progress[to.index()].next;
        if next <= self.log.compacted_index() {
            self.progress[to.index()].awaiting = Some((now, self.log.snapshot_index()));
            let snapshot = self.log.snapshot().clone();
            self.send(
                to,
                Message::InstallSnapshot {
                    term: self.term,
                    leader: self.id,
                    snapshot,
                    stamp: now,
                },
            );
            return;
        }
        let prev_log_index = next.prev();
        let prev_log_term = self.log.term_at(prev_log_index).unwrap_or_default();
        let entries = self.log.entries_from(next, cfg.max_batch);
        if !entries.is_empty() {
            let last = LogIndex(prev_log_index.0 + entries.len() as u64);
            self.progress[to.index()].awaiting = Some((now, last));
        }
        self.send(
            to,
            Message::AppendEntries {
                term: self.term,
                leader: self.id,
                prev_log_index,
                prev_log_term,
                entries,
                leader_commit: self.commit,
                stamp: now,
            },
        );
    }

    /// Follower side of AppendEntries (Figure 2, "AppendEntries RPC: receiver implementation").
    pub(super) fn handle_append_entries(
        &mut self,
        now: SimTime,
        from: NodeId,
        msg: Message,
        cfg: &RaftConfig,
    ) {
        let Message::AppendEntries {
            term,
            leader,
            prev_log_index,
            prev_log_term,
            entries,
            leader_commit,
            stamp,
        } = msg
        else {
            return;
        };
        let reply = |node: &RaftNode, success: bool, index: LogIndex| Message::AppendEntriesReply {
            term: node.term,
            success,
            index,
            last_index: node.log.last_index(),
            conflict_term: None,
            conflict_index: LogIndex(0),
            stamp,
        };
        // 1. Reply false if term < currentTerm (§5.1).
        if term < self.term {
            let msg = reply(self, false, prev_log_index);
            self.send(from, msg);
            return;
        }
        // A candidate that hears from a leader of its term steps back (§5.2).
        if self.role != Role::Follower || self.leader != Some(leader) {
            self.become_follower(term, Some(leader), RoleChange::LeaderOfTerm);
        }
        self.reset_election_timer(now, cfg);
        self.last_leader_contact = Some(now);
        self.note_leader_stamp(term, stamp);
        // Compacted entries are committed, hence in the leader's log (§7): skip
        // the part of the batch they cover.
        let (prev_log_index, prev_log_term, entries) = {
            let snap = self.log.compacted_index();
            if prev_log_index < snap {
                let covered = (snap.0 - prev_log_index.0) as usize;
                if entries.len() <= covered {
                    let msg = reply(self, true, snap);
                    self.send(from, msg);
                    return;
                }
                let mut entries = entries;
                let rest = entries.split_off(covered);
                let term = entries.last().map_or(self.log.last_term(), |e| e.term);
                (snap, term, rest)
            } else {
                (prev_log_index, prev_log_term, entries)
            }
        };
        // 2. Reply false if the log has no entry at prevLogIndex with prevLogTerm (§5.3).
        if self.log.term_at(prev_log_index) != Some(prev_log_term) {
            self.note(Note::RejectedAppend {
                leader,
                prev_log_index,
                prev_log_term,
            });
            let mut msg = reply(self, false, prev_log_index);
            if let Message::AppendEntriesReply {
                conflict_term,
                conflict_index,
                ..
            } = &mut msg
            {
                match self.log.term_at(prev_log_index) {
                    Some(t) => {
                        *conflict_term = Some(t);
                        *conflict_index = self.log.first_index_of_term_at(prev_log_index);
                    }
                    None => *conflict_index = self.log.last_index().next(),
                }
            }
            self.send(from, msg);
            return;
        }
        // 3–4. Delete a conflicting suffix, then append what is new (§5.3).
        let last_new = LogIndex(prev_log_index.0 + entries.len() as u64);
        let skip = entries
            .iter()
            .enumerate()
            .take_while(|(i, e)| {
                self.log.term_at(LogIndex(prev_log_index.0 + 1 + *i as u64)) == Some(e.term)
            })
            .count();
        if skip < entries.len() {
            let at = LogIndex(prev_log_index.0 + 1 + skip as u64);
            let count = self.log.truncate_from(at);
            if count > 0 {
                self.note(Note::Truncated { from: at, count });
            }
            let mut last_term = self.term;
            for e in entries.into_iter().skip(skip) {
                last_term = e.term;
                self.log.append(e.term, e.command);
            }
            self.note(Note::Appended {
                first: at,
                last: last_new,
                term: last_term,
                by: AppendedBy::Replication,
            });
        }
        // 5. If leaderCommit > commitIndex, set commitIndex = min(leaderCommit, index of last new entry).
        if leader_commit > self.commit {
            let to = leader_commit.min(last_new);
            if to > self.commit {
                self.commit_to(now, to, CommitBy::LeaderCommit, cfg);
            }
        }
        let msg = reply(self, true, last_new);
        self.send(from, msg);
    }

    /// Leader side of an AppendEntries reply: matchIndex, nextIndex and commit (§5.3, §5.4.2).
    pub(super) fn handle_append_reply(
        &mut self,
        now: SimTime,
        from: NodeId,
        msg: Message,
        cfg: &RaftConfig,
    ) {
        let Message::AppendEntriesReply {
            term,
            success,
            index,
            conflict_term,
            conflict_index,
            stamp,
            ..
        } = msg
        else {
            return;
        };
        if self.role != Role::Leader || term != self.term {
            return;
        }
        self.acknowledge(from, stamp);
        let p = &mut self.progress[from.index()];
        if success {
            if index > p.matched {
                p.matched = index;
            }
            p.next = p.next.max(p.matched.next());
            p.awaiting = p.awaiting.filter(|(_, last)| p.matched < *last);
            self.maybe_commit(now, cfg);
            self.after_progress(now, from, cfg);
        } else if index == p.next.prev() && index > p.matched {
            // A rejection for the entry we probed: back off (§5.3). Stale rejections are ignored.
            let next = if cfg.fast_backup {
                self.fast_backup_next(conflict_term, conflict_index)
            } else {
                index
            };
            let p = &mut self.progress[from.index()];
            // Never past the probed entry, never below what is known to match.
            p.next = next.min(index).max(p.matched.next());
            p.awaiting = None;
            let next = p.next;
            self.note(Note::Backoff { peer: from, next });
            self.send_append(now, from, cfg);
        }
        self.advance_reads(now, cfg);
    }

    /// With conflict information, skip all of the conflicting term at once.
    fn fast_backup_next(&self, conflict_term: Option<Term>, conflict_index: LogIndex) -> LogIndex {
        match conflict_term.and_then(|t| self.log.last_index_of_term(t)) {
            Some(last) => last.next(),
            None => conflict_index.max(LogIndex(1)),
        }
    }

    /// After a follower made progress: keep sending, or hand over leadership.
    fn after_progress(&mut self, now: SimTime, from: NodeId, cfg: &RaftConfig) {
        let p = self.progress[from.index()];
        if p.next <= self.log.last_index() && p.awaiting.is_none() {
            self.send_append(now, from, cfg);
        }
        if self.transfer.is_some_and(|(to, _)| to == from) && p.matched == self.log.last_index() {
            let msg = Message::TimeoutNow {
                term: self.term,
                stamp: now,
            };
            self.send(from, msg);
        }
    }

    /// Records that `from` acknowledged a request stamped `stamp` in this term.
    pub(super) fn acknowledge(&mut self, from: NodeId, stamp: SimTime) {
        let p = &mut self.progress[from.index()];
        p.recent_active = true;
        p.acked_stamp = Some(p.acked_stamp.map_or(stamp, |s| s.max(stamp)));
    }

    /// Commits the highest index stored on a majority, if it is from the current
    /// term (§5.4.2) — or from any term, with the unsafe toggle of Figure 8.
    pub(super) fn maybe_commit(&mut self, now: SimTime, cfg: &RaftConfig) {
        if self.role != Role::Leader {
            return;
        }
        let mut matched: Vec<LogIndex> = self.progress.iter().map(|p| p.matched).collect();
        matched.sort_unstable_by(|a, b| b.cmp(a));
        let n = matched[self.quorum() - 1];
        if n <= self.commit {
            return;
        }
        let term = self.log.term_at(n).unwrap_or_default();
        if term == self.term {
            self.commit_to(now, n, CommitBy::Majority, cfg);
        } else if cfg.unsafe_.commit_previous_terms {
            self.commit_to(now, n, CommitBy::MajorityEarlierTerm, cfg);
        } else if self.deferred != Some(n) {
            self.deferred = Some(n);
            self.note(Note::CommitDeferred { index: n, term });
        }
    }

    /// Advances the commit index and applies what became committed.
    pub(super) fn commit_to(
        &mut self,
        now: SimTime,
        index: LogIndex,
        by: CommitBy,
        cfg: &RaftConfig,
    ) {
        self.commit = index;
        self.note(Note::Committed { index, by });
        self.apply_committed(now, cfg);
    }

    /// Applies committed entries in order (Figure 2: "If commitIndex > lastApplied ...").
    pub(super) fn apply_committed(&mut self, now: SimTime, cfg: &RaftConfig) {
        while self.applied < self.commit {
            let index = self.applied.next();
            let Some(entry) = self.log.entry(index).cloned() else {
                break;
            };
            self.applied = index;
            let outcome = self.kv.apply(&entry.command);
            if let Some(to) = self.pending_writes.remove(&index) {
                let result = match &outcome {
                    super::kv::Applied::Done(v) | super::kv::Applied::Duplicate(v) => v.clone(),
                    super::kv::Applied::Noop => None,
                };
                self.outbox.push(Output::Reply {
                    to,
                    reply: ClientReply::Ok(result),
                });
            }
            self.note(Note::Applied {
                index,
                term: entry.term,
                hash: entry.hash,
                command: entry.command,
                outcome,
            });
        }
        self.maybe_snapshot(cfg);
        self.advance_reads(now, cfg);
    }

    /// Snapshots the state once enough applied entries follow the last snapshot,
    /// keeping the newest half of them in the log for followers just behind (§7).
    fn maybe_snapshot(&mut self, cfg: &RaftConfig) {
        let threshold = cfg.snapshot_threshold;
        if threshold == 0 || self.applied.0 < self.log.snapshot_index().0 + threshold {
            return;
        }
        let index = self.applied;
        let (Some(term), Some(hash)) = (self.log.term_at(index), self.log.hash_at(index)) else {
            return;
        };
        let snapshot = Arc::new(Snapshot {
            index,
            term,
            hash,
            state: self.kv.clone(),
        });
        self.log.take_snapshot(snapshot, threshold / 2);
        self.note(Note::SnapshotTaken { index, term });
    }

    /// Follower side of InstallSnapshot (§7, Figure 13).
    pub(super) fn handle_install_snapshot(
        &mut self,
        now: SimTime,
        from: NodeId,
        msg: Message,
        cfg: &RaftConfig,
    ) {
        let Message::InstallSnapshot {
            term,
            leader,
            snapshot,
            stamp,
        } = msg
        else {
            return;
        };
        if term < self.term {
            let reply = Message::InstallSnapshotReply {
                term: self.term,
                last_index: self.commit,
                stamp,
            };
            self.send(from, reply);
            return;
        }
        if self.role != Role::Follower || self.leader != Some(leader) {
            self.become_follower(term, Some(leader), RoleChange::LeaderOfTerm);
        }
        self.reset_election_timer(now, cfg);
        self.last_leader_contact = Some(now);
        self.note_leader_stamp(term, stamp);
        if snapshot.index > self.commit {
            let (index, term) = (snapshot.index, snapshot.term);
            self.kv = snapshot.state.clone();
            self.log.install(snapshot);
            self.commit = index;
            self.applied = index;
            self.note(Note::SnapshotInstalled { index, term });
            self.note(Note::Committed {
                index,
                by: CommitBy::Snapshot,
            });
        }
        let reply = Message::InstallSnapshotReply {
            term: self.term,
            last_index: self.commit,
            stamp,
        };
        self.send(from, reply);
    }

    pub(super) fn handle_snapshot_reply(
        &mut self,
        now: SimTime,
        from: NodeId,
        term: Term,
        last_index: LogIndex,
        stamp: SimTime,
        cfg: &RaftConfig,
    ) {
        if self.role != Role::Leader || term != self.term {
            return;
        }
        self.acknowledge(from, stamp);
        let p = &mut self.progress[from.index()];
        p.matched = p.matched.max(last_index);
        p.next = p.next.max(p.matched.next());
        p.awaiting = p.awaiting.filter(|(_, last)| p.matched < *last);
        self.maybe_commit(now, cfg);
        self.after_progress(now, from, cfg);
        self.advance_reads(now, cfg);
    }
}
