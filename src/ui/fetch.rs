//! Lessons are data the page fetches when it needs them: the course index
//! (for the lesson picker), a built-in lesson's file when it opens, or a
//! course's own lesson file named by `#lesson-url=` (on the page's site).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where the built-in lessons are, relative to the page.
pub const LESSONS: &str = "lessons";

/// The address of a built-in lesson's file.
pub fn lesson_url(id: &str) -> String {
    format!("{LESSONS}/{id}.json")
}

/// The address of the course index.
pub fn index_url() -> String {
    format!("{LESSONS}/index.json")
}

/// Fetches `url` (relative to the page) as text; the error names the
/// address and what went wrong, in English (the caller words the notice).
pub async fn text(url: &str) -> Result<String, String> {
    let window = gloo::utils::window();
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("{url}: the request failed (offline, or blocked)"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| format!("{url}: not an HTTP response"))?;
    if !response.ok() {
        return Err(format!("{url}: the server answered {}", response.status()));
    }
    let body = response
        .text()
        .map_err(|_| format!("{url}: the body could not be read"))?;
    let text = JsFuture::from(body)
        .await
        .map_err(|_| format!("{url}: the body could not be read"))?;
    text.as_string()
        .ok_or_else(|| format!("{url}: the body is not text"))
}
