// Helpers shared by the end-to-end specs.
import { mkdirSync } from "node:fs";

export const APP = "/deploy/raftlab/";
const SHOTS = new URL("./screenshots/", import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

export const shot = (testInfo, name) => `${SHOTS}${testInfo.project.name}-${name}.png`;

// Everything the browser reports as going wrong, in the page or its frames,
// and its console warnings apart. CSP violations are echoed to the console so
// they are counted even where Chromium would only report them as warnings.
export async function watchConsole(page) {
  const errors = [];
  const warnings = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`);
    });
  });
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
    if (msg.type() === "warning") warnings.push(msg.text());
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  // ERR_ABORTED is a request cut short by the test navigating away, not a failure.
  page.on("requestfailed", (req) => {
    const why = req.failure()?.errorText;
    if (why !== "net::ERR_ABORTED") errors.push(`failed: ${req.url()} ${why}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return { errors, warnings };
}

// Runs in the page: canvas geometry and a summary of its pixels.
export function canvasStats() {
  const canvas = document.querySelector(".stage > canvas");
  const rect = canvas.getBoundingClientRect();
  const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
  const colours = new Set();
  let opaque = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] === 255) opaque += 1;
    colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
  }
  return {
    width: canvas.width,
    height: canvas.height,
    expectedWidth: Math.round(rect.width * devicePixelRatio),
    expectedHeight: Math.round(rect.height * devicePixelRatio),
    opaqueShare: opaque / (data.length / 4),
    colours: colours.size,
  };
}

// Waits until the canvas backing store matches its CSS size times the
// device pixel ratio, i.e. the app has mounted and the resize path has run.
export async function canvasFitted(frame) {
  await frame.waitForFunction(() => {
    const canvas = document.querySelector(".stage > canvas");
    if (!canvas) return false;
    const rect = canvas.getBoundingClientRect();
    return rect.width > 0 && canvas.width === Math.round(rect.width * devicePixelRatio);
  });
  return frame.evaluate(canvasStats);
}

// The servers table as plain objects.
export async function servers(page) {
  return page.locator(".servers-table tbody tr").evaluateAll((rows) =>
    rows.map((r) => ({
      node: Number(r.dataset.node),
      role: r.dataset.role,
      up: r.dataset.up === "true",
      term: Number(r.dataset.term),
      len: Number(r.dataset.len),
      commit: Number(r.dataset.commit),
      kv: r.querySelector("td.kv").textContent,
    })),
  );
}

// Waits for a live leader (other than `not`) and returns its row.
export async function leader(page, not = 0, timeout = 15_000) {
  await page.waitForFunction(
    (not) =>
      [...document.querySelectorAll(".servers-table tbody tr")].some(
        (r) => r.dataset.role === "leader" && r.dataset.up === "true" && Number(r.dataset.node) !== not,
      ),
    not,
    { timeout },
  );
  const rows = await servers(page);
  return rows
    .filter((r) => r.role === "leader" && r.up && r.node !== not)
    .sort((a, b) => b.term - a.term)[0];
}

// Clicks the canvas at stage coordinates (CSS pixels).
export async function clickStage(page, x, y) {
  const box = await page.locator(".stage > canvas").boundingBox();
  await page.mouse.click(box.x + x, box.y + y);
}

// The timeline's state, from the data attributes it exposes.
export async function timeline(page) {
  return page.locator(".timeline").evaluate((el) => ({
    now: Number(el.dataset.nowMs),
    horizon: Number(el.dataset.horizonMs),
    span: Number(el.dataset.spanMs),
    pad: Number(el.dataset.pad),
    events: Number(el.dataset.events),
    fingerprint: el.dataset.fingerprint,
  }));
}

// Clicks the timeline where moment `ms` is drawn.
export async function scrubTo(page, ms) {
  const t = await timeline(page);
  const box = await page.locator(".timeline canvas").boundingBox();
  const x = t.pad + ((box.width - 2 * t.pad) * ms) / t.span;
  await page.mouse.click(box.x + x, box.y + box.height / 2);
}

// What the panels show: servers, logs and narration, as HTML.
export async function panels(page) {
  // The markup with each element's attributes in name order: the same panel
  // may be reached by an update or by a fresh render, which order them apart.
  const markup = (selector) =>
    page.locator(selector).evaluate((root) => {
      const text = (node) =>
        node.nodeType === Node.TEXT_NODE
          ? node.textContent
          : `<${node.localName}${[...node.attributes]
              .map((a) => ` ${a.name}="${a.value}"`)
              .sort()
              .join("")}>${[...node.childNodes].map(text).join("")}</${node.localName}>`;
      return [...root.childNodes].map(text).join("");
    });
  return {
    servers: await markup(".servers-table tbody"),
    logs: await markup(".log-grid"),
    events: await markup(".event-list"),
    fingerprint: (await timeline(page)).fingerprint,
  };
}

// Opens `url` and waits until the app listens to the keyboard.
export async function open(page, url) {
  await page.goto(url);
  await page.locator("body[data-keyboard=on]").waitFor({ state: "attached" });
  // A lesson is fetched: keys that drive it wait until it is there (or
  // until the page says it is not).
  if (/[#&]lesson=/.test(url)) await page.locator(".panel.lesson[data-phase], .notice.error").first().waitFor();
}
