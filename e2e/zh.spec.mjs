// The Chinese interface has no English left in it: every view, every
// dialog, a run's narration, and every step of the Gossip and Quorum NWR
// lessons (the Raft lessons are read step by step in lessons.spec.mjs). Names such as Raft,
// SWIM, S1 or AppendEntries stay as they are (zh.mjs lists them).
import { expect, test } from "@playwright/test";
import { APP, open, watchConsole } from "./lib.mjs";
import { prose, untranslated } from "./zh.mjs";

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "standard", "text is checked at one pixel ratio");
});

// Every text on the page, including what only screen readers get.
const pageText = (page) => prose(page);

async function expectChinese(page, where) {
  const words = untranslated(await pageText(page));
  expect(words, where).toEqual([]);
}

// Opens each dialog, reads it, and closes it again.
async function everyDialog(page, where) {
  for (const name of ["分享", "设置", "帮助"]) {
    await page.getByRole("button", { name, exact: true }).first().click();
    await expect(page.locator(".overlay")).toBeVisible();
    await expectChinese(page, `${where}: ${name}`);
    await page.keyboard.press("Escape");
    await expect(page.locator(".overlay")).toHaveCount(0);
  }
}

test("the Raft view, its dialogs and a run's narration are all in Chinese", async ({ page }) => {
  const { errors } = await watchConsole(page);
  await open(page, `${APP}#lang=zh&seed=3&speed=1`);
  await expectChinese(page, "raft: first look");
  await everyDialog(page, "raft");
  await page.keyboard.press(" ");
  await page.waitForFunction(() => Number(document.querySelector(".timeline").dataset.nowMs) > 2500);
  await page.keyboard.press("x");
  await page.waitForFunction(() => Number(document.querySelector(".timeline").dataset.nowMs) > 4500);
  await page.keyboard.press(" ");
  await page.locator(".events .toggle input").check();
  await expectChinese(page, "raft: narration with messages");
  expect(errors).toEqual([]);
});

for (const view of ["gossip", "nwr"]) test(`the ${view} view, its dialogs and every one of its lesson steps are in Chinese`, async ({ page }) => {
  test.setTimeout(180_000);
  const { errors } = await watchConsole(page);
  await open(page, `${APP}#view=${view}&lang=zh&seed=3&speed=1`);
  await expectChinese(page, `${view}: first look`);
  await everyDialog(page, view);
  // The course index is fetched: wait for the picker to list it.
  await page.locator('.lesson-picker option:not([value=""])').first().waitFor({ state: "attached" });
  const ids = await page
    .locator(".lesson-picker option")
    .evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  expect(ids.length).toBeGreaterThanOrEqual(5);
  const panel = page.locator(".panel.lesson");
  for (const id of ids) {
    await page.locator(".lesson-picker select").selectOption(id);
    await expect(panel).toHaveAttribute("data-lesson", id);
    for (let presses = 0; presses < 40; presses++) {
      const phase = await panel.getAttribute("data-phase");
      if (phase === "finished") break;
      if (phase === "paused") {
        const choices = panel.locator(".choice");
        const n = await choices.count();
        // Every answer's explanation, wrong ones included.
        for (let i = 0; i < n; i++) {
          await choices.nth(i).click();
          await expect(panel.locator(".feedback")).toBeVisible();
          await expectChinese(page, `${id} step ${await panel.getAttribute("data-step")} answer ${i}`);
        }
        if (n === 0) await expectChinese(page, `${id} step ${await panel.getAttribute("data-step")}`);
      }
      const before = `${phase}/${await panel.getAttribute("data-step")}`;
      await page.keyboard.press("PageDown");
      await page.waitForFunction(
        (before) => {
          const p = document.querySelector(".panel.lesson");
          return `${p.dataset.phase}/${p.dataset.step}` !== before || p.dataset.phase === "finished";
        },
        before,
        { timeout: 30_000 },
      );
    }
    await expect(panel).toHaveAttribute("data-phase", "finished", { timeout: 30_000 });
  }
  expect(errors).toEqual([]);
});
