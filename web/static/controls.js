// controls.js is the playground's control panel. It holds no state of its
// own: it renders from window.propagate.status() (whose config is the
// current link as key → value) and changes things only through
// window.propagate.command — "set" with key=value pairs in link syntax, so
// the link codec validates what a person types exactly as it validates a
// URL. What each control offers — its label, range, step, options, the
// rules, the tooltip — comes from the engine's settings table
// (window.propagate.settings(), the same as `learn -settings -json`), read
// once at start-up: index.html holds only the panel's skeleton. Text from
// the URL or a file is only ever set with textContent.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const root = document.documentElement;
  const panel = $('controls');

  const MAX_IMPORT_BYTES = 8 << 20;
  let settings = {};          // the settings table by key, once the program runs

  // Embed mode as early as possible, before the program (and its codec)
  // starts, so the panel never flashes in an iframe.
  const early = new URLSearchParams(location.hash.slice(1)).get('embed');
  if (early === '1' || early === 'true') root.classList.add('embed');

  let st = null;              // the last status
  let noticeKey = '';         // the warnings the notice shows (or dismissed)

  const api = () => window.propagate;
  function command(name, arg) {
    const s = JSON.parse(api().command(name, arg === undefined ? '' : String(arg)));
    render(s);
    return s;
  }
  const encode = (pairs) => Object.entries(pairs)
    .map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(String(v))).join('&');
  function set(pairs) {
    const s = command('set', encode(pairs));
    if (s.error) say(s.error);
    return s;
  }
  let sayTimer = 0;
  function say(text) {
    $('c-live').textContent = text;
    clearTimeout(sayTimer);
    sayTimer = setTimeout(() => { $('c-live').textContent = ''; }, 8000);
  }

  // --- the notice: the codec's warnings, or a failed import -------------
  function showNotice(title, items, isError) {
    const box = $('notice');
    $('notice-title').textContent = title;
    const list = $('notice-list');
    list.replaceChildren();
    for (const item of items) {
      const li = document.createElement('li');
      li.textContent = item;
      list.appendChild(li);
    }
    box.classList.toggle('error', !!isError);
    box.hidden = false;
  }
  $('notice-close').addEventListener('click', () => {
    $('notice').hidden = true;
    if (panel.getBoundingClientRect().width > 0) $('c-play').focus();
  });

  // --- rendering ----------------------------------------------------------
  // --- the panel, from the settings table ---------------------------------
  const num = (x) => String(x); // 1e-5 prints as 0.00001

  // tooltip is a setting's help, its range and what changing it does.
  function tooltip(s, help) {
    let t = help || s.help;
    if (s.type === 'int' || s.type === 'float') t += ' ' + num(s.min) + ' to ' + num(s.max) + '.';
    if (s.type === 'text') t += ' At most ' + num(s.max) + ' characters.';
    if (s.live) t += ' Takes effect at the next step; the runs carry on.';
    else if (s.group === 'page') t += ' The runs carry on.';
    else t += ' Changing it starts the runs over.';
    return t;
  }

  // plain writes the table's script markup (A_{R−P}, x^β) with Unicode
  // sub- and superscripts where they exist, so a menu never shows a
  // literal _ or ^ (issue 15); a letter without one stays a letter.
  const SUB = { a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ', '−': '₋', '-': '₋', '+': '₊', 0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉' };
  const SUP = { β: 'ᵝ', k: 'ᵏ', L: 'ᴸ', '−': '⁻', '-': '⁻', '+': '⁺', 0: '⁰', 1: '¹', 2: '²', 3: '³', n: 'ⁿ', i: 'ⁱ' };
  function plain(text) {
    return String(text).replace(/([_^])(?:\{([^{}]*)\}|([\p{L}\p{N}]+))/gu, (_, mark, braced, bare) => {
      const map = mark === '_' ? SUB : SUP;
      return [...(braced ?? bare)].map((c) => map[c] || map[c.toLowerCase()] || c).join('');
    });
  }

  function addOptions(parent, options) {
    for (const { value, label } of options) {
      const o = document.createElement('option');
      o.value = value;
      o.textContent = plain(label);
      parent.appendChild(o);
    }
  }

  function labelFor(el, text) {
    for (const l of el.labels || []) l.textContent = text;
  }

  // buildPanel gives every control what the table says about its setting.
  function buildPanel(rows) {
    settings = {};
    for (const s of rows) settings[s.key] = s;
    const rules = settings.rules;
    ['c-rule0', 'c-rule1'].forEach((id, i) => {
      const sel = $(id);
      sel.replaceChildren();
      addOptions(sel, rules.options);
      sel.title = plain(tooltip(rules, (i === 0 ? "The first panel's rule. " : "The second panel's rule. ") + rules.help));
    });
    const data = $('c-dataset');
    data.replaceChildren();
    for (const [i, key] of ['dataset', 'regDataset'].entries()) {
      const group = document.createElement('optgroup');
      group.label = settings.problem.options[i].label;
      addOptions(group, settings[key].options);
      data.appendChild(group);
    }
    data.title = tooltip(settings.dataset, 'The data both rules learn.');
    labelFor(data, settings.dataset.label);
    for (const el of panel.querySelectorAll('[data-key]')) {
      const s = settings[el.dataset.key];
      if (!s) continue;
      if (el.tagName === 'SELECT') {
        el.replaceChildren();
        addOptions(el, s.options);
      } else if (s.type === 'text') {
        el.maxLength = s.max;
      } else {
        el.min = num(s.min);
        el.max = num(s.max);
        el.step = s.step === null ? 'any' : num(s.step);
        el.inputMode = s.type === 'int' ? 'numeric' : 'decimal';
      }
      el.title = tooltip(s);
      labelFor(el, s.label);
    }
    const shape = settings.networkShape;
    $('c-add-layer').title = 'Add a hidden layer (at most ' + shape.maxItems + '). Starts the runs over.';
    $('c-remove-layer').title = 'Remove the last hidden layer. Starts the runs over.';
  }

  // setValue writes a control's value unless the person is editing it.
  function setValue(el, value) {
    if (value === undefined || document.activeElement === el) return;
    if (el.value !== value) el.value = value;
  }

  function shape(cfg) {
    return cfg.networkShape ? cfg.networkShape.split(',').filter((s) => s !== '').map(Number) : [];
  }

  function renderLayers(cfg) {
    const box = $('c-layers');
    const sizes = shape(cfg);
    const inputs = box.querySelectorAll('input');
    if (inputs.length !== sizes.length) {
      const focused = document.activeElement && box.contains(document.activeElement);
      box.replaceChildren();
      sizes.forEach((n, i) => {
        const row = document.createElement('div');
        row.className = 'row';
        const label = document.createElement('label');
        label.htmlFor = 'c-layer' + i;
        label.textContent = 'Hidden layer ' + (i + 1);
        const input = document.createElement('input');
        input.type = 'number';
        input.id = 'c-layer' + i;
        const s = settings.networkShape;
        input.min = num(s.min);
        input.max = num(s.max);
        input.step = num(s.step);
        input.inputMode = 'numeric';
        input.title = tooltip({ ...s, type: 'int' }, 'Units in hidden layer ' + (i + 1) + '.');
        input.dataset.layer = String(i);
        input.addEventListener('change', sendShape);
        row.append(label, input);
        box.appendChild(row);
      });
      if (sizes.length === 0) {
        const p = document.createElement('p');
        p.className = 'row';
        p.textContent = 'No hidden layer: inputs connect to the output.';
        box.appendChild(p);
      }
      if (focused) $('c-add-layer').focus();
    }
    box.querySelectorAll('input').forEach((input, i) => setValue(input, String(sizes[i])));
    $('c-add-layer').disabled = sizes.length >= settings.networkShape.maxItems;
    $('c-remove-layer').disabled = sizes.length === 0;
  }

  function sendShape() {
    const inputs = [...$('c-layers').querySelectorAll('input')];
    let bad = false;
    for (const el of inputs) {
      const problem = checkField(el, el.value.trim());
      fieldError(el, problem);
      bad = bad || !!problem;
    }
    if (!bad) set({ networkShape: inputs.map((el) => el.value.trim()).join(',') });
  }

  // --- field checks (issue 15) -------------------------------------------
  // A number typed in the panel is checked at its field, against the
  // field's own range, and the message says so beside it in the field's
  // words: it is not a link problem, and nothing is sent until it is
  // right. The codec still checks whatever is sent.
  function labelOf(el) {
    const l = el.id && panel.querySelector('label[for="' + el.id + '"]');
    return l ? l.textContent.trim() : el.id;
  }
  function checkField(el, v) {
    if (el.type !== 'number') return '';
    const label = labelOf(el);
    const lo = el.min === '' ? -Infinity : Number(el.min);
    const hi = el.max === '' ? Infinity : Number(el.max);
    const range = isFinite(lo) && isFinite(hi) ? ' Enter ' + el.min + ' to ' + el.max + '.' : '';
    const n = Number(v);
    if (v === '' || !isFinite(n)) return label + ': "' + v + '" is not a number.' + range;
    if (el.step === '1' && !Number.isInteger(n)) return label + ': ' + v + ' is not a whole number.' + range;
    if (n < lo) return label + ': ' + v + ' is less than ' + el.min + '.' + range;
    if (n > hi) return label + ': ' + v + ' is more than ' + el.max + '.' + range;
    return '';
  }
  function fieldError(el, text) {
    const id = el.id + '-error';
    let msg = $(id);
    if (!text) {
      el.removeAttribute('aria-invalid');
      if (msg) msg.remove();
      return;
    }
    if (!msg) {
      msg = document.createElement('p');
      msg.id = id;
      msg.className = 'field-error';
      msg.setAttribute('role', 'alert');
      (el.closest('.row') || el.parentNode).after(msg);
    }
    msg.textContent = text;
    el.setAttribute('aria-invalid', 'true');
    const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter((x) => x && x !== id);
    el.setAttribute('aria-describedby', [...ids, id].join(' '));
  }

  function render(s) {
    st = s;
    const cfg = s.config || {};
    const play = $('c-play');
    play.textContent = s.playing ? 'Pause' : 'Play';
    play.setAttribute('aria-label', s.playing ? 'Pause (Space)' : 'Play (Space)');
    $('c-step').textContent = s.mode === 'explain' ? 'Next phase' : 'Step';

    const rules = (cfg.rules || 'bp,chl').split(',');
    setValue($('c-rule0'), rules[0]);
    setValue($('c-rule1'), rules[1]);
    setValue($('c-dataset'), cfg.problem === 'regression' ? cfg.regDataset : cfg.dataset);
    for (const el of panel.querySelectorAll('[data-key]')) setValue(el, cfg[el.dataset.key]);
    $('c-noise-out').textContent = $('c-noise').value;
    $('c-perc-out').textContent = $('c-perc').value + '%';
    renderLayers(cfg);
    renderNumbers(s);

    // Replay progress, when it takes more than a moment.
    const bar = $('replay');
    if (s.replaying) {
      $('replay-text').textContent = 'Replaying: step ' + s.step + ' of ' + s.replayTarget;
      $('replay-bar').max = Math.max(1, s.replayTarget);
      $('replay-bar').value = s.step;
      bar.hidden = false;
    } else {
      bar.hidden = true;
    }

    const key = (s.warnings || []).join('\n');
    if (key !== noticeKey) {
      noticeKey = key;
      if (key) showNotice('This link had problems; this is what was used instead', s.warnings, false);
      else if (!$('notice').classList.contains('error')) $('notice').hidden = true;
    }

    // The panel sets up the compare scene; the lesson scenes have their own
    // in-canvas controls and get the room.
    root.dataset.scene = s.scene || '';
    if (cfg.embed === 'true') root.classList.add('embed');
    else root.classList.remove('embed');
    const full = new URL(location.href);
    full.hash = s.openLink || s.link || '';
    $('open-full').href = full.href;
  }

  // --- events -------------------------------------------------------------
  function wire() {
    $('c-play').addEventListener('click', () => command(st && st.playing ? 'pause' : 'play'));
    $('c-step').addEventListener('click', step);
    $('c-reset').addEventListener('click', () => { command('reset'); say('Back to step 0, same initial weights.'); });
    $('c-toggle').addEventListener('click', () => {
      const open = panel.dataset.open !== 'true';
      panel.dataset.open = String(open);
      $('c-toggle').setAttribute('aria-expanded', String(open));
    });

    const pair = () => set({ rules: $('c-rule0').value + ',' + $('c-rule1').value });
    $('c-rule0').addEventListener('change', pair);
    $('c-rule1').addEventListener('change', pair);
    $('c-dataset').addEventListener('change', (e) => {
      const v = e.target.value;
      if (v.startsWith('reg-')) set({ problem: 'regression', regDataset: v });
      else set({ problem: 'classification', dataset: v });
    });
    for (const el of panel.querySelectorAll('[data-key]')) {
      el.addEventListener('change', () => {
        const v = el.value.trim();
        if (v === '' && el.type === 'number') { fieldError(el, ''); render(st); return; } // cleared: show the value in use
        const problem = checkField(el, v);
        fieldError(el, problem);
        if (!problem) set({ [el.dataset.key]: v });
      });
    }
    $('c-noise').addEventListener('input', () => { $('c-noise-out').textContent = $('c-noise').value; });
    $('c-perc').addEventListener('input', () => { $('c-perc-out').textContent = $('c-perc').value + '%'; });
    $('c-add-layer').addEventListener('click', () => {
      const sizes = shape(st.config);
      if (sizes.length < settings.networkShape.maxItems) set({ networkShape: [...sizes, 2].join(',') });
    });
    $('c-remove-layer').addEventListener('click', () => {
      const sizes = shape(st.config);
      if (sizes.length > 0) set({ networkShape: sizes.slice(0, -1).join(',') });
    });
    $('c-new-weights').addEventListener('click', () => { command('newweights'); say('New initial weights, seed ' + st.config.seed + '.'); });
    $('c-theorem').addEventListener('click', theorem);

    $('c-copy').addEventListener('click', copyLink);
    $('c-png').addEventListener('click', () => download('png'));
    $('c-csv').addEventListener('click', () => download('csv'));
    $('c-json').addEventListener('click', () => download('json'));
    $('c-import').addEventListener('change', importFile);
    $('c-keys').addEventListener('click', showShortcuts);
    $('c-numbers-on').addEventListener('change', () => { numbersKey = ''; if (st) renderNumbers(st); });
    $('replay-stop').addEventListener('click', () => command('stopreplay'));
    window.addEventListener('keydown', shortcut, true);
    // Ebitengine's canvas swallows every key, Tab included, which would
    // trap keyboard users in it: Tab never reaches the canvas's handler.
    window.addEventListener('keydown', (e) => {
      if (e.key === 'Tab' && e.target && e.target.tagName === 'CANVAS') e.stopPropagation();
    }, true);
  }

  // The canvas comes last in the tab order (Ebitengine gives it tabindex 1,
  // which puts it before everything) and says what it is.
  function adoptCanvas() {
    const canvas = document.querySelector('body > canvas');
    if (!canvas) return;
    canvas.tabIndex = 0;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', 'The two learning rules at work: networks, outputs over the data, loss curves. Space plays or pauses, N or → plays the next phase, ← the previous one, E switches explain and train mode.');
  }

  // theorem puts the demo under Xie & Seung's conditions: a linear output
  // layer and small γ. The cosine with backprop then goes to 1 in every
  // layer for CHL; the default tanh output keeps the output layer's lower.
  function theorem() {
    set({ outputActivation: 'linear', gamma: '0.01' });
    say("Theorem's conditions: linear output, γ = 0.01.");
  }

  // explaining reads the settings' mode, which a command changes at once;
  // status().mode follows when the scene has switched, a frame later.
  const explaining = () => !!st && ((st.config && st.config.mode) || st.mode) === 'explain';
  function step() {
    if (explaining()) command('next');
    else command('step', '1');
  }

  async function copyLink() {
    const url = location.href;
    try {
      await navigator.clipboard.writeText(url);
      say('Link copied.');
    } catch (e) {
      // No clipboard permission (an iframe, an old browser): select the
      // link in a field so Ctrl+C copies it.
      const field = document.createElement('input');
      field.value = url;
      field.readOnly = true;
      field.setAttribute('aria-label', 'Link to this demo');
      $('c-live').replaceChildren(field);
      field.select();
      try { document.execCommand('copy'); } catch (_) { /* the selection is there */ }
    }
  }

  // save hands an exportFile result ({name, type, bytes}) to the browser
  // as a download.
  function save(file) {
    const url = URL.createObjectURL(new Blob([file.bytes], { type: file.type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file.name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    say('Saved ' + file.name + '.');
  }

  async function download(kind) {
    try {
      save(await api().exportFile(kind));
    } catch (err) {
      showNotice('Could not export', [String(err && err.message ? err.message : err)], true);
    }
  }

  async function importFile(e) {
    const input = e.target;
    const file = input.files && input.files[0];
    input.value = ''; // choosing the same file again fires change again
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      showNotice('Could not import', ['The file is ' + file.size + ' bytes: too large for a Propagate weights file. Nothing changed.'], true);
      return;
    }
    let text;
    try {
      text = await file.text();
    } catch (err) {
      showNotice('Could not import', ['The file could not be read. Nothing changed.'], true);
      return;
    }
    importText(text);
  }

  // importText is also what the browser tests call.
  function importText(text) {
    const s = command('import', text);
    if (s.error) showNotice('Could not import', [s.error], true);
    else {
      $('notice').hidden = true;
      say('Imported: replaying to step ' + s.replayTarget + ', then the saved weights.');
    }
    return s;
  }

  function showShortcuts() {
    const d = $('shortcuts');
    if (!d.open) d.showModal();
  }

  // --- shortcuts (issue 15) ---------------------------------------------
  // Page-wide shortcuts, read here and only here: on <body>, on a button,
  // on the canvas alike, one keydown is one action, so a tap shorter than
  // a frame is never lost (Ebitengine polls the keys once a tick). Never
  // while typing or choosing in a field; Space and Enter on a button press
  // the button. The listener runs first (capture on window) and keeps the
  // keys it acts on from the canvas, so nothing acts twice.
  const SHORTCUTS = {
    ' ': () => command(st.playing ? 'pause' : 'play'),
    ArrowRight: () => step(),
    ArrowLeft: () => { if (explaining()) command('prev'); },
    n: () => step(),
    e: () => command('mode', 'toggle'),
    s: () => command('step', '1'),
    r: () => command('reset'),
    t: () => theorem(),
    '?': () => showShortcuts(),
  };
  function shortcut(e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    if (!st || !api() || !api().ready) return;
    const t = e.target;
    if (t && t.closest && t.closest('input, select, textarea, [contenteditable], dialog')) return;
    const onControl = t && t.closest && t.closest('button, a, summary, label');
    const key = e.key.length === 1 && e.key !== ' ' ? e.key.toLowerCase() : e.key;
    const act = SHORTCUTS[key];
    if (!act) return;
    if (key === ' ' && onControl) return; // the button's own press
    poll(); // what the key acts on is the page now, not the last poll's
    // With the draw tool on, the focused canvas's arrows move its cursor
    // (data.js, the scene's keyboard drawing), not the phases.
    if (key.startsWith('Arrow') && t && t.tagName === 'CANVAS' && st.data && st.data.draw && st.data.draw.on) return;
    if (st.scene !== 'compare') {
      // The lesson scenes: the arrows move their slider a step.
      if (key === 'ArrowLeft' || key === 'ArrowRight') {
        e.preventDefault();
        e.stopPropagation();
        command('nudge', key === 'ArrowRight' ? '1' : '-1');
        return;
      }
      if (key !== 'r' && key !== '?' && key !== ' ') return;
    }
    e.preventDefault();
    e.stopPropagation();
    act();
  }

  // --- the numbers pane (issue 15) --------------------------------------
  // The example being explained, in numbers, as status().numbers has them
  // from the step's trace: nothing is computed here but the formatting.
  let numbersKey = '';
  const fmt = (v) => (Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(3) : v.toExponential(2)).replace('-', '\u2212');
  const vec = (vs) => '(' + (vs || []).map(fmt).join(', ') + ')';
  function renderNumbers(s) {
    const on = $('c-numbers-on').checked;
    const body = $('c-numbers-body');
    const ns = s.mode === 'explain' ? (s.numbers || []) : [];
    body.hidden = !on;
    if (!on) return;
    const key = JSON.stringify(ns);
    if (key === numbersKey) return;
    numbersKey = key;
    body.replaceChildren();
    if (ns.length === 0) {
      const p = document.createElement('p');
      p.textContent = 'Switch to explain mode (E) to see one example in numbers.';
      body.appendChild(p);
      return;
    }
    ns.forEach((n, i) => {
      const box = document.createElement('div');
      box.className = 'numbers-run';
      const h = document.createElement('h3');
      h.textContent = (s.panels && s.panels[i] ? s.panels[i].title : n.rule);
      box.appendChild(h);
      const line = (label, text) => {
        const p = document.createElement('p');
        const b = document.createElement('b');
        b.textContent = label + ' ';
        p.append(b, document.createTextNode(text));
        box.appendChild(p);
      };
      line('x', vec(n.input));
      line('target', vec(n.target));
      line('output', vec(n.output));
      const L = (n.layers || []).length;
      for (const l of n.layers || []) {
        const name = l.layer === L ? 'output layer' : 'hidden ' + l.layer;
        line(name, 'activity ' + vec(l.act) + (l.signal ? ' · ' + l.signalName + ' ' + vec(l.signal) : ''));
      }
      if (n.edge) line('edge ' + n.edge.name, n.edge.formula);
      else line('edge', 'point at an edge to see its Δw');
      body.appendChild(box);
    });
  }

  function poll() {
    if (api() && typeof api().status === 'function') render(JSON.parse(api().status()));
  }

  wire();
  // For tests and embedding pages.
  window.propagateControls = { importText, showNotice, render, save, plain }; // showNotice, render, save: also data.js; plain: the tests
  window.addEventListener('propagate:ready', () => {
    buildPanel(JSON.parse(api().settings()).settings);
    adoptCanvas();
    poll();
    setInterval(poll, 250);
  });
})();
