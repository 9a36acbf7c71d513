import { chromium } from "playwright-core";
const base = "http://127.0.0.1:8765/deploy/raftlab/";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const cases = JSON.parse(process.argv[2]);
for (const c of cases) {
  const ctx = await b.newContext({ viewport: { width: c.w, height: c.h }, isMobile: !!c.touch, hasTouch: !!c.touch, deviceScaleFactor: 1 });
  const p = await ctx.newPage();
  p.on("pageerror", (e) => console.log("pageerror", c.name, e.message));
  await p.goto(base + "#" + c.frag);
  await p.waitForTimeout(c.wait ?? 1500);
  for (const k of c.keys ?? []) { await p.keyboard.press(k); await p.waitForTimeout(c.keywait ?? 800); }
  await p.screenshot({ path: `/tmp/shots/${c.name}.png` });
  const m = await p.evaluate(() => ({ sw: document.documentElement.scrollWidth, sh: document.documentElement.scrollHeight }));
  console.log(c.name, JSON.stringify(m));
  await ctx.close();
}
await b.close();
