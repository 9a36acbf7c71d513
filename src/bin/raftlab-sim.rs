//! `raftlab-sim`: runs scenario files of any protocol headless and prints a
//! JSON summary; optionally writes the trace, one JSON object per event.
//! `lesson` checks a lesson file and plays it, printing when each step fires
//! and whether each claim of its steps holds.
//!
//! Exit codes: 0 the run met its expectations (a lesson: every claim held),
//! 1 it did not, 2 bad input.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::{Parser, Subcommand};
    use raftlab::check::{DEFAULT_BUDGET, MAX_BUDGET, MIN_BUDGET};
    use raftlab::lang::Lang;
    use raftlab::lesson::{Cues, LessonRun, Phase, Status, parse_lesson};
    use raftlab::protocol::{Protocol, Scenario};
    use raftlab::protocols::gossip::Gossip;
    use raftlab::protocols::nwr::Nwr;
    use raftlab::protocols::raft::Raft;
    use raftlab::protocols::{AnyScenario, parse_any};
    use raftlab::report::{Summarize, run};
    use raftlab::scenario::{MAX_SCENARIO_BYTES, protocol_of};
    use raftlab::sim::SimTime;
    use std::io::{BufWriter, Read, Write};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;
    use std::rc::Rc;

    #[derive(Parser)]
    #[command(
        name = "raftlab-sim",
        version,
        about = "Run RaftLab scenarios and lessons headless"
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
            /// Search configurations the linearizability checker may explore
            /// per key before it answers "unknown".
            #[arg(long, value_name = "N", default_value_t = DEFAULT_BUDGET, value_parser = check_budget)]
            check_budget: u64,
        },
        /// Validate a scenario without running it.
        Check { file: PathBuf },
        /// Validate a lesson file (docs/lessons.md) and play it, printing the
        /// moment each step begins.
        Lesson {
            file: PathBuf,
            /// Play this variant instead of the main run.
            #[arg(long)]
            variant: Option<String>,
            /// The language of the printed steps: en or zh.
            #[arg(long, default_value = "en")]
            lang: String,
        },
    }

    /// Parses `--check-budget`, kept within a range that always answers in
    /// seconds and a bounded amount of memory per key.
    fn check_budget(text: &str) -> Result<u64, String> {
        let range =
            || format!("--check-budget must be a whole number from {MIN_BUDGET} to {MAX_BUDGET}");
        match text.parse::<u64>() {
            Ok(n) if (MIN_BUDGET..=MAX_BUDGET).contains(&n) => Ok(n),
            _ => Err(range()),
        }
    }

    fn read(path: &Path) -> Result<String, String> {
        let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut text = String::new();
        file.take(MAX_SCENARIO_BYTES as u64 + 1)
            .read_to_string(&mut text)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(text)
    }

    fn load(path: &Path) -> Result<AnyScenario, String> {
        parse_any(&read(path)?).map_err(|e| {
            e.0.iter()
                .map(|f| format!("{}: {f}", path.display()))
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    /// Runs `scenario`, writing the trace with `write`; the summary as JSON
    /// and whether every expectation held. The linearizability checker, for
    /// protocols with a client history, explores at most `check_budget`
    /// configurations per key.
    fn summarize<P: Summarize>(
        mut scenario: Scenario<P>,
        seed: Option<u64>,
        check_budget: u64,
        mut write: impl FnMut(&str),
    ) -> (String, bool)
    where
        P::Event: serde::Serialize,
    {
        if let Some(seed) = seed {
            scenario.set_seed(seed);
        }
        let (world, hash) = run(&scenario, |_, line| write(line));
        let summary = P::summarize_within(&scenario, &world, &hash, check_budget);
        let ok = P::expectations(&summary).iter().all(|c| c.ok);
        (
            serde_json::to_string_pretty(&summary).unwrap_or_default(),
            ok,
        )
    }

    /// Plays a lesson, printing each step as it begins and then each claim;
    /// the text and whether every claim held.
    fn play<P: Cues>(
        text: &str,
        variant: Option<&str>,
        lang: Lang,
    ) -> Result<(String, bool), String> {
        let lesson = parse_lesson::<P>(text).map_err(|e| e.describe(lang))?;
        let lesson = Rc::new(lesson);
        let (mut run, mut lab) = LessonRun::start(lesson.clone(), variant)
            .map_err(|_| format!("lesson {:?} has no variant {variant:?}", lesson.id))?;
        let mut out = format!("{} ({} steps)\n", lesson.title.get(lang), run.steps().len());
        loop {
            match run.advance(&mut lab, SimTime::MAX) {
                Phase::Paused(n) => {
                    let say = run.steps()[n].say.get(lang).to_string();
                    out.push_str(&format!(
                        "{:>10.3} ms  step {}: {say}\n",
                        lab.now().as_millis_f64(),
                        n + 1
                    ));
                    run.resume();
                }
                Phase::Finished(last) => {
                    let reached = last.map_or(0, |n| n + 1);
                    out.push_str(&format!(
                        "{:>10.3} ms  end ({reached} of {} steps reached)\n",
                        lab.now().as_millis_f64(),
                        run.steps().len()
                    ));
                    if reached < run.steps().len() {
                        return Err(
                            out + "some steps never began: their cue never happened before the stop time"
                        );
                    }
                    break;
                }
                Phase::Playing(_) | Phase::TakenOver(_) => break,
            }
        }
        let claims = run.claims();
        let held = claims.iter().filter(|c| c.status == Status::Held).count();
        out.push_str(&format!("claims: {held} of {} hold\n", claims.len()));
        for c in &claims {
            let mark = if c.status == Status::Held {
                "ok  "
            } else {
                "FAIL"
            };
            out.push_str(&format!(
                "  {mark} step {}: {} ({} matching)\n",
                c.step + 1,
                c.source,
                c.count
            ));
        }
        Ok((out, held == claims.len()))
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
            Command::Lesson {
                file,
                variant,
                lang,
            } => {
                let lang = Lang::from_tag(&lang).unwrap_or_default();
                let text = match read(&file) {
                    Ok(t) => t,
                    Err(e) => {
                        eprintln!("{e}");
                        return ExitCode::from(2);
                    }
                };
                let played = match protocol_of(&text).as_deref() {
                    Some(Raft::ID) => play::<Raft>(&text, variant.as_deref(), lang),
                    Some(Gossip::ID) => play::<Gossip>(&text, variant.as_deref(), lang),
                    Some(Nwr::ID) => play::<Nwr>(&text, variant.as_deref(), lang),
                    other => Err(format!("protocol: unknown protocol {other:?}")),
                };
                match played {
                    Ok((out, ok)) => {
                        let _ = write!(std::io::stdout().lock(), "{out}");
                        if ok {
                            ExitCode::SUCCESS
                        } else {
                            eprintln!("{}: a claim of the lesson does not hold", file.display());
                            ExitCode::from(1)
                        }
                    }
                    Err(e) => {
                        eprintln!("{}: {e}", file.display());
                        ExitCode::from(2)
                    }
                }
            }
            Command::Run {
                file,
                trace,
                seed,
                check_budget,
            } => {
                let scenario = match load(&file) {
                    Ok(s) => s,
                    Err(e) => {
                        eprintln!("{e}");
                        return ExitCode::from(2);
                    }
                };
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
                let (text, ok) = match scenario {
                    AnyScenario::Raft(s) => summarize(s, seed, check_budget, &mut write),
                    AnyScenario::Gossip(s) => summarize(s, seed, check_budget, &mut write),
                    AnyScenario::Nwr(s) => summarize(s, seed, check_budget, &mut write),
                };
                if let Some(Err(e)) = out.map(|mut w| w.flush()) {
                    write_error.get_or_insert(e);
                }
                if let Some(e) = write_error {
                    eprintln!("writing the trace failed: {e}");
                    return ExitCode::from(2);
                }
                // A closed pipe (e.g. `| head`) is not an error worth a panic.
                let _ = writeln!(std::io::stdout().lock(), "{text}");
                if ok {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
        }
    }
}
