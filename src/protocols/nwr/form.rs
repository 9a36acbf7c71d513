//! The Quorum NWR settings form as data: N, W and R as typed, the read
//! repair mode and the two switches, and their conversion to validated
//! settings with the same ranges and messages as scenario files (each
//! refusal names the field and its range, in English and Chinese).

use super::config::{NwrConfig, ReadRepair};
use super::scenario::{NwrJson, nwr, nwr_json};
use crate::lang::Text;
use crate::msg;
use crate::scenario::{Errors, FieldError};

/// One field of the form: its path in scenario files (the key of errors)
/// and its label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub label: Text,
    /// The allowed range, shown beside the input.
    pub unit: Text,
}

pub const N: Field = Field {
    key: "nwr.n",
    label: Text::new("N, replicas per key", "N，每个键的副本数"),
    unit: Text::new("1 – servers", "1 – 服务器数"),
};
pub const W: Field = Field {
    key: "nwr.w",
    label: Text::new("W, write acknowledgements", "W，写确认数"),
    unit: Text::new("1 – N", "1 – N"),
};
pub const R: Field = Field {
    key: "nwr.r",
    label: Text::new("R, read replies", "R，读回复数"),
    unit: Text::new("1 – N", "1 – N"),
};
pub const READ_REPAIR: Field = Field {
    key: "nwr.read_repair",
    label: Text::new("read repair", "读修复"),
    unit: Text::new("", ""),
};
pub const TWO_PHASE: Field = Field {
    key: "nwr.two_phase_writes",
    label: Text::new(
        "two-phase writes (read the highest version first)",
        "两阶段写（先读最高版本）",
    ),
    unit: Text::new("", ""),
};
pub const SLOPPY: Field = Field {
    key: "nwr.sloppy_quorum",
    label: Text::new(
        "sloppy quorum with hinted handoff",
        "宽松法定人数与提示移交",
    ),
    unit: Text::new("", ""),
};

/// The sizes, in form order.
pub const SIZES: [Field; 3] = [N, W, R];

/// Every field, in form order.
pub const FIELDS: [Field; 6] = [N, W, R, READ_REPAIR, TWO_PHASE, SLOPPY];

/// The name of each read repair mode in `lang`'s words.
pub fn read_repair_label(m: ReadRepair) -> Text {
    match m {
        ReadRepair::Off => Text::new("off", "关闭"),
        ReadRepair::Async => Text::new("in the background (answer first)", "后台进行（先回答）"),
        ReadRepair::Blocking => Text::new(
            "blocking (write back, then answer)",
            "阻塞（先写回，再回答）",
        ),
    }
}

/// The form as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NwrDraft {
    pub n: String,
    pub w: String,
    pub r: String,
    pub read_repair: ReadRepair,
    pub two_phase_writes: bool,
    pub sloppy_quorum: bool,
}

impl NwrDraft {
    /// The form showing `cfg`.
    pub fn from_config(cfg: &NwrConfig) -> Self {
        NwrDraft {
            n: cfg.n.to_string(),
            w: cfg.w.to_string(),
            r: cfg.r.to_string(),
            read_repair: cfg.read_repair,
            two_phase_writes: cfg.two_phase_writes,
            sloppy_quorum: cfg.sloppy_quorum,
        }
    }

    /// The text typed in size field `key`.
    pub fn size(&self, key: &str) -> &str {
        match key {
            "nwr.n" => &self.n,
            "nwr.w" => &self.w,
            _ => &self.r,
        }
    }

    /// Sets the text of size field `key`.
    pub fn set_size(&mut self, key: &str, text: String) {
        match key {
            "nwr.n" => self.n = text,
            "nwr.w" => self.w = text,
            _ => self.r = text,
        }
    }

    /// The settings the form describes for `nodes` servers, on top of
    /// `base` (the timeouts stay as they are), or every refused field.
    pub fn to_config(&self, base: &NwrConfig, nodes: usize) -> Result<NwrConfig, Vec<FieldError>> {
        let mut errs = Errors::default();
        let mut whole = |key: &'static str, text: &str| {
            let t = text.trim();
            match t.parse::<i64>() {
                Ok(v) => Some(v),
                Err(_) => {
                    let shown: String = t.chars().take(16).collect();
                    errs.push(
                        key,
                        msg!(
                            "must be a whole number, got {shown:?}",
                            "必须是整数，实际为 {shown:?}"
                        ),
                    );
                    None
                }
            }
        };
        let (n, w, r) = (
            whole(N.key, &self.n),
            whole(W.key, &self.w),
            whole(R.key, &self.r),
        );
        let j = NwrJson {
            n,
            w,
            r,
            read_repair: Some(self.read_repair.name().to_string()),
            two_phase_writes: Some(self.two_phase_writes),
            sloppy_quorum: Some(self.sloppy_quorum),
            ..nwr_json(base)
        };
        let cfg = nwr(&mut errs, &j, nodes);
        if errs.0.is_empty() {
            Ok(cfg)
        } else {
            Err(errs.0)
        }
    }
}

/// The form field whose path is `key`.
pub fn field(key: &str) -> Option<Field> {
    FIELDS.into_iter().find(|f| f.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn base() -> NwrConfig {
        NwrConfig::for_nodes(5)
    }

    #[test]
    fn the_form_gives_back_the_settings_it_shows() {
        let mut cfg = base();
        cfg.read_repair = ReadRepair::Blocking;
        cfg.sloppy_quorum = true;
        assert_eq!(NwrDraft::from_config(&cfg).to_config(&base(), 5), Ok(cfg));
    }

    #[test]
    fn w_above_n_is_refused_naming_the_field_and_range_in_both_languages() {
        let mut d = NwrDraft::from_config(&base());
        d.set_size("nwr.w", "4".into());
        let e = d.to_config(&base(), 5).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].path, "nwr.w");
        assert_eq!(
            e[0].message.get(Lang::En),
            "must be between 1 and 3 (n = 3), got 4"
        );
        assert_eq!(
            e[0].message.get(Lang::Zh),
            "必须在 1 到 3 之间（n = 3），实际为 4"
        );
    }

    #[test]
    fn text_and_sizes_out_of_range_are_each_refused() {
        let mut d = NwrDraft::from_config(&base());
        d.n = "six".into();
        d.r = "0".into();
        let paths: Vec<String> = d
            .to_config(&base(), 5)
            .unwrap_err()
            .into_iter()
            .map(|e| e.path)
            .collect();
        assert_eq!(paths, ["nwr.n", "nwr.r"]);
        d.n = "9".into();
        d.r = "2".into();
        let e = d.to_config(&base(), 5).unwrap_err();
        assert!(e[0].message.get(Lang::En).contains("1 and 5"), "{:?}", e[0]);
        assert_eq!(field("nwr.w"), Some(W));
    }
}
