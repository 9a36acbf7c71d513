//! Files in and out of the page: a download made from text (a Blob, an object
//! URL and a transient `<a download>`), and a chosen or dropped file read as
//! a scenario or a lesson, its size checked before it is read. Every outcome
//! becomes a command: the run or lesson to open, or a notice saying what is
//! wrong.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

use super::page::Page;
use super::shared::Dispatch;
use crate::app::scenario_io::{check_file_size, import_file};
use crate::app::{Command, Level, Notice};
use crate::lang::Lang;
use crate::lesson::parse_lesson;
use crate::msg;

/// Offers `text` as a file named `name` for download.
pub fn download(name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = gloo::utils::document();
    let a: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_class_name("hidden");
    gloo::utils::body().append_child(&a)?;
    a.click();
    a.remove();
    Url::revoke_object_url(&url)?;
    Ok(())
}

/// Holds the reader of the file being loaded: it must live until it reports.
#[derive(Clone, Default)]
pub struct Pending(Rc<RefCell<Option<FileReader>>>);

impl PartialEq for Pending {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Whether a file's text is a lesson (it has steps) rather than a scenario.
pub fn is_lesson(text: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        steps: Option<serde::de::IgnoredAny>,
    }
    serde_json::from_str::<Probe>(text).is_ok_and(|p| p.steps.is_some())
}

/// Opens a lesson file's text (at `variant`), or says what is wrong with it
/// (step and field).
pub fn open_lesson<P: Page>(
    name: &str,
    text: &str,
    variant: Option<String>,
    dispatch: &Dispatch<P>,
) {
    match parse_lesson::<P>(text) {
        Ok(lesson) => dispatch.emit(Command::OpenLesson {
            lesson: Rc::new(lesson),
            variant,
        }),
        Err(e) => {
            let name: String = name.chars().take(80).collect();
            let (en, zh) = (e.describe(Lang::En), e.describe(Lang::Zh));
            dispatch.emit(Command::Notify(Notice::new(
                Level::Error,
                msg!(
                    "The lesson \"{name}\" could not be opened: {en}",
                    "无法打开课程“{name}”：{zh}"
                ),
            )));
        }
    }
}

/// Reads `file` as a scenario or a lesson and sends the command that opens
/// it, or the notice that says why it cannot be opened.
pub fn load_file<P: Page>(file: web_sys::File, dispatch: Dispatch<P>, pending: &Pending) {
    let name = file.name();
    let size = file.size();
    if let Err(notice) = check_file_size(&name, size) {
        dispatch.emit(Command::Notify(notice));
        return;
    }
    let reader = gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |text| {
        let Ok(text) = text else {
            dispatch.emit(Command::Notify(Notice::new(
                Level::Error,
                msg!(
                    "The file \"{name}\" could not be read as text. The lab is unchanged.",
                    "无法以文本方式读取文件“{name}”。实验保持不变。"
                ),
            )));
            return;
        };
        if is_lesson(&text) {
            return open_lesson::<P>(&name, &text, None, &dispatch);
        }
        match import_file::<P>(&name, size, Some(&text)) {
            Ok(scenario) => {
                dispatch.emit(Command::Load(Box::new(scenario)));
                dispatch.emit(Command::Notify(Notice::new(
                    Level::Info,
                    msg!("Loaded the run from \"{name}\".", "已从“{name}”载入运行。"),
                )));
            }
            Err(notice) => dispatch.emit(Command::Notify(notice)),
        }
    });
    *pending.0.borrow_mut() = Some(reader);
}
