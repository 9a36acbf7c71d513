//! The live chart of the timing lesson (after Figure 16 of the Raft paper):
//! election trials run a few per animation frame, within a time budget, so
//! the page never freezes, and the lines grow as results come in. Two sets
//! of timeout ranges: more or less randomness, and shorter or longer timeouts.

use yew::prelude::*;

use crate::draw;
use crate::protocols::raft::timing::{PAPER_RANGES, PAPER_SHORT_RANGES, TrialRun};
use crate::ui::canvas_fit::{CanvasEvent, CanvasLoop};
use crate::ui::shared::Prefs;
use crate::view::palette::canvas_colors;
use crate::viewport::Viewport;

/// Trials per timeout range, as many as the figures the paper published are
/// checked against (tests/lessons.rs).
const TRIALS: u32 = 1000;
/// Fixed, so every learner sees the same chart.
const SEED: u64 = 16;
/// Milliseconds of trials per frame at most (at least one trial runs).
const FRAME_BUDGET_MS: f64 = 8.0;

struct Live {
    run: TrialRun,
    view: Option<Viewport>,
    prefs: Prefs,
    dirty: bool,
}

fn now_ms() -> f64 {
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

fn paint(live: &mut Live, ctx: &web_sys::CanvasRenderingContext2d) {
    let Some(view) = live.view else { return };
    let colors = canvas_colors(live.prefs.theme);
    draw::clear_with(ctx, &view, colors.background);
    if !view.is_empty() {
        super::draw_chart::paint(
            ctx,
            (view.css_width, view.css_height),
            &colors,
            live.prefs.scale(),
            &live.run,
            live.prefs.lang,
        );
    }
    live.dirty = false;
}

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub prefs: Prefs,
}

#[function_component(TimingChart)]
pub fn timing_chart(props: &ChartProps) -> Html {
    let short = use_state(|| false);
    let container = use_node_ref();
    let canvas = use_node_ref();
    let ranges: &[(u64, u64)] = if *short {
        &PAPER_SHORT_RANGES
    } else {
        &PAPER_RANGES
    };
    let live = use_mut_ref(|| Live {
        run: TrialRun::new(ranges, TRIALS, SEED),
        view: None,
        prefs: props.prefs,
        dirty: true,
    });
    {
        let mut l = live.borrow_mut();
        if l.prefs != props.prefs {
            l.prefs = props.prefs;
            l.dirty = true;
        }
    }
    {
        let (container, canvas, live) = (container.clone(), canvas.clone(), live.clone());
        use_effect_with(*short, move |short| {
            let ranges: &[(u64, u64)] = if *short {
                &PAPER_SHORT_RANGES
            } else {
                &PAPER_RANGES
            };
            {
                let mut l = live.borrow_mut();
                l.run = TrialRun::new(ranges, TRIALS, SEED);
                l.dirty = true;
            }
            let element = canvas.cast::<web_sys::Element>();
            let canvas_loop = CanvasLoop::start(&container, &canvas, move |event, ctx| {
                let mut l = live.borrow_mut();
                if let CanvasEvent::Resized(view) = event {
                    l.view = Some(view);
                    return paint(&mut l, ctx);
                }
                if !l.run.is_done() {
                    let start = now_ms();
                    while l.run.step() && now_ms() - start < FRAME_BUDGET_MS {}
                    l.dirty = true;
                    if let Some(el) = &element {
                        let (done, all) = l.run.progress();
                        let _ = el.set_attribute("data-trials", &format!("{done}/{all}"));
                    }
                }
                if l.dirty {
                    paint(&mut l, ctx);
                }
            });
            move || drop(canvas_loop)
        });
    }
    let p = props.prefs;
    let pick = |to_short: bool| {
        let short = short.clone();
        Callback::from(move |_: MouseEvent| short.set(to_short))
    };
    html! {
        <figure class="timing-chart">
            <div class="chart-box" ref={container}>
                <canvas ref={canvas} role="img" aria-label={p.t(
                    "Cumulative share of trials that had elected a new leader, against the time since the leader crashed, for several ranges of election timeouts",
                    "在几种选举超时范围下，已选出新领导者的试验所占累计比例随领导者崩溃后时间的变化",
                ).to_string()}></canvas>
            </div>
            <figcaption>
                <button type="button" aria-pressed={(!*short).to_string()} onclick={pick(false)}>{ p.t("More or less randomness", "随机范围大小") }</button>
                <button type="button" aria-pressed={short.to_string()} onclick={pick(true)}>{ p.t("Shorter or longer timeouts", "超时长短") }</button>
                <span class="muted">{ p.t("like Figure 16 of the Raft paper; ◇ the paper's published figures", "仿照 Raft 论文的图 16；◇ 为论文公布的数据") }</span>
                <p class="muted chart-note">{ p.t(
                    "Model: one-way network 0.1–0.4 ms; a disk write of new entries 10–20 ms (a broadcast ≈ 15 ms), of only the term and vote 2–4 ms. With every write 10–20 ms, a candidate's RequestVote leaves after its own write, later than the 5 ms spread of 150–155 ms: every server times out first, votes split again and again, and the median grows from about 0.3 s to 3.5 s.",
                    "模型：单向网络 0.1–0.4 ms；写入新条目的磁盘写 10–20 ms（一次广播约 15 ms），只写任期和投票 2–4 ms。若每次写都要 10–20 ms，候选者要等自己的写完成才发出 RequestVote，晚于 150–155 ms 的 5 ms 随机范围：其他服务器都已先超时，选票一再分裂，中位数从约 0.3 秒增至 3.5 秒。",
                ) }</p>
            </figcaption>
        </figure>
    }
}
