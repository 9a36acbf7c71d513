//! Gossip at scale: full push-pull dissemination of one rumor among 10,000
//! nodes, without and with SWIM running alongside (tracing off).
//! Native only: on wasm32 the benchmark compiles to an empty program.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{BatchSize, Criterion, criterion_group};
    use raftlab::protocols::gossip::{
        Action, GossipConfig, GossipWorld, Mode, RumorId, SpreadConfig, SwimConfig,
    };
    use raftlab::sim::{NodeId, Run, SimTime};

    const NODES: usize = 10_000;

    fn world(swim: bool) -> Run<GossipWorld> {
        let cfg = GossipConfig {
            nodes: NODES,
            spare: 0,
            seed: 7,
            spread: SpreadConfig {
                mode: Mode::PushPull,
                ..SpreadConfig::default()
            },
            swim: SwimConfig {
                enabled: swim,
                ..SwimConfig::default()
            },
            ..GossipConfig::default()
        };
        let mut w = Run::new(
            GossipWorld::new(cfg).expect("valid configuration"),
            Vec::new(),
        );
        w.set_tracing(false);
        w.act(Action::StartRumor {
            node: NodeId(1),
            key: "x".into(),
            value: "1".into(),
        });
        w
    }

    fn disseminate(mut w: Run<GossipWorld>) -> u32 {
        assert!(w.run_until_settled(SimTime::from_millis(60_000)));
        w.world()
            .rumor_stats(RumorId(1))
            .reach(100)
            .expect("everyone informed")
            .rounds
    }

    fn dissemination(c: &mut Criterion) {
        let mut group = c.benchmark_group("gossip");
        group.sample_size(10);
        group.measurement_time(std::time::Duration::from_secs(10));
        for (name, swim) in [
            ("push-pull, 10,000 nodes", false),
            ("push-pull + SWIM, 10,000 nodes", true),
        ] {
            group.bench_function(name, |b| {
                b.iter_batched(|| world(swim), disseminate, BatchSize::PerIteration)
            });
        }
        group.finish();
    }

    criterion_group!(benches, dissemination);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
