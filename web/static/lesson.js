// lesson.js is the lesson pane: the lesson named by the link's `lesson`
// key, beside the demo its own link sets up. The text comes from the Go
// program (window.propagate.lesson(n), the embedded assets/lessons) as JSON
// and is built with createElement and textContent only: no lesson text,
// and nothing from the URL, ever becomes HTML.
//
// Moving between lessons loads the next lesson's link (a new history
// entry, so Back returns); an edited or traversed hash loads through the
// page's hashchange listener, and this pane follows either way.
'use strict';

(() => {
  const pane = document.getElementById('lesson');
  const launch = document.getElementById('lesson-launch');
  if (!pane || !launch) return;
  const root = document.documentElement;
  let shown = -1;        // the lesson on show (0: none)
  let dismissed = false; // closed by the reader; the launcher reopens it

  // lessonNow is the lesson the page's settings name (status().config,
  // read by the link codec; the program has already loaded an edited hash
  // when the hashchange listener below runs, its own being the first).
  function lessonNow() {
    try {
      return Number(JSON.parse(window.propagate.status()).config.lesson) || 0;
    } catch (err) {
      return 0;
    }
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // rich appends text to parent with x_k, x_{k−1}, x^β_pre as subscripts
  // and γ^{k−L}, γ^(k−L) as superscripts (text nodes inside <sub> and
  // <sup>): any letter or digit, Greek included, so no _ or ^ is ever
  // shown as such.
  function rich(parent, text) {
    const re = /([_^])(?:\{([^{}]*)\}|\(([^()]*)\)|([\p{L}\p{N}]+))/gu;
    let last = 0;
    let m;
    while ((m = re.exec(text)) !== null) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      parent.appendChild(el(m[1] === '_' ? 'sub' : 'sup', null, m[2] ?? m[3] ?? m[4]));
      last = re.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
    return parent;
  }

  // inline appends text to parent with `backquoted` parts as <code>.
  function inline(parent, text) {
    text.split('`').forEach((part, i) => {
      if (part === '') return;
      rich(i % 2 ? parent.appendChild(el('code')) : parent, part);
    });
    return parent;
  }

  // go opens a lesson: a history entry for the back button, then the
  // demo loaded at once. Waiting for hashchange instead would race the
  // page rewriting the address bar with the running demo's step.
  function go(link) {
    dismissed = false;
    history.pushState(null, '', link);
    window.propagate.command('load', link);
    render();
  }

  function navButton(label, entry, cls) {
    const b = el('button', cls, label);
    b.type = 'button';
    if (entry) {
      b.title = 'Lesson ' + entry.n + ': ' + entry.title;
      b.addEventListener('click', () => go(entry.link));
    } else {
      b.disabled = true;
    }
    return b;
  }

  function fill(page) {
    pane.replaceChildren();
    const head = el('div', 'lesson-head');
    head.appendChild(el('span', 'lesson-count', page.n ? 'Lesson ' + page.n + ' of ' + page.count : 'Lessons'));
    const nav = el('div', 'lesson-nav');
    nav.appendChild(navButton('‹ Previous', page.prev, 'lesson-prev'));
    nav.appendChild(navButton('Next ›', page.next, 'lesson-next'));
    const close = el('button', 'lesson-close', '×');
    close.type = 'button';
    close.title = 'Hide the lesson (the demo stays)';
    close.setAttribute('aria-label', 'Hide the lesson');
    close.addEventListener('click', () => { dismissed = true; update(); });
    nav.appendChild(close);
    head.appendChild(nav);
    pane.appendChild(head);

    const body = el('div', 'lesson-body');
    if (page.error) body.appendChild(el('p', 'lesson-error', page.error));
    if (page.title) body.appendChild(el('h2', 'lesson-title', page.title));
    for (const b of page.blocks || []) {
      if (b.kind === 'formula') {
        body.appendChild(rich(el('div', 'lesson-formula'), b.text));
      } else if (b.kind === 'try' || b.kind === 'notice') {
        const box = el('div', 'lesson-' + b.kind);
        box.appendChild(el('strong', null, b.kind === 'try' ? 'Try this' : 'Notice'));
        box.appendChild(inline(el('p'), b.text));
        body.appendChild(box);
      } else {
        body.appendChild(inline(el('p'), b.text));
      }
    }
    if (page.link) {
      const again = el('button', 'lesson-restart', 'Restart this lesson\u2019s demo');
      again.type = 'button';
      again.addEventListener('click', () => window.propagate.command('load', page.link));
      body.appendChild(again);
    }
    if (page.cites && page.cites.length) {
      body.appendChild(el('h3', null, 'Sources'));
      const ol = el('ul', 'lesson-cites');
      for (const c of page.cites) ol.appendChild(el('li', null, '[' + c.n + '] ' + c.text));
      body.appendChild(ol);
    }
    const index = el('details', 'lesson-index');
    index.appendChild(el('summary', null, 'All lessons'));
    const list = el('ol');
    for (const e of page.index || []) {
      const li = el('li');
      const a = el('a', null, e.title.replace(/^\d+\.\s*/, ''));
      a.href = e.link;
      if (e.n === page.n) a.setAttribute('aria-current', 'page');
      a.addEventListener('click', (ev) => { ev.preventDefault(); go(e.link); });
      li.appendChild(a);
      list.appendChild(li);
    }
    index.appendChild(list);
    body.appendChild(index);
    pane.appendChild(body);
    pane.scrollTop = 0;
  }

  function render() {
    const n = lessonNow();
    if (n !== shown && n > 0) {
      let page;
      try {
        page = JSON.parse(window.propagate.lesson(n));
      } catch (err) {
        page = { n: 0, error: 'The lesson could not be read: ' + String(err && err.message ? err.message : err) };
      }
      fill(page);
      pane.dataset.lesson = String(page.n || 0);
    }
    shown = n;
    update();
  }

  // update shows the pane or the launcher.
  function update() {
    const open = shown > 0 && !dismissed;
    pane.hidden = !open;
    root.classList.toggle('lesson-open', open);
    launch.hidden = open;
    launch.textContent = shown > 0 ? 'Lesson ' + shown : 'Lessons';
    launch.title = shown > 0 ? 'Show the lesson again' : 'A guided path: backprop and its biological alternatives';
  }

  launch.addEventListener('click', () => {
    if (shown > 0) {
      dismissed = false;
      update();
      return;
    }
    let first;
    try { first = JSON.parse(window.propagate.lesson(1)); } catch (err) { return; }
    if (first && first.link) go(first.link);
  });

  function start() {
    window.addEventListener('hashchange', () => {
      if (lessonNow() !== shown) dismissed = false;
      render();
    });
    render();
  }

  if (window.propagate && window.propagate.ready) start();
  else window.addEventListener('propagate:ready', start, { once: true });
})();
