//! The client sections of a scenario, for every protocol with clients:
//! how clients reach servers (`clients`) and the random workload
//! (`workload`), their validation and their JSON.

use super::common::*;
use super::error::Errors;
use crate::sim::SimTime;
use crate::workload::{ClientConfig, Workload};
use serde::{Deserialize, Serialize};

/// Least client latency (1 µs): with none, a closed-loop client's request,
/// reply and next request all happen at one instant, and time never moves on.
pub const MIN_CLIENT_LATENCY_MS: f64 = 0.001;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientsJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backoff_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_attempts: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkloadJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clients: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_ratio: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_ms: Option<f64>,
}

/// The client settings of a `clients` section (all fields optional).
pub fn clients(errs: &mut Errors, j: &ClientsJson) -> ClientConfig {
    let mut c = ClientConfig::default();
    if let Some(v) = j.latency_ms
        && check_delay(errs, "clients.latency_ms", v, MIN_CLIENT_LATENCY_MS)
    {
        c.latency = ms(v);
    }
    if let Some(v) = j.timeout_ms
        && check_delay(errs, "clients.timeout_ms", v, 1.0)
    {
        c.timeout = ms(v);
    }
    if let Some(v) = j.backoff_ms
        && check_delay(errs, "clients.backoff_ms", v, 0.0)
    {
        c.backoff = ms(v);
    }
    if let Some(v) = j.max_attempts
        && errs.range_f64("clients.max_attempts", v as f64, 1.0, 1000.0)
    {
        c.max_attempts = v as u32;
    }
    c
}

/// A workload section at `path` (all fields optional).
pub fn workload(errs: &mut Errors, path: &str, j: &WorkloadJson) -> Workload {
    let mut w = Workload::default();
    if let Some(v) = j.clients
        && errs.range_f64(&format!("{path}.clients"), v as f64, 1.0, 100.0)
    {
        w.clients = v as u32;
    }
    if let Some(v) = j.rate
        && errs.range_f64(&format!("{path}.rate"), v, 0.001, 1000.0)
    {
        w.rate = v;
    }
    if let Some(v) = j.keys
        && errs.range_f64(&format!("{path}.keys"), v as f64, 1.0, 1000.0)
    {
        w.keys = v as u32;
    }
    if let Some(v) = j.read_ratio
        && errs.range_f64(&format!("{path}.read_ratio"), v, 0.0, 1.0)
    {
        w.read_ratio = v;
    }
    if let Some(v) = j.start_ms
        && errs.range_f64(&format!("{path}.start_ms"), v, 0.0, MAX_STOP_MS)
    {
        w.start = SimTime::from_millis_f64(v);
    }
    if let Some(v) = j.stop_ms
        && errs.range_f64(&format!("{path}.stop_ms"), v, 0.0, MAX_STOP_MS)
    {
        w.stop = Some(SimTime::from_millis_f64(v));
        if w.stop < Some(w.start) {
            errs.push(
                format!("{path}.stop_ms"),
                crate::lang::Text::new("must not be before start_ms", "不能早于 start_ms"),
            );
        }
    }
    w
}

/// The `clients` section that gives `c` exactly.
pub fn clients_json(c: &ClientConfig) -> ClientsJson {
    ClientsJson {
        latency_ms: Some(to_ms(c.latency)),
        timeout_ms: Some(to_ms(c.timeout)),
        backoff_ms: Some(to_ms(c.backoff)),
        max_attempts: Some(i64::from(c.max_attempts)),
    }
}

/// The `workload` section that gives `w` exactly.
pub fn workload_json(w: &Workload) -> WorkloadJson {
    WorkloadJson {
        clients: Some(i64::from(w.clients)),
        rate: Some(w.rate),
        keys: Some(i64::from(w.keys)),
        read_ratio: Some(w.read_ratio),
        start_ms: Some(w.start.as_millis_f64()),
        stop_ms: w.stop.map(SimTime::as_millis_f64),
    }
}
