//! The gossip lessons: a picker, then in the side panel the current step's
//! narration, what to watch and its question, with buttons to go on or
//! take over; and, for the lesson that compares gossip with Raft, the Raft
//! cluster drawn beside the gossip canvas with each server's state.

use web_sys::{CanvasRenderingContext2d, HtmlSelectElement};
use yew::prelude::*;

use super::shared::GossipRef;
use crate::app::Selection;
use crate::app::gossip_command::GossipCommand;
use crate::protocols::raft::ui::draw::Decor;
use crate::lab::Lab;
use crate::lessons::Phase;
use crate::lessons::gossip::all as all_lessons;
use crate::ui::canvas_fit::{CanvasFit, context_2d};
use crate::ui::frame_loop::FrameLoop;
use crate::ui::shared::Prefs;
use crate::view::geometry::Stage;
use crate::view::palette::canvas_colors;
use crate::protocols::raft::scene::build_scene;
use crate::viewport::Viewport;

#[derive(Properties, PartialEq)]
pub struct LessonProps {
    pub lab: GossipRef,
    pub prefs: Prefs,
    pub dispatch: Callback<GossipCommand>,
}

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    /// The lesson being played, if any.
    pub current: Option<&'static str>,
    pub prefs: Prefs,
    pub dispatch: Callback<GossipCommand>,
}

/// The lesson picker, shown whether or not a lesson runs.
#[function_component(LessonPicker)]
pub fn lesson_picker(props: &PickerProps) -> Html {
    let l = props.prefs.lang;
    let current = props.current;
    let onchange = {
        let d = props.dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<HtmlSelectElement>() {
                let id = el.value();
                if let Some(lesson) = all_lessons().iter().find(|x| x.id == id) {
                    d.emit(GossipCommand::StartLesson(lesson.id));
                }
            }
        })
    };
    html! {
        <label class="g-lesson-pick">
            <span>{ l.pick("Lesson", "课程") }</span>
            <select {onchange}>
                <option value="" selected={current.is_none()}>{ l.pick("— free play —", "— 自由探索 —") }</option>
                { for all_lessons().iter().map(|x| html! {
                    <option value={x.id} selected={current == Some(x.id)}>{ format!("{}. {}", x.number, x.title.get(l)) }</option>
                }) }
            </select>
        </label>
    }
}

/// Paints the Raft run of a lesson.
fn paint_raft(ctx: &CanvasRenderingContext2d, view: &Viewport, raft: &Lab, prefs: Prefs) {
    let colors = canvas_colors(prefs.theme);
    crate::draw::clear_with(ctx, view, colors.background);
    if view.is_empty() {
        return;
    }
    let stage = Stage {
        width: view.css_width,
        height: view.css_height,
        text: prefs.scale(),
    };
    let scene = build_scene(raft.cluster(), &stage);
    let decor = Decor {
        colors: &colors,
        scale: 0.8,
        selection: Selection::None,
        hover: Selection::None,
        highlight_nodes: &[],
        highlight_msg: None,
        slice: None,
        lang: prefs.lang,
        reduced_motion: prefs.reduced_motion,
        status: (0.0, 0.0),
    };
    crate::protocols::raft::ui::draw::paint(ctx, &scene, &decor);
}

/// Each Raft server's role, commit index and key-value state.
fn raft_rows(raft: &Lab, prefs: Prefs) -> Html {
    let l = prefs.lang;
    html! {
        <table class="g-raft-table">
            <tbody>
                { for raft.cluster().nodes().iter().map(|n| {
                    let kv: Vec<String> = n.state().iter().map(|(k, v)| format!("{k}={v}")).collect();
                    let role = match n.role().name() {
                        "leader" => l.pick("leader", "领导者"),
                        "candidate" | "precandidate" => l.pick("candidate", "候选者"),
                        _ => l.pick("follower", "跟随者"),
                    };
                    html! {
                        <tr data-node={n.id().0.to_string()} data-role={n.role().name()}>
                            <th scope="row">{ n.id().to_string() }</th>
                            <td>{ role }</td>
                            <td>{ format!("{} {}", l.pick("commit", "提交"), n.commit_index().0) }</td>
                            <td class="kv">{ if kv.is_empty() { "–".to_string() } else { kv.join(" ") } }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

#[function_component(LessonPanel)]
pub fn lesson_panel(props: &LessonProps) -> Html {
    let answered = use_state(|| None::<(usize, usize)>);
    let p = props.prefs;
    let c = props.lab.get();
    let l = p.lang;
    let Some(run) = c.lesson() else {
        return html! {};
    };
    let lesson = run.lesson();
    let d = &props.dispatch;
    let send = |cmd: GossipCommand| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(cmd.clone()))
    };
    let phase = run.phase();
    let status = match phase {
        Phase::Playing => l.pick("playing to the next step…", "正在播放到下一步…"),
        Phase::Paused(_) => l.pick("paused at a step", "已在一步处暂停"),
        Phase::Finished => l.pick("finished", "已结束"),
        Phase::TakenOver => l.pick(
            "you took over: steps no longer fire",
            "你已接管：步骤不再触发",
        ),
    };
    let step = run.current().map(|(n, s)| {
        let question = s.question.as_ref().map(|q| {
            let picked = (*answered).filter(|(at, _)| *at == n).map(|(_, c)| c);
            html! {
                <div class="g-question">
                    <p class="prompt">{ q.prompt.get(l) }</p>
                    <ul>
                        { for q.choices.iter().enumerate().map(|(i, choice)| {
                            let answered = answered.clone();
                            let mark = match picked {
                                Some(c) if c == i && q.is_correct(i) => "right",
                                Some(c) if c == i => "wrong",
                                _ => "",
                            };
                            html! {
                                <li><button type="button" class={classes!("choice", mark)}
                                    onclick={Callback::from(move |_: MouseEvent| answered.set(Some((n, i))))}>{ choice.get(l) }</button></li>
                            }
                        }) }
                    </ul>
                    if let Some(c) = picked {
                        <p class={classes!("explain", if q.is_correct(c) { "right" } else { "wrong" })}>
                            { if q.is_correct(c) { l.pick("Right. ", "正确。") } else { l.pick("Not quite. ", "不太对。") } }
                            { q.explain.get(l) }
                        </p>
                    }
                </div>
            }
        });
        html! {
            <div class="g-step" data-step={n.to_string()}>
                <p class="count">{ format!("{} {} / {}", l.pick("Step", "步骤"), n + 1, run.steps().len()) }</p>
                <p class="say">{ s.say.get(l) }</p>
                <p class="watch"><strong>{ l.pick("Watch: ", "观察：") }</strong>{ s.watch.get(l) }</p>
                { for question }
            </div>
        }
    });
    html! {
        <section class="panel g-lesson" aria-labelledby="g-lesson-h" data-phase={format!("{phase:?}")}>
            <header><h2 id="g-lesson-h">{ format!("{} {}. {}", l.pick("Lesson", "课程"), lesson.number, lesson.title.get(l)) }</h2></header>
            if run.current().is_none() {
                <p class="summary">{ lesson.summary.get(l) }</p>
            }
            { for step }
            <p class="muted">{ status }</p>
            <div class="buttons">
                if phase != Phase::TakenOver && phase != Phase::Finished {
                    <button type="button" class="primary" onclick={send(GossipCommand::LessonNext)}
                        title={l.pick("Play on to the next step (n)", "播放到下一步（n）").to_string()}>
                        { if run.current().is_none() { l.pick("▶ Start", "▶ 开始") } else { l.pick("Next ▶", "下一步 ▶") } }
                    </button>
                    <button type="button" onclick={send(GossipCommand::TakeOver)}>{ l.pick("Take over", "接管") }</button>
                }
            </div>
        </section>
    }
}

/// The Raft run of a lesson, beside the gossip canvas: its own frame loop
/// paints it on the gossip run's clock, and a table gives each server's state.
#[function_component(RaftSide)]
pub fn raft_side(props: &LessonProps) -> Html {
    let container = use_node_ref();
    let canvas = use_node_ref();
    let view = use_mut_ref(|| None::<Viewport>);
    let p = props.prefs;
    {
        let (container, canvas, view) = (container.clone(), canvas.clone(), view.clone());
        let ctrl = props.lab.ctrl.clone();
        use_effect_with(p, move |_| {
            let ctx = context_2d(&canvas);
            let fit = {
                let view = view.clone();
                CanvasFit::attach(&container, &canvas, move |v| *view.borrow_mut() = Some(v))
            };
            let frames = ctx.map(|ctx| {
                FrameLoop::start(move |_| {
                    let (Some(v), c) = (*view.borrow(), ctrl.borrow()) else {
                        return;
                    };
                    if let Some(raft) = c.lesson().and_then(|r| r.raft()) {
                        paint_raft(&ctx, &v, raft, p);
                    }
                })
            });
            move || {
                drop(frames);
                drop(fit);
            }
        });
    }
    let c = props.lab.get();
    let Some(raft) = c.lesson().and_then(|r| r.raft()) else {
        return html! {};
    };
    let l = p.lang;
    html! {
        <section class="g-raft" aria-labelledby="g-raft-h">
            <h2 id="g-raft-h">{ l.pick("Raft: same clock, same partition", "Raft：同一时钟，同一分区") }</h2>
            <div class="g-raft-box" ref={container}>
                <canvas ref={canvas} role="img" aria-label={l.pick("The Raft cluster of the lesson", "本课的 Raft 集群")}></canvas>
            </div>
            { raft_rows(raft, p) }
        </section>
    }
}
