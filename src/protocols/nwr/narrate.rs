//! One sentence for each Quorum NWR event, in English and in Simplified
//! Chinese. Client and network events read as in every protocol.

use super::event::EventKind;
use super::node::Via;
use super::version::Version;
use crate::lang::Lang;
use crate::sim::NodeId;

/// Servers as text: "S1 S2 S3", or "none".
fn list(nodes: &[NodeId], lang: Lang) -> String {
    if nodes.is_empty() {
        return lang.pick("none", "无").to_string();
    }
    let names: Vec<String> = nodes.iter().map(NodeId::to_string).collect();
    names.join(" ")
}

/// A value with its version: "x = 5 (3,S2)", or "x absent".
fn value(key: &str, v: Option<(&str, Version)>, lang: Lang) -> String {
    match v {
        Some((value, version)) => format!("{key} = {value} {version}"),
        None => match lang {
            Lang::En => format!("no value of {key}"),
            Lang::Zh => format!("{key} 没有值"),
        },
    }
}

fn via(v: Via, lang: Lang) -> &'static str {
    match v {
        Via::Put => lang.pick("a write", "写入"),
        Via::Repair => lang.pick("read repair", "读修复"),
        Via::Handoff => lang.pick("hinted handoff", "提示移交"),
    }
}

fn answers(op: &str, lang: Lang) -> &'static str {
    match (op, lang) {
        ("get", Lang::En) => "replies",
        ("get", Lang::Zh) => "个回复",
        (_, Lang::En) => "acknowledgements",
        (_, Lang::Zh) => "个确认",
    }
}

impl EventKind {
    /// One sentence saying what happened, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            EventKind::Client(c) => c.describe(lang),
            EventKind::Net(e) => e.describe(lang),
            EventKind::Coordinate {
                node,
                op,
                key,
                replicas,
                need,
            } => {
                let to = list(replicas, lang);
                let what = answers(op, lang);
                if zh {
                    format!("{node} 协调 {op} {key}：询问副本 {to}，等待 {need} {what}")
                } else {
                    format!(
                        "{node} coordinates {op} {key}: asks replicas {to} and waits for {need} {what}"
                    )
                }
            }
            EventKind::Query {
                node,
                key,
                highest,
                version,
                replies,
            } => {
                let from = list(replies, lang);
                let top = highest.map_or("—".to_string(), |v| v.to_string());
                if zh {
                    format!(
                        "{node} 从 {from} 读到 {key} 的最高版本 {top}，于是用版本 {version} 写入"
                    )
                } else {
                    format!(
                        "{node} read the highest version of {key} from {from}: {top}; it writes version {version}"
                    )
                }
            }
            EventKind::Written {
                node,
                key,
                value: v,
                version,
                acks,
                ..
            } => {
                let by = list(acks, lang);
                let kv = value(key, Some((v, *version)), lang);
                if zh {
                    format!("{node} 的写入 {kv} 得到 {by} 的确认：写法定人数已满足")
                } else {
                    format!("{node}'s write {kv} is acknowledged by {by}: a write quorum")
                }
            }
            EventKind::Read {
                node,
                key,
                value: v,
                version,
                replies,
                stale,
            } => {
                let from = list(replies, lang);
                let kv = value(key, v.as_deref().zip(*version), lang);
                let behind = list(stale, lang);
                if zh {
                    format!("{node} 收到 {from} 的回复：最新的是 {kv}；落后的副本：{behind}")
                } else {
                    format!("{node} has replies from {from}: the newest is {kv}; behind: {behind}")
                }
            }
            EventKind::Repair {
                node,
                key,
                version,
                to,
                blocking,
            } => {
                let to = list(to, lang);
                match (zh, blocking) {
                    (false, true) => format!(
                        "{node} writes {key} {version} back to {to} before it answers (blocking read repair)"
                    ),
                    (false, false) => {
                        format!("{node} repairs {to} with {key} {version} in the background")
                    }
                    (true, true) => {
                        format!("{node} 在回答之前把 {key} {version} 写回 {to}（阻塞式读修复）")
                    }
                    (true, false) => format!("{node} 在后台用 {key} {version} 修复 {to}"),
                }
            }
            EventKind::Repaired {
                node,
                key,
                version,
                holders,
            } => {
                let by = list(holders, lang);
                if zh {
                    format!("{by} 现在都持有 {key} {version}：{node} 可以回答读请求了")
                } else {
                    format!("{by} now hold {key} {version}: {node} can answer the read")
                }
            }
            EventKind::Store {
                node,
                key,
                value: v,
                version,
                via: how,
            } => {
                let kv = value(key, Some((v, *version)), lang);
                let how = via(*how, lang);
                if zh {
                    format!("{node} 存储了 {kv}（来自{how}）")
                } else {
                    format!("{node} stores {kv} (from {how})")
                }
            }
            EventKind::Keep {
                node,
                key,
                offered,
                kept,
            } => {
                if zh {
                    format!(
                        "{node} 保留 {key} 的较新版本 {kept}，丢弃收到的旧版本 {offered}：后写者胜"
                    )
                } else {
                    format!(
                        "{node} keeps {key} {kept} and drops the older {offered} it was sent: last write wins"
                    )
                }
            }
            EventKind::Hint {
                node,
                key,
                version,
                replica,
            } => {
                if zh {
                    format!("{node} 替无法联系的 {replica} 保存 {key} {version}，附带提示")
                } else {
                    format!(
                        "{node} keeps {key} {version} for {replica}, which did not answer, with a hint"
                    )
                }
            }
            EventKind::Handoff {
                node,
                to,
                key,
                version,
            } => {
                if zh {
                    format!("{node} 把替 {to} 保存的 {key} {version} 交还给它，并删除提示")
                } else {
                    format!("{node} handed {key} {version} back to {to} and dropped its hint")
                }
            }
            EventKind::Fallback {
                node,
                key,
                replica,
                standin,
            } => {
                if zh {
                    format!(
                        "{replica} 没有及时回答：{node} 改为询问环上的下一台服务器 {standin}（{key} 的宽松法定人数）"
                    )
                } else {
                    format!(
                        "{replica} did not answer in time: {node} asks {standin}, the next server on the ring, instead (sloppy quorum for {key})"
                    )
                }
            }
            EventKind::GiveUp {
                node,
                op,
                key,
                got,
                need,
            } => {
                let what = answers(op, lang);
                if zh {
                    format!("{node} 放弃了 {op} {key}：超时前只收到 {got}/{need} {what}，拒绝回答")
                } else {
                    format!(
                        "{node} fails {op} {key}: only {got} of {need} {what} before the timeout, so it refuses to answer"
                    )
                }
            }
            EventKind::StaleRead {
                client,
                key,
                version,
                newer,
                ..
            } => {
                let got = version.map_or("—".to_string(), |v| v.to_string());
                if zh {
                    format!(
                        "过期读：客户端 C{client} 读到 {key} 的版本 {got}，而版本 {newer} 的写入在这次读开始之前就已完成"
                    )
                } else {
                    format!(
                        "stale read: client C{client} read {key} at version {got}, but a write of version {newer} had completed before the read began"
                    )
                }
            }
            EventKind::Inversion {
                client,
                key,
                version,
                newer,
                ..
            } => {
                let got = version.map_or("—".to_string(), |v| v.to_string());
                if zh {
                    format!(
                        "新旧倒置：客户端 C{client} 读到 {key} 的版本 {got}，而之前已完成的一次读返回了更新的版本 {newer}"
                    )
                } else {
                    format!(
                        "new–old inversion: client C{client} read {key} at version {got}, after an earlier read had already returned the newer {newer}"
                    )
                }
            }
            EventKind::LostWrite {
                client,
                key,
                version,
                newer,
                ..
            } => {
                if zh {
                    format!(
                        "写入丢失：客户端 C{client} 对 {key} 的写入以版本 {version} 得到确认，但版本 {newer} 的写入在它开始之前就已完成：后写者胜已把它丢弃"
                    )
                } else {
                    format!(
                        "lost write: client C{client}'s write of {key} was acknowledged at version {version}, below the {newer} of a write that completed before it began: last write wins has dropped it"
                    )
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_read_in_both_languages() {
        let ev = EventKind::Read {
            node: NodeId(2),
            key: "x".into(),
            value: Some("1".into()),
            version: Some(Version::new(1, NodeId(1))),
            replies: vec![NodeId(2), NodeId(3)],
            stale: vec![NodeId(3)],
        };
        assert_eq!(
            ev.describe(Lang::En),
            "S2 has replies from S2 S3: the newest is x = 1 (1,S1); behind: S3"
        );
        assert_eq!(
            ev.describe(Lang::Zh),
            "S2 收到 S2 S3 的回复：最新的是 x = 1 (1,S1)；落后的副本：S3"
        );
        let give_up = EventKind::GiveUp {
            node: NodeId(1),
            op: "get",
            key: "x".into(),
            got: 1,
            need: 2,
        };
        assert_eq!(
            give_up.describe(Lang::En),
            "S1 fails get x: only 1 of 2 replies before the timeout, so it refuses to answer"
        );
    }
}
