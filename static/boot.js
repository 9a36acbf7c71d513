// Starts the wasm app. Trunk's default loader is an inline <script>, which the
// page's Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval') blocks,
// so Trunk.toml's `pattern_script` emits
//   <script type="module" src="./boot.js" data-js="raftlab-HASH.js" data-wasm="raftlab-HASH_bg.wasm">
// and this file does the loading. Each protocol view is its own module: the
// Raft view is Trunk's main module (the names above), every other view is
// built beside it as `raftlab-<view>` (index.html: `raftlab-gossip`,
// `raftlab-nwr`), and only the one that `#view=<view>` names is downloaded.
// A view with no module of that name falls back to the Raft one, which says
// the view is unknown. The app reloads the page when the view changes. File
// names resolve against this script's own URL, so dist/ works under any
// sub-path.
const tag = document.querySelector("script[data-wasm]");
const here = import.meta.url;

// The same reading of the fragment as the app's: `view=<name>` among the
// `&`-separated parameters names the view; none, or `raft`, is the Raft view.
const view = location.hash
  .replace(/^#/, "")
  .split("&")
  .map((param) => param.split("="))
  .find(([name]) => name === "view")?.[1];
const other = view && view !== "raft" && /^[a-z][a-z0-9]{0,31}$/.test(view) ? view : null;

// The other views' modules carry no content hash, so the Raft module's hash
// is added as a query to keep a cached copy from outliving a new build.
const main = [tag.dataset.js, tag.dataset.wasm];
const names = other
  ? [`raftlab-${other}.js`, `raftlab-${other}_bg.wasm`].map((name) => `${name}?v=${tag.dataset.wasm}`)
  : main;

/** Loads the glue code `js` and starts it with the module `wasm`. */
async function start([js, wasm]) {
  // The module is fetched while its glue code loads.
  const module = fetch(new URL(wasm, here));
  // A failed download is reported through `init` below; this only keeps it
  // from also counting as unhandled when the glue code failed first.
  module.catch(() => {});
  let glue;
  try {
    glue = await import(new URL(js, here).href);
  } catch (error) {
    if (js !== main[0]) {
      console.warn(`No module for the view "${other}"; starting the Raft view.`, error);
      return start(main);
    }
    throw error;
  }
  await glue.default({ module_or_path: module });
}

try {
  await start(names);
} catch (error) {
  // Seen when the browser lacks WebAssembly or a file failed to load; a Rust
  // panic is reported by the app's own banner instead.
  console.error("RaftLab failed to start:", error);
  document.querySelector(".boot-stuck")?.remove();
  const note = document.querySelector(".boot-note");
  if (note) note.textContent = "RaftLab could not start: " + error;
}
