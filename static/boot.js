// Starts the wasm app. Trunk's default loader is an inline <script>, which the
// page's Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval') blocks,
// so Trunk.toml's `pattern_script` emits
//   <script type="module" src="./boot.js" data-js="raftlab-HASH.js" data-wasm="raftlab-HASH_bg.wasm">
// and this file does the loading. Each protocol view is its own module: the
// Raft view is Trunk's main module (the names above), the Gossip view is built
// beside it as `raftlab-gossip` (index.html), and only the one that `#view=…`
// names is downloaded. The app reloads the page when the view changes. File
// names resolve against this script's own URL, so dist/ works under any
// sub-path.
const tag = document.querySelector("script[data-wasm]");
const here = import.meta.url;

// The same reading of the fragment as the app's: `view=gossip` among the
// `&`-separated parameters; anything else is the Raft view.
const gossip = location.hash
  .replace(/^#/, "")
  .split("&")
  .some((param) => param === "view=gossip");

// The Gossip module's names carry no content hash, so the Raft module's hash
// is added as a query to keep a cached copy from outliving a new build.
const [js, wasm] = gossip
  ? ["raftlab-gossip.js", "raftlab-gossip_bg.wasm"].map((name) => `${name}?v=${tag.dataset.wasm}`)
  : [tag.dataset.js, tag.dataset.wasm];

try {
  // The module is fetched while its glue code loads.
  const module = fetch(new URL(wasm, here));
  // A failed download is reported through `init` below; this only keeps it
  // from also counting as unhandled when the glue code failed first.
  module.catch(() => {});
  const { default: init } = await import(new URL(js, here).href);
  await init({ module_or_path: module });
} catch (error) {
  // Seen when the browser lacks WebAssembly or a file failed to load; a Rust
  // panic is reported by the app's own banner instead.
  console.error("RaftLab failed to start:", error);
  document.querySelector(".boot-stuck")?.remove();
  const note = document.querySelector(".boot-note");
  if (note) note.textContent = "RaftLab could not start: " + error;
}
