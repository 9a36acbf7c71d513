//! Checking what a lesson's steps claim (docs/lessons.md, "Claims"): while a
//! lesson plays, every trace event is counted against the claims of the
//! stretches it falls in, and every condition is checked after every engine
//! step; a claim is settled when its stretch ends. A lesson that says
//! "S5 wins term 4" but whose run does not show it fails its claim, in the
//! tests and in `raftlab-sim lesson`; in the page, what the claims wait for
//! sets the pace ([`super::Pace`]).

use super::cue::Cues;
use super::data::{Claim, ClaimKind, Step};

/// Where a claim stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Its stretch has not begun or not ended, and the count so far settles nothing.
    Pending,
    /// It holds (for good: a count that can only grow has reached its bound,
    /// or the stretch is over).
    Held,
    /// It does not hold, and never will in this play.
    Failed,
}

/// A claim of a step, as checked so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimReport {
    /// The step (zero-based) and the claim's place in its `expect` list.
    pub step: usize,
    pub index: usize,
    pub kind: ClaimKind,
    /// The claim as written in the lesson file.
    pub source: String,
    /// Matching events so far (for a condition: checks at which it held).
    pub count: u32,
    pub status: Status,
}

/// The counts of every claim of a track, and which stretches are over.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Tally {
    counts: Vec<Vec<u32>>,
    /// Per step: whether its `happened` window is over (the step fired).
    happened_done: Vec<bool>,
    /// Per step: whether its own stretch is over (the next step fired or the run ended).
    stretch_done: Vec<bool>,
}

impl Tally {
    pub(super) fn new<C>(steps: &[Step<C>]) -> Self {
        Tally {
            counts: steps.iter().map(|s| vec![0; s.expect.len()]).collect(),
            happened_done: vec![false; steps.len()],
            stretch_done: vec![false; steps.len()],
        }
    }

    /// The claims counting now, with `fired` steps fired: the stretch of the
    /// latest step (`happens`, `never`) and the window of the next (`happened`).
    fn active<'a, C>(
        fired: usize,
        steps: &'a [Step<C>],
        own: bool,
        next: bool,
    ) -> impl Iterator<Item = (usize, usize, &'a Claim<C>)> + 'a {
        let mine = fired.checked_sub(1).filter(|_| own);
        let ahead = Some(fired).filter(|_| next);
        let own = mine.into_iter().flat_map(move |n| {
            steps[n]
                .expect
                .iter()
                .enumerate()
                .filter(|(_, c)| c.kind != ClaimKind::Happened)
                .map(move |(i, c)| (n, i, c))
        });
        let next = ahead
            .and_then(|f| steps.get(f))
            .into_iter()
            .flat_map(move |s| {
                s.expect
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.kind == ClaimKind::Happened)
                    .map(move |(i, c)| (fired, i, c))
            });
        own.chain(next)
    }

    /// Counts a trace event for the stretch of the latest step (`own`) and
    /// the window of the next (`next`); true if a positive claim waits for it.
    pub(super) fn event<P: Cues>(
        &mut self,
        fired: usize,
        steps: &[Step<P::Cue>],
        ev: &P::Event,
        own: bool,
        next: bool,
    ) -> bool {
        let mut notable = false;
        for (n, i, c) in Self::active(fired, steps, own, next) {
            if !P::is_condition(&c.cue) && P::matches(&c.cue, ev) {
                self.counts[n][i] += 1;
                notable |= c.is_positive();
            }
        }
        notable
    }

    /// Counts a trace event of the engine step that began step `n`, after
    /// the event that began it: visible at the pause, so part of what the
    /// step says just happened.
    pub(super) fn at_moment<P: Cues>(&mut self, n: usize, steps: &[Step<P::Cue>], ev: &P::Event) {
        let Some(step) = steps.get(n) else {
            return;
        };
        for (i, c) in step.expect.iter().enumerate() {
            if c.kind == ClaimKind::Happened && !P::is_condition(&c.cue) && P::matches(&c.cue, ev) {
                self.counts[n][i] += 1;
            }
        }
    }

    /// Checks the conditions of the active claims in `world`; true if one a
    /// positive claim waits for holds for the first time in its window.
    pub(super) fn world<P: Cues>(
        &mut self,
        fired: usize,
        steps: &[Step<P::Cue>],
        world: &P::World,
    ) -> bool {
        let mut notable = false;
        for (n, i, c) in Self::active(fired, steps, true, true) {
            if P::is_condition(&c.cue) && P::holds(&c.cue, world) {
                let first = self.counts[n][i] == 0;
                self.counts[n][i] = self.counts[n][i].saturating_add(1);
                notable |= first && c.is_positive();
            }
        }
        notable
    }

    /// Step `n` fires: its `happened` window ends, and the stretch of the step before.
    pub(super) fn fire(&mut self, n: usize) {
        if let Some(d) = self.happened_done.get_mut(n) {
            *d = true;
        }
        if let Some(d) = n.checked_sub(1).and_then(|p| self.stretch_done.get_mut(p)) {
            *d = true;
        }
    }

    /// The run ended after `fired` steps: every window still open is over.
    pub(super) fn finish(&mut self, fired: usize) {
        if let Some(d) = fired
            .checked_sub(1)
            .and_then(|p| self.stretch_done.get_mut(p))
        {
            *d = true;
        }
    }

    /// Every claim of the track, as checked so far.
    pub(super) fn reports<C>(&self, steps: &[Step<C>]) -> Vec<ClaimReport> {
        let mut out = Vec::new();
        for (n, step) in steps.iter().enumerate() {
            for (i, c) in step.expect.iter().enumerate() {
                let count = self.counts[n][i];
                let done = match c.kind {
                    ClaimKind::Happened => self.happened_done[n],
                    _ => self.stretch_done[n],
                };
                let status = if done {
                    if c.holds_for(count) {
                        Status::Held
                    } else {
                        Status::Failed
                    }
                } else if c.at_most.is_some_and(|m| count > m) {
                    Status::Failed
                } else if c.at_most.is_none() && count >= c.at_least {
                    Status::Held
                } else {
                    Status::Pending
                };
                out.push(ClaimReport {
                    step: n,
                    index: i,
                    kind: c.kind,
                    source: c.source.clone(),
                    count,
                    status,
                });
            }
        }
        out
    }
}
