//! How Raft's view fills the page: the cluster canvas, the servers and
//! safety panels beside it, every server's log under it, the client command
//! box, the settings dialog, and the election-timing chart its lessons name.

use web_sys::CanvasRenderingContext2d;
use yew::{Callback, Html, html};

use super::invariants_panel::InvariantsPanel;
use super::log_panel::LogPanel;
use super::servers_table::ServersTable;
use super::settings::SettingsDialog;
use super::stage::Stage;
use super::timing_chart::TimingChart;
use crate::app::Command;
use crate::lang::Text;
use crate::net::NetHost;
use crate::protocol::Scenario;
use crate::protocols::raft::app::{RaftCommand, default_scenario};
use crate::protocols::raft::{Raft, cluster::Cluster};
use crate::scenario::parse_command;
use crate::ui::command_box::CommandBox;
use crate::ui::page::{Page, Pane, Place};
use crate::ui::shared::{Cx, Prefs};
use crate::viewport::Viewport;

/// The chart of election times against timeout ranges (the paper's Figure 16).
pub const ELECTION_TIMES: &str = "election_times";

impl Page for Raft {
    const TAGLINE: Text = Text::new(
        "Raft consensus on a deterministic simulated network",
        "在确定性模拟网络上观察 Raft 共识",
    );
    const WELCOME: Text = Text::new(
        "Press ▶ Play to watch five servers elect a leader, then crash it, cut links or send commands. New here? Pick a guided lesson from the menu above.",
        "按 ▶ 播放，观看五台服务器选出领导者，然后让它崩溃、切断链路或发送命令。第一次来？请从上方菜单选择一节引导课程。",
    );

    fn stage(cx: &Cx<Self>, on_change: &Callback<u64>) -> Html {
        html! {
            <Stage lab={cx.lab.clone()} prefs={cx.prefs} dispatch={cx.dispatch.clone()} on_change={on_change.clone()} />
        }
    }

    fn panes(cx: &Cx<Self>) -> Vec<Pane> {
        vec![
            Pane {
                id: "servers",
                title: Text::new("Servers", "服务器"),
                place: Place::Side,
                secondary: true,
                body: html! { <ServersTable ..cx.clone() /> },
            },
            Pane {
                id: "invariants",
                title: Text::new("Safety", "安全性质"),
                place: Place::Side,
                secondary: true,
                body: html! { <InvariantsPanel ..cx.clone() /> },
            },
            Pane {
                id: "log",
                title: Text::new("Logs", "日志"),
                place: Place::Below,
                secondary: true,
                body: html! { <LogPanel ..cx.clone() /> },
            },
        ]
    }

    fn controls(cx: &Cx<Self>) -> Html {
        let servers = cx.lab.get().world().servers();
        let dispatch = cx.dispatch.clone();
        let send = Callback::from(move |(text, via)| {
            dispatch.emit(Command::Protocol(RaftCommand::Client { text, via }));
        });
        let check =
            Callback::from(|text: String| parse_command(&text).map(|_| ()).map_err(|e| e.text()));
        html! {
            <CommandBox prefs={cx.prefs} input={cx.command_box.clone()} {servers}
                placeholder="set x 5 · get x · del x" pick={Text::new("leader", "领导者")} {check} {send} />
        }
    }

    fn settings(cx: &Cx<Self>, close: &Callback<()>) -> Html {
        html! { <SettingsDialog cx={cx.clone()} close={close.clone()} /> }
    }

    fn chart(name: &str, cx: &Cx<Self>) -> Html {
        match name {
            ELECTION_TIMES => html! { <TimingChart prefs={cx.prefs} /> },
            _ => html! {},
        }
    }

    fn thumbnail(ctx: &CanvasRenderingContext2d, view: &Viewport, world: &Cluster, prefs: Prefs) {
        super::stage::paint_still(ctx, view, world, prefs);
    }

    fn thumbnail_rows(world: &Cluster, prefs: Prefs) -> Html {
        let l = prefs.lang;
        html! {
            <table class="beside-table">
                <tbody>
                    { for world.nodes().iter().map(|n| {
                        let kv: Vec<String> = n.state().iter().map(|(k, v)| format!("{k}={v}")).collect();
                        html! {
                            <tr data-node={n.id().0.to_string()} data-role={n.role().name()}>
                                <th scope="row">{ n.id().to_string() }</th>
                                <td>{ super::popover::role_name(n.role(), l) }</td>
                                <td>{ format!("{} {}", l.pick("commit", "提交"), n.commit_index().0) }</td>
                                <td class="kv">{ if kv.is_empty() { "–".to_string() } else { kv.join(" ") } }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        }
    }

    fn default_scenario() -> Scenario<Self> {
        default_scenario()
    }
}
