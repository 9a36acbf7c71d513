//! The share dialog: a link to this moment of this run (or to the lesson)
//! with a copy button (the clipboard when the browser offers it, else the
//! text is selected for Ctrl+C), the iframe code to embed it, and the run as
//! a scenario file to download or open (a file can also be dropped anywhere).

use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{Clipboard, HtmlInputElement};
use yew::prelude::*;

use super::file_io::{Pending, download, load_file};
use super::page::Page;
use super::shared::Cx;
use crate::app::Command;
use crate::app::scenario_io::{export_file_name, export_json, share_params};
use crate::app::{Level, Notice};
use crate::lang::Text;

#[derive(Properties)]
pub struct ShareProps<P: Page> {
    pub cx: Cx<P>,
    pub close: Callback<()>,
    /// Keeps the reader of an opened file alive.
    pub pending: Pending,
}

impl<P: Page> PartialEq for ShareProps<P> {
    fn eq(&self, other: &Self) -> bool {
        self.cx == other.cx && self.close == other.close && self.pending == other.pending
    }
}

/// The page's address without its fragment.
fn page_address() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

fn clipboard() -> Option<Clipboard> {
    let navigator = gloo::utils::window().navigator();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .ok()
        .filter(|v| v.is_object())
        .map(JsCast::unchecked_into)
}

#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Not,
    Yes,
    /// The clipboard refused: the text is selected instead.
    Selected,
}

#[function_component]
pub fn ShareDialog<P: Page>(props: &ShareProps<P>) -> Html {
    let p = props.cx.prefs;
    let copied = use_state(|| Copied::Not);
    let field = use_node_ref();
    let (link, embed) = {
        let c = props.cx.lab.get();
        let params = share_params(&c, p.lang, p.theme, p.present);
        let link = format!("{}#{}", page_address(), params.to_fragment());
        let embed_params = crate::share::LinkParams {
            embed: true,
            present: false,
            theme: None,
            ..params
        };
        let embed = format!(
            "<iframe src=\"{}#{}\" title=\"RaftLab\" width=\"960\" height=\"600\" loading=\"lazy\"></iframe>",
            page_address(),
            embed_params.to_fragment()
        );
        (link, embed)
    };
    let select = {
        let (field, copied) = (field.clone(), copied.clone());
        move || {
            if let Some(el) = field.cast::<HtmlInputElement>() {
                el.select();
            }
            copied.set(Copied::Selected);
        }
    };
    let copy = {
        let (link, copied, select) = (link.clone(), copied.clone(), select.clone());
        Callback::from(move |_: MouseEvent| match clipboard() {
            Some(clip) => {
                let done = copied.clone();
                let fallback = select.clone();
                let ok = Closure::once(move |_: JsValue| done.set(Copied::Yes));
                let err = Closure::once(move |_: JsValue| fallback());
                let _ = clip.write_text(&link).then2(&ok, &err);
                // The promise settles after this handler returns; a click
                // costs two small closures.
                ok.forget();
                err.forget();
            }
            None => select(),
        })
    };
    let save = {
        let (lab, dispatch) = (props.cx.lab.clone(), props.cx.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let (name, text) = {
                let c = lab.get();
                (export_file_name(&c), export_json(&c))
            };
            if download(&name, &text).is_err() {
                dispatch.emit(Command::Notify(Notice::new(
                    Level::Error,
                    Text::new(
                        "The browser refused to save the file.",
                        "浏览器拒绝保存该文件。",
                    ),
                )));
            }
        })
    };
    let open = {
        let (dispatch, pending, close) = (
            props.cx.dispatch.clone(),
            props.pending.clone(),
            props.close.clone(),
        );
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                load_file::<P>(file, dispatch.clone(), &pending);
                close.emit(());
            }
            input.set_value("");
        })
    };
    let close = {
        let close = props.close.clone();
        Callback::from(move |_: MouseEvent| close.emit(()))
    };
    let copy_note = match *copied {
        Copied::Not => "",
        Copied::Yes => p.t("Copied.", "已复制。"),
        Copied::Selected => p.t(
            "The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.",
            "链接已选中：按 Ctrl+C（Mac 上按 ⌘C）复制。",
        ),
    };
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="share-h">
            <div class="dialog share">
                <h2 id="share-h">{ p.t("Share and save", "分享与保存") }</h2>
                <p class="muted">{ p.t(
                    "The link holds the whole run (settings, seed and every action) and this moment; opening it replays the same run exactly.",
                    "链接包含整个运行（设置、种子和每个操作）以及当前时刻；打开它会完全一样地重放这次运行。",
                ) }</p>
                <div class="share-row">
                    <input ref={field} type="text" readonly=true class="share-link" value={link}
                        aria-label={p.t("Link to this run", "此运行的链接").to_string()} />
                    <button type="button" class="primary" onclick={copy}>{ p.t("Copy link", "复制链接") }</button>
                </div>
                <p class="copy-note" role="status">{ copy_note }</p>
                <h3>{ p.t("Embed in a course page", "嵌入课程页面") }</h3>
                <input type="text" readonly=true class="share-embed" value={embed}
                    aria-label={p.t("HTML to embed this in a page", "嵌入网页所用的 HTML").to_string()} />
                <h3>{ p.t("Scenario and lesson files", "场景与课程文件") }</h3>
                <div class="share-row">
                    <button type="button" onclick={save}>{ p.t("Download the run (JSON)", "下载运行（JSON 文件）") }</button>
                    <label class="file-button">
                        <span>{ p.t("Open a scenario or lesson file…", "打开场景或课程文件…") }</span>
                        <input type="file" accept=".json,application/json" onchange={open} />
                    </label>
                </div>
                <p class="muted">
                    { p.t("A scenario file is the format of the headless runner (", "场景文件与命令行运行器的格式相同（") }
                    <code>{ "docs/scenarios.md" }</code>
                    { p.t("); a lesson file is a guided lesson (", "）；课程文件是一节引导课程（") }
                    <code>{ "docs/lessons.md" }</code>
                    { p.t("). You can also drop a file anywhere on the page.", "）。也可以把文件拖放到页面上的任何地方。") }
                </p>
                <div class="buttons"><button type="button" onclick={close}>{ p.t("Close", "关闭") }</button></div>
            </div>
        </div>
    }
}
