//! Share links carry a whole scenario in the URL fragment: compact JSON,
//! zlib-compressed (the checksum catches tampering), base64url-encoded, behind
//! a codec version prefix. Decoding caps every size and never panics.

use crate::scenario::{MAX_SCENARIO_BYTES, Scenario, ScenarioError, parse_scenario, to_json};
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

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::Empty => write!(f, "the link carries no scenario"),
            ShareError::TooLong(n) => {
                write!(
                    f,
                    "the link's scenario is {n} characters long; at most {MAX_ENCODED_LEN} are accepted"
                )
            }
            ShareError::NewerCodec(v) => {
                write!(
                    f,
                    "the link was made by a newer version of RaftLab (link format {v}; this one reads {CODEC_VERSION})"
                )
            }
            ShareError::UnknownCodec => write!(
                f,
                "the link's scenario does not start with a format version"
            ),
            ShareError::NotBase64 => write!(
                f,
                "the link's scenario contains characters a share link never has"
            ),
            ShareError::Truncated => {
                write!(f, "the link is cut short: part of the scenario is missing")
            }
            ShareError::Corrupt => write!(
                f,
                "the link's scenario is damaged (its checksum does not match)"
            ),
            ShareError::TooLarge => {
                write!(
                    f,
                    "the link's scenario unpacks to more than {MAX_SCENARIO_BYTES} bytes"
                )
            }
            ShareError::NotText => write!(f, "the link's scenario is not text"),
            ShareError::Invalid(e) => write!(f, "the link's scenario is not valid: {}", e.first()),
        }
    }
}

/// Encodes a scenario for a URL fragment.
pub fn encode_scenario(s: &Scenario) -> String {
    let json = serde_json::to_string(&to_json(s)).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 9);
    format!("{CODEC_VERSION}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Decodes and validates a scenario from a URL fragment.
pub fn decode_scenario(encoded: &str) -> Result<Scenario, ShareError> {
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
    parse_scenario(&text).map_err(ShareError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::{Action, NodeRef};
    use crate::sim::{NodeId, SimTime};

    fn sample() -> Scenario {
        let mut s = Scenario {
            stop: SimTime::from_millis(5000),
            ..Scenario::default()
        };
        s.cluster.seed = 77;
        s.script = vec![
            (SimTime::from_millis(1200), Action::Crash(NodeRef::Leader)),
            (
                SimTime::from_millis(3000),
                Action::Isolate(NodeRef::Id(NodeId(2))),
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
        assert_eq!(decode_scenario(&link), Ok(s));
    }

    #[test]
    fn gossip_scenarios_round_trip_too() {
        use crate::gossip::{Action as GossipAction, GossipConfig, Mode, StopRule};
        use crate::scenario::{GossipSetup, Protocol};
        let mut config = GossipConfig {
            nodes: 2000,
            spare: 3,
            seed: 5,
            ..GossipConfig::default()
        };
        config.spread.mode = Mode::PushPull;
        config.spread.stop = StopRule::Coin(2);
        config.swim.enabled = true;
        let s = Scenario {
            protocol: Protocol::Gossip,
            gossip: Some(GossipSetup {
                config,
                script: vec![
                    (
                        SimTime::from_millis(100),
                        GossipAction::StartRumor {
                            node: NodeId(1999),
                            key: "x".into(),
                            value: "1".into(),
                        },
                    ),
                    (SimTime::from_millis(900), GossipAction::Crash(NodeId(7))),
                    (
                        SimTime::from_millis(1500),
                        GossipAction::Join { seed: NodeId(2) },
                    ),
                ],
            }),
            stop: SimTime::from_millis(5000),
            ..Scenario::default()
        };
        let link = encode_scenario(&s);
        assert!(link.len() < 800, "{} characters", link.len());
        assert_eq!(decode_scenario(&link), Ok(s));
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        let link = encode_scenario(&sample());
        assert_eq!(decode_scenario(""), Err(ShareError::Empty));
        assert_eq!(decode_scenario("abc"), Err(ShareError::UnknownCodec));
        assert_eq!(
            decode_scenario(&link.replacen("1.", "7.", 1)),
            Err(ShareError::NewerCodec("7".into()))
        );
        assert_eq!(decode_scenario("1.<script>"), Err(ShareError::NotBase64));
        let cut = &link[..link.len() / 2];
        assert!(matches!(
            decode_scenario(cut),
            Err(ShareError::Truncated | ShareError::Corrupt)
        ));
        let mut tampered = link.clone().into_bytes();
        let mid = tampered.len() / 2;
        tampered[mid] = if tampered[mid] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap();
        assert!(decode_scenario(&tampered).is_err());
        assert!(matches!(
            decode_scenario(&"A".repeat(MAX_ENCODED_LEN + 1)),
            Err(ShareError::TooLong(_))
        ));
    }

    #[test]
    fn a_compression_bomb_is_refused() {
        let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&vec![b' '; 8 << 20], 9);
        let link = format!("1.{}", URL_SAFE_NO_PAD.encode(bomb));
        assert_eq!(decode_scenario(&link), Err(ShareError::TooLarge));
    }

    #[test]
    fn a_well_formed_link_to_a_bad_scenario_names_the_field() {
        let json = br#"{"version":1,"protocol":"raft","nodes":12}"#;
        let link = format!(
            "1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(json, 6))
        );
        let err = decode_scenario(&link).unwrap_err().to_string();
        assert!(err.contains("nodes: must be between 1 and 9"), "{err}");
    }
}
