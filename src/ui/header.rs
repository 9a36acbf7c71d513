//! The page header with the product name.

use yew::prelude::*;

/// Product name shown in the header and the page title.
pub const PRODUCT_NAME: &str = "RaftLab";

/// Top bar: product name and a one-line description.
#[function_component(Header)]
pub fn header() -> Html {
    html! {
        <header class="topbar">
            <h1 class="brand">{ PRODUCT_NAME }</h1>
            <p class="tagline">{ "Raft and Gossip on a deterministic simulated network" }</p>
        </header>
    }
}
