// data.js: own points (the draw tool's panel controls, CSV upload by file
// input or drag and drop) and recording a clip of the canvas. Like
// controls.js it holds no state of its own: it renders from
// window.propagate.status().data and acts through window.propagate.command
// ("draw", "points"); the engine reads and checks every file. Text from a
// file is only ever shown with textContent, never as HTML.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const api = () => window.propagate;
  // The engine reads at most this much of a file (engine.MaxCSVBytes); the
  // rest is never read, so a 1 GB file costs no more than 1 MiB.
  const MAX_CSV_BYTES = 1 << 20;
  const MAX_RECORD_SECONDS = 30;

  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    Object.assign(e, props || {});
    for (const c of children) e.append(c);
    return e;
  }
  function notice(title, items, isError) {
    const c = window.propagateControls;
    if (c && c.showNotice) c.showNotice(title, items, isError);
  }
  function say(text) {
    const live = $('c-live');
    if (live) live.textContent = text;
  }
  function command(name, arg) {
    return JSON.parse(api().command(name, arg === undefined ? '' : String(arg)));
  }

  // --- the panel: "Your data" ----------------------------------------------
  let ui = null;
  function build() {
    const draw = el('button', { type: 'button', id: 'd-draw', title: 'Draw your own points on the output plane: click or tap adds one, drag paints, right-click removes. Keyboard: focus the picture, arrows move the cursor, Enter adds, Delete removes.' }, 'Draw points');
    const erase = el('button', { type: 'button', id: 'd-erase', title: 'Eraser: clicks and drags on the plane remove points' }, 'Eraser');
    const clear = el('button', { type: 'button', id: 'd-clear', title: 'Remove every point; draw at least 2 to start again' }, 'Clear');
    const pos = el('button', { type: 'button', id: 'd-pos', className: 'd-class pos', title: 'New points are of class +1 (orange)' }, '● +1');
    const neg = el('button', { type: 'button', id: 'd-neg', className: 'd-class neg', title: 'New points are of class −1 (blue)' }, '● −1');
    const value = el('input', { type: 'range', id: 'd-value', min: '-1', max: '1', step: '0.1', value: '1', title: 'The value of new points (regression), −1 to 1' });
    const valueOut = el('output', { id: 'd-value-out', htmlFor: 'd-value' });
    const copy = el('button', { type: 'button', id: 'd-copy', title: 'Make the current dataset your own points, to edit (noise already drawn in is kept; the noise setting is then applied again)' }, 'Copy this dataset');
    const file = el('input', { type: 'file', id: 'd-file', accept: '.csv,text/csv,text/plain', className: 'visually-hidden' });
    const fileLabel = el('label', { htmlFor: 'd-file', className: 'file', title: 'Load points from a CSV file of x,y,label rows (or drop the file on the page)' }, 'Load CSV…');
    const status = el('p', { id: 'd-status', className: 'd-status' });
    const classRow = el('div', { className: 'row buttons', id: 'd-class-row' }, el('span', { className: 'd-label' }, 'New points'), pos, neg);
    const valueRow = el('div', { className: 'row', id: 'd-value-row', hidden: true }, el('label', { htmlFor: 'd-value' }, 'New value'), value, valueOut);
    const box = el('fieldset', { id: 'd-own' },
      el('legend', {}, 'Your data'),
      el('div', { className: 'row buttons' }, draw, erase, clear),
      classRow, valueRow,
      el('div', { className: 'row buttons d-files' }, copy, fileLabel, file),
      status);
    const dataSet = $('c-dataset') && $('c-dataset').closest('fieldset');
    if (dataSet) dataSet.after(box);
    else if ($('c-form')) $('c-form').append(box);
    else return null;

    const rec = el('button', { type: 'button', id: 'd-record', title: 'Record 5 seconds of the picture as a WebM video' }, 'Record clip');
    const share = document.querySelector('#c-form .share');
    if (share) share.append(rec);

    draw.addEventListener('click', () => act('draw', ui.on ? 'off' : 'on'));
    erase.addEventListener('click', () => act('draw', ui.erasing ? 'paint' : 'erase'));
    clear.addEventListener('click', () => { act('draw', 'clear'); say('Points cleared: draw at least 2 to start again.'); });
    pos.addEventListener('click', () => act('draw', 'label=1'));
    neg.addEventListener('click', () => act('draw', 'label=-1'));
    value.addEventListener('input', () => { valueOut.textContent = value.value; });
    value.addEventListener('change', () => act('draw', 'label=' + value.value));
    copy.addEventListener('click', () => { act('draw', 'copy'); say('The dataset is now your own points.'); });
    file.addEventListener('change', () => {
      const f = file.files && file.files[0];
      file.value = ''; // the same file again fires change again
      if (f) loadFile(f);
    });
    rec.addEventListener('click', recordClick);
    // "custom" in the dataset list has no points of its own to show: it
    // turns the draw tool on instead (before the panel's own listener).
    const pick = $('c-dataset');
    if (pick && !pick.querySelector('option[value="custom"]')) {
      // A panel whose list predates own points: the option that shows them.
      pick.append(el('optgroup', { label: 'Your data' }, el('option', { value: 'custom' }, 'your points')));
    }
    if (pick) {
      pick.addEventListener('change', (e) => {
        if (pick.value !== 'custom') return;
        e.stopImmediatePropagation();
        const s = JSON.parse(api().status());
        const cfg = s.config || {};
        if ((cfg.problem === 'regression' ? cfg.regDataset : cfg.dataset) !== 'custom') {
          act('draw', 'on');
          say('Draw at least 2 points on the output plane, or load a CSV file.');
        }
        if (window.propagateControls && window.propagateControls.render) window.propagateControls.render(s);
      }, true);
    }
    return { draw, eraseBtn: erase, pos, neg, value, valueOut, classRow, valueRow, status, rec, on: false, erasing: false };
  }

  function act(name, arg) {
    const s = command(name, arg);
    if (s.error) notice('Could not do that', [s.error], true);
    render(s);
    return s;
  }

  function render(s) {
    if (!ui || !s) return;
    const d = (s.data && s.data.draw) || {};
    const cfg = s.config || {};
    const regression = cfg.problem === 'regression';
    ui.on = !!d.on;
    ui.erasing = !!d.erase;
    ui.draw.setAttribute('aria-pressed', String(ui.on));
    ui.draw.textContent = ui.on ? 'Drawing: on' : 'Draw points';
    ui.eraseBtn.setAttribute('aria-pressed', String(ui.erasing));
    ui.eraseBtn.disabled = !ui.on;
    ui.classRow.hidden = regression;
    ui.valueRow.hidden = !regression;
    ui.pos.setAttribute('aria-pressed', String(d.label === 1));
    ui.neg.setAttribute('aria-pressed', String(d.label === -1));
    if (regression && document.activeElement !== ui.value && d.label !== undefined) {
      ui.value.value = String(d.label);
      ui.valueOut.textContent = String(d.label);
    }
    const custom = (regression ? cfg.regDataset : cfg.dataset) === 'custom';
    let text = '';
    if (d.pending) text = d.draft + (d.draft === 1 ? ' point' : ' points') + ' drawn: at least 2 start the runs.';
    else if (custom) text = s.data.points + ' own points' + (s.data.maxPoints ? ' (at most ' + s.data.maxPoints + ')' : '') + '.';
    if (d.full) text = 'The most points a dataset holds is ' + s.data.maxPoints + '; remove some to add more.';
    ui.status.textContent = text;
    const why = recordProblem();
    ui.rec.disabled = !!why || recording;
    ui.rec.title = why ? 'Cannot record here: ' + why : 'Record 5 seconds of the picture as a WebM video';
    if (!recording) ui.rec.textContent = why ? 'Record: ' + why : 'Record clip';
  }

  // --- CSV files: the file input and drag and drop onto the page -----------
  async function loadFile(f) {
    let text;
    try {
      // Only the first MAX_CSV_BYTES+1 bytes: the engine says the rest was
      // not read.
      text = await f.slice(0, MAX_CSV_BYTES + 1).text();
    } catch (err) {
      notice('Could not read ' + f.name, ['The file could not be read. Nothing changed.'], true);
      return null;
    }
    return loadCSV(f.name, text, f.size);
  }

  // loadCSV is also what the browser tests call.
  function loadCSV(name, text, size) {
    const s = command('points', JSON.stringify({ name: String(name), csv: String(text), size: Number(size) || 0 }));
    if (s.error) {
      notice('Could not use ' + name, [s.error, 'Nothing changed.'], true);
    } else {
      const items = (s.data && s.data.notice) || [];
      if (items.length > 1) notice('Points from ' + name, items, false);
      else say(items[0] || 'Loaded ' + name + '.');
    }
    render(s);
    return s;
  }

  function wireDrop() {
    const root = document.documentElement;
    const hasFile = (e) => e.dataTransfer && [...(e.dataTransfer.types || [])].includes('Files');
    window.addEventListener('dragover', (e) => {
      if (!hasFile(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      root.classList.add('d-dropping');
    });
    window.addEventListener('dragleave', (e) => {
      if (e.relatedTarget === null) root.classList.remove('d-dropping');
    });
    window.addEventListener('drop', (e) => {
      root.classList.remove('d-dropping');
      if (!hasFile(e)) return;
      e.preventDefault();
      const f = e.dataTransfer.files[0];
      if (!f) return;
      if (/\.json$/i.test(f.name)) {
        notice('Not a CSV', [f.name + ' looks like a weights file: use Import weights… for it.'], true);
        return;
      }
      loadFile(f);
    });
  }

  // --- recording -------------------------------------------------------------
  let recording = false;
  const canvas = () => document.querySelector('body > canvas');
  function webmType() {
    if (typeof MediaRecorder === 'undefined' || typeof MediaRecorder.isTypeSupported !== 'function') return '';
    // VP8 first: it encodes in real time where VP9 may not keep up.
    return ['video/webm;codecs=vp8', 'video/webm;codecs=vp9', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t)) || '';
  }
  // recordProblem says why this browser cannot record, '' when it can.
  function recordProblem() {
    const c = canvas();
    if (!c) return 'the picture has not started';
    if (typeof MediaRecorder === 'undefined') return 'this browser has no MediaRecorder';
    if (typeof c.captureStream !== 'function') return 'this browser cannot capture the canvas';
    if (!webmType()) return 'this browser cannot write WebM video';
    return '';
  }

  // record films the canvas for seconds and resolves to {name, type, bytes},
  // the shape of window.propagate.exportFile's other files. name comes from
  // the Go side (the link's rules, dataset and step).
  function record(seconds, name) {
    return new Promise((resolve, reject) => {
      const why = recordProblem();
      if (why) { reject(new Error('cannot record: ' + why)); return; }
      if (recording) { reject(new Error('a recording is already running')); return; }
      const secs = Math.min(MAX_RECORD_SECONDS, Math.max(1, Number(seconds) || 5));
      const type = webmType();
      const stream = canvas().captureStream(30);
      let rec;
      try {
        rec = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: 4e6 });
      } catch (err) {
        stream.getTracks().forEach((t) => t.stop());
        reject(new Error('cannot record: ' + (err && err.message ? err.message : err)));
        return;
      }
      const chunks = [];
      recording = true;
      document.documentElement.classList.add('d-recording');
      rec.ondataavailable = (e) => { if (e.data && e.data.size > 0) chunks.push(e.data); };
      rec.onerror = (e) => finish(new Error('recording failed: ' + (e.error ? e.error.message : 'unknown error')));
      rec.onstop = () => finish(null);
      const finish = async (err) => {
        stream.getTracks().forEach((t) => t.stop());
        recording = false;
        document.documentElement.classList.remove('d-recording');
        if (err) { reject(err); return; }
        const blob = new Blob(chunks, { type: 'video/webm' });
        if (blob.size === 0) { reject(new Error('no video came out: the page drew no frame while recording')); return; }
        resolve({ name: String(name || 'propagate.webm'), type: 'video/webm', bytes: new Uint8Array(await blob.arrayBuffer()), seconds: secs });
      };
      const start = performance.now();
      rec.start(250);
      // The clip is that many seconds long; on a machine too busy to encode
      // as it goes, it runs on (up to 20 s more) until some video came out.
      const check = () => {
        if (rec.state === 'inactive') return;
        const elapsed = (performance.now() - start) / 1000;
        if (elapsed >= secs && (chunks.length > 0 || elapsed >= secs + 20)) rec.stop();
        else setTimeout(check, 100);
      };
      setTimeout(check, secs * 1000);
    });
  }

  async function recordClick() {
    if (!ui) return;
    ui.rec.disabled = true;
    ui.rec.textContent = 'Recording 5 s…';
    try {
      window.propagateControls.save(await api().exportFile('webm', 5));
    } catch (err) {
      notice('Could not record', [String(err && err.message ? err.message : err)], true);
    } finally {
      ui.rec.disabled = false;
      render(JSON.parse(api().status()));
    }
  }

  // For the Go side (wasm/record_js.go) and the browser tests.
  window.propagateData = { record, recordProblem, loadCSV };

  wireDrop();
  window.addEventListener('propagate:ready', () => {
    ui = build();
    const poll = () => { if (api() && typeof api().status === 'function') render(JSON.parse(api().status())); };
    poll();
    setInterval(poll, 250);
  });
})();
