//! The rules of Raft an event follows from, named as in Figure 2 of the Raft
//! paper (and the thesis for the extensions), in English and Chinese.

use crate::lang::Lang;

/// A rule from Figure 2, §5–§8 of the paper, or the thesis; or a rule a
/// teaching toggle switched off, named as such.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    HigherTerm,
    ApplyCommitted,
    FollowerTimeout,
    CandidateTimeout,
    StartAsFollower,
    StartElection,
    WinElection,
    CandidateStepsBack,
    Heartbeat,
    ClientCommand,
    ReplicateFromNextIndex,
    UpdateMatchIndex,
    DecrementNextIndex,
    CommitCurrentTerm,
    VoteStaleTerm,
    VoteGrant,
    VoteOncePerTerm,
    ElectionRestriction,
    AppendStaleTerm,
    AppendConsistencyCheck,
    AppendDeleteConflicts,
    AppendNewEntries,
    AppendAdvanceCommit,
    PersistentState,
    PersistBeforeReply,
    LeaderWritesInParallel,
    InstallSnapshot,
    InstallSnapshotReceiver,
    LogCompaction,
    PreVote,
    CheckQuorum,
    LeaderStickiness,
    ReadIndex,
    LeaseRead,
    LeadershipTransfer,
    TransferAbort,
    ClientSessions,
    LeaderNoop,
    Redirect,
    SafetyProperties,
    /// A teaching toggle switched the election restriction off.
    UncheckedVote,
    /// A teaching toggle lets a leader commit earlier terms by counting.
    CountedCommit,
    /// An unsafe read mode answers from local state.
    LocalRead,
}

impl Rule {
    /// Where the rule is stated.
    pub fn section(self) -> &'static str {
        match self {
            Rule::HigherTerm | Rule::VoteStaleTerm | Rule::AppendStaleTerm => "§5.1",
            Rule::FollowerTimeout
            | Rule::CandidateTimeout
            | Rule::StartAsFollower
            | Rule::StartElection
            | Rule::WinElection
            | Rule::CandidateStepsBack
            | Rule::Heartbeat
            | Rule::VoteGrant
            | Rule::VoteOncePerTerm => "§5.2",
            Rule::ApplyCommitted
            | Rule::ClientCommand
            | Rule::ReplicateFromNextIndex
            | Rule::UpdateMatchIndex
            | Rule::DecrementNextIndex
            | Rule::AppendConsistencyCheck
            | Rule::AppendDeleteConflicts
            | Rule::AppendNewEntries
            | Rule::AppendAdvanceCommit => "§5.3",
            Rule::ElectionRestriction | Rule::UncheckedVote => "§5.4.1",
            Rule::CommitCurrentTerm | Rule::CountedCommit => "§5.4.2",
            Rule::PersistentState | Rule::PersistBeforeReply => "Figure 2",
            Rule::LeaderWritesInParallel => "thesis §10.2.1",
            Rule::InstallSnapshot | Rule::LogCompaction => "§7",
            Rule::InstallSnapshotReceiver => "§7, Figure 13",
            Rule::ClientSessions | Rule::LeaderNoop | Rule::Redirect => "§8",
            Rule::PreVote => "thesis §9.6",
            Rule::CheckQuorum => "thesis §6.2",
            Rule::LeaderStickiness => "thesis §4.2.3",
            Rule::ReadIndex | Rule::LocalRead => "thesis §6.4",
            Rule::LeaseRead => "thesis §6.4.1",
            Rule::LeadershipTransfer | Rule::TransferAbort => "thesis §3.10",
            Rule::SafetyProperties => "Figure 3",
        }
    }

    /// The rule in words.
    pub fn text(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Rule::HigherTerm => (
                "All servers: if an RPC carries a term T > currentTerm, set currentTerm = T and become follower",
                "所有服务器：若 RPC 中的任期 T 大于 currentTerm，则令 currentTerm = T 并转为跟随者",
            ),
            Rule::ApplyCommitted => (
                "All servers: if commitIndex > lastApplied, apply log[lastApplied+1] to the state machine",
                "所有服务器：若 commitIndex > lastApplied，则把 log[lastApplied+1] 应用到状态机",
            ),
            Rule::FollowerTimeout => (
                "Followers: if the election timeout elapses without hearing from a leader or granting a vote, become candidate",
                "跟随者：若选举超时前既没收到领导者的消息也没投出选票，则转为候选者",
            ),
            Rule::CandidateTimeout => (
                "Candidates: if the election timeout elapses, start a new election",
                "候选者：若选举超时，则开始新一轮选举",
            ),
            Rule::StartAsFollower => (
                "When servers start up, they begin as followers",
                "服务器启动时都是跟随者",
            ),
            Rule::StartElection => (
                "Candidates: increment currentTerm, vote for self, reset the election timer, send RequestVote to all others",
                "候选者：currentTerm 加一，给自己投票，重置选举计时器，向其他所有服务器发送 RequestVote",
            ),
            Rule::WinElection => (
                "Candidates: with votes from a majority, become leader",
                "候选者：获得多数派选票即成为领导者",
            ),
            Rule::CandidateStepsBack => (
                "Candidates: on AppendEntries from a new leader, become follower",
                "候选者：收到新领导者的 AppendEntries 则转为跟随者",
            ),
            Rule::Heartbeat => (
                "Leaders: send empty AppendEntries (heartbeats) during idle periods to prevent elections",
                "领导者：空闲时发送空的 AppendEntries（心跳）以防止选举",
            ),
            Rule::ClientCommand => (
                "Leaders: append a client command to the local log; respond after it is applied",
                "领导者：把客户端命令追加到本地日志，应用到状态机后再回复",
            ),
            Rule::ReplicateFromNextIndex => (
                "Leaders: if last log index ≥ nextIndex of a follower, send AppendEntries with entries from nextIndex",
                "领导者：若最后日志索引 ≥ 某跟随者的 nextIndex，则发送从 nextIndex 开始的条目",
            ),
            Rule::UpdateMatchIndex => (
                "Leaders: on success, update nextIndex and matchIndex of the follower",
                "领导者：复制成功则更新该跟随者的 nextIndex 与 matchIndex",
            ),
            Rule::DecrementNextIndex => (
                "Leaders: if AppendEntries fails because of log inconsistency, decrement nextIndex and retry",
                "领导者：若 AppendEntries 因日志不一致而失败，则减小 nextIndex 并重试",
            ),
            Rule::CommitCurrentTerm => (
                "Leaders: commit N if a majority has matchIndex ≥ N and log[N].term == currentTerm",
                "领导者：若多数派的 matchIndex ≥ N 且 log[N].term == currentTerm，则提交 N",
            ),
            Rule::VoteStaleTerm => (
                "RequestVote: reply false if term < currentTerm",
                "RequestVote：若 term < currentTerm 则拒绝",
            ),
            Rule::VoteGrant => (
                "RequestVote: grant if votedFor is null or the candidate, and its log is at least as up-to-date",
                "RequestVote：若尚未投票（或已投给该候选者）且其日志至少一样新，则投票",
            ),
            Rule::VoteOncePerTerm => (
                "RequestVote: each server votes for at most one candidate per term",
                "RequestVote：每个服务器在一个任期内最多投一票",
            ),
            Rule::ElectionRestriction => (
                "Election restriction: refuse a candidate whose log is less up-to-date (compare last term, then length)",
                "选举限制：拒绝日志不如自己新的候选者（先比最后任期，再比长度）",
            ),
            Rule::AppendStaleTerm => (
                "AppendEntries: reply false if term < currentTerm",
                "AppendEntries：若 term < currentTerm 则拒绝",
            ),
            Rule::AppendConsistencyCheck => (
                "AppendEntries: reply false if the log has no entry at prevLogIndex with prevLogTerm",
                "AppendEntries：若日志在 prevLogIndex 处没有任期为 prevLogTerm 的条目则拒绝",
            ),
            Rule::AppendDeleteConflicts => (
                "AppendEntries: if an entry conflicts with a new one (same index, different term), delete it and all after it",
                "AppendEntries：若已有条目与新条目冲突（索引相同、任期不同），删除它及其后的所有条目",
            ),
            Rule::AppendNewEntries => (
                "AppendEntries: append any new entries not already in the log",
                "AppendEntries：追加日志中尚没有的新条目",
            ),
            Rule::AppendAdvanceCommit => (
                "AppendEntries: if leaderCommit > commitIndex, set commitIndex = min(leaderCommit, last new index)",
                "AppendEntries：若 leaderCommit > commitIndex，则令 commitIndex = min(leaderCommit, 最新条目索引)",
            ),
            Rule::PersistentState => (
                "Persistent state (currentTerm, votedFor, log) survives a crash; everything else is volatile",
                "持久状态（currentTerm、votedFor、日志）在崩溃后保留，其余都是易失状态",
            ),
            Rule::PersistBeforeReply => (
                "Persistent state is updated on stable storage before responding to RPCs: a server sends what depends on its term, vote and new entries only once they are written",
                "持久状态要先写入稳定存储，再回复 RPC：服务器要等任期、投票和新条目写完，才发出依赖它们的消息",
            ),
            Rule::LeaderWritesInParallel => (
                "A leader sends AppendEntries while it writes its own new entries, and counts itself toward a majority only once they are written",
                "领导者一边写自己的新条目一边发送 AppendEntries，但要等条目写完才把自己计入多数派",
            ),
            Rule::InstallSnapshot => (
                "InstallSnapshot: a follower behind the leader's snapshot receives the snapshot instead of entries",
                "InstallSnapshot：落后于领导者快照的跟随者直接接收快照而不是日志条目",
            ),
            Rule::InstallSnapshotReceiver => (
                "InstallSnapshot receiver: keep the entries after the snapshot only if the log holds its last entry, else discard the log; reset the state machine from the snapshot, whose entries are committed",
                "InstallSnapshot 接收方：日志含有快照的最后一个条目时才保留其后的条目，否则丢弃整个日志；用快照重置状态机，快照里的条目都已提交",
            ),
            Rule::LogCompaction => (
                "Log compaction: replace applied entries by a snapshot of the state machine",
                "日志压缩：用状态机快照替代已应用的日志条目",
            ),
            Rule::PreVote => (
                "PreVote: ask whether an election could be won before incrementing the term",
                "预投票：在增加任期之前先询问是否可能赢得选举",
            ),
            Rule::CheckQuorum => (
                "CheckQuorum: a leader that has not heard from a majority for an election timeout steps down",
                "CheckQuorum：在一个选举超时内联系不上多数派的领导者主动下台",
            ),
            Rule::LeaderStickiness => (
                "Servers that heard from a leader within the minimum election timeout ignore RequestVote",
                "在最小选举超时内收到过领导者消息的服务器会忽略 RequestVote",
            ),
            Rule::ReadIndex => (
                "ReadIndex: record commitIndex, confirm leadership with a heartbeat round, serve once applied",
                "ReadIndex：记下 commitIndex，用一轮心跳确认领导地位，应用到该处后再读",
            ),
            Rule::LeaseRead => (
                "Lease read: serve reads while a majority acknowledged a heartbeat within the lease",
                "租约读：在多数派确认心跳后的租约期内直接读取",
            ),
            Rule::LeadershipTransfer => (
                "Leadership transfer: bring the target up to date, then send TimeoutNow",
                "领导权转移：先让目标追上日志，再发送 TimeoutNow",
            ),
            Rule::TransferAbort => (
                "Leadership transfer: if the target has not taken over within an election timeout, the leader aborts the transfer and takes client requests again",
                "领导权转移：若目标在一个选举超时内没有接任，领导者放弃转移并重新接受客户端请求",
            ),
            Rule::ClientSessions => (
                "Client sessions: a command retried with the same sequence number is applied once",
                "客户端会话：以相同序号重试的命令只应用一次",
            ),
            Rule::LeaderNoop => (
                "A new leader appends a no-op entry to commit entries from earlier terms",
                "新领导者追加一个空操作条目，以便提交之前任期的条目",
            ),
            Rule::Redirect => (
                "Clients send their requests to the leader: a server that is not the leader rejects them and names the leader it knows",
                "客户端把请求发给领导者：不是领导者的服务器拒绝请求，并告知它所知道的领导者",
            ),
            Rule::SafetyProperties => (
                "Raft guarantees these safety properties at all times",
                "Raft 始终保证这些安全性质",
            ),
            Rule::UncheckedVote => (
                "Rule switched off: the vote is granted without checking that the candidate's log is at least as up-to-date",
                "规则已关闭：投票时不检查候选者的日志是否至少一样新",
            ),
            Rule::CountedCommit => (
                "Rule switched off: the leader commits an entry of an earlier term by counting replicas, which Figure 8 shows is unsafe",
                "规则已关闭：领导者靠计数副本提交了之前任期的条目，图 8 说明这并不安全",
            ),
            Rule::LocalRead => (
                "Rule switched off: the read is answered from this server's own state without confirming leadership, so it may be stale",
                "规则已关闭：直接用本服务器的状态回答读请求而不确认领导地位，可能读到旧值",
            ),
        };
        lang.pick(en, zh)
    }
}
