//! Entry point of the Quorum NWR view's module: mounts the Quorum NWR view
//! on wasm32 (`static/boot.js` loads this module for `#view=nwr`); natively
//! it only points to the CLI.

#[cfg(target_arch = "wasm32")]
fn main() {
    raftlab::ui::start::<raftlab::protocols::nwr::Nwr>();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("RaftLab is a web app: run `make serve` and open http://127.0.0.1:8080/#view=nwr");
}
