// The guided lessons in a real browser: every lesson of the course plays to
// its end in English and in Chinese through the clicker keys, answering each
// question, without a console error; a variant replays with the rule broken;
// taking over hands the lab to the learner; the timing lesson draws its chart.
import { expect, test } from "@playwright/test";
import { APP, open, shot, watchConsole } from "./lib.mjs";
import { prose, untranslated } from "./zh.mjs";

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "standard", "behaviour is checked at one pixel ratio");
});

const panel = (page) => page.locator(".panel.lesson");

// Presses Page Down until the lesson is finished, answering the questions
// of the steps it stops at.
async function playToTheEnd(page, chinese = false) {
  // One read of the panel's state per press, so a change the lab makes by
  // itself meanwhile (a step reached, the end) is never waited for again.
  const state = () => {
    const p = document.querySelector(".panel.lesson");
    return `${p.dataset.phase}/${p.dataset.step}/${p.dataset.playing}`;
  };
  for (let presses = 0; presses < 80; presses++) {
    const before = await page.evaluate(state);
    const phase = before.split("/")[0];
    if (phase === "finished") return;
    if (phase === "paused") {
      await expect(panel(page).locator(".say")).not.toBeEmpty();
      const choices = panel(page).locator(".choice");
      const n = await choices.count();
      // Every answer, wrong ones included, explains itself.
      for (let i = 0; i < n; i++) {
        await choices.nth(i).click();
        await expect(panel(page).locator(".feedback")).toBeVisible();
        if (chinese) {
          const text = await prose(page, panel(page));
          expect(untranslated(text), `${before} answer ${i}`).toEqual([]);
        }
      }
      if (chinese && n === 0) expect(untranslated(await prose(page, panel(page))), before).toEqual([]);
    }
    await page.keyboard.press("PageDown");
    await page.waitForFunction((before) => {
      const p = document.querySelector(".panel.lesson");
      return `${p.dataset.phase}/${p.dataset.step}/${p.dataset.playing}` !== before;
    }, before);
  }
  throw new Error("the lesson did not finish");
}

for (const lang of ["en", "zh"]) {
  test(`every lesson plays to its end (${lang})`, async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    const { errors } = await watchConsole(page);
    await open(page, `${APP}#lang=${lang}&seed=1&speed=1`);
    // The course index is fetched: wait for the picker to list it.
    await expect(page.locator('.lesson-picker option:not([value=""])')).toHaveCount(14);
    const ids = await page
      .locator(".lesson-picker option")
      .evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    expect(ids).toHaveLength(14);
    for (const id of ids) {
      await page.locator(".lesson-picker select").selectOption(id);
      await expect(panel(page)).toHaveAttribute("data-lesson", id);
      await expect(panel(page)).toHaveAttribute("data-phase", "intro");
      await playToTheEnd(page, lang === "zh");
      await expect(panel(page).locator(".status")).toContainText(lang === "en" ? "End of the lesson" : "本课结束");
      // Every step fired: the last one shown is the last of the lesson.
      const [k, n] = (await panel(page).locator(".step-no").innerText()).match(/\d+/g).map(Number);
      expect(k, id).toBe(n);
      expect(n, id).toBeGreaterThanOrEqual(3);
      if (id === "figure8") await page.screenshot({ path: shot(testInfo, `lesson-figure8-${lang}`) });
    }
    expect(errors).toEqual([]);
  });
}

test("a variant replays the lesson with the rule broken", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await open(page, `${APP}#lesson=figure8&variant=unsafe-commit&lang=en`);
  await expect(panel(page).locator('.variants [data-variant="unsafe-commit"]')).toHaveAttribute("aria-pressed", "true");
  await playToTheEnd(page);
  await expect(page.locator(".invariant.bad")).not.toHaveCount(0);
  await page.screenshot({ path: shot(testInfo, "lesson-rule-broken") });
  await panel(page).getByRole("button", { name: "as Raft is" }).click();
  await expect(panel(page)).toHaveAttribute("data-phase", "intro");
  expect(errors).toEqual([]);
});

test("taking over hands the lab to the learner and the lesson can resume", async ({ page }) => {
  const { errors } = await watchConsole(page);
  await open(page, `${APP}#lesson=leader-crash&lang=en&speed=1`);
  await page.keyboard.press("PageDown");
  await expect(panel(page)).toHaveAttribute("data-phase", "paused");
  await expect(page.locator(".event-list .event.current")).toHaveCount(1);
  await panel(page).getByRole("button", { name: "Take over" }).click();
  await expect(panel(page)).toHaveAttribute("data-phase", "free");
  await page.keyboard.press("1");
  await page.keyboard.press("c");
  await expect(page.locator(".notice.info")).toContainText("branch 1");
  await panel(page).getByRole("button", { name: /Back to the lesson/ }).click();
  await expect(panel(page)).toHaveAttribute("data-phase", "paused");
  await expect(panel(page)).toHaveAttribute("data-step", "1");
  await page.keyboard.press("PageUp");
  await expect(panel(page)).toHaveAttribute("data-step", "0");
  expect(errors).toEqual([]);
});

test("the timing lesson fills in its Figure 16 chart", async ({ page }, testInfo) => {
  // A thousand trials per range, computed a few per frame.
  test.setTimeout(180_000);
  const { errors } = await watchConsole(page);
  await open(page, `${APP}#lesson=timing&lang=en&speed=1`);
  const chart = page.locator(".timing-chart canvas");
  await expect(chart).toHaveAttribute("data-trials", "6000/6000", { timeout: 150_000 });
  await page.keyboard.press("PageDown");
  await expect(panel(page)).toHaveAttribute("data-phase", "paused");
  await page.screenshot({ path: shot(testInfo, "lesson-timing-chart") });
  await page.locator(".timing-chart").getByRole("button", { name: "Shorter or longer timeouts" }).click();
  await expect(chart).toHaveAttribute("data-trials", "5000/5000", { timeout: 150_000 });
  expect(errors).toEqual([]);
});

test("an unknown lesson says which exist and opens the lab", async ({ page }) => {
  const { errors } = await watchConsole(page);
  await open(page, `${APP}#lesson=figure9&lang=en`);
  await expect(page.locator(".notice.error")).toContainText('There is no lesson "figure9"');
  await expect(page.locator(".notice.error")).toContainText("figure8");
  await expect(panel(page)).toHaveCount(0);
  await expect(page.locator(".servers-table tbody tr")).toHaveCount(5);
  expect(errors.filter((e) => !e.includes("favicon"))).toEqual([]);
});
