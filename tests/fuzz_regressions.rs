//! Replays every input kept in fuzz/regressions/TARGET/ through the check
//! of that fuzz target (`raftlab::exercise::CHECKS`): inputs a fuzzer once
//! found failing stay fixed. The scenario files of tests/scenarios go
//! through the scenario-text check as well.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

use raftlab::exercise::CHECKS;

/// The files in `dir`, sorted, or none if it does not exist.
fn inputs(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file());
    files.sort();
    files
}

#[test]
fn every_kept_fuzz_input_passes_its_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut failures = Vec::new();
    for (name, check) in CHECKS {
        for file in inputs(&root.join(name)) {
            let input = fs::read(&file).expect("a readable regression input");
            if let Err(why) = check(&input) {
                failures.push(format!("{}: {why}", file.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_scenario_file_passes_the_scenario_text_check() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let files: Vec<_> = inputs(&dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert!(!files.is_empty(), "no scenario files in {}", dir.display());
    for file in files {
        let text = fs::read(&file).expect("a readable scenario file");
        if let Err(why) = raftlab::exercise::check_scenario_text(&text) {
            panic!("{}: {why}", file.display());
        }
    }
}
