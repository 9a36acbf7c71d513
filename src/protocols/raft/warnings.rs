//! Warnings about settings that work but make Raft behave badly: the timing
//! requirement broadcastTime ≪ electionTimeout (§5.6) and friends.

use crate::lang::Lang;
use crate::protocols::raft::RaftConfig;
use crate::sim::NetConfig;

/// A setting that will make the cluster misbehave, and why.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TimingWarning {
    /// The minimum election timeout is within a few round trips.
    TimeoutNearRoundTrip { timeout_ms: f64, round_trip_ms: f64 },
    /// Heartbeats are too rare to hold followers' timers off.
    SlowHeartbeat { heartbeat_ms: f64, timeout_ms: f64 },
    /// Every server uses the same timeout: split votes can repeat forever.
    NoRandomization,
    /// Heavy loss: elections and commits will stall often.
    HeavyLoss { loss: f64 },
}

/// How many round trips the minimum election timeout should at least span.
const ROUND_TRIPS: f64 = 2.0;

/// Every warning that applies to these settings.
pub fn timing_warnings(net: &NetConfig, raft: &RaftConfig) -> Vec<TimingWarning> {
    let mut w = Vec::new();
    let one_way = net.latency.max.as_millis_f64() + net.jitter.as_millis_f64();
    let round_trip = 2.0 * one_way;
    let timeout = raft.election_timeout_min.as_millis_f64();
    if timeout < ROUND_TRIPS * round_trip {
        w.push(TimingWarning::TimeoutNearRoundTrip {
            timeout_ms: timeout,
            round_trip_ms: round_trip,
        });
    }
    let heartbeat = raft.heartbeat.as_millis_f64();
    if heartbeat + one_way > timeout * 0.8 {
        w.push(TimingWarning::SlowHeartbeat {
            heartbeat_ms: heartbeat,
            timeout_ms: timeout,
        });
    }
    if raft.unsafe_.fixed_election_timeout || raft.election_timeout_min == raft.election_timeout_max
    {
        w.push(TimingWarning::NoRandomization);
    }
    if net.loss > 0.3 {
        w.push(TimingWarning::HeavyLoss { loss: net.loss });
    }
    w
}

impl TimingWarning {
    pub fn message(&self, lang: Lang) -> String {
        match (*self, lang) {
            (
                TimingWarning::TimeoutNearRoundTrip {
                    timeout_ms,
                    round_trip_ms,
                },
                Lang::En,
            ) => format!(
                "The election timeout ({timeout_ms} ms) is not comfortably above the round-trip time (up to {round_trip_ms} ms): expect needless elections. Raft needs broadcastTime ≪ electionTimeout."
            ),
            (
                TimingWarning::TimeoutNearRoundTrip {
                    timeout_ms,
                    round_trip_ms,
                },
                Lang::Zh,
            ) => format!(
                "选举超时（{timeout_ms} 毫秒）没有明显大于往返时间（最多 {round_trip_ms} 毫秒）：会频繁发生不必要的选举。Raft 要求广播时间 ≪ 选举超时。"
            ),
            (
                TimingWarning::SlowHeartbeat {
                    heartbeat_ms,
                    timeout_ms,
                },
                Lang::En,
            ) => format!(
                "Heartbeats every {heartbeat_ms} ms may not reach followers before their {timeout_ms} ms timeout runs out."
            ),
            (
                TimingWarning::SlowHeartbeat {
                    heartbeat_ms,
                    timeout_ms,
                },
                Lang::Zh,
            ) => {
                format!(
                    "每 {heartbeat_ms} 毫秒一次的心跳可能赶不上跟随者 {timeout_ms} 毫秒的选举超时。"
                )
            }
            (TimingWarning::NoRandomization, Lang::En) => {
                "Election timeouts are not randomized: split votes can repeat forever.".to_string()
            }
            (TimingWarning::NoRandomization, Lang::Zh) => {
                "选举超时没有随机化：选票可能一直被瓜分。".to_string()
            }
            (TimingWarning::HeavyLoss { loss }, Lang::En) => {
                format!(
                    "{:.0}% of messages are lost: elections and commits will stall often.",
                    loss * 100.0
                )
            }
            (TimingWarning::HeavyLoss { loss }, Lang::Zh) => {
                format!("{:.0}% 的消息会丢失：选举和提交会经常停滞。", loss * 100.0)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{LatencyRange, SimDuration};

    #[test]
    fn the_defaults_are_sound() {
        assert_eq!(
            timing_warnings(&NetConfig::default(), &RaftConfig::default()),
            vec![]
        );
    }

    #[test]
    fn a_timeout_near_the_round_trip_is_flagged() {
        let net = NetConfig {
            latency: LatencyRange::millis(40, 60),
            ..NetConfig::default()
        };
        let w = timing_warnings(&net, &RaftConfig::default());
        assert!(
            matches!(w[0], TimingWarning::TimeoutNearRoundTrip { round_trip_ms, .. } if round_trip_ms == 130.0)
        );
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].message(Lang::En)
                .contains("broadcastTime ≪ electionTimeout")
        );
        assert!(w[0].message(Lang::Zh).contains("选举超时"));
    }

    #[test]
    fn equal_timeouts_and_slow_heartbeats_are_flagged() {
        let raft = RaftConfig {
            election_timeout_min: SimDuration::from_millis(300),
            election_timeout_max: SimDuration::from_millis(300),
            heartbeat: SimDuration::from_millis(250),
            ..RaftConfig::default()
        };
        let w = timing_warnings(&NetConfig::default(), &raft);
        assert!(w.contains(&TimingWarning::NoRandomization));
        assert!(
            w.iter()
                .any(|x| matches!(x, TimingWarning::SlowHeartbeat { .. }))
        );
    }
}
