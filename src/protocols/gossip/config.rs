//! Configuration of a gossip run and its validation: every error names the
//! field and the allowed range, and nothing here panics.

use crate::sim::{NetConfig, SimDuration};
use serde::Serialize;
use std::fmt;

/// The largest number of node slots (initial members plus spare slots for joins).
pub const MAX_NODES: usize = 10_000;
/// The largest fan-out, stop-rule `k`, indirect-probe count or multiplier accepted.
pub const MAX_SMALL: u32 = 64;

/// How a round's contacts exchange rumors (Demers et al. 1987, §1.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    /// Informed nodes send their hot rumors to random peers.
    Push,
    /// Every node asks random peers for the hot rumors it lacks.
    Pull,
    /// Both at once: a contact pushes and pulls in one exchange (Karp et al. 2000).
    PushPull,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Push => "push",
            Mode::Pull => "pull",
            Mode::PushPull => "push-pull",
        }
    }
}

/// When a node stops spreading a rumor (Demers et al. 1987, §1.4). The two
/// lossy rules use feedback: a contact that already knew the rumor is useless.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StopRule {
    /// Spread forever ("infect forever": a simple epidemic).
    Forever,
    /// Lose interest after `k` useless contacts ("feedback, counter").
    Counter(u8),
    /// Lose interest with probability `1/k` after each useless contact ("feedback, coin").
    Coin(u8),
}

impl StopRule {
    /// Whether the rule needs to hear if a contact already knew the rumor.
    pub fn uses_feedback(self) -> bool {
        !matches!(self, StopRule::Forever)
    }
}

/// When a pushed rumor counts as already known, for the stop rules' feedback
/// (Demers et al. 1987, §1.4). Only push's feedback depends on it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Feedback {
    /// The receiver knows the rumor when the push arrives, even if another
    /// push taught it earlier in the same round; the counter counts every
    /// useless contact. Counter and coin rules then leave the same residue,
    /// the one of Demers et al.'s equation `s = e^{-(k+1)(1-s)}`.
    #[default]
    Arrival,
    /// As in the simulations behind Demers et al.'s Table 1: the receiver
    /// counts as knowing the rumor only if it knew it when the round began,
    /// and a useful push resets the sender's counter, so a node loses
    /// interest after `k` useless contacts in a row. The residue is lower
    /// and the traffic higher than the equation's.
    Cycle,
}

impl Feedback {
    pub fn name(self) -> &'static str {
        match self {
            Feedback::Arrival => "arrival",
            Feedback::Cycle => "cycle",
        }
    }
}

/// How rumors spread.
#[derive(Clone, Debug, PartialEq)]
pub struct SpreadConfig {
    pub mode: Mode,
    /// Peers contacted by each node in each round.
    pub fanout: usize,
    /// Length of a round; every node's rounds start at the same instants.
    pub period: SimDuration,
    pub stop: StopRule,
    /// When a push's receiver counts as already knowing a rumor.
    pub feedback: Feedback,
    /// Period of anti-entropy (a full-state exchange with one random peer), if on.
    pub anti_entropy: Option<SimDuration>,
}

impl Default for SpreadConfig {
    fn default() -> Self {
        SpreadConfig {
            mode: Mode::Push,
            fanout: 1,
            period: SimDuration::from_millis(200),
            stop: StopRule::Forever,
            feedback: Feedback::Arrival,
            anti_entropy: None,
        }
    }
}

/// SWIM membership and failure detection (Das, Gupta, Motivala 2002).
#[derive(Clone, Debug, PartialEq)]
pub struct SwimConfig {
    pub enabled: bool,
    /// The protocol period T' (§3.1): one probe per member per period.
    pub period: SimDuration,
    /// How long to wait for a direct ack before asking others (§3.1).
    pub ping_timeout: SimDuration,
    /// Members asked to probe indirectly (the `k` of ping-req, §3.1).
    pub indirect: u32,
    /// Suspicion lasts `suspicion_mult × ⌈log10(n+1)⌉` periods before the
    /// member is declared dead (§4.2; the scaling is memberlist's).
    pub suspicion_mult: u32,
    /// Each update is piggybacked `retransmit_mult × ⌈log10(n+1)⌉` times, the
    /// λ·log n of §4.1.
    pub retransmit_mult: u32,
    /// Updates carried by one message at most.
    pub piggyback: usize,
    /// Every this many periods a node pings one member it believes dead, so
    /// two sides of a healed partition find each other again; 0 turns it off.
    pub reconnect_every: u32,
}

impl Default for SwimConfig {
    fn default() -> Self {
        SwimConfig {
            enabled: false,
            period: SimDuration::from_millis(1000),
            ping_timeout: SimDuration::from_millis(200),
            indirect: 3,
            suspicion_mult: 4,
            retransmit_mult: 4,
            piggyback: 6,
            reconnect_every: 10,
        }
    }
}

/// Everything that fixes a run apart from the actions applied to it.
#[derive(Clone, Debug, PartialEq)]
pub struct GossipConfig {
    /// Members at time zero, numbered S1..Sn.
    pub nodes: usize,
    /// Extra slots for nodes that join later.
    pub spare: usize,
    pub seed: u64,
    pub net: NetConfig,
    pub spread: SpreadConfig,
    pub swim: SwimConfig,
}

impl Default for GossipConfig {
    fn default() -> Self {
        GossipConfig {
            nodes: 50,
            spare: 10,
            seed: 1,
            net: NetConfig::default(),
            spread: SpreadConfig::default(),
            swim: SwimConfig::default(),
        }
    }
}

/// A configuration value outside its allowed range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConfigError {
    /// The offending field, as a dotted path (`spread.fanout`).
    pub field: String,
    /// What is allowed, and what was given.
    pub message: String,
}

impl ConfigError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        ConfigError {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ConfigError {}

fn in_range(field: &str, value: u64, lo: u64, hi: u64, what: &str) -> Result<(), ConfigError> {
    if (lo..=hi).contains(&value) {
        Ok(())
    } else {
        Err(ConfigError::new(
            field,
            format!("must be between {lo} and {hi}{what}, got {value}"),
        ))
    }
}

fn positive(field: &str, d: SimDuration) -> Result<(), ConfigError> {
    if d > SimDuration::ZERO {
        Ok(())
    } else {
        Err(ConfigError::new(
            field,
            "must be a positive duration, got 0 ms",
        ))
    }
}

/// A duration in milliseconds from a file or a slider: positive and finite.
pub fn millis(field: &str, ms: f64) -> Result<SimDuration, ConfigError> {
    if ms.is_finite() && ms > 0.0 {
        Ok(SimDuration::from_millis_f64(ms))
    } else {
        Err(ConfigError::new(
            field,
            format!("must be a positive number of milliseconds, got {ms}"),
        ))
    }
}

/// Checks the network knobs: probabilities in 0..=1, latency bounds in order.
pub fn validate_net(net: &NetConfig) -> Result<(), ConfigError> {
    net.validate()
        .map_err(|e| ConfigError::new(e.field, e.message))
}

impl SpreadConfig {
    /// The largest fan-out in a cluster of `nodes` initial members: the other
    /// nodes (at least 1), and at most `MAX_SMALL`.
    pub fn max_fanout(nodes: usize) -> usize {
        nodes.saturating_sub(1).clamp(1, MAX_SMALL as usize)
    }

    /// Checks the rules against a cluster of `nodes` initial members.
    pub fn validate(&self, nodes: usize) -> Result<(), ConfigError> {
        let what = format!(" (the other nodes of a {nodes}-node cluster)");
        in_range(
            "spread.fanout",
            self.fanout as u64,
            1,
            Self::max_fanout(nodes) as u64,
            &what,
        )?;
        positive("spread.period", self.period)?;
        match self.stop {
            StopRule::Forever => {}
            StopRule::Counter(k) | StopRule::Coin(k) => {
                in_range("spread.stop.k", u64::from(k), 1, u64::from(MAX_SMALL), "")?
            }
        }
        if let Some(p) = self.anti_entropy {
            positive("spread.anti_entropy", p)?;
        }
        Ok(())
    }
}

impl SwimConfig {
    pub fn validate(&self) -> Result<(), ConfigError> {
        positive("swim.period", self.period)?;
        positive("swim.ping_timeout", self.ping_timeout)?;
        if self.ping_timeout >= self.period {
            return Err(ConfigError::new(
                "swim.ping_timeout",
                format!(
                    "must be shorter than the protocol period ({}), got {}",
                    self.period, self.ping_timeout
                ),
            ));
        }
        let max = u64::from(MAX_SMALL);
        in_range("swim.indirect", u64::from(self.indirect), 0, max, "")?;
        in_range(
            "swim.suspicion_mult",
            u64::from(self.suspicion_mult),
            1,
            max,
            "",
        )?;
        in_range(
            "swim.retransmit_mult",
            u64::from(self.retransmit_mult),
            1,
            max,
            "",
        )?;
        let most = super::piggyback::MAX_PIGGYBACK as u64;
        in_range("swim.piggyback", self.piggyback as u64, 1, most, "")?;
        in_range(
            "swim.reconnect_every",
            u64::from(self.reconnect_every),
            0,
            1000,
            "",
        )
    }
}

impl GossipConfig {
    pub fn validate(&self) -> Result<(), ConfigError> {
        let max = MAX_NODES as u64;
        in_range("nodes", self.nodes as u64, 1, max, "")?;
        let room = (MAX_NODES - self.nodes) as u64;
        in_range(
            "spare",
            self.spare as u64,
            0,
            room,
            &format!(" (nodes + spare ≤ {MAX_NODES})"),
        )?;
        validate_net(&self.net)?;
        self.spread.validate(self.nodes)?;
        self.swim.validate()
    }

    /// Node slots of the run: initial members plus spare slots.
    pub fn slots(&self) -> usize {
        self.nodes + self.spare
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(cfg: &GossipConfig) -> String {
        cfg.validate().expect_err("should be rejected").field
    }

    #[test]
    fn default_is_valid() {
        assert_eq!(GossipConfig::default().validate(), Ok(()));
    }

    #[test]
    fn errors_name_the_field_and_the_range() {
        let mut cfg = GossipConfig {
            nodes: 10,
            ..Default::default()
        };
        cfg.spread.fanout = 12;
        let err = cfg.validate().unwrap_err();
        assert_eq!(err.field, "spread.fanout");
        assert!(err.message.contains("between 1 and 9"), "{err}");
        assert!(err.message.contains("got 12"), "{err}");
    }

    #[test]
    fn rejects_each_bad_knob() {
        let base = GossipConfig::default();
        let cases: Vec<(GossipConfig, &str)> = vec![
            (
                GossipConfig {
                    nodes: 0,
                    ..base.clone()
                },
                "nodes",
            ),
            (
                GossipConfig {
                    nodes: MAX_NODES + 1,
                    ..base.clone()
                },
                "nodes",
            ),
            (
                GossipConfig {
                    nodes: MAX_NODES,
                    spare: 1,
                    ..base.clone()
                },
                "spare",
            ),
            (
                GossipConfig {
                    net: NetConfig {
                        loss: 1.5,
                        ..NetConfig::default()
                    },
                    ..base.clone()
                },
                "net.loss",
            ),
            (
                GossipConfig {
                    net: NetConfig {
                        loss: f64::NAN,
                        ..NetConfig::default()
                    },
                    ..base.clone()
                },
                "net.loss",
            ),
            (
                GossipConfig {
                    spread: SpreadConfig {
                        period: SimDuration::ZERO,
                        ..Default::default()
                    },
                    ..base.clone()
                },
                "spread.period",
            ),
            (
                GossipConfig {
                    spread: SpreadConfig {
                        stop: StopRule::Counter(0),
                        ..Default::default()
                    },
                    ..base.clone()
                },
                "spread.stop.k",
            ),
            (
                GossipConfig {
                    swim: SwimConfig {
                        ping_timeout: SimDuration::from_millis(2000),
                        ..Default::default()
                    },
                    ..base.clone()
                },
                "swim.ping_timeout",
            ),
            (
                GossipConfig {
                    swim: SwimConfig {
                        piggyback: 0,
                        ..Default::default()
                    },
                    ..base.clone()
                },
                "swim.piggyback",
            ),
        ];
        for (cfg, field) in cases {
            assert_eq!(field_of(&cfg), field);
        }
    }

    #[test]
    fn a_single_node_may_have_fanout_one() {
        let cfg = GossipConfig {
            nodes: 1,
            ..Default::default()
        };
        assert_eq!(cfg.validate(), Ok(()));
    }

    #[test]
    fn millisecond_inputs_must_be_positive() {
        assert_eq!(millis("swim.period", 2.5), Ok(SimDuration(2500)));
        assert_eq!(
            millis("swim.period", -1.0).unwrap_err().field,
            "swim.period"
        );
        assert!(millis("x", 0.0).is_err());
        assert!(millis("x", f64::INFINITY).is_err());
    }
}
