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

  function addOptions(parent, options) {
    for (const { value, label } of options) {
      const o = document.createElement('option');
      o.value = value;
      o.textContent = label;
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
    for (const id of ['c-rule0', 'c-rule1']) {
      const sel = $(id);
      sel.replaceChildren();
      addOptions(sel, rules.options);
      sel.title = tooltip(rules);
    }
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
    const sizes = [...$('c-layers').querySelectorAll('input')].map((el) => el.value.trim());
    set({ networkShape: sizes.join(',') });
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
      if (key) showNotice('The link had problems; this is what was used instead', s.warnings, false);
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
        if (v === '' && el.type === 'number') { render(st); return; } // cleared: show the value in use
        set({ [el.dataset.key]: v });
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

    $('c-copy').addEventListener('click', copyLink);
    $('c-png').addEventListener('click', () => download('png'));
    $('c-csv').addEventListener('click', () => download('csv'));
    $('c-json').addEventListener('click', () => download('json'));
    $('c-import').addEventListener('change', importFile);
    $('c-keys').addEventListener('click', showShortcuts);
    $('replay-stop').addEventListener('click', () => command('stopreplay'));
    document.addEventListener('keydown', shortcut);
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
    canvas.setAttribute('aria-label', 'The two learning rules at work: networks, outputs over the data, loss curves. Space plays or pauses, → steps, E switches explain and train mode.');
  }

  function step() {
    if (st && st.mode === 'explain') command('next');
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

  async function download(kind) {
    try {
      const file = await api().exportFile(kind);
      const url = URL.createObjectURL(new Blob([file.bytes], { type: file.type }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      say('Saved ' + file.name + '.');
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

  // Page-wide shortcuts. Never while typing or choosing in a field; Space
  // and Enter on a button press the button. On the canvas the scene reads
  // Space and → itself, so only R and ? are added there.
  function shortcut(e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    if (!st || !api() || !api().ready) return;
    const t = e.target;
    if (t && t.closest && t.closest('input, select, textarea, [contenteditable], dialog')) return;
    const onControl = t && t.closest && t.closest('button, a, summary, label');
    const onCanvas = t && t.tagName === 'CANVAS';
    switch (e.key) {
      case ' ':
        if (onControl || onCanvas) return;
        e.preventDefault();
        command(st.playing ? 'pause' : 'play');
        break;
      case 'ArrowRight':
        if (onControl || onCanvas) return;
        e.preventDefault();
        step();
        break;
      case 'r':
      case 'R':
        e.preventDefault();
        command('reset');
        break;
      case '?':
        e.preventDefault();
        showShortcuts();
        break;
    }
  }

  function poll() {
    if (api() && typeof api().status === 'function') render(JSON.parse(api().status()));
  }

  wire();
  // For tests and embedding pages.
  window.propagateControls = { importText };
  window.addEventListener('propagate:ready', () => {
    buildPanel(JSON.parse(api().settings()).settings);
    adoptCanvas();
    poll();
    setInterval(poll, 250);
  });
})();
