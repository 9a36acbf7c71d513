//! A run of another protocol beside the one on show, on the same clock (a
//! lesson's `"beside"` scenario, e.g. Raft under the same partition as a
//! gossip cluster). Its lab is derived from the scenario and the page's
//! current moment, so scrubbing the page's timeline scrubs it too; its own
//! frame loop paints the other protocol's thumbnail.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::canvas_fit::{CanvasEvent, CanvasLoop};
use super::page::Page;
use super::shared::{Cx, Prefs};
use crate::lab::Lab;
use crate::lang::Lang;
use crate::protocol::Scenario;
use crate::viewport::Viewport;

/// Most events the other run plays in one frame while catching up.
const BESIDE_BUDGET: u64 = 20_000;

/// Says that this view cannot show the run a lesson puts beside it.
pub fn unsupported(prefs: Prefs) -> Html {
    html! {
        <section class="panel beside" role="status">
            <p>{ prefs.t(
                "This lesson shows a run of another protocol beside this one; this view cannot show it.",
                "本课要在旁边展示另一个协议的运行；此视图无法显示。",
            ) }</p>
        </section>
    }
}

/// A lesson's `"beside"` scenario of protocol `Q`, shown beside the page of
/// `P`; a scenario that does not read as `Q`'s says why.
pub fn beside<P: Page, Q: Page>(
    cx: &Cx<P>,
    scenario: &serde_json::Map<String, serde_json::Value>,
) -> Html {
    match crate::scenario::from_object::<Q>(scenario.clone()) {
        Ok(s) => html! { <Beside<P, Q> cx={cx.clone()} scenario={Rc::new(s)} /> },
        Err(e) => {
            let l = cx.prefs.lang;
            let what = e.describe(l);
            html! {
                <section class="panel beside" role="alert">
                    <p>{ match l {
                        Lang::En => format!("The run beside this lesson could not be read: {what}"),
                        Lang::Zh => format!("无法读取本课旁边的运行：{what}"),
                    } }</p>
                </section>
            }
        }
    }
}

#[derive(Properties)]
pub struct OtherProps<P: Page, Q: Page> {
    pub cx: Cx<P>,
    pub scenario: Rc<Scenario<Q>>,
}

impl<P: Page, Q: Page> PartialEq for OtherProps<P, Q> {
    fn eq(&self, other: &Self) -> bool {
        self.cx == other.cx && Rc::ptr_eq(&self.scenario, &other.scenario)
    }
}

/// Plays `lab` to `t` (within a frame's budget), backwards by seeking.
fn follow<Q: Page>(lab: &mut Lab<Q>, t: crate::sim::SimTime) {
    let t = t.min(lab.stop());
    if t < lab.now() {
        lab.seek(t);
    } else if t > lab.now() {
        lab.advance_bounded(t, BESIDE_BUDGET);
    }
}

#[function_component]
pub fn Beside<P: Page, Q: Page>(props: &OtherProps<P, Q>) -> Html {
    let container = use_node_ref();
    let canvas = use_node_ref();
    let lab = use_memo(props.scenario.clone(), |s| RefCell::new(Lab::<Q>::new(s)));
    let p: Prefs = props.cx.prefs;
    {
        let (container, canvas, lab) = (container.clone(), canvas.clone(), lab.clone());
        let ctrl = props.cx.lab.ctrl.clone();
        use_effect_with((p, props.scenario.clone()), move |_| {
            let mut view: Option<Viewport> = None;
            let mut painted = None;
            let running = CanvasLoop::start(&container, &canvas, move |event, ctx| {
                if let CanvasEvent::Resized(v) = event {
                    view = Some(v);
                }
                let now = ctrl.borrow().lab().now();
                let mut lab = lab.borrow_mut();
                follow(&mut lab, now);
                let key = (lab.now(), view);
                if let (Some(v), true) = (&view, painted != Some(key)) {
                    Q::thumbnail(ctx, v, lab.world(), p);
                    painted = Some(key);
                }
            });
            move || drop(running)
        });
    }
    {
        let now = props.cx.lab.get().lab().now();
        follow(&mut lab.borrow_mut(), now);
    }
    let l = p.lang;
    let name = Q::NAME;
    let name = name.get(l);
    let title = match l {
        Lang::En => format!("{name}: same clock, same faults"),
        Lang::Zh => format!("{name}：同一时钟，同样的故障"),
    };
    let label = match l {
        Lang::En => format!("The {name} cluster of the lesson"),
        Lang::Zh => format!("本课的 {name} 集群"),
    };
    html! {
        <section class="panel beside" aria-labelledby="beside-h" data-protocol={Q::ID}>
            <h2 id="beside-h">{ title }</h2>
            <div class="beside-box" ref={container}>
                <canvas ref={canvas} role="img" aria-label={label}></canvas>
            </div>
            { Q::thumbnail_rows(lab.borrow().world(), p) }
        </section>
    }
}
