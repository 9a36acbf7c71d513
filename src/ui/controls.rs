//! The control bar under the canvas. Empty for now: simulation controls
//! (play, step, speed, fault injection) go here.

use yew::prelude::*;

/// Bottom bar that will hold the simulation controls.
#[function_component(ControlBar)]
pub fn control_bar() -> Html {
    html! {
        <nav class="controls" aria-label="Simulation controls"></nav>
    }
}
