//! The settings form as data: every field with its label, unit and JSON path,
//! a draft of text values, and conversion to validated settings (the same
//! ranges and messages as scenario files) plus timing warnings.

use std::collections::BTreeMap;

use super::scenario::{RaftJson, UnsafeJson, raft_json, validate_settings};
use super::warnings::{TimingWarning, timing_warnings};
use crate::lang::Lang;
use crate::msg;
use crate::protocols::raft::cluster::Workload;
use crate::protocols::raft::{RaftConfig, ReadMode};
use crate::scenario::common::network_json;
use crate::scenario::{FieldError, NetworkJson};
use crate::sim::NetConfig;

/// Whether a field holds a number or a switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Number,
    Switch,
}

/// One field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// JSON path, also the key of the draft and of error messages.
    pub key: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
    pub unit: &'static str,
    pub kind: Kind,
    /// Teaching toggles that break Raft on purpose are marked.
    pub unsafe_: bool,
}

const fn num(key: &'static str, en: &'static str, zh: &'static str, unit: &'static str) -> Field {
    Field {
        key,
        en,
        zh,
        unit,
        kind: Kind::Number,
        unsafe_: false,
    }
}
const fn switch(key: &'static str, en: &'static str, zh: &'static str) -> Field {
    Field {
        key,
        en,
        zh,
        unit: "",
        kind: Kind::Switch,
        unsafe_: false,
    }
}
const fn danger(key: &'static str, en: &'static str, zh: &'static str) -> Field {
    Field {
        key,
        en,
        zh,
        unit: "",
        kind: Kind::Switch,
        unsafe_: true,
    }
}

/// The network fields.
pub const NETWORK: &[Field] = &[
    num("network.latency_ms[0]", "latency, min", "延迟下限", "ms"),
    num("network.latency_ms[1]", "latency, max", "延迟上限", "ms"),
    num("network.jitter_ms", "jitter", "抖动", "ms"),
    num("network.loss", "loss probability", "丢包概率", "0–1"),
    num(
        "network.duplicate",
        "duplication probability",
        "重复概率",
        "0–1",
    ),
];

/// The Raft fields.
pub const RAFT: &[Field] = &[
    num(
        "raft.election_timeout_ms[0]",
        "election timeout, min",
        "选举超时下限",
        "ms",
    ),
    num(
        "raft.election_timeout_ms[1]",
        "election timeout, max",
        "选举超时上限",
        "ms",
    ),
    num("raft.heartbeat_ms", "heartbeat interval", "心跳间隔", "ms"),
    num(
        "raft.max_batch",
        "entries per AppendEntries",
        "每个 AppendEntries 的条目数",
        "",
    ),
    num(
        "raft.snapshot_threshold",
        "snapshot every (0 = never)",
        "每多少条做快照（0 = 不做）",
        "entries",
    ),
    num(
        "raft.persist_ms[0]",
        "disk write, min (Figure 2)",
        "磁盘写入耗时下限（图 2）",
        "ms",
    ),
    num(
        "raft.persist_ms[1]",
        "disk write, max (Figure 2)",
        "磁盘写入耗时上限（图 2）",
        "ms",
    ),
    switch(
        "raft.noop_on_election",
        "no-op entry on election (§8)",
        "当选后追加空操作条目（§8）",
    ),
    switch(
        "raft.fast_backup",
        "fast nextIndex backup",
        "快速回退 nextIndex",
    ),
    switch(
        "raft.pre_vote",
        "PreVote (thesis §9.6)",
        "预投票（论文 §9.6）",
    ),
    switch(
        "raft.check_quorum",
        "CheckQuorum (thesis §9.6)",
        "CheckQuorum（论文 §9.6）",
    ),
    switch(
        "raft.leader_transfer",
        "leadership transfer (thesis §3.10)",
        "领导权转移（论文 §3.10）",
    ),
    danger(
        "raft.unsafe.no_election_restriction",
        "break: vote without the election restriction (§5.4.1)",
        "破坏：投票时不检查选举限制（§5.4.1）",
    ),
    danger(
        "raft.unsafe.commit_previous_terms",
        "break: commit old-term entries by counting (Figure 8)",
        "破坏：靠计数提交旧任期条目（图 8）",
    ),
    danger(
        "raft.unsafe.fixed_election_timeout",
        "break: no randomized timeouts (§5.2)",
        "破坏：不随机化选举超时（§5.2）",
    ),
];

/// The workload fields.
pub const WORKLOAD: &[Field] = &[
    switch("workload.on", "random client workload", "随机客户端负载"),
    num("workload.clients", "clients", "客户端数", ""),
    num(
        "workload.rate",
        "operations per second per client",
        "每个客户端每秒操作数",
        "/s",
    ),
    num("workload.keys", "keys", "键的数量", ""),
    num("workload.read_ratio", "share of reads", "读操作比例", "0–1"),
];

/// Read modes with their labels.
pub fn read_modes(lang: Lang) -> Vec<(ReadMode, &'static str)> {
    ReadMode::ALL
        .into_iter()
        .map(|m| {
            let label = match m {
                ReadMode::ReadIndex => {
                    lang.pick("ReadIndex (thesis §6.4)", "ReadIndex（论文 §6.4）")
                }
                ReadMode::Lease => lang.pick("lease (thesis §6.4.1)", "租约（论文 §6.4.1）"),
                ReadMode::LeaderLocal => {
                    lang.pick("break: leader reads locally", "破坏：领导者直接本地读")
                }
                ReadMode::AnyLocal => {
                    lang.pick("break: any server reads locally", "破坏：任何服务器本地读")
                }
            };
            (m, label)
        })
        .collect()
}

/// The form's current text values and switches.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub numbers: BTreeMap<&'static str, String>,
    pub switches: BTreeMap<&'static str, bool>,
    pub read_mode: String,
    /// `persist_vote_ms`, kept as it was: the form does not edit it.
    pub persist_vote_ms: Option<[u64; 2]>,
}

fn fmt(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl Draft {
    /// A draft showing these settings.
    pub fn from_settings(net: &NetConfig, raft: &RaftConfig, workload: Option<&Workload>) -> Draft {
        let (n, r) = (network_json(net), raft_json(raft));
        let mut d = Draft {
            read_mode: raft.read_mode.name().to_string(),
            persist_vote_ms: raft
                .persist_vote
                .map(|(min, max)| [min.as_micros(), max.as_micros()]),
            ..Draft::default()
        };
        let lat = n.latency_ms.unwrap_or([0.0, 0.0]);
        let et = r.election_timeout_ms.unwrap_or([0.0, 0.0]);
        let persist = r.persist_ms.unwrap_or([0.0, 0.0]);
        let u = r.unsafe_.unwrap_or_default();
        let w = workload.cloned().unwrap_or_default();
        for (k, v) in [
            ("network.latency_ms[0]", lat[0]),
            ("network.latency_ms[1]", lat[1]),
            ("network.jitter_ms", n.jitter_ms.unwrap_or(0.0)),
            ("network.loss", n.loss.unwrap_or(0.0)),
            ("network.duplicate", n.duplicate.unwrap_or(0.0)),
            ("raft.election_timeout_ms[0]", et[0]),
            ("raft.election_timeout_ms[1]", et[1]),
            ("raft.heartbeat_ms", r.heartbeat_ms.unwrap_or(0.0)),
            ("raft.persist_ms[0]", persist[0]),
            ("raft.persist_ms[1]", persist[1]),
            ("raft.max_batch", r.max_batch.unwrap_or(0) as f64),
            (
                "raft.snapshot_threshold",
                r.snapshot_threshold.unwrap_or(0) as f64,
            ),
            ("workload.clients", f64::from(w.clients)),
            ("workload.rate", w.rate),
            ("workload.keys", f64::from(w.keys)),
            ("workload.read_ratio", w.read_ratio),
        ] {
            d.numbers.insert(k, fmt(v));
        }
        for (k, v) in [
            ("raft.noop_on_election", raft.noop_on_election),
            ("raft.fast_backup", raft.fast_backup),
            ("raft.pre_vote", raft.pre_vote),
            ("raft.check_quorum", raft.check_quorum),
            ("raft.leader_transfer", raft.leader_transfer),
            (
                "raft.unsafe.no_election_restriction",
                u.no_election_restriction.unwrap_or(false),
            ),
            (
                "raft.unsafe.commit_previous_terms",
                u.commit_previous_terms.unwrap_or(false),
            ),
            (
                "raft.unsafe.fixed_election_timeout",
                u.fixed_election_timeout.unwrap_or(false),
            ),
            ("workload.on", workload.is_some()),
        ] {
            d.switches.insert(k, v);
        }
        d
    }

    fn number(&self, key: &'static str, errors: &mut Vec<FieldError>) -> f64 {
        let text = self.numbers.get(key).map(|s| s.trim()).unwrap_or("");
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            _ => {
                errors.push(FieldError::new(
                    key,
                    msg!(
                        "must be a number, got {text:?}",
                        "必须是数字，实际为 {text:?}"
                    ),
                ));
                f64::NAN
            }
        }
    }

    fn flag(&self, key: &str) -> bool {
        self.switches.get(key).copied().unwrap_or(false)
    }

    /// The settings this draft describes, or every problem with it.
    pub fn settings(&self) -> Result<(NetworkJson, RaftJson, Option<Workload>), Vec<FieldError>> {
        let mut errors = Vec::new();
        let network = NetworkJson {
            latency_ms: Some([
                self.number("network.latency_ms[0]", &mut errors),
                self.number("network.latency_ms[1]", &mut errors),
            ]),
            jitter_ms: Some(self.number("network.jitter_ms", &mut errors)),
            loss: Some(self.number("network.loss", &mut errors)),
            duplicate: Some(self.number("network.duplicate", &mut errors)),
        };
        let whole = |v: f64| {
            if v.fract() == 0.0 && v.abs() < 1e15 {
                Some(v as i64)
            } else {
                None
            }
        };
        let batch = self.number("raft.max_batch", &mut errors);
        let snap = self.number("raft.snapshot_threshold", &mut errors);
        for (key, v) in [("raft.max_batch", batch), ("raft.snapshot_threshold", snap)] {
            if v.is_finite() && whole(v).is_none() {
                errors.push(FieldError::new(
                    key,
                    msg!("must be a whole number, got {v}", "必须是整数，实际为 {v}"),
                ));
            }
        }
        let raft = RaftJson {
            persist_vote_ms: self.persist_vote_ms.map(|p| p.map(|us| us as f64 / 1000.0)),
            election_timeout_ms: Some([
                self.number("raft.election_timeout_ms[0]", &mut errors),
                self.number("raft.election_timeout_ms[1]", &mut errors),
            ]),
            heartbeat_ms: Some(self.number("raft.heartbeat_ms", &mut errors)),
            max_batch: whole(batch),
            snapshot_threshold: whole(snap),
            noop_on_election: Some(self.flag("raft.noop_on_election")),
            fast_backup: Some(self.flag("raft.fast_backup")),
            pre_vote: Some(self.flag("raft.pre_vote")),
            check_quorum: Some(self.flag("raft.check_quorum")),
            leader_transfer: Some(self.flag("raft.leader_transfer")),
            read_mode: Some(self.read_mode.clone()),
            persist_ms: Some([
                self.number("raft.persist_ms[0]", &mut errors),
                self.number("raft.persist_ms[1]", &mut errors),
            ]),
            unsafe_: Some(UnsafeJson {
                no_election_restriction: Some(self.flag("raft.unsafe.no_election_restriction")),
                commit_previous_terms: Some(self.flag("raft.unsafe.commit_previous_terms")),
                fixed_election_timeout: Some(self.flag("raft.unsafe.fixed_election_timeout")),
            }),
        };
        let workload = if self.flag("workload.on") {
            let clients = self.number("workload.clients", &mut errors);
            let rate = self.number("workload.rate", &mut errors);
            let keys = self.number("workload.keys", &mut errors);
            let read_ratio = self.number("workload.read_ratio", &mut errors);
            let range =
                |key: &'static str, v: f64, lo: f64, hi: f64, errors: &mut Vec<FieldError>| {
                    if v.is_finite() && !(lo..=hi).contains(&v) {
                        errors.push(FieldError::new(
                            key,
                            msg!(
                                "must be between {lo} and {hi}, got {v}",
                                "必须在 {lo} 到 {hi} 之间，实际为 {v}"
                            ),
                        ));
                    }
                };
            range("workload.clients", clients, 1.0, 100.0, &mut errors);
            range("workload.rate", rate, 0.001, 1000.0, &mut errors);
            range("workload.keys", keys, 1.0, 1000.0, &mut errors);
            range("workload.read_ratio", read_ratio, 0.0, 1.0, &mut errors);
            Some(Workload {
                clients: clients as u32,
                rate,
                keys: keys as u32,
                read_ratio,
                ..Workload::default()
            })
        } else {
            None
        };
        if errors.is_empty()
            && let Err(e) = validate_settings(&network, &raft)
        {
            errors.extend(e.0);
        }
        if errors.is_empty() {
            Ok((network, raft, workload))
        } else {
            Err(errors)
        }
    }

    /// Timing warnings for this draft, if it is valid.
    pub fn warnings(&self) -> Vec<TimingWarning> {
        match self.settings() {
            Ok((n, r, _)) => match validate_settings(&n, &r) {
                Ok((net, raft)) => timing_warnings(&net, &raft),
                Err(_) => Vec::new(),
            },
            Err(_) => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Draft {
        Draft::from_settings(&NetConfig::default(), &RaftConfig::default(), None)
    }

    #[test]
    fn the_defaults_round_trip() {
        let (n, r, w) = defaults().settings().unwrap();
        let (net, raft) = validate_settings(&n, &r).unwrap();
        assert_eq!(net, NetConfig::default());
        assert_eq!(raft, RaftConfig::default());
        assert_eq!(w, None);
    }

    #[test]
    fn bad_fields_are_named_with_their_range() {
        let mut d = defaults();
        d.numbers.insert("network.loss", "1.5".into());
        d.numbers.insert("raft.heartbeat_ms", "fast".into());
        let errors = d.settings().unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.path == "raft.heartbeat_ms" && e.message.en.contains("must be a number"))
        );
        let mut d = defaults();
        d.numbers.insert("network.loss", "1.5".into());
        let errors = d.settings().unwrap_err();
        assert_eq!(errors[0].path, "network.loss");
        assert!(errors[0].message.en.contains("between 0 and 1"));
        let mut d = defaults();
        d.numbers.insert("raft.election_timeout_ms[0]", "40".into());
        let errors = d.settings().unwrap_err();
        assert!(errors[0].message.en.contains("above heartbeat_ms"));
    }

    #[test]
    fn workload_and_warnings() {
        let mut d = defaults();
        d.switches.insert("workload.on", true);
        d.numbers.insert("workload.clients", "500".into());
        assert_eq!(d.settings().unwrap_err()[0].path, "workload.clients");
        d.numbers.insert("workload.clients", "3".into());
        assert_eq!(d.settings().unwrap().2.unwrap().clients, 3);
        d.numbers.insert("network.latency_ms[1]", "90".into());
        assert!(matches!(
            d.warnings()[0],
            TimingWarning::TimeoutNearRoundTrip { .. }
        ));
    }

    #[test]
    fn every_field_has_both_labels() {
        for f in NETWORK.iter().chain(RAFT).chain(WORKLOAD) {
            assert!(
                !f.en.is_empty() && !f.zh.is_empty() && f.en != f.zh,
                "{}",
                f.key
            );
        }
    }
}
