//! The app shell: header, simulation canvas and control bar.

use yew::prelude::*;

use super::{controls::ControlBar, header::Header, stage::Stage};

/// URL fragment that makes the app panic on mount. It lets tests check that a
/// panic shows the error banner; it touches nothing but the current page.
pub const PANIC_TEST_FRAGMENT: &str = "#panic-test";

/// The whole page below `#app`.
#[function_component(App)]
pub fn app() -> Html {
    use_effect_with((), |_| {
        let hash = gloo::utils::window().location().hash().unwrap_or_default();
        if hash == PANIC_TEST_FRAGMENT {
            panic!("deliberate panic requested by the {PANIC_TEST_FRAGMENT} URL fragment");
        }
    });

    html! {
        <div class="shell">
            <Header />
            <Stage />
            <ControlBar />
        </div>
    }
}
