// loader.js downloads main.wasm with visible progress, starts the Go
// program, and hides itself once the first frame is drawn. It leaves
// performance marks (propagate:fetch, :downloaded, :compiled; the Go side adds
// :main, :update1 and :draw1) so the time to first frame can be split into
// its parts. When something
// is missing or broken it says so in plain words instead of leaving the
// page blank. Messages are set with textContent only: error text may carry
// anything, and none of it may become HTML.
'use strict';

(() => {
  const box = document.getElementById('loader');
  const message = document.getElementById('loader-message');
  const bar = document.getElementById('loader-progress');
  const detail = document.getElementById('loader-detail');
  const root = document.documentElement;
  let failed = false;

  // setState is for tests and embedding pages: <html data-state=...>.
  const setState = (state) => { root.dataset.state = state; };

  function show(text, detailText) {
    if (failed) return;
    message.textContent = text;
    detail.textContent = detailText || '';
  }

  function fail(text, detailText) {
    if (failed) return;
    show(text, detailText);
    failed = true;
    box.hidden = false;
    box.classList.add('failed');
    bar.hidden = true;
    setState('failed');
  }

  const megabytes = (n) => (n / 1e6).toFixed(1) + ' MB';

  // totalBytes is the size the stream will deliver. Browsers hand the page
  // decompressed bytes, so with Content-Encoding the Content-Length (the
  // compressed size) is the wrong total; our server sends the real one.
  // Unknown gives 0, and the bar shows activity without a fraction.
  function totalBytes(response) {
    const whole = /^\d+$/;
    const uncompressed = response.headers.get('X-Uncompressed-Length');
    if (uncompressed && whole.test(uncompressed)) return Number(uncompressed);
    const length = response.headers.get('Content-Length');
    if (!response.headers.get('Content-Encoding') && length && whole.test(length)) return Number(length);
    return 0;
  }

  function showProgress(received, total) {
    if (total > 0) {
      bar.max = total;
      bar.value = Math.min(received, total);
      detail.textContent = megabytes(received) + ' of ' + megabytes(total);
    } else {
      bar.removeAttribute('value'); // indeterminate
      detail.textContent = megabytes(received) + ' received';
    }
  }

  function hasWebGL2() {
    try {
      const gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) return false;
      // Give the context back now; browsers cap how many a page may hold.
      const lose = gl.getExtension('WEBGL_lose_context');
      if (lose) lose.loseContext();
      return true;
    } catch (e) {
      return false;
    }
  }

  // countingStream passes the body through unchanged, reporting progress.
  function countingStream(body, total) {
    let received = 0;
    return body.pipeThrough(new TransformStream({
      transform(chunk, controller) {
        received += chunk.byteLength;
        showProgress(received, total);
        controller.enqueue(chunk);
      },
      flush() {
        performance.mark('propagate:downloaded');
        show('Compiling…', megabytes(received) + ' downloaded');
        bar.removeAttribute('value');
      },
    }));
  }

  async function instantiate(response, importObject) {
    const total = totalBytes(response);
    showProgress(0, total);
    if (!response.body) {
      return WebAssembly.instantiate(await response.arrayBuffer(), importObject);
    }
    const counted = countingStream(response.body, total);
    // Streaming compiles while the bytes arrive; it needs the wasm MIME type
    // on the Response, which the original had and a new one must restate.
    if (typeof WebAssembly.instantiateStreaming === 'function') {
      const streamed = new Response(counted, { headers: { 'Content-Type': 'application/wasm' } });
      return WebAssembly.instantiateStreaming(streamed, importObject);
    }
    return WebAssembly.instantiate(await new Response(counted).arrayBuffer(), importObject);
  }

  function failNoWebGL() {
    fail('Propagate cannot draw in this browser: it needs WebGL 2, which is missing or turned off.',
      'Check that hardware acceleration is on in the browser settings, or try another browser.');
  }

  // start begins the download at once. WebGL is checked only if the
  // program stops: creating a context to probe it holds the main thread
  // (half a second and more with software rendering), and the download,
  // which streams through this script, waits meanwhile; Ebitengine creates
  // its own context anyway and stops when it cannot.
  async function start() {
    performance.mark('propagate:fetch');
    const download = fetch('main.wasm');
    download.catch(() => {}); // handled below; this only silences an early rejection

    const go = new Go();
    // The program never exits while the page is open, so any exit is a fault
    // (a Go panic prints its message to the console, then exits with 2).
    const exit = go.exit;
    go.exit = (code) => {
      exit(code);
      if (!hasWebGL2()) {
        failNoWebGL();
        return;
      }
      fail('Propagate stopped unexpectedly.',
        'The program exited with code ' + code + '. Details are in the browser console; reloading the page starts it again.');
    };

    let response;
    try {
      response = await download;
    } catch (err) {
      fail('Propagate could not be downloaded.', 'Check the connection and reload. (' + err.message + ')');
      return;
    }
    if (!response.ok) {
      fail('Propagate could not be downloaded.', 'The server answered ' + response.status + ' ' + response.statusText + ' for main.wasm.');
      return;
    }

    let result;
    try {
      result = await instantiate(response, go.importObject);
    } catch (err) {
      if (err instanceof WebAssembly.CompileError || err instanceof WebAssembly.LinkError) {
        fail('Propagate could not start: its program file (main.wasm) is damaged or incomplete.',
          'Reloading may help; if it does not, the site needs to be rebuilt. (' + err.message + ')');
      } else {
        fail('Propagate could not be downloaded completely.', 'Check the connection and reload. (' + err.message + ')');
      }
      return;
    }

    performance.mark('propagate:compiled');
    show('Starting…');
    bar.removeAttribute('value');
    setState('starting');
    go.run(result.instance).catch((err) => {
      fail('Propagate stopped unexpectedly.', String(err && err.message ? err.message : err));
    });
  }

  window.addEventListener('propagate:ready', () => {
    if (failed) return;
    box.hidden = true;
    setState('ready');
  });

  setState('loading');
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    fail('Propagate cannot run in this browser: it needs WebAssembly, which is missing or turned off.',
      'Current versions of Firefox, Chrome, Edge and Safari all have it.');
    return;
  }
  if (typeof Go !== 'function') {
    fail('Propagate could not start: a file it needs (wasm_exec.js) did not load.', 'Reload the page to try again.');
    return;
  }
  start().catch((err) => fail('Propagate could not start.', String(err && err.message ? err.message : err)));
})();
