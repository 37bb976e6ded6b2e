// The plain loader of Go's wasm examples: streaming compile, then run.
// (A file, not inline: the server's Content-Security-Policy has no inline
// script.)
'use strict';
const go = new Go();
WebAssembly.instantiateStreaming(fetch('main.wasm'), go.importObject)
  .then((r) => go.run(r.instance));
