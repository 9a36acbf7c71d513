//! The lesson panel: the lesson's title, the current step's narration and
//! what to watch, its question with feedback (why the right answer is right,
//! and why a wrong one is wrong), previous / next (also on the clicker's
//! Page Up / Page Down), taking over, the variants ("replay with the rule
//! broken") and the chart a lesson names.

use std::rc::Rc;

use yew::prelude::*;

use super::page::Page;
use super::shared::{Cmd, Cx, Dispatch, Prefs};
use crate::app::Command;
use crate::lang::Lang;
use crate::lesson::{LessonInfo, LessonRun, Phase, Question};

#[derive(Properties)]
pub struct LessonProps<P: Page> {
    pub cx: Cx<P>,
    /// The course index, for the next lesson.
    pub index: Rc<Vec<LessonInfo>>,
    /// Opens the lesson with this id (the page fetches its file).
    pub open: Callback<String>,
}

impl<P: Page> PartialEq for LessonProps<P> {
    fn eq(&self, other: &Self) -> bool {
        self.cx == other.cx && Rc::ptr_eq(&self.index, &other.index) && self.open == other.open
    }
}

/// Text with `code` spans: backticks mark a command or a name, shown as code.
pub fn rich(text: &str) -> Html {
    let parts: Vec<&str> = text.split('`').collect();
    // An odd number of backticks leaves the last one as it is.
    let balanced = parts.len() % 2 == 1;
    html! {
        <>
            { for parts.iter().enumerate().map(|(i, part)| {
                if i % 2 == 1 && (balanced || i + 1 < parts.len()) {
                    html! { <code>{ *part }</code> }
                } else if i % 2 == 1 {
                    html! { <>{ "`" }{ *part }</> }
                } else {
                    html! { { *part } }
                }
            }) }
        </>
    }
}

/// The question of a step, its choices and, once answered, the feedback.
fn question<P: Page>(q: &Question, answer: Option<usize>, p: Prefs, d: &Dispatch<P>) -> Html {
    let feedback = answer.map(|a| {
        let right = q.is_correct(a);
        let why = q
            .choices
            .get(a)
            .and_then(|c| c.why.as_ref())
            .filter(|_| !right);
        html! {
            <div class={classes!("feedback", if right { "right" } else { "wrong" })} role="status">
                <strong>{ if right { p.t("Right.", "答对了。") } else { p.t("Not quite.", "不完全对。") } }</strong>
                if let Some(why) = why {
                    { " " }{ rich(why.get(p.lang)) }
                }
                { " " }{ rich(q.explain.get(p.lang)) }
            </div>
        }
    });
    html! {
        <div class="question">
            <p class="prompt">{ rich(q.prompt.get(p.lang)) }</p>
            <div class="choices">
                { for q.choices.iter().enumerate().map(|(i, c)| {
                    let state = answer.map(|a| if q.is_correct(i) { "right" } else if a == i { "wrong" } else { "" });
                    let d = d.clone();
                    html! {
                        <button type="button" class={classes!("choice", state)} aria-pressed={(answer == Some(i)).to_string()}
                            onclick={Callback::from(move |_: MouseEvent| d.emit(Command::Answer(i)))}>{ rich(c.text.get(p.lang)) }</button>
                    }
                }) }
            </div>
            { feedback.unwrap_or_default() }
        </div>
    }
}

/// Main run and variants, as buttons that replay the lesson that way.
fn variants<P: Page>(s: &LessonRun<P>, cx: &Cx<P>) -> Html {
    let lesson = s.lesson();
    let p = cx.prefs;
    if lesson.variants.is_empty() {
        return html! {};
    }
    let name = P::NAME;
    let as_it_is = match p.lang {
        Lang::En => format!("as {} is", name.get(p.lang)),
        Lang::Zh => format!("按 {} 原样", name.get(p.lang)),
    };
    let start = |variant: Option<&str>| {
        cx.send(Command::OpenLesson {
            lesson: lesson.clone(),
            variant: variant.map(str::to_string),
        })
    };
    html! {
        <div class="variants" role="group" aria-label={p.t("Replay the lesson another way", "换一种方式重放本课").to_string()}>
            <span class="muted">{ p.t("Replay:", "重放：") }</span>
            <button type="button" aria-pressed={s.variant().is_none().to_string()} onclick={start(None)}>{ as_it_is }</button>
            { for lesson.variants.iter().map(|v| html! {
                <button type="button" aria-pressed={(s.variant() == Some(v.id.as_str())).to_string()} data-variant={v.id.clone()}
                    title={v.summary.get(p.lang).to_string()} onclick={start(Some(&v.id))}>{ v.label.get(p.lang) }</button>
            }) }
        </div>
    }
}

#[function_component]
pub fn LessonPanel<P: Page>(props: &LessonProps<P>) -> Html {
    let cx = &props.cx;
    let body_ref = use_node_ref();
    let (key, open) = {
        let c = cx.lab.get();
        let key = c
            .lesson()
            .map(|s| (s.lesson().id.clone(), s.phase().step()));
        (key, c.lesson().is_some())
    };
    {
        // A new step starts at its first line, with Next still in view.
        let body_ref = body_ref.clone();
        use_effect_with(key, move |_| {
            if let Some(el) = body_ref.cast::<web_sys::Element>() {
                el.set_scroll_top(0);
            }
        });
    }
    if !open {
        return html! {};
    }
    let c = cx.lab.get();
    let Some(s) = c.lesson() else {
        return html! {};
    };
    let p = cx.prefs;
    let lesson = s.lesson();
    let phase = s.phase();
    let steps = s.steps().len();
    let step_no = s.current().map(|(n, _)| n);
    let title = match p.lang {
        Lang::En => format!("Lesson {} · {}", lesson.number, lesson.title.get(p.lang)),
        Lang::Zh => format!("第 {} 课 · {}", lesson.number, lesson.title.get(p.lang)),
    };
    let body = match (phase, s.current()) {
        (Phase::Playing(None), _) | (_, None) => html! {
            <p class="say">{ rich(lesson.summary.get(p.lang)) }</p>
        },
        (_, Some((n, step))) => html! {
            <>
                <p class="step-no">{ match p.lang {
                    Lang::En => format!("Step {} of {steps}", n + 1),
                    Lang::Zh => format!("第 {} 步，共 {steps} 步", n + 1),
                } }</p>
                <p class="say">{ rich(step.say.get(p.lang)) }</p>
                <p class="watch"><strong>{ p.t("Watch: ", "注意看：") }</strong>{ rich(step.watch.get(p.lang)) }</p>
                { step.question.as_ref().map(|q| question::<P>(q, s.answer_of(n), p, &cx.dispatch)).unwrap_or_default() }
            </>
        },
    };
    let (next_label, next_title) = match phase {
        Phase::Playing(None) if !c.playing() => (
            p.t("Start ▶", "开始 ▶"),
            p.t(
                "Play to the first step (Page Down)",
                "播放到第一步（Page Down）",
            ),
        ),
        Phase::Playing(_) if c.playing() => (
            p.t("Skip to the step ▶▶", "直接到下一步 ▶▶"),
            p.t(
                "Go straight to the next step (Page Down)",
                "直接跳到下一步（Page Down）",
            ),
        ),
        Phase::TakenOver(_) => (
            p.t("Back to the lesson ▶", "回到课程 ▶"),
            p.t(
                "Return to the lesson at the next step (Page Down)",
                "回到课程的下一步（Page Down）",
            ),
        ),
        _ => (
            p.t("Next ▶", "下一步 ▶"),
            p.t(
                "Play on to the next step (Page Down)",
                "继续播放到下一步（Page Down）",
            ),
        ),
    };
    let status = match phase {
        Phase::TakenOver(_) => Some(p.t(
            "You took over: the lab is yours from this moment. The lesson's script plays on until you change something; then it is kept as a branch.",
            "你已接管：从此刻起实验由你掌控。在你做出改变之前，课程的脚本会继续播放；改变之后它会保留为一个分支。",
        )),
        Phase::Finished(_) => Some(p.t("End of the lesson.", "本课结束。")),
        _ => None,
    };
    let next_lesson = props
        .index
        .iter()
        .find(|l| l.protocol == P::ID && l.number == lesson.number + 1)
        .map(|l| l.id.clone());
    let send = |cmd: Cmd<P>| cx.send(cmd);
    let finished = matches!(phase, Phase::Finished(_));
    let intro = phase == Phase::Playing(None);
    let panel = s.current().and_then(|(_, st)| st.panel).map(|pn| pn.name());
    html! {
        <section class="panel lesson" aria-labelledby="lesson-h" data-lesson={lesson.id.clone()}
            data-phase={phase.name()} data-step={step_no.map_or(String::new(), |n| n.to_string())}
            data-steps={steps.to_string()} data-playing={c.playing().to_string()} data-panel={panel}>
            <header>
                <h2 id="lesson-h">{ title }</h2>
                <button type="button" class="close" onclick={send(Command::CloseLesson)}
                    aria-label={p.t("Close the lesson", "关闭课程").to_string()}>{ "×" }</button>
            </header>
            <div class="lesson-body" ref={body_ref}>
                { body }
                if let Some(text) = status {
                    <p class="status" role="status">{ text }</p>
                }
                { variants(s, cx) }
                if let Some(chart) = &lesson.chart {
                    <div class="lesson-chart" data-pane="chart">{ P::chart(chart, cx) }</div>
                }
            </div>
            <div class="lesson-nav">
                <button type="button" class="prev" onclick={send(Command::LessonPrev)} disabled={intro}
                    title={p.t("Previous step (Page Up)", "上一步（Page Up）").to_string()}
                    aria-label={p.t("Previous step", "上一步").to_string()}>{ "◀" }<span class="long">{ p.t(" Previous", " 上一步") }</span></button>
                if finished {
                    <button type="button" onclick={send(Command::Reset)}>{ p.t("Replay", "重新播放") }</button>
                    if let Some(next) = next_lesson {
                        <button type="button" class="primary next-lesson" onclick={
                            let open = props.open.clone();
                            Callback::from(move |_: MouseEvent| open.emit(next.clone()))
                        }>{ p.t("Next lesson ▶", "下一课 ▶") }</button>
                    }
                } else {
                    <button type="button" class="primary next" onclick={send(Command::LessonNext)} title={next_title.to_string()}>{ next_label }</button>
                }
                if !matches!(phase, Phase::TakenOver(_)) {
                    <button type="button" class="take-over" onclick={send(Command::TakeOver)}
                        title={p.t("Continue freely from this moment: act on the servers and the network yourself. The lesson's future is kept as a branch.", "从此刻起自由探索：自己操作服务器和网络。课程原来的未来会保留为一个分支。").to_string()}>
                        { p.t("Take over", "接管") }
                    </button>
                }
            </div>
        </section>
    }
}
