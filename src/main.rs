//! Entry point of the Raft view's module: mounts it on wasm32; natively it only points to the CLI.

#[cfg(target_arch = "wasm32")]
fn main() {
    raftlab::ui::start::<raftlab::protocols::raft::Raft>();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("RaftLab is a web app: run `make serve` and open http://127.0.0.1:8080/");
}
