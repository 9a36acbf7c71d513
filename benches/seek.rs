//! Time travel: seeking to arbitrary moments of a 10-minute history (5 servers
//! under client load), each seek restoring a checkpoint and re-executing.
//! Native only: on wasm32 the benchmark compiles to an empty program.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{Criterion, criterion_group};
    use raftlab::lab::Lab;
    use raftlab::protocols::raft::Raft;
    use raftlab::protocols::raft::cluster::{ClusterConfig, Workload};
    use raftlab::sim::{NetConfig, SimRng, SimTime};

    fn ten_minutes() -> Lab<Raft> {
        let cfg = ClusterConfig {
            seed: 3,
            net: NetConfig {
                loss: 0.01,
                ..NetConfig::default()
            },
            workload: Some(Workload {
                clients: 4,
                rate: 5.0,
                keys: 8,
                read_ratio: 0.3,
                ..Workload::default()
            }),
            ..ClusterConfig::default()
        };
        let mut lab = Lab::<Raft>::from_setup(cfg);
        lab.advance(SimTime::from_millis(600_000));
        lab
    }

    fn seek(c: &mut Criterion) {
        let mut lab = ten_minutes();
        let mut rng = SimRng::fork(1, 1);
        let mut group = c.benchmark_group("seek");
        group.bench_function("random moment in a 10-minute history", |b| {
            b.iter(|| {
                let t = SimTime(rng.range_inclusive(0, 600_000_000));
                lab.seek(t);
                lab.now()
            })
        });
        group.finish();
    }

    criterion_group!(benches, seek);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
