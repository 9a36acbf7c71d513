//! Quorum NWR's own controls in the control bar: the client command box
//! (`put k v`, `get k`, coordinated by the key's first live replica or a
//! chosen server). The key the canvas shows is picked in the copies pane.

use yew::prelude::*;

use crate::app::Command;
use crate::lang::Text;
use crate::protocols::nwr::Nwr;
use crate::protocols::nwr::app::{NwrCommand, parse_client};
use crate::ui::command_box::CommandBox;
use crate::ui::shared::Cx;

#[function_component(NwrControls)]
pub fn nwr_controls(props: &Cx<Nwr>) -> Html {
    let c = props.lab.get();
    let p = props.prefs;
    let servers = c.world().setup().nodes;
    let dispatch = props.dispatch.clone();
    let send = Callback::from(move |(text, via)| {
        dispatch.emit(Command::Protocol(NwrCommand::Client { text, via }));
    });
    let check = Callback::from(|text: String| parse_client(&text).map(|_| ()));
    html! {
        <CommandBox prefs={p} input={props.command_box.clone()} {servers}
            placeholder="put x 5 · get x" pick={Text::new("first replica", "首个副本")} {check} {send} />
    }
}
