//! Brings an element into view by scrolling the boxes that hold it, never
//! the page: in a small frame, scrolling the page would take the lesson's
//! text out of view.

use web_sys::Element;

/// Whether `el` scrolls its content vertically (overflow-y auto or scroll).
fn scrolls(el: &Element) -> bool {
    let Ok(Some(style)) = gloo::utils::window().get_computed_style(el) else {
        return false;
    };
    let overflow = style.get_property_value("overflow-y").unwrap_or_default();
    matches!(overflow.as_str(), "auto" | "scroll") && el.scroll_height() > el.client_height()
}

/// The lowest bottom edge of `outer`'s children pinned to its top (position
/// sticky), which cover what scrolls under them; its top if none.
fn sticky_bottom(outer: &Element) -> f64 {
    let window = gloo::utils::window();
    let children = outer.children();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .filter(|c| {
            window
                .get_computed_style(c)
                .ok()
                .flatten()
                .is_some_and(|s| s.get_property_value("position").unwrap_or_default() == "sticky")
        })
        .map(|c| c.get_bounding_client_rect().bottom())
        .fold(outer.get_bounding_client_rect().top(), f64::max)
}

/// Scrolls `el`'s nearest scrolling ancestor below the page just enough to
/// show `el` (its top, if it is taller than the box).
pub fn into_view(el: &Element) {
    let page = gloo::utils::document().document_element();
    let mut at = el.parent_element();
    while let Some(outer) = at {
        if Some(&outer) == page.as_ref() || outer.tag_name() == "BODY" {
            return;
        }
        if scrolls(&outer) {
            let (o, i) = (
                outer.get_bounding_client_rect(),
                el.get_bounding_client_rect(),
            );
            let top = o.top().max(sticky_bottom(&outer));
            let by = if i.top() < top {
                i.top() - top
            } else if i.bottom() > o.bottom() {
                (i.bottom() - o.bottom()).min(i.top() - top)
            } else {
                0.0
            };
            if by != 0.0 {
                outer.set_scroll_top(outer.scroll_top() + by.round() as i32);
            }
            return;
        }
        at = outer.parent_element();
    }
}
