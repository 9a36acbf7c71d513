//! `raftlab-sim`: runs scenario files (Raft or gossip) headless and prints a
//! JSON summary; optionally writes the trace, one JSON object per event.
//!
//! Exit codes: 0 the run met its expectations, 1 it did not, 2 bad input.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::{Parser, Subcommand};
    use raftlab::report::{run, run_gossip, summarize, summarize_gossip};
    use raftlab::scenario::{MAX_SCENARIO_BYTES, Scenario, parse_scenario};
    use std::io::{BufWriter, Read, Write};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    #[derive(Parser)]
    #[command(
        name = "raftlab-sim",
        version,
        about = "Run RaftLab scenarios headless"
    )]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Run a scenario and print a JSON summary.
        Run {
            /// The scenario file (JSON, see docs/scenarios.md).
            file: PathBuf,
            /// Write the trace here, one JSON object per line.
            #[arg(long)]
            trace: Option<PathBuf>,
            /// Override the scenario's seed.
            #[arg(long)]
            seed: Option<u64>,
        },
        /// Validate a scenario without running it.
        Check { file: PathBuf },
    }

    fn load(path: &Path) -> Result<Scenario, String> {
        let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut text = String::new();
        file.take(MAX_SCENARIO_BYTES as u64 + 1)
            .read_to_string(&mut text)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        parse_scenario(&text).map_err(|e| {
            e.0.iter()
                .map(|f| format!("{}: {f}", path.display()))
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        match cli.command {
            Command::Check { file } => match load(&file) {
                Ok(_) => {
                    let _ = writeln!(std::io::stdout().lock(), "{}: ok", file.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::from(2)
                }
            },
            Command::Run { file, trace, seed } => {
                let mut scenario = match load(&file) {
                    Ok(s) => s,
                    Err(e) => {
                        eprintln!("{e}");
                        return ExitCode::from(2);
                    }
                };
                if let Some(seed) = seed {
                    scenario.set_seed(seed);
                }
                let mut out = match trace.as_ref().map(std::fs::File::create).transpose() {
                    Ok(f) => f.map(BufWriter::new),
                    Err(e) => {
                        eprintln!("{}: {e}", trace.unwrap_or_default().display());
                        return ExitCode::from(2);
                    }
                };
                let mut write_error = None;
                let mut write = |line: &str| {
                    if let Some(w) = out.as_mut()
                        && let Err(e) = writeln!(w, "{line}")
                    {
                        write_error.get_or_insert(e);
                    }
                };
                let (text, ok) = match &scenario.gossip {
                    None => {
                        let (cluster, hash) = run(&scenario, |_, line| write(line));
                        let summary = summarize(&scenario, &cluster, &hash);
                        (serde_json::to_string_pretty(&summary), summary.ok)
                    }
                    Some(setup) => {
                        let (world, hash) =
                            match run_gossip(setup, scenario.stop, |_, line| write(line)) {
                                Ok(r) => r,
                                Err(e) => {
                                    eprintln!("{}: {e}", file.display());
                                    return ExitCode::from(2);
                                }
                            };
                        let summary = summarize_gossip(&scenario, &world, &hash);
                        (serde_json::to_string_pretty(&summary), summary.ok)
                    }
                };
                if let Some(Err(e)) = out.map(|mut w| w.flush()) {
                    write_error.get_or_insert(e);
                }
                if let Some(e) = write_error {
                    eprintln!("writing the trace failed: {e}");
                    return ExitCode::from(2);
                }
                // A closed pipe (e.g. `| head`) is not an error worth a panic.
                let _ = writeln!(std::io::stdout().lock(), "{}", text.unwrap_or_default());
                if ok {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
        }
    }
}
