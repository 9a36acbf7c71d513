//! Mounts the app in headless Chromium and inspects the DOM it builds.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use raftlab::protocols::raft::Raft;
use raftlab::share::Theme;
use raftlab::ui::{app::App, panic};
use raftlab::view::palette::canvas_colors;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The page's real stylesheet, plus a fixed-size box to mount into.
const STYLE: &str = concat!(
    include_str!("../static/style.css"),
    ".test-root { width: 640px; height: 400px; }"
);

/// Mounts a fresh app into its own sized element and returns that element.
fn mount() -> Element {
    let document = gloo::utils::document();
    if document.get_element_by_id("test-style").is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id("test-style");
        style.set_text_content(Some(STYLE));
        document.head().unwrap().append_child(&style).unwrap();
    }
    let root = document.create_element("div").unwrap();
    root.set_class_name("test-root");
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App<Raft>>::with_root(root.clone()).render();
    root
}

/// Waits up to 5 s for `ready` to hold (polling every 20 ms), so the test does
/// not depend on how many frames Yew and the ResizeObserver take, nor on how
/// fast a debug build renders on a busy machine.
async fn wait_for(mut ready: impl FnMut() -> bool) -> bool {
    for _ in 0..250 {
        if ready() {
            return true;
        }
        yew::platform::time::sleep(Duration::from_millis(20)).await;
    }
    ready()
}

fn canvas_in(root: &Element) -> Option<HtmlCanvasElement> {
    root.query_selector(".stage > canvas")
        .ok()??
        .dyn_into()
        .ok()
}

#[wasm_bindgen_test]
async fn shell_shows_header_canvas_and_control_bar() {
    let root = mount();
    assert!(
        wait_for(|| canvas_in(&root).is_some()).await,
        "canvas never mounted"
    );

    let brand = root.query_selector("header .brand").unwrap().unwrap();
    assert_eq!(brand.text_content().unwrap(), "RaftLab");

    let controls = root.query_selector("nav.controls").unwrap().unwrap();
    assert_eq!(
        controls.get_attribute("aria-label").as_deref(),
        Some("Simulation controls")
    );

    let canvas = canvas_in(&root).unwrap();
    assert!(canvas.client_width() > 0 && canvas.client_height() > 0);
}

#[wasm_bindgen_test]
async fn canvas_backing_store_matches_css_size_and_is_painted() {
    let root = mount();
    let dpr = gloo::utils::window().device_pixel_ratio();
    let fitted = |canvas: &HtmlCanvasElement| {
        let rect = canvas.get_bounding_client_rect();
        canvas.width() == (rect.width() * dpr).round() as u32
            && canvas.height() == (rect.height() * dpr).round() as u32
    };
    assert!(
        wait_for(|| canvas_in(&root).is_some_and(|c| fitted(&c))).await,
        "canvas backing store never matched its CSS size"
    );

    let canvas = canvas_in(&root).unwrap();
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let corner = ctx.get_image_data(0.0, 0.0, 1.0, 1.0).unwrap().data();
    // The theme's background, fully opaque.
    let shell = root.query_selector(".shell").unwrap().unwrap();
    let light = shell
        .class_name()
        .split_whitespace()
        .any(|c| c == "theme-light");
    let theme = if light { Theme::Light } else { Theme::Dark };
    let bg = canvas_colors(theme).background;
    assert_eq!(corner.to_vec(), vec![bg.0, bg.1, bg.2, 0xff]);
    // The cluster is drawn: five servers in the DOM mirror of the canvas.
    assert!(
        wait_for(|| root
            .query_selector_all(".stage-index .nodes li")
            .map_or(0, |l| l.length())
            == 5)
        .await
    );
    let rows = root.query_selector_all(".servers-table tbody tr").unwrap();
    assert_eq!(rows.length(), 5);
}

#[wasm_bindgen_test]
async fn a_resize_while_paused_moves_the_servers_in_the_canvas_index() {
    let root = mount();
    let first_x = || {
        root.query_selector(".stage-index .nodes li")
            .ok()
            .flatten()
            .and_then(|li| li.get_attribute("data-x"))
    };
    assert!(
        wait_for(|| first_x().is_some()).await,
        "the canvas index never listed a server"
    );
    let before = first_x();
    // Nothing plays (the lab starts paused): only the resize can re-render.
    root.set_attribute("style", "width: 420px").unwrap();
    assert!(
        wait_for(|| first_x().is_some() && first_x() != before).await,
        "the canvas index kept the positions of the old size"
    );
}

#[wasm_bindgen_test]
fn panic_banner_shows_the_message_as_text() {
    let message = "<img src=x> went wrong";
    panic::show_banner(message);

    let document = gloo::utils::document();
    let banner = document
        .get_element_by_id(panic::BANNER_ID)
        .expect("no banner");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    assert!(
        banner.query_selector("img").unwrap().is_none(),
        "message was parsed as HTML"
    );
    let detail = banner.query_selector("pre").unwrap().unwrap();
    assert_eq!(detail.text_content().unwrap(), message);
    let button = banner.query_selector("button").unwrap().unwrap();
    assert_eq!(button.text_content().unwrap(), "Reload");

    // A second panic must not stack a second banner.
    panic::show_banner("again");
    assert_eq!(
        document
            .query_selector_all(".panic-banner")
            .unwrap()
            .length(),
        1
    );
    banner.remove();
}

#[wasm_bindgen_test]
async fn the_timeline_is_fitted_and_every_lesson_can_be_picked() {
    let root = mount();
    let dpr = gloo::utils::window().device_pixel_ratio();
    let timeline = || -> Option<HtmlCanvasElement> {
        root.query_selector(".timeline canvas")
            .ok()??
            .dyn_into()
            .ok()
    };
    assert!(
        wait_for(|| timeline().is_some_and(|c| {
            let rect = c.get_bounding_client_rect();
            rect.width() > 0.0 && c.width() == (rect.width() * dpr).round() as u32
        }))
        .await,
        "the timeline canvas never matched its CSS size"
    );
    let slider = timeline().unwrap();
    assert_eq!(slider.get_attribute("role").as_deref(), Some("slider"));
    assert_eq!(slider.get_attribute("aria-valuenow").as_deref(), Some("0"));
    // The course index is fetched; the test server has none, and the page
    // says so instead of failing.
    let body = gloo::utils::body();
    assert!(
        wait_for(|| body.has_attribute(raftlab::ui::app::INDEX_READY)).await,
        "the course index was never read"
    );
    assert!(
        root.query_selector(".lesson-picker select")
            .unwrap()
            .is_some()
    );
    let said = || {
        root.query_selector(".notices")
            .ok()
            .flatten()
            .and_then(|n| n.text_content())
            .unwrap_or_default()
    };
    assert!(
        wait_for(|| said().contains("list of lessons")).await,
        "notices: {:?}",
        said()
    );
    let data = root.query_selector(".timeline").unwrap().unwrap();
    assert_eq!(data.get_attribute("data-now-ms").as_deref(), Some("0"));
    assert_eq!(
        data.get_attribute("data-fingerprint").map(|f| f.len()),
        Some(16)
    );
}
