//! Engine throughput: simulated events per wall-clock second for a 5-server
//! cluster under client load with 1% message loss (tracing off, checker on);
//! and the election timing trials behind the Figure 16 chart, which the
//! browser runs on demand. Native only: on wasm32 this compiles to an empty program.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{Criterion, Throughput, criterion_group};
    use raftlab::benchmark::{LOADED_RUN_END, loaded_cluster};
    use raftlab::protocols::raft::timing::{PAPER_RANGES, trials_per_range};

    fn events_per_second(c: &mut Criterion) {
        let events = {
            let mut probe = loaded_cluster();
            probe.run_until(LOADED_RUN_END);
            probe.world().stats().events
        };
        let mut group = c.benchmark_group("engine");
        group.throughput(Throughput::Elements(events));
        group.sample_size(20);
        group.bench_function("5 servers, client load, 1% loss", |b| {
            b.iter(|| {
                let mut cluster = loaded_cluster();
                cluster.run_until(LOADED_RUN_END);
                cluster.world().stats().events
            })
        });
        group.finish();
    }

    fn figure16_trials(c: &mut Criterion) {
        let mut group = c.benchmark_group("figure16");
        group.sample_size(10);
        group.bench_function("100 trials for each of the 6 paper ranges", |b| {
            b.iter(|| trials_per_range(&PAPER_RANGES, 100, 1))
        });
        group.finish();
    }

    criterion_group!(benches, events_per_second, figure16_trials);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
