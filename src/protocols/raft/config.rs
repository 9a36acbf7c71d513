//! Settings of the Raft servers: timing, batching, compaction, the optional
//! protocol extensions and the teaching toggles that deliberately break a rule.

use crate::sim::SimDuration;

/// How reads are served (thesis §6.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ReadMode {
    /// The leader confirms it is still leader with a heartbeat round, then serves
    /// the read once it has applied up to the commit index it recorded (§6.4).
    #[default]
    ReadIndex,
    /// The leader serves from its state while a lease from the last acknowledged
    /// heartbeats holds, falling back to ReadIndex when it does not (§6.4.1).
    /// Safe with bounded clock drift: followers keep their promise not to
    /// vote across restarts and term changes, and no transfer is in flight.
    Lease,
    /// Unsafe: the leader answers from its own state without confirming leadership.
    LeaderLocal,
    /// Unsafe: any server answers from its own state.
    AnyLocal,
}

impl ReadMode {
    pub fn name(self) -> &'static str {
        match self {
            ReadMode::ReadIndex => "read_index",
            ReadMode::Lease => "lease",
            ReadMode::LeaderLocal => "leader_local",
            ReadMode::AnyLocal => "any_local",
        }
    }

    pub const ALL: [ReadMode; 4] = [
        ReadMode::ReadIndex,
        ReadMode::Lease,
        ReadMode::LeaderLocal,
        ReadMode::AnyLocal,
    ];

    pub fn is_safe(self) -> bool {
        matches!(self, ReadMode::ReadIndex | ReadMode::Lease)
    }
}

/// Switches that break a rule of Raft on purpose, to show why the rule exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Unsafe {
    /// Grant votes without checking that the candidate's log is up to date (§5.4.1).
    pub no_election_restriction: bool,
    /// Commit entries of earlier terms by counting replicas (the trap of Figure 8, §5.4.2).
    pub commit_previous_terms: bool,
    /// Every server uses the minimum election timeout: no randomization (§5.2).
    pub fixed_election_timeout: bool,
}

impl Unsafe {
    pub fn any(self) -> bool {
        self.no_election_restriction || self.commit_previous_terms || self.fixed_election_timeout
    }
}

/// Configuration shared by all servers of a cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct RaftConfig {
    /// Election timeouts are drawn uniformly from `election_timeout_min..=election_timeout_max` (§5.2).
    pub election_timeout_min: SimDuration,
    pub election_timeout_max: SimDuration,
    /// How often a leader sends AppendEntries when idle (§5.2).
    pub heartbeat: SimDuration,
    /// Most entries in one AppendEntries.
    pub max_batch: usize,
    /// Take a snapshot once this many applied entries follow the last one; 0 disables (§7).
    pub snapshot_threshold: u64,
    /// A new leader appends an empty entry to commit its term (§8).
    pub noop_on_election: bool,
    /// Followers report the conflicting term and its first index so the leader
    /// skips a whole term per round trip instead of one entry (§5.3, end).
    pub fast_backup: bool,
    /// Candidates first ask whether they could win (thesis §9.6).
    pub pre_vote: bool,
    /// A leader steps down when it has not heard from a majority for an
    /// election timeout; servers ignore votes while they hear from a leader (thesis §6.2, §4.2.3).
    pub check_quorum: bool,
    /// Leadership transfer with TimeoutNow may be requested (thesis §3.10).
    pub leader_transfer: bool,
    pub read_mode: ReadMode,
    /// Each write of the persistent state (term, vote, new entries) to stable
    /// storage takes a time drawn uniformly from `persist_min..=persist_max`;
    /// a server's messages wait for the writes before them (Figure 2:
    /// "updated on stable storage before responding to RPCs"). Both zero:
    /// writes take no time, and nothing waits.
    pub persist_min: SimDuration,
    pub persist_max: SimDuration,
    /// A write that changes only the term and vote, no entry, takes a time
    /// in this range instead (a small metadata write, as LogCabin keeps term
    /// and vote in a file apart from the log); `None`: the same as any write.
    pub persist_vote: Option<(SimDuration, SimDuration)>,
    pub unsafe_: Unsafe,
}

impl Default for RaftConfig {
    fn default() -> Self {
        RaftConfig {
            election_timeout_min: SimDuration::from_millis(150),
            election_timeout_max: SimDuration::from_millis(300),
            heartbeat: SimDuration::from_millis(50),
            max_batch: 8,
            snapshot_threshold: 0,
            noop_on_election: true,
            fast_backup: false,
            pre_vote: false,
            check_quorum: false,
            leader_transfer: true,
            read_mode: ReadMode::ReadIndex,
            persist_min: SimDuration::ZERO,
            persist_max: SimDuration::ZERO,
            persist_vote: None,
            unsafe_: Unsafe::default(),
        }
    }
}

impl RaftConfig {
    /// Servers disregard RequestVote while they believe a leader is alive:
    /// needed by CheckQuorum and by lease reads (thesis §4.2.3, §6.4.1).
    pub fn leader_stickiness(&self) -> bool {
        self.check_quorum || self.read_mode == ReadMode::Lease
    }

    /// Whether writes to stable storage take no time (`persist_ms` [0, 0]).
    pub fn persists_instantly(&self) -> bool {
        self.persist_max == SimDuration::ZERO
    }

    /// True when every rule of Raft is kept (no teaching toggle, no unsafe read mode).
    pub fn is_safe(&self) -> bool {
        !self.unsafe_.any() && self.read_mode.is_safe()
    }
}
