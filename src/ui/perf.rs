//! Measurements for the performance report, active only when the URL asks
//! (`#perf`, `#bench=engine`): how long each frame's work takes, when the
//! first frame was painted, and the engine's speed in this wasm build. The
//! figures are published on `window.raftlabPerf` for the benchmark script.

use std::cell::RefCell;

use js_sys::{Float64Array, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::cluster::{Cluster, ClusterConfig, Workload};
use crate::sim::{NetConfig, SimTime};

/// Frames kept for the statistics.
const FRAMES: usize = 4096;
/// Publish after this many new frames.
const PUBLISH_EVERY: usize = 30;

#[derive(Default)]
struct Log {
    enabled: bool,
    frames: Vec<f64>,
    first_paint: Option<f64>,
    unpublished: usize,
}

thread_local! {
    static LOG: RefCell<Log> = RefCell::new(Log::default());
}

/// Milliseconds since the page started loading.
pub fn now() -> f64 {
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

fn publish(log: &Log) {
    let obj = Object::new();
    let frames = Float64Array::from(log.frames.as_slice());
    let _ = Reflect::set(&obj, &"frames".into(), &frames);
    let first = log.first_paint.map_or(JsValue::NULL, JsValue::from);
    let _ = Reflect::set(&obj, &"firstPaint".into(), &first);
    let window = gloo::utils::window();
    let engine = Reflect::get(&window, &"raftlabPerf".into())
        .ok()
        .and_then(|p| Reflect::get(&p, &"engine".into()).ok())
        .filter(|e| !e.is_undefined() && !e.is_null());
    if let Some(engine) = engine {
        let _ = Reflect::set(&obj, &"engine".into(), &engine);
    }
    let _ = Reflect::set(&window, &"raftlabPerf".into(), &obj);
}

/// Turns recording on for this page.
pub fn enable() {
    LOG.with(|l| {
        let mut l = l.borrow_mut();
        l.enabled = true;
        publish(&l);
    });
}

/// Records one frame that started at `start` (from [`now`]) and painted `painted`.
pub fn frame(start: f64, painted: bool) {
    LOG.with(|l| {
        let mut l = l.borrow_mut();
        if !l.enabled {
            return;
        }
        let end = now();
        if painted && l.first_paint.is_none() {
            l.first_paint = Some(end);
        }
        if l.frames.len() == FRAMES {
            l.frames.remove(0);
        }
        l.frames.push(end - start);
        l.unpublished += 1;
        if l.unpublished >= PUBLISH_EVERY {
            l.unpublished = 0;
            publish(&l);
        }
    });
}

/// Runs the engine benchmark of benches/engine.rs (5 servers, client load,
/// 1% loss, tracing off, checker on) in this wasm build and publishes the speed.
pub fn bench_engine() {
    let cfg = ClusterConfig {
        nodes: 5,
        seed: 42,
        net: NetConfig {
            loss: 0.01,
            ..NetConfig::default()
        },
        workload: Some(Workload {
            clients: 8,
            rate: 40.0,
            keys: 16,
            read_ratio: 0.3,
            ..Workload::default()
        }),
        ..ClusterConfig::default()
    };
    let mut cluster = Cluster::new(cfg);
    cluster.set_tracing(false);
    cluster.set_record_history(false);
    let start = now();
    cluster.run_until(SimTime::from_millis(20_000));
    let ms = now() - start;
    let events = cluster.stats().events as f64;
    let result = Object::new();
    let _ = Reflect::set(&result, &"events".into(), &events.into());
    let _ = Reflect::set(&result, &"ms".into(), &ms.into());
    let _ = Reflect::set(
        &result,
        &"eventsPerSecond".into(),
        &(events / (ms / 1000.0)).into(),
    );
    let window = gloo::utils::window();
    let perf = Reflect::get(&window, &"raftlabPerf".into())
        .ok()
        .filter(|p| p.is_object())
        .unwrap_or_else(|| Object::new().into());
    let _ = Reflect::set(&perf, &"engine".into(), &result);
    let _ = Reflect::set(&window, &"raftlabPerf".into(), &perf);
}
