//! Turns a Rust panic into a visible error banner instead of a dead page.
//!
//! After a panic the wasm instance aborts and Yew renders nothing more, so
//! the banner is built here with plain DOM calls, text nodes only (never
//! `innerHTML`: the message may contain markup). The console still gets
//! `console_error_panic_hook`'s message and stack.

use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{Document, Element};

/// Id of the banner element, so a second panic does not add another.
pub const BANNER_ID: &str = "panic-banner";

/// Installs the hook: console message first, then the banner. Goes through
/// Yew, which otherwise replaces any hook with its own when the app mounts.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_banner(&info.to_string());
    }));
}

/// Shows the error banner with `message` and a reload button at the top of
/// `<body>`. Does nothing if a banner is already shown or there is no
/// document. Never panics.
pub fn show_banner(message: &str) {
    let _ = try_show_banner(message);
}

fn try_show_banner(message: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    if document.get_element_by_id(BANNER_ID).is_some() {
        return Some(());
    }
    let body = document.body()?;

    let banner = document.create_element("div").ok()?;
    banner.set_id(BANNER_ID);
    banner.set_class_name("panic-banner");
    banner.set_attribute("role", "alert").ok()?;

    let title = text_element(
        &document,
        "strong",
        "RaftLab stopped because of an internal error.",
    )?;
    let detail = text_element(&document, "pre", message)?;
    let reload = text_element(&document, "button", "Reload")?;
    reload.set_attribute("type", "button").ok()?;
    let on_click = Closure::<dyn Fn()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    reload
        .add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())
        .ok()?;
    // The page is finished; the listener must live until it reloads.
    on_click.forget();

    for child in [&title, &detail, &reload] {
        banner.append_child(child).ok()?;
    }
    body.prepend_with_node_1(&banner).ok()
}

/// `<tag>text</tag>`, with the text as a text node.
fn text_element(document: &Document, tag: &str, text: &str) -> Option<Element> {
    let element = document.create_element(tag).ok()?;
    element
        .append_child(&document.create_text_node(text))
        .ok()?;
    Some(element)
}
