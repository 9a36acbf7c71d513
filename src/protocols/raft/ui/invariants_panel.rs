//! The five safety properties of Raft, green while they hold, red with an
//! explanation the moment one fails.

use yew::prelude::*;

use crate::protocols::raft::Raft;
use crate::protocols::raft::trace::{explain_violation, invariant_name, invariant_promise};
use crate::ui::shared::Cx;

#[function_component(InvariantsPanel)]
pub fn invariants_panel(props: &Cx<Raft>) -> Html {
    let c = props.lab.get();
    let p = props.prefs;
    let rows = c.world().checker().status().iter().map(|s| {
        let ok = s.count == 0;
        html! {
            <li class={classes!("invariant", if ok { "ok" } else { "bad" })} title={invariant_promise(s.invariant, p.lang).to_string()}>
                <span class="mark" aria-hidden="true">{ if ok { "✓" } else { "✗" } }</span>
                <span class="name">{ invariant_name(s.invariant, p.lang) }</span>
                <span class="state">{ if ok { p.t("holds", "成立").to_string() } else { format!("{} ×{}", p.t("violated", "被违反"), s.count) } }</span>
                if let Some((at, v)) = &s.first {
                    <p class="why">{ format!("{:.3} s: {}", at.as_millis_f64() / 1000.0, explain_violation(v, p.lang)) }</p>
                }
            </li>
        }
    });
    let unsafe_on = !c.world().config().raft.is_safe();
    html! {
        <section class="panel invariants" aria-labelledby="inv-h">
            <header><h2 id="inv-h">{ p.t("Safety properties", "安全性质") }</h2></header>
            if unsafe_on {
                <p class="warn">{ p.t("A rule of Raft is switched off in the settings: violations are expected.", "设置中关闭了一条 Raft 规则：出现违反是预料之中的。") }</p>
            }
            <ul>{ for rows }</ul>
        </section>
    }
}
