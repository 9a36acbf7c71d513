//! How the Quorum NWR view fills the page: the ring canvas, the servers'
//! copies and the client history beside it, the command box and the key on
//! show in the control bar, and the settings dialog.

use web_sys::CanvasRenderingContext2d;
use yew::{Callback, Html, html};

use super::controls::NwrControls;
use super::panels::{HistoryPanel, StoresPanel};
use super::settings::SettingsDialog;
use super::stage::NwrStage;
use crate::lang::Text;
use crate::protocol::Scenario;
use crate::protocols::nwr::app::default_scenario;
use crate::protocols::nwr::{Nwr, NwrWorld};
use crate::ui::page::{Page, Pane, Place};
use crate::ui::shared::{Cx, Prefs};
use crate::viewport::Viewport;

impl Page for Nwr {
    const TAGLINE: Text = Text::new(
        "Quorum NWR replication on a deterministic simulated network",
        "在确定性模拟网络上观察 Quorum NWR 复制",
    );
    const WELCOME: Text = Text::new(
        "Type put x 1 in the command box and press ▶ Play: the coordinator writes to x's N replicas and answers after W of them. Then get x, cut links and read again. New here? Pick a guided lesson from the menu above.",
        "在命令框中输入 put x 1 并按 ▶ 播放：协调者把它写到 x 的 N 个副本上，收到 W 个确认后回答。然后 get x，切断链路，再读一次。第一次来？请从上方菜单选择一节引导课程。",
    );

    fn stage(cx: &Cx<Self>, on_change: &Callback<u64>) -> Html {
        html! {
            <NwrStage lab={cx.lab.clone()} prefs={cx.prefs} dispatch={cx.dispatch.clone()} on_change={on_change.clone()} />
        }
    }

    fn panes(cx: &Cx<Self>) -> Vec<Pane> {
        vec![
            Pane {
                id: "stores",
                title: Text::new("Copies", "副本"),
                place: Place::Side,
                secondary: false,
                body: html! { <StoresPanel ..cx.clone() /> },
            },
            Pane {
                id: "history",
                title: Text::new("History", "历史"),
                place: Place::Side,
                secondary: false,
                body: html! { <HistoryPanel ..cx.clone() /> },
            },
        ]
    }

    fn controls(cx: &Cx<Self>) -> Html {
        html! { <NwrControls ..cx.clone() /> }
    }

    fn settings(cx: &Cx<Self>, close: &Callback<()>) -> Html {
        html! { <SettingsDialog cx={cx.clone()} close={close.clone()} /> }
    }

    fn thumbnail(ctx: &CanvasRenderingContext2d, view: &Viewport, world: &NwrWorld, prefs: Prefs) {
        super::stage::paint_still(ctx, view, world, prefs);
    }

    fn default_scenario() -> Scenario<Self> {
        default_scenario()
    }
}
