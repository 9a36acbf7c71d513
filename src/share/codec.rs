//! Share links carry a whole scenario in the URL fragment: compact JSON,
//! zlib-compressed (the checksum catches tampering), base64url-encoded, behind
//! a codec version prefix. Decoding caps every size and never panics.

use crate::lang::Lang;
use crate::protocol::Scenario;
use crate::scenario::{Format, MAX_SCENARIO_BYTES, ScenarioError, parse, to_compact};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use miniz_oxide::inflate::TINFLStatus;

/// The codec version written in front of the payload.
pub const CODEC_VERSION: &str = "1";
/// Longest encoded payload accepted (characters).
pub const MAX_ENCODED_LEN: usize = 256 * 1024;

/// Why a share link could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    Empty,
    TooLong(usize),
    NewerCodec(String),
    UnknownCodec,
    NotBase64,
    Truncated,
    Corrupt,
    TooLarge,
    NotText,
    Invalid(ScenarioError),
}

impl ShareError {
    /// What is wrong, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            ShareError::Empty if zh => "链接里没有场景".into(),
            ShareError::Empty => "the link carries no scenario".into(),
            ShareError::TooLong(n) if zh => {
                format!("链接里的场景有 {n} 个字符；最多接受 {MAX_ENCODED_LEN} 个")
            }
            ShareError::TooLong(n) => format!(
                "the link's scenario is {n} characters long; at most {MAX_ENCODED_LEN} are accepted"
            ),
            ShareError::NewerCodec(v) if zh => format!(
                "这个链接由更新版本的 RaftLab 生成（链接格式 {v}；本版本读取 {CODEC_VERSION}）"
            ),
            ShareError::NewerCodec(v) => format!(
                "the link was made by a newer version of RaftLab (link format {v}; this one reads {CODEC_VERSION})"
            ),
            ShareError::UnknownCodec if zh => "链接里的场景没有以格式版本开头".into(),
            ShareError::UnknownCodec => {
                "the link's scenario does not start with a format version".into()
            }
            ShareError::NotBase64 if zh => "链接里的场景含有分享链接中不会出现的字符".into(),
            ShareError::NotBase64 => {
                "the link's scenario contains characters a share link never has".into()
            }
            ShareError::Truncated if zh => "链接被截断了：缺少部分场景".into(),
            ShareError::Truncated => {
                "the link is cut short: part of the scenario is missing".into()
            }
            ShareError::Corrupt if zh => "链接里的场景已损坏（校验和不匹配）".into(),
            ShareError::Corrupt => {
                "the link's scenario is damaged (its checksum does not match)".into()
            }
            ShareError::TooLarge if zh => {
                format!("链接里的场景解压后超过 {MAX_SCENARIO_BYTES} 字节")
            }
            ShareError::TooLarge => {
                format!("the link's scenario unpacks to more than {MAX_SCENARIO_BYTES} bytes")
            }
            ShareError::NotText if zh => "链接里的场景不是文本".into(),
            ShareError::NotText => "the link's scenario is not text".into(),
            ShareError::Invalid(e) if zh => {
                format!("链接里的场景无效：{}", e.first().describe(lang))
            }
            ShareError::Invalid(e) => {
                format!(
                    "the link's scenario is not valid: {}",
                    e.first().describe(lang)
                )
            }
        }
    }
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

/// Encodes a scenario for a URL fragment.
pub fn encode_scenario<P: Format>(s: &Scenario<P>) -> String {
    let json = to_compact(s);
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 9);
    format!("{CODEC_VERSION}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Decodes and validates a scenario from a URL fragment.
pub fn decode_scenario<P: Format>(encoded: &str) -> Result<Scenario<P>, ShareError> {
    let encoded = encoded.trim();
    if encoded.is_empty() {
        return Err(ShareError::Empty);
    }
    if encoded.len() > MAX_ENCODED_LEN {
        return Err(ShareError::TooLong(encoded.len()));
    }
    let Some((version, payload)) = encoded.split_once('.') else {
        return Err(ShareError::UnknownCodec);
    };
    if version != CODEC_VERSION {
        return match version.parse::<u32>() {
            Ok(v) if v > 1 => Err(ShareError::NewerCodec(version.chars().take(10).collect())),
            _ => Err(ShareError::UnknownCodec),
        };
    }
    let packed = URL_SAFE_NO_PAD.decode(payload).map_err(|e| match e {
        base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidLastSymbol { .. } => {
            ShareError::Truncated
        }
        _ => ShareError::NotBase64,
    })?;
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_SCENARIO_BYTES)
            .map_err(|e| match e.status {
                TINFLStatus::HasMoreOutput => ShareError::TooLarge,
                TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                    ShareError::Truncated
                }
                _ => ShareError::Corrupt,
            })?;
    let text = String::from_utf8(bytes).map_err(|_| ShareError::NotText)?;
    parse::<P>(&text).map_err(ShareError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::{NetAction, NodeRef};
    use crate::protocols::gossip::Gossip;
    use crate::protocols::raft::Raft;
    use crate::sim::{NodeId, SimTime};

    fn sample() -> Scenario<Raft> {
        let mut s = Scenario::<Raft> {
            stop: SimTime::from_millis(5000),
            ..Scenario::default()
        };
        s.setup.seed = 77;
        s.script = vec![
            (
                SimTime::from_millis(1200),
                NetAction::Crash(NodeRef::Leader).into(),
            ),
            (
                SimTime::from_millis(3000),
                NetAction::Isolate(NodeRef::Id(NodeId(2))).into(),
            ),
        ];
        s
    }

    #[test]
    fn round_trips_and_stays_short() {
        let s = sample();
        let link = encode_scenario(&s);
        assert!(link.starts_with("1."));
        assert!(link.len() < 600, "{} characters", link.len());
        assert_eq!(decode_scenario::<Raft>(&link), Ok(s));
    }

    #[test]
    fn gossip_scenarios_round_trip_too() {
        use crate::protocols::gossip::{Action as GossipAction, GossipConfig, Mode, StopRule};
        let mut config = GossipConfig {
            nodes: 2000,
            spare: 3,
            seed: 5,
            ..GossipConfig::default()
        };
        config.spread.mode = Mode::PushPull;
        config.spread.stop = StopRule::Coin(2);
        config.swim.enabled = true;
        let s = Scenario::<Gossip> {
            setup: config,
            script: vec![
                (
                    SimTime::from_millis(100),
                    GossipAction::StartRumor {
                        node: NodeId(1999),
                        key: "x".into(),
                        value: "1".into(),
                    },
                ),
                (
                    SimTime::from_millis(900),
                    NetAction::Crash(NodeRef::Id(NodeId(7))).into(),
                ),
                (
                    SimTime::from_millis(1500),
                    GossipAction::Join { seed: NodeId(2) },
                ),
            ],
            stop: SimTime::from_millis(5000),
            ..Scenario::default()
        };
        let link = encode_scenario(&s);
        assert!(link.len() < 800, "{} characters", link.len());
        assert_eq!(decode_scenario::<Gossip>(&link), Ok(s));
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        let link = encode_scenario(&sample());
        let decode = decode_scenario::<Raft>;
        assert_eq!(decode(""), Err(ShareError::Empty));
        assert_eq!(decode("abc"), Err(ShareError::UnknownCodec));
        assert_eq!(
            decode(&link.replacen("1.", "7.", 1)),
            Err(ShareError::NewerCodec("7".into()))
        );
        assert_eq!(decode("1.<script>"), Err(ShareError::NotBase64));
        let cut = &link[..link.len() / 2];
        assert!(matches!(
            decode(cut),
            Err(ShareError::Truncated | ShareError::Corrupt)
        ));
        let mut tampered = link.clone().into_bytes();
        let mid = tampered.len() / 2;
        tampered[mid] = if tampered[mid] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap();
        assert!(decode(&tampered).is_err());
        assert!(matches!(
            decode(&"A".repeat(MAX_ENCODED_LEN + 1)),
            Err(ShareError::TooLong(_))
        ));
    }

    #[test]
    fn a_compression_bomb_is_refused() {
        let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&vec![b' '; 8 << 20], 9);
        let link = format!("1.{}", URL_SAFE_NO_PAD.encode(bomb));
        assert_eq!(decode_scenario::<Raft>(&link), Err(ShareError::TooLarge));
    }

    #[test]
    fn a_well_formed_link_to_a_bad_scenario_names_the_field() {
        let json = br#"{"version":1,"protocol":"raft","nodes":12}"#;
        let link = format!(
            "1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(json, 6))
        );
        let err = decode_scenario::<Raft>(&link).unwrap_err();
        assert!(
            err.to_string().contains("nodes: must be between 1 and 9"),
            "{err}"
        );
        assert!(
            err.describe(Lang::Zh).contains("nodes：")
                || err.describe(Lang::Zh).contains("nodes: ")
        );
    }
}
