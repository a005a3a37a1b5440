// Front end of annonces.annotation.widget.CorrectionWidget (anywidget ESM).
//
// A thin view: it draws the synced state (doc, spans, records, index, count, labels,
// message) and sends every edit to Python as an action message; the Python
// CorrectionSession applies it and syncs the new state back.  Offsets sent and
// received are Python character offsets (code points); JavaScript strings count
// UTF-16 units, so both directions go through offsetMaps().

const FIELDS = [
  ["recipient", "ORG"], ["amount", "AMOUNT"], ["total_cost", "AMOUNT"],
  ["program", "PROGRAM"], ["region", "REGION"],
];

/** Code point <-> UTF-16 unit offset maps for `text` (identity without surrogates). */
export function offsetMaps(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) {
    return { toUnit: (i) => i, toPoint: (i) => i };
  }
  const units = [];
  const points = new Array(text.length + 1);
  let u = 0;
  let p = 0;
  for (const ch of text) {
    units[p] = u;
    for (let k = 0; k < ch.length; k++) points[u + k] = p;
    u += ch.length;
    p += 1;
  }
  units[p] = u;
  points[u] = p;
  return { toUnit: (i) => units[i], toPoint: (i) => points[i] };
}

/** Pieces of `text` between span boundaries: [{start, end, spans}] in UTF-16 units. */
export function segments(text, spans, maps) {
  const placed = spans.map((s) => ({ ...s, u0: maps.toUnit(s.start), u1: maps.toUnit(s.end) }));
  const cuts = new Set([0, text.length]);
  for (const s of placed) {
    cuts.add(s.u0);
    cuts.add(s.u1);
  }
  const sorted = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const [a, b] = [sorted[i], sorted[i + 1]];
    const covering = placed.filter((s) => s.u0 <= a && s.u1 >= b)
      .sort((x, y) => (x.u1 - x.u0) - (y.u1 - y.u0));
    out.push({ start: a, end: b, spans: covering });
  }
  return out;
}

/** The selection inside `container` as [start, end] UTF-16 offsets into its text, or null. */
export function selectionOffsets(container, selection) {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  const offset = (node, off) => {
    const before = document.createRange();
    before.setStart(container, 0);
    before.setEnd(node, off);
    return before.toString().length;
  };
  return [offset(range.startContainer, range.startOffset), offset(range.endContainer, range.endOffset)];
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "style") node.setAttribute("style", v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

function select(options, value, onchange, attrs = {}) {
  const node = el("select", { ...attrs, onchange: (e) => onchange(e.target.value) });
  for (const [v, label] of options) {
    const opt = el("option", { value: v }, label);
    if (v === (value ?? "")) opt.selected = true;
    node.append(opt);
  }
  return node;
}

function render({ model, el: root }) {
  let selected = null; // id of the span picked in the text or the list
  const send = (msg) => model.send(msg);

  function colorOf(label) {
    const found = (model.get("labels") || []).find((l) => l.label === label);
    return found ? found.color : "#ddd";
  }

  function spanName(span) {
    const text = span.text.length > 40 ? `${span.text.slice(0, 39)}…` : span.text;
    return `${span.id} · ${text.replace(/\s+/g, " ")}`;
  }

  function textView(doc, spans, maps) {
    const box = el("div", { class: "ann-text", "data-role": "text" });
    for (const seg of segments(doc.text, spans, maps)) {
      const piece = doc.text.slice(seg.start, seg.end);
      if (!seg.spans.length) {
        box.append(el("span", { "data-start": seg.start }, piece));
        continue;
      }
      const inner = seg.spans[0];
      const outer = seg.spans[seg.spans.length - 1];
      const ids = seg.spans.map((s) => s.id);
      const style = [`background:${colorOf(inner.label)}`];
      if (outer !== inner) style.push(`box-shadow: inset 0 -3px 0 ${colorOf(outer.label)}`);
      const title = seg.spans.map((s) => `${s.id} ${s.label}${s.value !== null ? ` = ${s.value}` : ""}`).join("\n");
      box.append(el("mark", {
        class: `ann-mark${ids.includes(selected) ? " ann-selected" : ""}`, "data-start": seg.start,
        "data-spans": ids.join(" "), "data-label": inner.label, title, style: style.join(";"),
        onclick: () => { selected = inner.id; draw(); },
      }, piece));
    }
    return box;
  }

  function toolbar(doc, maps, textBox) {
    const bar = el("div", { class: "ann-toolbar" }, el("span", { class: "ann-hint" }, "select text, then:"));
    for (const lab of model.get("labels") || []) {
      bar.append(el("button", {
        class: "ann-label-button", style: `background:${lab.color}`, title: lab.description,
        "data-label": lab.label,
        // mousedown would clear the selection before click: keep it
        onmousedown: (e) => e.preventDefault(),
        onclick: () => {
          const off = selectionOffsets(textBox, window.getSelection());
          if (!off) {
            model.set("message", "select some text of the document first");
            model.save_changes();
            return;
          }
          send({ action: "add_span", start: maps.toPoint(off[0]), end: maps.toPoint(off[1]), label: lab.label });
          window.getSelection().removeAllRanges();
        },
      }, `+ ${lab.label}`));
    }
    return bar;
  }

  function spanTable(spans) {
    const labels = (model.get("labels") || []).map((l) => [l.label, l.label]);
    const body = el("tbody");
    for (const s of spans) {
      body.append(el("tr", {
        class: s.id === selected ? "ann-selected" : "", "data-span": s.id,
        onclick: (e) => { if (e.target.tagName === "TD") { selected = s.id; draw(); } },
      },
      el("td", {}, el("span", { class: "ann-chip", style: `background:${colorOf(s.label)}` }, s.id)),
      el("td", {}, select(labels, s.label, (v) => send({ action: "set_label", span: s.id, label: v }))),
      el("td", { class: "ann-span-text" }, s.text),
      el("td", {}, el("input", {
        class: "ann-value", value: s.value ?? "", placeholder: "value",
        onchange: (e) => send({ action: "set_value", span: s.id, value: e.target.value }),
      })),
      el("td", {}, el("button", { class: "ann-delete", title: "delete this span",
        onclick: () => send({ action: "delete_span", span: s.id }) }, "✕"))));
    }
    return el("table", { class: "ann-table ann-spans" },
      el("thead", {}, el("tr", {}, ["span", "label", "text", "value", ""].map((h) => el("th", {}, h)))), body);
  }

  function recordTable(records, spans) {
    const byLabel = (label) => [["", "—"], ...spans.filter((s) => s.label === label).map((s) => [s.id, spanName(s)])];
    const ministers = spans.filter((s) => s.label === "MINISTER");
    const body = el("tbody");
    for (const r of records) {
      const cells = FIELDS.map(([field, label]) => el("td", {}, select(byLabel(label), r[field],
        (v) => send({ action: "edit_record", record: r.id, changes: { [field]: v || null } }))));
      const who = el("select", {
        multiple: true, size: Math.min(3, Math.max(1, ministers.length)),
        onchange: (e) => send({ action: "edit_record", record: r.id,
          changes: { ministers: [...e.target.selectedOptions].map((o) => o.value) } }),
      });
      for (const m of ministers) {
        const opt = el("option", { value: m.id }, spanName(m));
        opt.selected = (r.ministers || []).includes(m.id);
        who.append(opt);
      }
      body.append(el("tr", { class: `ann-${r.state}`, "data-record": r.id },
        el("td", {}, el("span", { class: `ann-state ann-state-${r.state}` }, `${r.id} ${r.state}`)),
        ...cells,
        el("td", {}, select([["grant", "grant"], ["loan", "loan"]], r.kind,
          (v) => send({ action: "edit_record", record: r.id, changes: { kind: v } }))),
        el("td", {}, el("input", { class: "ann-date", value: r.date ?? "", placeholder: "AAAA-MM-JJ",
          onchange: (e) => send({ action: "edit_record", record: r.id, changes: { date: e.target.value || null } }) })),
        el("td", {}, who),
        el("td", { class: "ann-actions" },
          r.state === "pending" ? el("button", { class: "ann-accept", title: "accept this record",
            onclick: () => send({ action: "accept_record", record: r.id }) }, "✓") : null,
          el("button", { class: "ann-delete", title: "delete this record",
            onclick: () => send({ action: "delete_record", record: r.id }) }, "✕"))));
    }
    const newRecipient = select(byLabel("ORG"), "", () => {});
    const newAmount = select(byLabel("AMOUNT"), "", () => {});
    const add = el("div", { class: "ann-add-record" }, "new record: ", newRecipient, newAmount,
      el("button", { onclick: () => send({ action: "add_record", recipient: newRecipient.value, amount: newAmount.value }) },
        "+ record"));
    const head = ["record", "recipient", "amount", "total cost", "program", "region", "kind", "date", "ministers", ""];
    return el("div", {},
      el("table", { class: "ann-table ann-records" },
        el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, h)))), body),
      add);
  }

  function draw() {
    const doc = model.get("doc") || { id: "", text: "", status: "" };
    const spans = model.get("spans") || [];
    const records = model.get("records") || [];
    const index = model.get("index") || 0;
    const count = model.get("count") || 0;
    if (selected && !spans.some((s) => s.id === selected)) selected = null;
    const maps = offsetMaps(doc.text);
    const textBox = textView(doc, spans, maps);
    const pathInput = el("input", { class: "ann-path", placeholder: "corrections.jsonl (default: the session's path)" });
    const nav = el("div", { class: "ann-nav" },
      el("button", { class: "ann-prev", disabled: index <= 0, onclick: () => send({ action: "prev" }) }, "◀ prev"),
      el("span", { class: "ann-position" }, `${index + 1} / ${count}`),
      el("strong", { class: "ann-doc-id" }, doc.id),
      el("span", { class: `ann-status ann-status-${doc.status}` }, doc.status),
      el("button", { class: "ann-next", disabled: index >= count - 1, onclick: () => send({ action: "next" }) }, "next ▶"),
      el("span", { class: "ann-spacer" }),
      el("button", { class: "ann-accept-all", onclick: () => send({ action: "accept_all" }) }, "accept all records"),
      pathInput,
      el("button", { class: "ann-save", onclick: () => send({ action: "save", path: pathInput.value || null }) }, "save"));
    const message = model.get("message") || "";
    root.replaceChildren(el("div", { class: "ann-widget" },
      nav,
      toolbar(doc, maps, textBox),
      el("div", { class: "ann-body" },
        textBox,
        el("div", { class: "ann-side" }, el("h4", {}, `spans (${spans.length})`), spanTable(spans))),
      el("h4", {}, `records (${records.length})`),
      recordTable(records, spans),
      el("div", { class: `ann-message${message.startsWith("error") ? " ann-error" : ""}` }, message)));
  }

  const events = ["doc", "spans", "records", "index", "count", "labels", "message"].map((k) => `change:${k}`);
  for (const ev of events) model.on(ev, draw);
  draw();
  return () => { for (const ev of events) model.off(ev, draw); };
}

export default { render };
