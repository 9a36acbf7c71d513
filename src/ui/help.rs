//! The help overlay: every keyboard shortcut, generated from the same table
//! the keyboard handler uses.

use yew::prelude::*;

use super::page::Page;
use super::shared::Prefs;
use crate::app::keys::shortcuts;

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub prefs: Prefs,
    pub close: Callback<()>,
}

#[function_component]
pub fn HelpOverlay<P: Page>(props: &HelpProps) -> Html {
    let p = props.prefs;
    let close = {
        let close = props.close.clone();
        Callback::from(move |_: MouseEvent| close.emit(()))
    };
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-h">
            <div class="dialog help">
                <h2 id="help-h">{ p.t("Keyboard and clicker", "键盘与翻页笔") }</h2>
                <table>
                    <tbody>
                        { for shortcuts::<P>(p.lang).into_iter().map(|(k, what)| html! {
                            <tr><th scope="row"><kbd>{ k }</kbd></th><td>{ what }</td></tr>
                        }) }
                    </tbody>
                </table>
                <div class="buttons"><button type="button" class="primary" onclick={close}>{ p.t("Close", "关闭") }</button></div>
            </div>
        </div>
    }
}
