//! The lesson picker: the course's lessons for this view's protocol, by
//! number and title (from the course index the page fetched); choosing one
//! opens it, choosing the first entry closes the lesson.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::page::Page;
use super::shared::Cx;
use crate::app::Command;
use crate::lesson::LessonInfo;

#[derive(Properties)]
pub struct PickerProps<P: Page> {
    pub cx: Cx<P>,
    /// The course index (empty until it arrives).
    pub index: Rc<Vec<LessonInfo>>,
    /// Opens the lesson with this id (the page fetches its file).
    pub open: Callback<String>,
}

impl<P: Page> PartialEq for PickerProps<P> {
    fn eq(&self, other: &Self) -> bool {
        self.cx == other.cx && Rc::ptr_eq(&self.index, &other.index) && self.open == other.open
    }
}

#[function_component]
pub fn LessonPicker<P: Page>(props: &PickerProps<P>) -> Html {
    let p = props.cx.prefs;
    let active = props.cx.lab.get().lesson().map(|s| s.lesson().id.clone());
    let onchange = {
        let (dispatch, open) = (props.cx.dispatch.clone(), props.open.clone());
        Callback::from(move |e: Event| {
            let Some(el) = e.target_dyn_into::<HtmlSelectElement>() else {
                return;
            };
            let id = el.value();
            // Hand the keys back to the lab, so the clicker's Page Down steps
            // the lesson instead of choosing another one.
            let _ = el.blur();
            if id.is_empty() {
                dispatch.emit(Command::CloseLesson);
            } else {
                open.emit(id);
            }
        })
    };
    let lessons = props.index.iter().filter(|l| l.protocol == P::ID);
    html! {
        <label class="lesson-picker">
            <span class="sr-only">{ p.t("Guided lesson", "引导课程") }</span>
            <select {onchange}>
                <option value="" selected={active.is_none()}>{ p.t("Lessons…", "课程…") }</option>
                { for lessons.map(|l| html! {
                    <option value={l.id.clone()} selected={active.as_deref() == Some(l.id.as_str())}>
                        { format!("{}. {}", l.number, l.title.get(p.lang)) }
                    </option>
                }) }
            </select>
        </label>
    }
}
