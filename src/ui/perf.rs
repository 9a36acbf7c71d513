//! Measurements for the performance report, active only when the URL asks
//! (`#perf`, `#bench=engine`, `#bench=soak`): how long each frame's work
//! takes, when the first frame was painted, the engine's speed in this wasm
//! build, and wasm memory over a long soak run. The figures are published on
//! `window.raftlabPerf` for the benchmark scripts.

use std::cell::RefCell;

use js_sys::{Float64Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

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

/// `window.raftlabPerf`, created if missing.
fn perf_object() -> JsValue {
    let window = gloo::utils::window();
    if let Some(p) = Reflect::get(&window, &"raftlabPerf".into())
        .ok()
        .filter(JsValue::is_object)
    {
        return p;
    }
    let p: JsValue = Object::new().into();
    let _ = Reflect::set(&window, &"raftlabPerf".into(), &p);
    p
}

/// Sets `key` of `window.raftlabPerf` to `value`.
fn publish_value(key: &str, value: &JsValue) {
    let _ = Reflect::set(&perf_object(), &key.into(), value);
}

fn publish(log: &Log) {
    publish_value("frames", &Float64Array::from(log.frames.as_slice()));
    publish_value(
        "firstPaint",
        &log.first_paint.map_or(JsValue::NULL, JsValue::from),
    );
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
    let mut cluster = crate::benchmark::loaded_cluster();
    let start = now();
    cluster.run_until(crate::benchmark::LOADED_RUN_END);
    let ms = now() - start;
    let events = cluster.world().stats().events as f64;
    let result = Object::new();
    let _ = Reflect::set(&result, &"events".into(), &events.into());
    let _ = Reflect::set(&result, &"ms".into(), &ms.into());
    let _ = Reflect::set(
        &result,
        &"eventsPerSecond".into(),
        &(events / (ms / 1000.0)).into(),
    );
    publish_value("engine", &result);
}

/// Simulated minutes of the soak benchmark.
const SOAK_MINUTES: u64 = 30;

/// Wasm linear memory now, in bytes.
fn wasm_memory() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length()
        .into()
}

/// Runs the soak of `crate::soak` in this wasm build, one simulated minute
/// per timer tick so the page stays responsive, and publishes wasm memory
/// after each minute as `soak: [{minute, bytes, checkpoints, ms}]`, with
/// `soakDone` set at the end.
pub fn bench_soak() {
    fn next(mut run: crate::soak::Soak, samples: js_sys::Array, started: f64) {
        let sample = Object::new();
        let _ = Reflect::set(&sample, &"minute".into(), &(run.minute() as f64).into());
        let _ = Reflect::set(&sample, &"bytes".into(), &wasm_memory().into());
        let checkpoints = run.lab().checkpoint_count() as f64;
        let _ = Reflect::set(&sample, &"checkpoints".into(), &checkpoints.into());
        let _ = Reflect::set(&sample, &"ms".into(), &(now() - started).into());
        samples.push(&sample);
        publish_value("soak", &samples);
        if run.minute() >= SOAK_MINUTES {
            publish_value("soakDone", &true.into());
            return;
        }
        gloo::timers::callback::Timeout::new(0, move || {
            run.play_minute();
            next(run, samples, started);
        })
        .forget();
    }
    next(crate::soak::Soak::new(), js_sys::Array::new(), now());
}
