package e2e

import (
	"strconv"
	"strings"
	"testing"

	"propagate/engine"
)

// TestSettingsPanel: window.propagate.settings() is the engine's settings
// table, and every control of the panel offers exactly what the table
// says — range, step, options, the rules, the datasets, the layer limits —
// with the table's help in its tooltip: index.html and controls.js hold no
// copy of their own.
func TestSettingsPanel(t *testing.T) {
	base := serve(t, bundleDir(t))
	ctx := newBrowser(t)
	if state, _ := open(t, ctx, base+"#seed=5"); state != "ready" {
		t.Fatalf("the page failed: %s", state)
	}
	waitStatus(t, ctx, "the panel", func(status) bool {
		return eval[bool](t, ctx, `document.getElementById("c-seed").value === "5"`)
	})
	if got := eval[string](t, ctx, `window.propagate.settings()`); got != engine.SettingsJSON() {
		t.Fatalf("settings() is not the engine's table:\n%.300s\nwant\n%.300s", got, engine.SettingsJSON())
	}
	// Mismatches between each control and its row, one line each.
	bad := eval[[]string](t, ctx, `(() => {
		const rows = {}; for (const s of JSON.parse(window.propagate.settings()).settings) rows[s.key] = s;
		const out = [];
		const values = (sel) => [...sel.querySelectorAll('option')].map(o => o.value + '=' + o.textContent).join(',');
		// The panel writes the table's script markup (A_{R−P}) as Unicode
		// sub- and superscripts, with the page's own plain().
		const want = (opts) => opts.map(o => o.value + '=' + window.propagateControls.plain(o.label)).join(',');
		let n = 0;
		for (const el of document.querySelectorAll('#controls [data-key]')) {
			const s = rows[el.dataset.key]; n++;
			if (!s) { out.push(el.id + ': no setting ' + el.dataset.key); continue; }
			if (!el.title.startsWith(s.help)) out.push(el.id + ': tooltip ' + el.title);
			if (el.labels[0].textContent !== s.label) out.push(el.id + ': label ' + el.labels[0].textContent);
			if (el.tagName === 'SELECT') {
				if (values(el) !== want(s.options)) out.push(el.id + ': options ' + values(el));
			} else if (s.type === 'text') {
				if (el.maxLength !== s.max) out.push(el.id + ': maxlength ' + el.maxLength);
			} else {
				if (Number(el.min) !== s.min || Number(el.max) !== s.max) out.push(el.id + ': range ' + el.min + '..' + el.max);
				if (el.step !== (s.step === null ? 'any' : String(s.step))) out.push(el.id + ': step ' + el.step);
				if (!el.title.includes(' to ')) out.push(el.id + ': tooltip without its range');
			}
		}
		if (n < 10) out.push('only ' + n + ' controls name a setting');
		for (const id of ['c-rule0', 'c-rule1'])
			if (values(document.getElementById(id)) !== want(rows.rules.options)) out.push(id + ': rules ' + values(document.getElementById(id)));
		const data = values(document.getElementById('c-dataset'));
		if (data !== want(rows.dataset.options.concat(rows.regDataset.options))) out.push('c-dataset: ' + data);
		const groups = [...document.querySelectorAll('#c-dataset optgroup')].map(g => g.label).join(',');
		if (groups !== rows.problem.options.map(o => o.label).join(',')) out.push('c-dataset groups: ' + groups);
		for (const el of document.querySelectorAll('#c-layers input'))
			if (Number(el.max) !== rows.networkShape.max || Number(el.min) !== rows.networkShape.min) out.push(el.id + ': range ' + el.min + '..' + el.max);
		return out;
	})()`)
	for _, b := range bad {
		t.Error(b)
	}
	// The layer buttons stop at the table's limit.
	var shape engine.Setting
	for _, s := range engine.Settings() {
		if s.Key == "networkShape" {
			shape = s
		}
	}
	full := strings.TrimSuffix(strings.Repeat("3,", shape.MaxItems), ",")
	command(t, ctx, "set", "networkShape="+full)
	waitStatus(t, ctx, "the full net", func(status) bool {
		return eval[bool](t, ctx, `document.querySelectorAll("#c-layers input").length === `+strconv.Itoa(shape.MaxItems))
	})
	if !eval[bool](t, ctx, `document.getElementById("c-add-layer").disabled`) {
		t.Errorf("+ layer is enabled at %d layers, the table's most", shape.MaxItems)
	}
	command(t, ctx, "set", "networkShape=3")
	waitStatus(t, ctx, "one layer", func(status) bool {
		return eval[bool](t, ctx, `!document.getElementById("c-add-layer").disabled`)
	})
}
