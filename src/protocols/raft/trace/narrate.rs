//! Plain-language narration of trace events, in English and Chinese, and the
//! rule each event follows from.

use super::event::{Cause, ClientPhase, EventKind, Invariant, Violation};
use super::rules::Rule;
use crate::lang::Lang;
use crate::net::NetEvent;
use crate::protocols::raft::{LogIndex, Message, Role, Term};
use crate::sim::{NodeId, SimTime};

fn role_name(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::Follower => lang.pick("follower", "跟随者"),
        Role::PreCandidate => lang.pick("pre-candidate", "预候选者"),
        Role::Candidate => lang.pick("candidate", "候选者"),
        Role::Leader => lang.pick("leader", "领导者"),
    }
}

/// The invariant's name in `lang`.
pub fn invariant_name(inv: Invariant, lang: Lang) -> &'static str {
    match inv {
        Invariant::ElectionSafety => lang.pick("Election Safety", "选举安全性"),
        Invariant::LeaderAppendOnly => lang.pick("Leader Append-Only", "领导者只追加"),
        Invariant::LogMatching => lang.pick("Log Matching", "日志匹配"),
        Invariant::LeaderCompleteness => lang.pick("Leader Completeness", "领导者完整性"),
        Invariant::StateMachineSafety => lang.pick("State Machine Safety", "状态机安全性"),
    }
}

/// What the invariant promises, in one sentence.
pub fn invariant_promise(inv: Invariant, lang: Lang) -> &'static str {
    match inv {
        Invariant::ElectionSafety => lang.pick(
            "At most one leader can be elected in a given term.",
            "一个任期内至多选出一个领导者。",
        ),
        Invariant::LeaderAppendOnly => lang.pick(
            "A leader never overwrites or deletes entries in its log; it only appends.",
            "领导者从不覆盖或删除自己日志中的条目，只会追加。",
        ),
        Invariant::LogMatching => lang.pick(
            "If two logs contain an entry with the same index and term, the logs are identical up to that index.",
            "如果两份日志在同一索引处的条目任期相同，那么两份日志到该索引为止完全相同。",
        ),
        Invariant::LeaderCompleteness => lang.pick(
            "If an entry is committed in a term, it is present in the logs of the leaders of all higher terms.",
            "某任期内已提交的条目，一定出现在所有更高任期领导者的日志中。",
        ),
        Invariant::StateMachineSafety => lang.pick(
            "If a server has applied an entry at an index, no other server ever applies a different entry there.",
            "若某服务器已在某索引处应用了条目，其他服务器绝不会在该索引处应用不同的条目。",
        ),
    }
}

/// The violation explained in `lang`.
pub fn explain_violation(v: &Violation, lang: Lang) -> String {
    match (lang, v) {
        (Lang::En, v) => v.to_string(),
        (
            Lang::Zh,
            Violation::TwoLeaders {
                term,
                first,
                second,
            },
        ) => {
            format!("{first} 和 {second} 在任期 {term} 都成为了领导者")
        }
        (Lang::Zh, Violation::LeaderTruncated { node, term, from }) => {
            format!("任期 {term} 的领导者 {node} 删除了自己从索引 {from} 开始的条目")
        }
        (
            Lang::Zh,
            Violation::LogsDiverge {
                index,
                term,
                first,
                second,
            },
        ) => format!(
            "{first} 和 {second} 在索引 {index} 处都有任期 {term} 的条目，但之前的日志却不同"
        ),
        (
            Lang::Zh,
            Violation::LeaderMissesCommitted {
                leader,
                term,
                index,
                committed_term,
            },
        ) => format!(
            "任期 {term} 的领导者 {leader} 缺少索引 {index} 处已提交的任期 {committed_term} 条目"
        ),
        (
            Lang::Zh,
            Violation::CommittedTwice {
                index,
                first,
                first_term,
                second,
                second_term,
            },
        ) => format!(
            "索引 {index} 在 {first} 上以任期 {first_term} 提交，在 {second} 上却以任期 {second_term} 提交"
        ),
        (
            Lang::Zh,
            Violation::AppliedTwice {
                index,
                first,
                first_term,
                second,
                second_term,
            },
        ) => format!(
            "{first} 在索引 {index} 处应用了任期 {first_term} 的条目，{second} 却应用了任期 {second_term} 的条目"
        ),
    }
}

/// One sentence saying what happened.
pub fn describe(ev: &EventKind, lang: Lang) -> String {
    use EventKind as E;
    let zh = lang == Lang::Zh;
    match ev {
        E::Role {
            node, role, term, ..
        } => {
            if zh {
                format!("{node} 在任期 {term} 成为{}", role_name(*role, lang))
            } else {
                format!("{node} became {} in term {term}", role_name(*role, lang))
            }
        }
        E::Timeout {
            node, term, forced, ..
        } => match (zh, forced) {
            (false, false) => format!("{node} timed out in term {term} and starts an election"),
            (false, true) => format!("{node} was told to time out now (term {term})"),
            (true, false) => format!("{node} 在任期 {term} 选举超时，发起选举"),
            (true, true) => format!("{node} 被要求立即超时（任期 {term}）"),
        },
        E::Vote {
            node,
            candidate,
            term,
            granted,
            pre_vote,
            reason,
            voted_for,
            ..
        } => {
            let kind = if *pre_vote {
                lang.pick("pre-vote", "预投票")
            } else {
                lang.pick("vote", "选票")
            };
            if *granted {
                if zh {
                    format!("{node} 把任期 {term} 的{kind}投给了 {candidate}")
                } else {
                    format!("{node} granted its {kind} for term {term} to {candidate}")
                }
            } else {
                let why = match (*reason, voted_for) {
                    (Some("stale_term"), _) => {
                        lang.pick("its term is stale", "它的任期已过时").to_string()
                    }
                    (Some("already_voted"), Some(v)) => {
                        if zh {
                            format!("本任期已投给 {v}")
                        } else {
                            format!("already voted for {v} in this term")
                        }
                    }
                    (Some("log_behind"), _) => lang
                        .pick("its log is less up to date", "它的日志不够新")
                        .to_string(),
                    _ => lang.pick("it may not vote now", "现在不能投票").to_string(),
                };
                if zh {
                    format!("{node} 拒绝在任期 {term} 给 {candidate} {kind}：{why}")
                } else {
                    format!("{node} refused its {kind} to {candidate} for term {term}: {why}")
                }
            }
        }
        E::VoteIgnored {
            node,
            candidate,
            term,
            pre_vote,
        } => {
            let (kind_en, kind_zh) = if *pre_vote {
                ("pre-vote", "预投票")
            } else {
                ("vote", "投票")
            };
            if zh {
                format!(
                    "{node} 忽略了 {candidate} 的任期 {term} {kind_zh}请求：它最近刚收到过领导者的消息"
                )
            } else {
                format!(
                    "{node} ignored {candidate}'s {kind_en} request for term {term}: it heard from a leader recently"
                )
            }
        }
        E::StepDown { node, term, reason } => match (zh, *reason) {
            (false, "lost_quorum") => {
                format!("{node} steps down in term {term}: it has not heard from a majority")
            }
            (false, _) => format!("{node} steps down: it saw a higher term ({term})"),
            (true, "lost_quorum") => format!("{node} 在任期 {term} 下台：联系不上多数派"),
            (true, _) => format!("{node} 下台：发现了更高的任期（{term}）"),
        },
        E::Append {
            node,
            first,
            last,
            term,
            ..
        } => {
            if zh {
                let range = if first == last {
                    format!("{first}")
                } else {
                    format!("{first}–{last}")
                };
                format!("{node} 在索引 {range} 追加了任期 {term} 的条目")
            } else if first == last {
                format!("{node} appended entry {first} (term {term}) to its log")
            } else {
                format!("{node} appended entries {first}–{last} (last of term {term}) to its log")
            }
        }
        E::Truncate { node, from, count } => {
            if zh {
                format!("{node} 删除了从索引 {from} 开始的 {count} 个冲突条目")
            } else {
                format!("{node} deleted {count} conflicting entries from index {from} on")
            }
        }
        E::Reject {
            node,
            leader,
            prev_log_index,
            prev_log_term,
        } => {
            if zh {
                format!(
                    "{node} 拒绝了 {leader} 的 AppendEntries：它在索引 {prev_log_index} 处没有任期 {prev_log_term} 的条目"
                )
            } else {
                format!(
                    "{node} rejected {leader}'s AppendEntries: it has no entry of term {prev_log_term} at index {prev_log_index}"
                )
            }
        }
        E::Backoff { node, peer, next } => {
            if zh {
                format!("{node} 把 {peer} 的 nextIndex 减到 {next} 后重试")
            } else {
                format!("{node} backs off: nextIndex for {peer} is now {next}")
            }
        }
        E::Commit {
            node, commit_index, ..
        } => {
            if zh {
                format!("{node} 的提交索引前进到 {commit_index}")
            } else {
                format!("{node} advanced its commit index to {commit_index}")
            }
        }
        E::CommitDeferred { node, index, term } => {
            if zh {
                format!(
                    "{node} 看到索引 {index} 已在多数派上，但它属于旧任期 {term}，不能靠计数提交"
                )
            } else {
                format!(
                    "{node} sees index {index} on a majority, but it is from older term {term}: not committed by counting"
                )
            }
        }
        E::Apply {
            node,
            index,
            command,
            duplicate,
            ..
        } => match (zh, duplicate) {
            (false, false) => {
                format!("{node} applied entry {index} ({command}) to its state machine")
            }
            (false, true) => format!(
                "{node} skipped entry {index} ({command}): the client's session already applied it"
            ),
            (true, false) => format!("{node} 把条目 {index}（{command}）应用到状态机"),
            (true, true) => format!("{node} 跳过条目 {index}（{command}）：该客户端会话已应用过它"),
        },
        E::Snapshot { node, index, term } => {
            if zh {
                format!("{node} 做了截至索引 {index}（任期 {term}）的快照并压缩了日志")
            } else {
                format!(
                    "{node} took a snapshot up to index {index} (term {term}) and compacted its log"
                )
            }
        }
        E::InstallSnapshot { node, index, .. } => {
            if zh {
                format!("{node} 安装了领导者截至索引 {index} 的快照")
            } else {
                format!("{node} installed the leader's snapshot up to index {index}")
            }
        }
        E::Read {
            node,
            key,
            value,
            read_index,
            ..
        } => {
            let v = value.as_deref().unwrap_or(lang.pick("(none)", "（无）"));
            if zh {
                format!("{node} 读取 {key} = {v}（读索引 {read_index}）")
            } else {
                format!("{node} served a read of {key} = {v} (read index {read_index})")
            }
        }
        E::Transfer { node, to, phase } => match (zh, *phase) {
            (false, "start") => format!("{node} starts transferring leadership to {to}"),
            (false, _) => format!("{node} gave up transferring leadership to {to}"),
            (true, "start") => format!("{node} 开始把领导权转移给 {to}"),
            (true, _) => format!("{node} 放弃把领导权转移给 {to}"),
        },
        E::Persist {
            node,
            phase,
            term,
            voted_for,
            last_index,
            until,
            cause,
        } => describe_persist(
            *node,
            phase,
            (*term, *voted_for, *last_index),
            *until,
            *cause == Cause::LeaderWrite,
            lang,
        ),
        E::Client { event, .. } => event.describe(lang),
        E::Redirect {
            client,
            node,
            leader,
        } => match (zh, leader) {
            (false, Some(l)) => {
                format!("{node} is not the leader and redirects client C{client} to {l}")
            }
            (false, None) => {
                format!("{node} is not the leader and knows none: client C{client} will retry")
            }
            (true, Some(l)) => format!("{node} 不是领导者，把客户端 C{client} 重定向到 {l}"),
            (true, None) => format!("{node} 不是领导者，也不知道谁是：客户端 C{client} 稍后重试"),
        },
        E::Violation { invariant, detail } => {
            let name = invariant_name(*invariant, lang);
            if zh {
                format!("违反了{name}：{}", explain_violation(detail, lang))
            } else {
                format!("{name} violated: {}", explain_violation(detail, lang))
            }
        }
        E::Net(e) => e.describe(lang),
    }
}

/// A write to stable storage: what it stores, and what waits for it.
fn describe_persist(
    node: NodeId,
    phase: &str,
    (term, voted_for, last): (Term, Option<NodeId>, LogIndex),
    until: Option<SimTime>,
    leader: bool,
    lang: Lang,
) -> String {
    let zh = lang == Lang::Zh;
    let vote = match (zh, voted_for) {
        (false, Some(v)) => format!("its vote for {v}"),
        (false, None) => "no vote".to_string(),
        (true, Some(v)) => format!("投给 {v} 的票"),
        (true, None) => "空的投票记录".to_string(),
    };
    let what = if zh {
        format!("任期 {term}、{vote}和截至索引 {last} 的日志")
    } else {
        format!("term {term}, {vote} and its log up to index {last}")
    };
    let at = until.map_or(String::new(), |t| format!("{:.1}", t.as_millis_f64()));
    match (zh, phase, leader) {
        (false, "start", true) => format!(
            "{node} writes its log up to index {last} to stable storage, done at {at} ms; it replicates meanwhile, and counts its own copy toward a majority once written"
        ),
        (false, "start", false) => format!(
            "{node} writes {what} to stable storage, done at {at} ms; its messages wait until then"
        ),
        (false, "done", true) => format!(
            "{node} finished writing its log up to index {last}: its own copy now counts toward a majority"
        ),
        (false, "done", false) => {
            format!("{node} finished writing {what}: the messages that waited go out")
        }
        (false, _, _) => format!(
            "{node} crashed before writing {what}: it is lost, and nothing was sent on its strength"
        ),
        (true, "start", true) => format!(
            "{node} 把截至索引 {last} 的日志写入稳定存储，{at} 毫秒写完；它同时照常复制，写完后才把自己这份计入多数派"
        ),
        (true, "start", false) => {
            format!("{node} 把{what}写入稳定存储，{at} 毫秒写完；在此之前它的消息都要等待")
        }
        (true, "done", true) => {
            format!("{node} 写完了截至索引 {last} 的日志：它自己这份现在计入多数派")
        }
        (true, "done", false) => format!("{node} 写完了{what}：等待的消息发出"),
        (true, _, _) => {
            format!("{node} 还没写完{what}就崩溃了：这些都丢了，但它从未凭这些发出任何消息")
        }
    }
}

/// The rule of Raft that made this event happen, if one did: read from the
/// event's fields and, where they do not tell which rule fired, from the
/// cause the engine recorded in it (a send's note says whether it is a
/// heartbeat). A rule a teaching toggle switched off is named as switched off.
pub fn rule(ev: &EventKind) -> Option<Rule> {
    use EventKind as E;
    Some(match ev {
        E::Role { role, cause, .. } => match (role, cause) {
            (Role::Leader, _) => Rule::WinElection,
            (Role::Candidate, _) => Rule::StartElection,
            (Role::PreCandidate, _) => Rule::PreVote,
            (Role::Follower, Cause::LeaderOfTerm) => Rule::CandidateStepsBack,
            (Role::Follower, Cause::LostQuorum) => Rule::CheckQuorum,
            (Role::Follower, Cause::Restarted) => Rule::StartAsFollower,
            (Role::Follower, _) => Rule::HigherTerm,
        },
        E::Timeout {
            cause: Cause::CandidateTimer,
            ..
        } => Rule::CandidateTimeout,
        E::Timeout { .. } => Rule::FollowerTimeout,
        E::Vote { pre_vote: true, .. } => Rule::PreVote,
        E::Vote {
            reason: Some("stale_term"),
            ..
        } => Rule::VoteStaleTerm,
        E::Vote {
            reason: Some("already_voted"),
            ..
        } => Rule::VoteOncePerTerm,
        E::Vote {
            reason: Some("log_behind"),
            ..
        } => Rule::ElectionRestriction,
        E::Vote {
            cause: Cause::UncheckedVote,
            ..
        } => Rule::UncheckedVote,
        E::Vote { .. } => Rule::VoteGrant,
        E::VoteIgnored { .. } => Rule::LeaderStickiness,
        E::StepDown {
            reason: "lost_quorum",
            ..
        } => Rule::CheckQuorum,
        E::StepDown { .. } => Rule::HigherTerm,
        E::Append { cause, .. } => match cause {
            Cause::ClientCommand => Rule::ClientCommand,
            Cause::Noop => Rule::LeaderNoop,
            _ => Rule::AppendNewEntries,
        },
        E::Truncate { .. } => Rule::AppendDeleteConflicts,
        E::Reject { .. } => Rule::AppendConsistencyCheck,
        E::Backoff { .. } => Rule::DecrementNextIndex,
        E::Commit { cause, .. } => match cause {
            Cause::LeaderCommit => Rule::AppendAdvanceCommit,
            Cause::Snapshot => Rule::InstallSnapshotReceiver,
            Cause::MajorityEarlierTerm => Rule::CountedCommit,
            _ => Rule::CommitCurrentTerm,
        },
        E::CommitDeferred { .. } => Rule::CommitCurrentTerm,
        E::Apply {
            duplicate: true, ..
        } => Rule::ClientSessions,
        E::Apply { .. } => Rule::ApplyCommitted,
        E::Snapshot { .. } => Rule::LogCompaction,
        E::InstallSnapshot { .. } => Rule::InstallSnapshotReceiver,
        E::Read { cause, .. } => match cause {
            Cause::Lease => Rule::LeaseRead,
            Cause::LocalRead => Rule::LocalRead,
            _ => Rule::ReadIndex,
        },
        E::Transfer { phase: "start", .. } => Rule::LeadershipTransfer,
        E::Transfer { .. } => Rule::TransferAbort,
        E::Persist {
            cause: Cause::LeaderWrite,
            phase: "start" | "done",
            ..
        } => Rule::LeaderWritesInParallel,
        E::Persist { .. } => Rule::PersistBeforeReply,
        E::Net(NetEvent::Send { msg, note, .. }) => match (*msg, *note) {
            ("AppendEntries", Some(Message::HEARTBEAT)) => Rule::Heartbeat,
            ("AppendEntries", _) => Rule::ReplicateFromNextIndex,
            ("RequestVote", _) => Rule::StartElection,
            ("PreVote", _) => Rule::PreVote,
            ("InstallSnapshot", _) => Rule::InstallSnapshot,
            ("TimeoutNow", _) => Rule::LeadershipTransfer,
            _ => return None,
        },
        E::Net(NetEvent::Restart { .. } | NetEvent::Crash { .. }) => Rule::PersistentState,
        E::Client { event, cause } if event.phase == ClientPhase::Invoke => match cause {
            Cause::NotLeader => Rule::Redirect,
            Cause::ClientCommand => Rule::ClientCommand,
            Cause::ReadIndex => Rule::ReadIndex,
            Cause::Lease => Rule::LeaseRead,
            Cause::LocalRead => Rule::LocalRead,
            _ => return None,
        },
        E::Redirect { .. } => Rule::Redirect,
        E::Violation { .. } => Rule::SafetyProperties,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::raft::{LogIndex, Term};
    use crate::sim::NodeId;

    #[test]
    fn narrates_an_election_timeout_in_both_languages() {
        let ev = EventKind::Timeout {
            node: NodeId(3),
            term: Term(3),
            forced: false,
            cause: Cause::Unstated,
        };
        assert_eq!(
            describe(&ev, Lang::En),
            "S3 timed out in term 3 and starts an election"
        );
        assert_eq!(describe(&ev, Lang::Zh), "S3 在任期 3 选举超时，发起选举");
        assert_eq!(rule(&ev), Some(Rule::FollowerTimeout));
    }

    #[test]
    fn refusals_say_why() {
        let ev = EventKind::Vote {
            node: NodeId(2),
            candidate: NodeId(5),
            term: Term(4),
            granted: false,
            pre_vote: false,
            reason: Some("log_behind"),
            voted_for: None,
            cause: Cause::Unstated,
        };
        assert!(describe(&ev, Lang::En).ends_with("its log is less up to date"));
        assert!(describe(&ev, Lang::Zh).contains("日志不够新"));
        assert_eq!(rule(&ev), Some(Rule::ElectionRestriction));
        assert_eq!(Rule::ElectionRestriction.section(), "§5.4.1");
    }

    #[test]
    fn violations_are_explained_in_both_languages() {
        let v = Violation::AppliedTwice {
            index: LogIndex(2),
            first: NodeId(1),
            first_term: Term(2),
            second: NodeId(5),
            second_term: Term(3),
        };
        let ev = EventKind::Violation {
            invariant: v.invariant(),
            detail: v,
        };
        assert!(describe(&ev, Lang::En).starts_with("State Machine Safety violated: S1 applied"));
        assert!(describe(&ev, Lang::Zh).starts_with("违反了状态机安全性"));
    }
}
