//! Entry point: mounts the web app on wasm32; natively it only points to the CLI.

fn main() {}
