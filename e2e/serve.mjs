// Static server for the e2e tests. It serves ../dist under a nested sub-path
// (/deploy/raftlab/) and, at /embed.html, a host page that puts the app in an
// <iframe>, so the tests see dist/ the way someone who copies it would. At
// /embed-small.html?frag=F a course page holds a 640×400 iframe opened at
// #F (e.g. frag=embed%26lesson%3Dfigure8). /embed-sandboxed.html holds it in
// an iframe sandboxed to allow-scripts; /embed-sandboxed-nocors.html does the
// same from a server that sends no CORS headers (NO_CORS_PATH), where the app
// cannot load. Only listens on 127.0.0.1.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

export const SUB_PATH = "/deploy/raftlab/";
const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const PORT = Number(process.env.E2E_PORT ?? 8765);

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

const EMBED_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Embedding RaftLab</title>
<link rel="icon" href="data:,"></head>
<body>
<h1>A course page that embeds RaftLab</h1>
<iframe src="${SUB_PATH}" title="RaftLab" width="900" height="520"></iframe>
</body>
</html>`;

const escapeAttr = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const smallEmbedPage = (fragment) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A lesson in a course page</title>
<link rel="icon" href="data:,"></head>
<body>
<h1>Lesson: Figure 8</h1>
<iframe src="${SUB_PATH}#${escapeAttr(fragment)}" title="RaftLab" width="640" height="400"></iframe>
</body>
</html>`;

// A course page that holds the app in a sandboxed iframe (scripts only: no
// same-origin access, no top navigation, no popups) and marks its own DOM,
// so a test can see the app never touched it.
const SANDBOXED_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A sandboxed course page</title>
<link rel="icon" href="data:,"></head>
<body data-host="untouched">
<h1>Lesson in a sandbox</h1>
<iframe sandbox="allow-scripts" src="${SUB_PATH}#embed&amp;lesson=figure8&amp;lang=en" title="RaftLab" width="800" height="500"></iframe>
</body>
</html>`;

// dist/ again, as a server that sends no CORS headers would serve it.
const NO_CORS_PATH = "/nocors/raftlab/";

const NO_CORS_PAGE = SANDBOXED_PAGE.replace(SUB_PATH, NO_CORS_PATH);

const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  const path = decodeURIComponent(url.pathname);
  if (path === "/embed.html") {
    res.writeHead(200, { "content-type": TYPES[".html"] });
    return res.end(EMBED_PAGE);
  }
  if (path === "/embed-sandboxed.html") {
    res.writeHead(200, { "content-type": TYPES[".html"] });
    return res.end(SANDBOXED_PAGE);
  }
  if (path === "/embed-sandboxed-nocors.html") {
    res.writeHead(200, { "content-type": TYPES[".html"] });
    return res.end(NO_CORS_PAGE);
  }
  if (path === "/embed-small.html") {
    res.writeHead(200, { "content-type": TYPES[".html"] });
    return res.end(smallEmbedPage(url.searchParams.get("frag") ?? "embed"));
  }
  const cors = path.startsWith(SUB_PATH);
  if (!cors && !path.startsWith(NO_CORS_PATH)) {
    res.writeHead(404).end("not found");
    return;
  }
  let file = normalize(join(DIST, path.slice((cors ? SUB_PATH : NO_CORS_PATH).length)));
  if (!file.startsWith(DIST)) {
    res.writeHead(403).end("forbidden");
    return;
  }
  if (file.endsWith("/")) file += "index.html";
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
      // A sandboxed iframe has an opaque origin, for which the app's module
      // scripts and wasm are cross-origin: they need CORS, as from a CDN.
      ...(cors ? { "access-control-allow-origin": "*" } : {}),
    });
    res.end(body);
  } catch {
    res.writeHead(404).end("not found");
  }
});

server.listen(PORT, "127.0.0.1", () => {
  console.log(`e2e server: http://127.0.0.1:${PORT}${SUB_PATH}`);
});
