//! The gossip settings form as data: text drafts of every knob, and their
//! conversion to a validated configuration. Every refusal names the field
//! and its allowed range, in English and Chinese; the engine's own
//! `validate` then checks the result once more, so nothing invalid reaches it.

use crate::lang::Lang;
use crate::protocols::gossip::{GossipConfig, MAX_SMALL, Mode, SpreadConfig, StopRule};
use crate::sim::{LatencyRange, SimDuration};

/// The most nodes the live view runs (the engine allows more headless).
pub const MAX_LIVE_NODES: usize = 2_000;
/// Longest period or latency accepted, in milliseconds.
pub const MAX_MS: f64 = 60_000.0;

/// A field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Nodes,
    Fanout,
    Period,
    StopK,
    AntiEntropy,
    Loss,
    Latency,
}

impl Field {
    /// The field's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Field::Nodes => ("nodes", "节点数"),
            Field::Fanout => ("fan-out", "扇出"),
            Field::Period => ("round period", "轮次周期"),
            Field::StopK => ("stop k", "停止参数 k"),
            Field::AntiEntropy => ("anti-entropy period", "反熵周期"),
            Field::Loss => ("loss", "丢包率"),
            Field::Latency => ("latency", "延迟"),
        };
        lang.pick(en, zh)
    }

    /// Id of the input element (tests and labels find it by this).
    pub fn id(self) -> &'static str {
        match self {
            Field::Nodes => "g-nodes",
            Field::Fanout => "g-fanout",
            Field::Period => "g-period",
            Field::StopK => "g-stop-k",
            Field::AntiEntropy => "g-anti-entropy",
            Field::Loss => "g-loss",
            Field::Latency => "g-latency",
        }
    }
}

/// A refused value: which field, and why in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormError {
    pub field: Field,
    pub en: String,
    pub zh: String,
}

impl FormError {
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.zh)
    }
}

/// Which stop rule the form selects (its `k` is a separate field).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopKind {
    Forever,
    Counter,
    Coin,
}

/// The form as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GossipForm {
    pub nodes: String,
    pub fanout: String,
    pub period_ms: String,
    pub mode: Mode,
    pub stop: StopKind,
    pub stop_k: String,
    /// "0" turns anti-entropy off.
    pub anti_entropy_ms: String,
    pub loss: String,
    pub latency_min: String,
    pub latency_max: String,
    pub swim: bool,
}

fn ms_text(d: SimDuration) -> String {
    let ms = d.as_millis_f64();
    format!("{ms}")
}

impl GossipForm {
    /// The form showing `cfg`.
    pub fn from_config(cfg: &GossipConfig) -> Self {
        let s = &cfg.spread;
        let (stop, k) = match s.stop {
            StopRule::Forever => (StopKind::Forever, 2),
            StopRule::Counter(k) => (StopKind::Counter, k),
            StopRule::Coin(k) => (StopKind::Coin, k),
        };
        GossipForm {
            nodes: cfg.nodes.to_string(),
            fanout: s.fanout.to_string(),
            period_ms: ms_text(s.period),
            mode: s.mode,
            stop,
            stop_k: k.to_string(),
            anti_entropy_ms: s.anti_entropy.map_or("0".into(), ms_text),
            loss: format!("{}", cfg.net.loss),
            latency_min: ms_text(cfg.net.latency.min),
            latency_max: ms_text(cfg.net.latency.max),
            swim: cfg.swim.enabled,
        }
    }

    /// The configuration the form describes, on top of `base` (seed, jitter
    /// and the SWIM timings stay as they are), or every refused field.
    pub fn to_config(&self, base: &GossipConfig) -> Result<GossipConfig, Vec<FormError>> {
        let mut errs = Vec::new();
        let nodes = whole(&mut errs, Field::Nodes, &self.nodes, 1, MAX_LIVE_NODES);
        let n = nodes.unwrap_or(base.nodes);
        let most = SpreadConfig::max_fanout(n);
        let note = (
            format!(" (the other nodes of a {n}-node cluster)"),
            format!("（{n} 个节点的集群中的其他节点）"),
        );
        let fanout = whole_noted(&mut errs, Field::Fanout, &self.fanout, 1, most, note);
        let period = number(
            &mut errs,
            Field::Period,
            &self.period_ms,
            1.0,
            MAX_MS,
            " ms",
        );
        let k = match self.stop {
            StopKind::Forever => Some(1),
            _ => whole(&mut errs, Field::StopK, &self.stop_k, 1, MAX_SMALL as usize),
        };
        let anti_entropy = match parse(&self.anti_entropy_ms) {
            Some(0.0) => Some(None),
            Some(v) if (1.0..=MAX_MS).contains(&v) => Some(Some(SimDuration::from_millis_f64(v))),
            _ => {
                let (en, zh) = (
                    format!("must be 0 (off) or between 1 and {MAX_MS} ms"),
                    format!("须为 0（关闭）或在 1 到 {MAX_MS} 毫秒之间"),
                );
                errs.push(refusal(Field::AntiEntropy, &self.anti_entropy_ms, en, zh));
                None
            }
        };
        let loss = number(&mut errs, Field::Loss, &self.loss, 0.0, 1.0, "");
        let lo = number(
            &mut errs,
            Field::Latency,
            &self.latency_min,
            0.0,
            MAX_MS,
            " ms",
        );
        let hi = number(
            &mut errs,
            Field::Latency,
            &self.latency_max,
            0.0,
            MAX_MS,
            " ms",
        );
        if let (Some(lo), Some(hi)) = (lo, hi)
            && lo > hi
        {
            errs.push(FormError {
                field: Field::Latency,
                en: format!("latency: the minimum ({lo} ms) must not exceed the maximum ({hi} ms)"),
                zh: format!("延迟：下限（{lo} 毫秒）不能超过上限（{hi} 毫秒）"),
            });
        }
        let (Some(nodes), Some(fanout), Some(period), Some(k), Some(anti_entropy), Some(loss)) =
            (nodes, fanout, period, k, anti_entropy, loss)
        else {
            return Err(errs);
        };
        let (Some(lo), Some(hi)) = (lo, hi) else {
            return Err(errs);
        };
        if !errs.is_empty() {
            return Err(errs);
        }
        let mut cfg = base.clone();
        cfg.nodes = nodes;
        cfg.spare = 0;
        cfg.spread = SpreadConfig {
            mode: self.mode,
            fanout,
            period: SimDuration::from_millis_f64(period),
            stop: match self.stop {
                StopKind::Forever => StopRule::Forever,
                StopKind::Counter => StopRule::Counter(k as u8),
                StopKind::Coin => StopRule::Coin(k as u8),
            },
            // Not on the form: a scenario's choice is kept.
            feedback: base.spread.feedback,
            anti_entropy,
        };
        cfg.net.loss = loss;
        cfg.net.latency = LatencyRange {
            min: SimDuration::from_millis_f64(lo),
            max: SimDuration::from_millis_f64(hi),
        };
        cfg.swim.enabled = self.swim;
        // Every field was checked above; the engine checks the whole once more.
        cfg.validate().map_err(|e| {
            vec![FormError {
                field: Field::Nodes,
                en: e.to_string(),
                zh: format!("设置无效：{e}"),
            }]
        })?;
        Ok(cfg)
    }
}

fn parse(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

fn shown(text: &str) -> String {
    let t: String = text.trim().chars().take(16).collect();
    if t.is_empty() { "nothing".into() } else { t }
}

fn refusal(field: Field, text: &str, en: String, zh: String) -> FormError {
    let got = shown(text);
    let got_zh = if text.trim().is_empty() {
        "空".to_string()
    } else {
        got.clone()
    };
    FormError {
        field,
        en: format!("{}: {en}, got {got}", field.label(Lang::En)),
        zh: format!("{}：{zh}，实际为 {got_zh}", field.label(Lang::Zh)),
    }
}

/// A number in `lo ..= hi`.
fn number(
    errs: &mut Vec<FormError>,
    field: Field,
    text: &str,
    lo: f64,
    hi: f64,
    unit: &str,
) -> Option<f64> {
    match parse(text) {
        Some(v) if (lo..=hi).contains(&v) => Some(v),
        _ => {
            let zh_unit = if unit.is_empty() { "" } else { " 毫秒" };
            errs.push(refusal(
                field,
                text,
                format!("must be between {lo} and {hi}{unit}"),
                format!("须在 {lo} 到 {hi}{zh_unit} 之间"),
            ));
            None
        }
    }
}

/// A whole number in `lo ..= hi`, with a note on where the bound comes from.
fn whole_noted(
    errs: &mut Vec<FormError>,
    field: Field,
    text: &str,
    lo: usize,
    hi: usize,
    note: (String, String),
) -> Option<usize> {
    match text.trim().parse::<i64>() {
        Ok(v) if v >= lo as i64 && v <= hi as i64 => Some(v as usize),
        _ => {
            errs.push(refusal(
                field,
                text,
                format!("must be a whole number between {lo} and {hi}{}", note.0),
                format!("须为 {lo} 到 {hi} 之间的整数{}", note.1),
            ));
            None
        }
    }
}

fn whole(
    errs: &mut Vec<FormError>,
    field: Field,
    text: &str,
    lo: usize,
    hi: usize,
) -> Option<usize> {
    whole_noted(errs, field, text, lo, hi, (String::new(), String::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> GossipForm {
        GossipForm::from_config(&GossipConfig::default())
    }

    fn refused(f: GossipForm) -> Vec<FormError> {
        f.to_config(&GossipConfig::default())
            .expect_err("should be refused")
    }

    #[test]
    fn the_default_form_gives_back_the_default_settings() {
        let base = GossipConfig {
            spare: 0,
            ..GossipConfig::default()
        };
        assert_eq!(form().to_config(&base), Ok(base));
    }

    #[test]
    fn a_fanout_larger_than_the_cluster_names_the_range() {
        let e = refused(GossipForm {
            nodes: "10".into(),
            fanout: "12".into(),
            ..form()
        });
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].field, Field::Fanout);
        assert_eq!(
            e[0].en,
            "fan-out: must be a whole number between 1 and 9 (the other nodes of a 10-node cluster), got 12"
        );
        assert!(
            e[0].zh.starts_with("扇出：须为 1 到 9 之间的整数"),
            "{}",
            e[0].zh
        );
    }

    #[test]
    fn each_bad_value_is_refused_with_its_range() {
        let cases: Vec<(GossipForm, Field, &str)> = vec![
            (
                GossipForm {
                    nodes: "0".into(),
                    ..form()
                },
                Field::Nodes,
                "between 1 and 2000, got 0",
            ),
            (
                GossipForm {
                    nodes: "2001".into(),
                    ..form()
                },
                Field::Nodes,
                "got 2001",
            ),
            (
                GossipForm {
                    nodes: "ten".into(),
                    ..form()
                },
                Field::Nodes,
                "got ten",
            ),
            (
                GossipForm {
                    period_ms: "0".into(),
                    ..form()
                },
                Field::Period,
                "between 1 and 60000 ms, got 0",
            ),
            (
                GossipForm {
                    period_ms: "-5".into(),
                    ..form()
                },
                Field::Period,
                "got -5",
            ),
            (
                GossipForm {
                    loss: "1.5".into(),
                    ..form()
                },
                Field::Loss,
                "between 0 and 1, got 1.5",
            ),
            (
                GossipForm {
                    loss: "-0.1".into(),
                    ..form()
                },
                Field::Loss,
                "got -0.1",
            ),
            (
                GossipForm {
                    loss: "NaN".into(),
                    ..form()
                },
                Field::Loss,
                "got NaN",
            ),
            (
                GossipForm {
                    stop: StopKind::Coin,
                    stop_k: "0".into(),
                    ..form()
                },
                Field::StopK,
                "between 1 and 64",
            ),
            (
                GossipForm {
                    anti_entropy_ms: "0.5".into(),
                    ..form()
                },
                Field::AntiEntropy,
                "0 (off) or between 1",
            ),
            (
                GossipForm {
                    latency_min: "50".into(),
                    latency_max: "10".into(),
                    ..form()
                },
                Field::Latency,
                "must not exceed",
            ),
            (
                GossipForm {
                    fanout: "".into(),
                    ..form()
                },
                Field::Fanout,
                "got nothing",
            ),
        ];
        for (f, field, text) in cases {
            let e = refused(f);
            assert_eq!(e[0].field, field, "{:?}", e[0]);
            assert!(e[0].en.contains(text), "{} lacks {text}", e[0].en);
            assert!(e[0].zh.contains(field.label(Lang::Zh)), "{}", e[0].zh);
        }
    }

    #[test]
    fn several_errors_are_reported_together() {
        let e = refused(GossipForm {
            nodes: "0".into(),
            loss: "2".into(),
            period_ms: "x".into(),
            ..form()
        });
        let fields: Vec<Field> = e.iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::Nodes, Field::Period, Field::Loss]);
    }

    #[test]
    fn a_valid_form_sets_every_knob() {
        let cfg = GossipForm {
            nodes: "2000".into(),
            fanout: "3".into(),
            period_ms: "150".into(),
            mode: Mode::Pull,
            stop: StopKind::Counter,
            stop_k: "2".into(),
            anti_entropy_ms: "1000".into(),
            loss: "0.25".into(),
            latency_min: "5".into(),
            latency_max: "40".into(),
            swim: true,
        }
        .to_config(&GossipConfig::default())
        .unwrap();
        assert_eq!(cfg.nodes, 2000);
        assert_eq!(cfg.spread.fanout, 3);
        assert_eq!(cfg.spread.stop, StopRule::Counter(2));
        assert_eq!(
            cfg.spread.anti_entropy,
            Some(SimDuration::from_millis(1000))
        );
        assert_eq!(cfg.net.loss, 0.25);
        assert_eq!(cfg.net.latency, LatencyRange::millis(5, 40));
        assert!(cfg.swim.enabled);
        assert_eq!(GossipForm::from_config(&cfg).period_ms, "150");
    }
}
