//! How Gossip's view fills the page: the node canvas, the spread and SWIM
//! read-outs beside it, the click tool, key and layout controls, and the
//! settings dialog.

use web_sys::CanvasRenderingContext2d;
use yew::{Callback, Html, html};

use super::controls::GossipTools;
use super::panels::CountersPanel;
use super::settings::SettingsDialog;
use super::stage::GossipStage;
use crate::lang::Text;
use crate::protocol::Scenario;
use crate::protocols::gossip::{Gossip, GossipWorld, app::default_scenario};
use crate::ui::page::{Page, Pane, Place};
use crate::ui::shared::{Cx, Prefs};
use crate::viewport::Viewport;

impl Page for Gossip {
    const TAGLINE: Text = Text::new(
        "Gossip and SWIM on a deterministic simulated network",
        "在确定性模拟网络上观察 Gossip 与 SWIM",
    );
    const WELCOME: Text = Text::new(
        "Click a node to start a rumor there, then press ▶ Play and watch it spread. New here? Pick a guided lesson from the menu above.",
        "点击一个节点在那里发起传闻，然后按 ▶ 播放，观看它的传播。第一次来？请从上方菜单选择一节引导课程。",
    );

    fn stage(cx: &Cx<Self>, on_change: &Callback<u64>) -> Html {
        html! {
            <GossipStage lab={cx.lab.clone()} prefs={cx.prefs} dispatch={cx.dispatch.clone()} on_change={on_change.clone()} />
        }
    }

    fn panes(cx: &Cx<Self>) -> Vec<Pane> {
        vec![Pane {
            id: "counters",
            title: Text::new("Spread", "传播"),
            place: Place::Side,
            secondary: false,
            body: html! { <CountersPanel ..cx.clone() /> },
        }]
    }

    fn controls(cx: &Cx<Self>) -> Html {
        html! { <GossipTools ..cx.clone() /> }
    }

    fn settings(cx: &Cx<Self>, close: &Callback<()>) -> Html {
        html! { <SettingsDialog cx={cx.clone()} close={close.clone()} /> }
    }

    fn thumbnail(
        ctx: &CanvasRenderingContext2d,
        view: &Viewport,
        world: &GossipWorld,
        prefs: Prefs,
    ) {
        super::stage::paint_still(ctx, view, world, prefs);
    }

    fn beside(
        cx: &Cx<Self>,
        scenario: &std::rc::Rc<serde_json::Map<String, serde_json::Value>>,
    ) -> Html {
        crate::ui::beside::beside::<Gossip, crate::protocols::raft::Raft>(cx, scenario)
    }

    fn default_scenario() -> Scenario<Self> {
        default_scenario()
    }
}
