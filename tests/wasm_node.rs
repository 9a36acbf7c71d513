//! Runs crate code compiled to wasm32 under Node: the same build the browser
//! loads, without a browser.
#![cfg(target_arch = "wasm32")]

use raftlab::viewport::Viewport;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn viewport_rounds_like_native() {
    assert_eq!(Viewport::new(100.5, 33.3, 1.5).backing_size(), (151, 50));
    assert_eq!(Viewport::new(f64::NAN, 8.0, 0.0).backing_size(), (1, 8));
}
