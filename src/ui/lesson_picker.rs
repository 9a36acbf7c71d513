//! The lesson picker in the header: every guided lesson by number and title;
//! choosing one starts it, choosing the first entry closes it.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::shared::{LabRef, Prefs};
use crate::app::Command;
use crate::lessons;

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    pub lab: LabRef,
    pub prefs: Prefs,
    pub dispatch: Callback<Command>,
}

#[function_component(LessonPicker)]
pub fn lesson_picker(props: &PickerProps) -> Html {
    let p = props.prefs;
    let active = props.lab.get().lesson().map(|s| s.lesson().id);
    let onchange = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(el) = e.target_dyn_into::<HtmlSelectElement>() else {
                return;
            };
            let id = el.value();
            // Hand the keys back to the lab, so the clicker's Page Down steps
            // the lesson instead of choosing another one.
            let _ = el.blur();
            dispatch.emit(if id.is_empty() {
                Command::CloseLesson
            } else {
                Command::StartLesson { id, variant: None }
            });
        })
    };
    html! {
        <label class="lesson-picker">
            <span class="sr-only">{ p.t("Guided lesson", "引导课程") }</span>
            <select {onchange}>
                <option value="" selected={active.is_none()}>{ p.t("Lessons…", "课程…") }</option>
                { for lessons::all().iter().map(|l| html! {
                    <option value={l.id} selected={active == Some(l.id)}>{ format!("{}. {}", l.number, l.title.get(p.lang)) }</option>
                }) }
            </select>
        </label>
    }
}
