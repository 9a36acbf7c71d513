//! The gossip view's read-outs: the informed-fraction chart with the model
//! over it, counters for coverage, messages, redundancy and residue, SWIM's
//! detection times and false positives, and the selected node.

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::app::{Command, Controller};
use crate::lang::Lang;
use crate::protocols::gossip::Gossip;
use crate::protocols::gossip::app::GossipCommand;
use crate::protocols::gossip::chart::chart;
use crate::protocols::gossip::scene::{MAX_DRAWN_MESSAGES, flash_window, sent_recently};
use crate::protocols::gossip::theory::{StopSource, stop_model, swim_first_detection_periods};
use crate::protocols::gossip::{Health, MemberState, Mode, RumorId, RumorState};
use crate::sim::{NodeId, SimDuration};
use crate::ui::canvas_fit::sized;
use crate::ui::shared::Cx;
use crate::ui::shared::Prefs;
use crate::view::palette::canvas_colors;

/// `part` of `whole` in whole percent, rounded down: 1991 of 2000 is 99 %,
/// never a 100 % that the "100 % reached" row beside it contradicts.
fn percent_floor(part: usize, whole: usize) -> usize {
    (part * 100).checked_div(whole).unwrap_or(0)
}

fn secs(d: SimDuration) -> String {
    format!("{:.2} s", d.as_millis_f64() / 1000.0)
}

fn member_name(m: MemberState, lang: Lang) -> &'static str {
    match m {
        MemberState::Alive => lang.pick("alive", "存活"),
        MemberState::Suspect => lang.pick("suspect", "疑似故障"),
        MemberState::Dead | MemberState::Left => lang.pick("dead", "已故障"),
    }
}

fn state_name(s: RumorState, lang: Lang) -> &'static str {
    match s {
        RumorState::Susceptible => lang.pick("has not heard it", "尚未听说"),
        RumorState::Spreading => lang.pick("spreading it", "正在传播"),
        RumorState::Removed => lang.pick("knows it, stopped spreading", "已知晓，已停止传播"),
    }
}

/// One line about node `id`: health, the rumor on show, and SWIM's verdict.
pub fn node_summary(c: &Controller<Gossip>, id: NodeId, lang: Lang) -> String {
    let w = c.world();
    if id.index() >= w.node_count() {
        return String::new();
    }
    let up = match w.health(id) {
        Health::Up => lang.pick("up", "运行中"),
        _ => lang.pick("down", "已宕机"),
    };
    let mut parts = vec![format!("{id}: {up}")];
    if let Some(r) = c.shown_rumor() {
        let key = &w.rumor(r).key;
        parts.push(state_name(w.rumor_state(id, r), lang).to_string());
        if let Some(v) = w.value_at(id, key) {
            parts.push(format!("{key} = {} (v{})", v.value, v.version));
        }
    }
    if w.config().swim.enabled {
        let m = member_name(w.opinion(id).worst(), lang);
        parts.push(format!("SWIM: {m}"));
    }
    parts.join(" · ")
}

/// Paints the chart of `rumor` on `canvas`, sized to its box.
fn paint_chart(canvas: &NodeRef, c: &Controller<Gossip>, rumor: Option<RumorId>, prefs: Prefs) {
    let Some((ctx, view)) = sized(canvas) else {
        return;
    };
    let model = rumor.map(|r| chart(c.world(), r));
    let colors = canvas_colors(prefs.theme);
    crate::protocols::gossip::ui::draw_chart::paint(
        &ctx,
        &view,
        model.as_ref(),
        &colors,
        prefs.lang,
    );
}

#[function_component(CountersPanel)]
pub fn counters_panel(props: &Cx<Gossip>) -> Html {
    let canvas = use_node_ref();
    let c = props.lab.get();
    let p = props.prefs;
    let l = p.lang;
    let w = c.world();
    let rumor = c.shown_rumor();
    {
        let (canvas, ctrl) = (canvas.clone(), props.lab.ctrl.clone());
        use_effect(move || {
            let c = ctrl.borrow();
            paint_chart(&canvas, &c, c.shown_rumor(), p);
        });
    }
    let cfg = w.config();
    let live = w.live_count();
    let counters = w.counters();
    let swim_sent: u64 = counters.messages_sent() - counters.rumor_messages();
    let dropped: u64 = counters.dropped.iter().sum();
    let in_flight = w.network().in_flight().len();
    let recent = sent_recently(w);
    let drawn = recent.min(MAX_DRAWN_MESSAGES);
    let window = flash_window(w).as_millis_f64();
    let pick = {
        let d = props.dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
                .and_then(|el| el.value().parse::<u32>().ok())
            {
                d.emit(Command::Protocol(GossipCommand::ShowRumor(RumorId(v))));
            }
        })
    };
    let rumor_rows = rumor.map(|r| {
        let s = w.rumor_stats(r);
        let reach = |pct: u32| {
            s.reach(pct).map_or("–".to_string(), |x| {
                format!("{} {} · {}", x.rounds, l.pick("rounds", "轮"), secs(x.after))
            })
        };
        let per_node = s.redundant as f64 / f64::from(s.informed.max(1));
        let done = s.spreading == 0 || s.informed as usize == live;
        let residue = if done {
            format!("{:.1}%", w.residue(r) * 100.0)
        } else {
            l.pick("(still spreading)", "（仍在传播）").to_string()
        };
        // What theory predicts for this stop rule, and where the figure comes from.
        let model_residue = stop_model(&cfg.spread).map(|m| {
            let from = match m.source {
                StopSource::Equation => l.pick("equation", "方程"),
                StopSource::Table1 => l.pick("Demers et al. Table 1", "Demers 等人表 1"),
            };
            format!("{:.1}% ({from})", m.residue * 100.0)
        });
        html! {
            <>
                <dt>{ l.pick("informed", "已知晓") }</dt>
                <dd class="g-informed" data-informed={s.informed.to_string()} data-live={live.to_string()}>
                    { format!("{} / {live} ({}%)", s.informed, percent_floor(s.informed as usize, live)) }
                </dd>
                <dt>{ l.pick("spreading", "传播中") }</dt><dd>{ s.spreading }</dd>
                <dt>{ l.pick("50 % reached", "覆盖 50%") }</dt><dd>{ reach(50) }</dd>
                <dt>{ l.pick("100 % reached", "覆盖 100%") }</dt><dd class="g-all">{ reach(100) }</dd>
                <dt>{ l.pick("redundant receptions", "冗余接收") }</dt>
                <dd>{ format!("{} ({per_node:.1} {})", s.redundant, l.pick("per informed node", "每个已知晓节点")) }</dd>
                <dt>{ l.pick("residue", "残留") }</dt>
                <dd>{ residue }{ model_residue.map(|m| format!(" · {} {m}", l.pick("model", "模型"))).unwrap_or_default() }</dd>
            </>
        }
    });
    let classic = rumor.and_then(|r| chart(w, r).classic);
    let swim_first = cfg.swim.enabled && rumor.is_none();
    html! {
        <section class="panel g-counters" aria-labelledby="g-counters-h">
            <header>
                <h2 id="g-counters-h">{ if swim_first { l.pick("Failure detection", "故障检测") } else { l.pick("Spread", "传播") } }</h2>
                if w.rumors().len() > 1 {
                    <label class="g-rumor">
                        <span class="sr-only">{ l.pick("Rumor on show", "显示的传闻") }</span>
                        <select onchange={pick}>
                            { for w.rumors().iter().map(|r| html! {
                                <option value={r.id.0.to_string()} selected={Some(r.id) == rumor}>
                                    { format!("#{} {} = {} (v{}) @{}", r.id, r.key, r.value, r.version, r.origin) }
                                </option>
                            }) }
                        </select>
                    </label>
                }
            </header>
            // With SWIM on and no rumor yet, failure detection is the story:
            // its read-out comes first.
            if swim_first {
                { swim_rows(&c, l) }
            }
            <canvas ref={canvas} class={classes!("g-chart", swim_first.then_some("hidden"))} role="img"
                aria-label={l.pick("Informed fraction per round, measured and predicted", "每轮已知晓比例：实测与理论")}></canvas>
            <p class="g-legend g-shapes" aria-label={l.pick("What the shapes mean", "图形含义")}>
                <span class="not">{ l.pick("○ not heard", "○ 未听说") }</span>
                <span class="spreading">{ l.pick("▲ spreading", "▲ 传播中") }</span>
                <span class="stopped">{ l.pick("■ stopped spreading", "■ 已停止传播") }</span>
                <span class="other">{ l.pick("◆ another value of the key", "◆ 该键的另一个值") }</span>
                <span>{ l.pick("✕ down", "✕ 宕机") }</span>
                if cfg.swim.enabled {
                    <span class="suspect">{ l.pick("◌ suspected", "◌ 被怀疑") }</span>
                    <span class="dead">{ l.pick("◯ declared dead", "◯ 被宣告失效") }</span>
                }
            </p>
            <p class="g-legend">
                <span class="measured">{ l.pick("━ measured", "━ 实测") }</span>
                <span class="model">{ l.pick("╌ mean-field model", "╌ 平均场模型") }</span>
                if let Some(k) = classic {
                    <span class="classic">{ format!("┆ {} ≈ {k:.1} {}", match cfg.spread.mode {
                        Mode::Push => l.pick("Pittel: log₂n + ln n", "Pittel 估计：log₂n + ln n"),
                        _ => l.pick("Karp et al.: log₃n", "Karp 等人估计：log₃n"),
                    }, l.pick("rounds", "轮")) }</span>
                }
            </p>
            <dl class="fields g-fields">
                { for rumor_rows }
                <dt>{ l.pick("messages sent", "已发送消息") }</dt>
                <dd class="g-sent">{ format!("{} ({} {}, {} SWIM)", counters.messages_sent(), counters.rumor_messages(), l.pick("rumor", "传闻"), swim_sent) }</dd>
                <dt>{ l.pick("lost", "丢失") }</dt><dd>{ dropped }</dd>
                <dt>{ l.pick("on the canvas", "画布上") }</dt>
                <dd class="g-sample" data-drawn={drawn.to_string()} data-sent={recent.to_string()} data-in-flight={in_flight.to_string()}>
                    { if drawn < recent {
                        format!("{} {drawn} {} {recent} {} {window:.0} {}", l.pick("showing", "显示"), l.pick("of", "/"),
                            l.pick("messages sent in the last", "条消息（最近"), l.pick("ms (an even sample)", "毫秒内发送，均匀抽样）"))
                    } else {
                        format!("{} {recent} {} {window:.0} {}", l.pick("showing all", "显示全部"),
                            l.pick("messages sent in the last", "条消息（最近"), l.pick("ms", "毫秒内发送）"))
                    } }
                    { format!(" · {} {}", in_flight.min(MAX_DRAWN_MESSAGES), l.pick("dots in flight", "个传输中的圆点")) }
                    { if in_flight > MAX_DRAWN_MESSAGES { format!(" {} {in_flight}", l.pick("of", "/")) } else { String::new() } }
                </dd>
            </dl>
            if cfg.swim.enabled && !swim_first {
                { swim_rows(&c, l) }
            }
            if let Some(id) = c.selected_node() {
                <p class="g-selected" data-node={id.0.to_string()}
                    data-member={member_name(w.opinion(id).worst(), Lang::En)}
                    data-up={(w.health(id) == Health::Up).to_string()}>
                    { node_summary(&c, id, l) }
                </p>
            }
        </section>
    }
}

/// SWIM: each crash with its detection times, false positives, and the model's first-detection time.
fn swim_rows(c: &Controller<Gossip>, l: Lang) -> Html {
    let w = c.world();
    let cfg = w.config();
    let fp = w.false_positives();
    let model =
        swim_first_detection_periods(w.live_count().max(2)) * cfg.swim.period.as_millis_f64();
    html! {
        <div class="g-swim">
            <h3>{ l.pick("SWIM failure detection", "SWIM 故障检测") }</h3>
            <ul class="g-failures">
                { for w.failures().iter().map(|f| {
                    let state = w.opinion(f.node).worst();
                    let first = f.first_detection().map_or("–".into(), secs);
                    let full = f.full_detection().map_or("–".into(), secs);
                    html! {
                        <li data-node={f.node.0.to_string()} data-member={member_name(state, Lang::En)}>
                            { format!("{}: {} {} · {} {first} · {} {full} · {}",
                                f.node, l.pick("crashed at", "崩溃于"), secs(SimDuration(f.crashed_at.0)),
                                l.pick("first suspected after", "首次被怀疑于"),
                                l.pick("everyone knows after", "全员知晓于"),
                                member_name(state, l)) }
                        </li>
                    }
                }) }
            </ul>
            <p>
                { format!("{} {:.2} s · {} {} / {}",
                    l.pick("model: first detection after about", "模型：首次检测约需"), model / 1000.0,
                    l.pick("false positives (suspected / declared dead):", "误报（怀疑 / 宣告故障）："),
                    fp.suspected, fp.declared_dead) }
            </p>
        </div>
    }
}
