// dyad page: filters, timeline (inline SVG), top dyads, event table, live stream.
// Every value from the server goes into the page as text (textContent), never as markup.
"use strict";

const QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
const SVGNS = "http://www.w3.org/2000/svg";
const form = document.getElementById("filters");
let liveCount = 0;

function params(extra) {
  const p = new URLSearchParams();
  for (const el of form.elements) {
    if (el.name && el.value.trim() !== "" && el.name !== "bucket") p.set(el.name, el.value.trim());
  }
  for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
  return p;
}

async function getJSON(path, extra) {
  const r = await fetch(path + "?" + params(extra).toString());
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

// The sentence with the evidence verb marked. Offsets are UTF-8 byte offsets.
function evidenceCell(ev) {
  const td = el("td");
  const bytes = new TextEncoder().encode(ev.sentence || "");
  const dec = new TextDecoder();
  const s = ev.evidence ? ev.evidence.verb_start : 0;
  const e = ev.evidence ? ev.evidence.verb_end : 0;
  if (ev.evidence && s < e && e <= bytes.length) {
    td.append(dec.decode(bytes.slice(0, s)));
    td.append(el("mark", dec.decode(bytes.slice(s, e))));
    td.append(dec.decode(bytes.slice(e)));
  } else {
    td.textContent = ev.sentence || "";
  }
  return td;
}

function eventRow(ev, live) {
  const tr = el("tr", undefined, live ? "live" : "");
  tr.append(el("td", ev.date || ""));
  const src = el("td");
  src.append(el("span", ev.source.code, "code"));
  src.title = ev.source.text;
  tr.append(src);
  const evc = el("td");
  evc.append(el("span", ev.cameo, "code"), " " + (ev.plover || ""));
  evc.title = "quad class " + ev.quad_class + " (" + QUADS[ev.quad_class] + "), Goldstein " + ev.goldstein + (ev.negated ? ", negated" : "");
  tr.append(evc);
  const tgt = el("td");
  if (ev.target) { tgt.append(el("span", ev.target.code, "code")); tgt.title = ev.target.text; }
  tr.append(tgt);
  tr.append(el("td", ev.location ? ev.location.name : ""));
  tr.append(evidenceCell(ev));
  return tr;
}

function drawTimeline(rows) {
  const box = document.getElementById("timeline");
  box.replaceChildren();
  if (!rows.length) { box.append(el("p", "no dated events", "empty")); return; }
  const periods = [...new Set(rows.map(r => r.period))].sort();
  const byPeriod = new Map(periods.map(p => [p, {1: 0, 2: 0, 3: 0, 4: 0}]));
  for (const r of rows) byPeriod.get(r.period)[r.quad_class] += r.count;
  const totals = periods.map(p => Object.values(byPeriod.get(p)).reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const W = 800, H = 220, L = 40, B = 20, T = 8;
  const bw = (W - L) / periods.length;
  const s = svg("svg", {viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "events by quad class over time", id: "timeline-svg"});
  for (const f of [0, 0.5, 1]) {
    const y = H - B - f * (H - B - T);
    s.append(svg("line", {x1: L, x2: W, y1: y, y2: y, stroke: "#e3e6ee"}));
    s.append(svg("text", {x: L - 4, y: y + 3, "text-anchor": "end", class: "axis"}, String(Math.round(f * max))));
  }
  periods.forEach((p, i) => {
    let y = H - B;
    for (const q of [1, 2, 3, 4]) {
      const n = byPeriod.get(p)[q];
      if (!n) continue;
      const h = n / max * (H - B - T);
      y -= h;
      const r = svg("rect", {x: L + i * bw + 0.5, y: y, width: Math.max(1, bw - 1), height: h, class: "bar q" + q});
      r.append(svg("title", {}, `${p}: ${n} ${QUADS[q]}`));
      s.append(r);
    }
  });
  const step = Math.max(1, Math.ceil(periods.length / 8));
  periods.forEach((p, i) => {
    if (i % step === 0) s.append(svg("text", {x: L + i * bw, y: H - 5, class: "axis"}, p));
  });
  box.append(s);
  const legend = el("div", undefined, "legend");
  for (const q of [1, 2, 3, 4]) {
    const sp = el("span");
    sp.append(el("i", undefined, "q" + q), QUADS[q]);
    legend.append(sp);
  }
  box.append(legend);
}

function drawDyads(dyads) {
  const tb = document.querySelector("#dyads tbody");
  tb.replaceChildren();
  for (const d of dyads) {
    const tr = el("tr");
    tr.append(el("td", d.source, "code"), el("td", d.target || "—", "code"),
      el("td", d.count, "num"), el("td", (d.goldstein_sum / Math.max(1, d.count)).toFixed(1), "num"));
    tb.append(tr);
  }
}

async function refresh() {
  const bucket = form.elements.bucket.value;
  document.getElementById("export").href = "/api/export.csv?" + params().toString();
  try {
    const [evs, tl, dy] = await Promise.all([
      getJSON("/api/events", {limit: 100}),
      getJSON("/api/timeline", {bucket}),
      getJSON("/api/dyads", {n: 15}),
    ]);
    const tb = document.querySelector("#events tbody");
    tb.replaceChildren(...evs.events.map(e => eventRow(e, false)));
    document.getElementById("total").textContent = "(" + evs.total + ")";
    drawTimeline(tl.rows);
    drawDyads(dy.dyads);
    document.body.dataset.loaded = "1";
  } catch (err) {
    document.getElementById("timeline").replaceChildren(el("p", "error: " + err.message, "empty"));
  }
}

let refreshTimer = null;
function refreshSoon() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => { refreshTimer = null; refreshAggregates(); }, 2000);
}

async function refreshAggregates() {
  try {
    const [tl, dy] = await Promise.all([
      getJSON("/api/timeline", {bucket: form.elements.bucket.value}),
      getJSON("/api/dyads", {n: 15}),
    ]);
    drawTimeline(tl.rows);
    drawDyads(dy.dyads);
  } catch (_) { /* the next refresh will tell */ }
}

function connect() {
  const status = document.getElementById("live-status");
  const es = new EventSource("/api/stream");
  es.onopen = () => { status.textContent = "stream: live"; status.classList.add("on"); };
  es.onerror = () => { status.textContent = "stream: reconnecting…"; status.classList.remove("on"); };
  es.onmessage = (m) => {
    let ev;
    try { ev = JSON.parse(m.data); } catch (_) { return; }
    const tb = document.querySelector("#events tbody");
    tb.prepend(eventRow(ev, true));
    while (tb.children.length > 500) tb.lastChild.remove();
    liveCount += 1;
    document.getElementById("live-count").textContent = "+" + liveCount + " live";
    refreshSoon();
  };
}

form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
refresh();
connect();
