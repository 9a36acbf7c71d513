// Starts the wasm app. Trunk's default loader is an inline <script>, which the
// page's Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval') blocks,
// so Trunk.toml's `pattern_script` emits
//   <script type="module" src="./boot.js" data-js="raftlab-HASH.js" data-wasm="raftlab-HASH_bg.wasm">
// and this file does the loading. File names resolve against this script's own
// URL, so dist/ works under any sub-path.
const tag = document.querySelector("script[data-wasm]");
const here = import.meta.url;

try {
  const { default: init } = await import(new URL(tag.dataset.js, here).href);
  await init({ module_or_path: new URL(tag.dataset.wasm, here).href });
} catch (error) {
  // Seen when the browser lacks WebAssembly or a file failed to load; a Rust
  // panic is reported by the app's own banner instead.
  console.error("RaftLab failed to start:", error);
  const note = document.querySelector(".boot-note");
  if (note) note.textContent = "RaftLab could not start: " + error;
}
