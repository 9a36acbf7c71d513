//! Files in and out of the page: a download made from text (a Blob, an object
//! URL and a transient `<a download>`), and a chosen or dropped file read as
//! a scenario, its size checked before it is read. Every outcome becomes a
//! command: the run to load, or a notice saying what is wrong.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};
use yew::Callback;

use crate::app::scenario_io::{check_file_size, import_file};
use crate::app::{Command, Level, Notice};

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

/// Reads `file` as a scenario and sends `Load` and a notice, or the notice
/// that says why it cannot be loaded.
pub fn load_file(file: web_sys::File, dispatch: Callback<Command>, pending: &Pending) {
    let name = file.name();
    let size = file.size();
    if let Err(notice) = check_file_size(&name, size) {
        dispatch.emit(Command::Notify(notice));
        return;
    }
    let reader = gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |text| {
        let result = match text {
            Ok(text) => import_file(&name, size, Some(&text)),
            Err(_) => Err(Notice::new(
                Level::Error,
                format!("The file \"{name}\" could not be read as text. The lab is unchanged."),
                format!("无法以文本方式读取文件“{name}”。实验保持不变。"),
            )),
        };
        match result {
            Ok(scenario) => {
                dispatch.emit(Command::Load(Box::new(scenario)));
                dispatch.emit(Command::Notify(Notice::new(
                    Level::Info,
                    format!("Loaded the run from \"{name}\"."),
                    format!("已从“{name}”载入运行。"),
                )));
            }
            Err(notice) => dispatch.emit(Command::Notify(notice)),
        }
    });
    *pending.0.borrow_mut() = Some(reader);
}
