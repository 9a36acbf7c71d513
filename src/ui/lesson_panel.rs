//! The lesson panel: the lesson's title, the current step's narration and
//! what to watch, its question with feedback, previous / next (also on the
//! clicker's Page Up / Page Down), taking over, the variants ("replay with
//! the rule broken") and, for the timing lesson, the live election chart.

use yew::prelude::*;

use super::shared::{LabRef, Prefs};
use super::timing_chart::TimingChart;
use crate::app::Command;
use crate::app::lesson_mode::{LessonPhase, LessonSession};
use crate::lessons::{self, Chart, Question};

#[derive(Properties, PartialEq)]
pub struct LessonProps {
    pub lab: LabRef,
    pub prefs: Prefs,
    pub dispatch: Callback<Command>,
}

fn send(dispatch: &Callback<Command>, cmd: Command) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_| dispatch.emit(cmd.clone()))
}

/// The question of a step, its choices and, once answered, the feedback.
fn question(q: &Question, answer: Option<usize>, p: Prefs, dispatch: &Callback<Command>) -> Html {
    let feedback = answer.map(|a| {
        let right = q.is_correct(a);
        html! {
            <div class={classes!("feedback", if right { "right" } else { "wrong" })} role="status">
                <strong>{ if right { p.t("Right.", "答对了。") } else { p.t("Not quite.", "不完全对。") } }</strong>
                { " " }{ q.explain.get(p.lang) }
            </div>
        }
    });
    html! {
        <div class="question">
            <p class="prompt">{ q.prompt.get(p.lang) }</p>
            <div class="choices">
                { for q.choices.iter().enumerate().map(|(i, c)| {
                    let state = answer.map(|a| if q.is_correct(i) { "right" } else if a == i { "wrong" } else { "" });
                    html! {
                        <button type="button" class={classes!("choice", state)} aria-pressed={(answer == Some(i)).to_string()}
                            onclick={send(dispatch, Command::Answer(i))}>{ c.get(p.lang) }</button>
                    }
                }) }
            </div>
            { feedback.unwrap_or_default() }
        </div>
    }
}

/// Main run and variants, as buttons that replay the lesson that way.
fn variants(s: &LessonSession, p: Prefs, dispatch: &Callback<Command>) -> Html {
    let lesson = s.lesson();
    if lesson.variants.is_empty() {
        return html! {};
    }
    let start = |variant: Option<&str>| {
        send(
            dispatch,
            Command::StartLesson {
                id: lesson.id.to_string(),
                variant: variant.map(str::to_string),
            },
        )
    };
    html! {
        <div class="variants" role="group" aria-label={p.t("Replay the lesson another way", "换一种方式重放本课").to_string()}>
            <span class="muted">{ p.t("Replay:", "重放：") }</span>
            <button type="button" aria-pressed={s.variant().is_none().to_string()} onclick={start(None)}>{ p.t("as Raft is", "按 Raft 原样") }</button>
            { for lesson.variants.iter().map(|v| html! {
                <button type="button" aria-pressed={(s.variant() == Some(v.id)).to_string()} data-variant={v.id}
                    title={v.summary.get(p.lang).to_string()} onclick={start(Some(v.id))}>{ v.label.get(p.lang) }</button>
            }) }
        </div>
    }
}

#[function_component(LessonPanel)]
pub fn lesson_panel(props: &LessonProps) -> Html {
    let c = props.lab.get();
    let Some(s) = c.lesson() else {
        return html! {};
    };
    let p = props.prefs;
    let d = &props.dispatch;
    let lesson = s.lesson();
    let phase = s.phase();
    let steps = s.steps().len();
    let step_no = s.current().map(|(n, _)| n);
    let title = format!(
        "{} {} · {}",
        p.t("Lesson", "第"),
        lesson.number,
        lesson.title.get(p.lang)
    );
    let title = if p.lang == crate::lang::Lang::Zh {
        format!("第 {} 课 · {}", lesson.number, lesson.title.get(p.lang))
    } else {
        title
    };
    let body = match (phase, s.current()) {
        (LessonPhase::Intro, _) | (_, None) => html! {
            <p class="say">{ lesson.summary.get(p.lang) }</p>
        },
        (_, Some((n, step))) => html! {
            <>
                <p class="step-no">{ match p.lang {
                    crate::lang::Lang::En => format!("Step {} of {steps}", n + 1),
                    crate::lang::Lang::Zh => format!("第 {} 步，共 {steps} 步", n + 1),
                } }</p>
                <p class="say">{ step.say.get(p.lang) }</p>
                <p class="watch"><strong>{ p.t("Watch: ", "注意看：") }</strong>{ step.watch.get(p.lang) }</p>
                { step.question.as_ref().map(|q| question(q, s.answer_of(n), p, d)).unwrap_or_default() }
            </>
        },
    };
    let (next_label, next_title) = match phase {
        LessonPhase::Intro if !c.playing() => (
            p.t("Start ▶", "开始 ▶"),
            p.t(
                "Play to the first step (Page Down)",
                "播放到第一步（Page Down）",
            ),
        ),
        LessonPhase::Intro | LessonPhase::Playing(_) if c.playing() => (
            p.t("Skip to the step ▶▶", "直接到下一步 ▶▶"),
            p.t(
                "Go straight to the next step (Page Down)",
                "直接跳到下一步（Page Down）",
            ),
        ),
        LessonPhase::Free(_) => (
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
        LessonPhase::Free(_) => Some(p.t(
            "You took over: the lab is yours from this moment. The lesson's script plays on until you change something; then it is kept as a branch.",
            "你已接管：从此刻起实验由你掌控。在你做出改变之前，课程的脚本会继续播放；改变之后它会保留为一个分支。",
        )),
        LessonPhase::Finished => Some(p.t("End of the lesson.", "本课结束。")),
        _ => None,
    };
    let next_lesson = lessons::all().get(usize::from(lesson.number));
    html! {
        <section class="panel lesson" aria-labelledby="lesson-h" data-lesson={lesson.id}
            data-phase={phase.name()} data-step={step_no.map_or(String::new(), |n| n.to_string())}
            data-playing={c.playing().to_string()}>
            <header>
                <h2 id="lesson-h">{ title }</h2>
                <button type="button" class="close" onclick={send(d, Command::CloseLesson)}
                    aria-label={p.t("Close the lesson", "关闭课程").to_string()}>{ "×" }</button>
            </header>
            { body }
            if let Some(text) = status {
                <p class="status" role="status">{ text }</p>
            }
            <div class="lesson-nav">
                <button type="button" class="prev" onclick={send(d, Command::LessonPrev)} disabled={phase == LessonPhase::Intro}
                    title={p.t("Previous step (Page Up)", "上一步（Page Up）").to_string()}>{ p.t("◀ Previous", "◀ 上一步") }</button>
                if phase == LessonPhase::Finished {
                    <button type="button" onclick={send(d, Command::Reset)}>{ p.t("Replay", "重新播放") }</button>
                    if let Some(next) = next_lesson {
                        <button type="button" class="primary" onclick={send(d, Command::StartLesson { id: next.id.to_string(), variant: None })}>
                            { p.t("Next lesson ▶", "下一课 ▶") }
                        </button>
                    }
                } else {
                    <button type="button" class="primary next" onclick={send(d, Command::LessonNext)} title={next_title.to_string()}>{ next_label }</button>
                }
                if !matches!(phase, LessonPhase::Free(_)) {
                    <button type="button" class="take-over" onclick={send(d, Command::TakeOver)}
                        title={p.t("Continue freely from this moment: act on the servers and the network yourself. The lesson's future is kept as a branch.", "从此刻起自由探索：自己操作服务器和网络。课程原来的未来会保留为一个分支。").to_string()}>
                        { p.t("Take over", "接管") }
                    </button>
                }
            </div>
            { variants(s, p, d) }
            if lesson.chart == Some(Chart::ElectionTimes) {
                <TimingChart prefs={p} />
            }
        </section>
    }
}
