// rasid dashboard: plain JavaScript over the /v1 API, no build step, no network beyond
// this server. Spans from the API are UTF-8 byte ranges; byteIndex() maps them to the
// UTF-16 indices JavaScript strings use.
"use strict";

const QUAD_COLORS = { 1: "#6aa84f", 2: "#1c7c54", 3: "#e69138", 4: "#cc0000" };

const I18N = {
  en: {
    tab_code: "Code an article", tab_relations: "Relations", tab_network: "Network", tab_events: "Events", tab_map: "Map", tab_codes: "Codes",
    codes_filter: "Code or words", codes_kind: "Kind", codes_code: "Code", codes_en: "English", codes_ar: "Arabic",
    codes_entry: "Entry", goldstein_short: "Goldstein", n_codes: (n) => `${n} codes`,
    article_text: "Article text (Arabic)", article_date: "Article date", article_title: "Title", code_button: "Code",
    kind_actor: "actor", kind_trigger: "trigger", kind_date: "date", kind_place: "place", evidence: "evidence",
    actor_a: "Actor A", actor_b: "Actor B", period: "Period", month: "month", week: "week", show: "Show",
    include_history: "Include history", entity: "Entity", top_edges: "Edges", since: "From", until: "To", root: "CAMEO root", any: "any", actor: "Actor", source: "Source", target: "Target",
    quad: "QuadClass", filter: "Filter", more: "More",
    col_date: "Date", col_source: "Source", col_event: "Event", col_target: "Target", col_mentions: "Mentions", col_conf: "Confidence",
    coding: "Coding…", loading: "Loading…", n_events: (n) => `${n} event(s)`, no_events: "No events found.",
    q1: "Verbal cooperation", q2: "Material cooperation", q3: "Verbal conflict", q4: "Material conflict",
    goldstein: "Goldstein (mean)", events_in: (p) => `Events in ${p}`, evidence_link: "evidence",
    pick_two: "Pick two actors.", no_target: "(no target)", mentions: "Mentions", sentence: "sentence",
    confidence: "confidence", date: "date", place: "place", aux: "mode", empty_text: "Paste an article first.",
    nodes_edges: (n, e) => `${n} actors, ${e} links`, dyad: (a, b) => `${a} → ${b}`,
    n_places: (p, n) => `${p} places, ${n} events`, events_at: (p) => `Events at ${p}`,
  },
  ar: {
    tab_code: "ترميز مقال", tab_relations: "العلاقات", tab_network: "الشبكة", tab_events: "الأحداث", tab_map: "الخريطة", tab_codes: "الرموز",
    codes_filter: "رمز أو كلمات", codes_kind: "النوع", codes_code: "الرمز", codes_en: "بالإنجليزية", codes_ar: "بالعربية",
    codes_entry: "المدخل", goldstein_short: "غولدستين", n_codes: (n) => `${n} رمزًا`,
    article_text: "نص المقال", article_date: "تاريخ المقال", article_title: "العنوان", code_button: "رمّز",
    kind_actor: "فاعل", kind_trigger: "فعل الحدث", kind_date: "تاريخ", kind_place: "مكان", evidence: "الدليل",
    actor_a: "الفاعل الأول", actor_b: "الفاعل الثاني", period: "الفترة", month: "شهر", week: "أسبوع", show: "اعرض",
    include_history: "تضمين الأحداث السابقة", entity: "الكيان", top_edges: "الروابط", since: "من", until: "إلى", root: "جذر كاميو", any: "الكل", actor: "فاعل", source: "المصدر", target: "الهدف",
    quad: "الفئة الرباعية", filter: "صفِّ", more: "المزيد",
    col_date: "التاريخ", col_source: "المصدر", col_event: "الحدث", col_target: "الهدف", col_mentions: "الإشارات", col_conf: "الثقة",
    coding: "جارٍ الترميز…", loading: "جارٍ التحميل…", n_events: (n) => `عدد الأحداث: ${n}`, no_events: "لا أحداث.",
    q1: "تعاون لفظي", q2: "تعاون مادي", q3: "نزاع لفظي", q4: "نزاع مادي",
    goldstein: "مقياس غولدستين (المتوسط)", events_in: (p) => `أحداث ${p}`, evidence_link: "الدليل",
    pick_two: "اختر فاعلين.", no_target: "(بلا هدف)", mentions: "الإشارات", sentence: "الجملة",
    confidence: "الثقة", date: "التاريخ", place: "المكان", aux: "الصيغة", empty_text: "الصق مقالا أولا.",
    nodes_edges: (n, e) => `${n} فاعلا، ${e} صلة`, dyad: (a, b) => `${a} ← ${b}`,
    n_places: (p, n) => `${p} مكانا، ${n} حدثا`, events_at: (p) => `أحداث ${p}`,
  },
};

let lang = localStorage.getItem("rasid.lang") || "en";
const t = (k, ...a) => { const v = (I18N[lang] || I18N.en)[k]; return typeof v === "function" ? v(...a) : (v ?? k); };
const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (k === "class") e.className = v; else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
};
window.rasid = { charts: {}, graph: null };

function setLang(l) {
  lang = I18N[l] ? l : "en";
  localStorage.setItem("rasid.lang", lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
  document.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = t(n.dataset.i18n); });
  document.querySelectorAll(".lang button").forEach((b) => b.classList.toggle("active", b.dataset.lang === lang));
  fillRoots();
  mapLegend();
  if (window.rasid.lastTimeline) drawTimeline(window.rasid.lastTimeline);
}

async function api(path, opts = {}) {
  const res = await fetch(path, opts);
  let body = null;
  try { body = await res.json(); } catch (_) { /* not JSON */ }
  if (!res.ok) {
    const msg = body && body.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${res.status}`;
    throw new Error(msg);
  }
  return body;
}
function status(id, msg, isError = false) { const s = $(id); s.textContent = msg || ""; s.classList.toggle("error", isError); }

// ---- spans -------------------------------------------------------------------------

/** byte offset (UTF-8) → index in the JS string (UTF-16), for every byte offset. */
function byteIndex(text) {
  const map = new Uint32Array(new TextEncoder().encode(text).length + 1);
  let b = 0, u = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map[b + k] = u;
    b += n; u += ch.length;
  }
  map[b] = u;
  return map;
}

const KIND_ORDER = { actor: 0, trigger: 1, date: 2, place: 3 };

/**
 * Renders `text` into `container` with highlight spans (non-overlapping after picking the
 * longest, then by kind) and an optional evidence range; returns nothing.
 * `focus` = [[start,end],...] byte ranges of the selected event's parts.
 */
function renderArticle(container, text, spans, evidence, focus = []) {
  const map = byteIndex(text);
  const nbytes = map.length - 1;
  const ok = (s) => s.start >= 0 && s.end <= nbytes && s.start < s.end;
  const sorted = spans.filter(ok).slice().sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  const chosen = [];
  let free = 0;
  for (const s of sorted) if (s.start >= free) { chosen.push(s); free = s.end; }
  const cuts = new Set([0, nbytes]);
  for (const s of chosen) { cuts.add(s.start); cuts.add(s.end); }
  if (evidence) { cuts.add(Math.min(evidence[0], nbytes)); cuts.add(Math.min(evidence[1], nbytes)); }
  const points = [...cuts].sort((a, b) => a - b);
  container.textContent = "";
  let firstEvidence = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(map[a], map[b]);
    const inEv = evidence && a >= evidence[0] && b <= evidence[1];
    const hl = chosen.find((s) => s.start <= a && b <= s.end);
    let node;
    if (hl) {
      node = el("mark", { class: `hl hl-${hl.kind}`, "data-kind": hl.kind, "data-label": hl.label, "data-start": hl.start, "data-end": hl.end,
        title: `${hl.kind}: ${hl.label}${hl.name ? " · " + hl.name : ""}${hl.entry ? " · " + hl.entry : ""}` }, piece);
      if (b === hl.end) node.append(el("span", { class: "lbl", dir: "ltr", text: hl.label }));
      if (focus.some(([fs, fe]) => fs === hl.start && fe === hl.end)) node.classList.add("evidence-part");
    } else node = document.createTextNode(piece);
    if (inEv) {
      const wrap = el("span", { class: "evidence" }, node);
      if (!firstEvidence) firstEvidence = wrap;
      node = wrap;
    }
    container.append(node);
  }
  if (firstEvidence) firstEvidence.scrollIntoView({ block: "center", behavior: "smooth" });
}

// ---- event cards -------------------------------------------------------------------

function actorLabel(a) { return a ? `${a.code}${a.name ? " · " + a.name : ""}` : t("no_target"); }

// The facts under a card, each isolated (<bdi>, in the direction of its label's
// language) with its value isolated again, so that a date, a number or an Arabic place
// keeps its own direction whatever the page's; separated by " · ".
function metaItems(e) {
  const item = (label, value, dir = "ltr") =>
    el("bdi", { dir: "auto" }, `${label} `, el("bdi", { dir, text: value }));
  const items = [item(`${t("date")}:`, e.date ?? "—")];
  if (e.date_text) items.push(el("bdi", { dir: "rtl", lang: "ar", text: `(${e.date_text})` }));
  if (e.location) items.push(item(`${t("place")}:`, e.location.text, "rtl"));
  if (e.aux) items.push(item(`${t("aux")}:`, e.aux));
  items.push(item(`${t("confidence")}:`, Number(e.confidence ?? e.confidence_max ?? 0).toFixed(2)));
  items.push(item("Goldstein", Number(e.goldstein).toFixed(1)));
  return items.flatMap((x, i) => (i ? [" · ", x] : [x]));
}

function eventCard(e, onClick) {
  const plover = e.plover ? `${e.plover.event}${e.plover.mode ? "/" + e.plover.mode : ""}` : "";
  const card = el("div", { class: `card q${e.quad_class}`, "data-event": e.event_id ?? e.id, tabindex: "0", role: "button" },
    // codes and English names read left to right in either language of the page
    el("div", { class: "head", dir: "ltr" },
      el("span", { class: "code", text: e.cameo }), " ", plover, " · ",
      el("bdi", { text: actorLabel(e.source) }), " → ", el("bdi", { text: actorLabel(e.target) })),
    e.trigger ? el("div", { class: "ar", dir: "rtl", lang: "ar" },
      el("bdi", { text: e.source?.text || "" }), " · ", el("b", { text: e.trigger.text }), " · ", el("bdi", { text: e.target?.text || "" })) : null,
    el("div", { class: "meta" }, ...metaItems(e)));
  if (onClick) {
    card.addEventListener("click", () => onClick(e, card));
    card.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onClick(e, card); });
  }
  return card;
}

// ---- views -------------------------------------------------------------------------

const VIEWS = ["code", "relations", "network", "events", "map", "event", "codes"];
function route() {
  const hash = location.hash.replace(/^#/, "") || "code";
  const [view, arg] = hash.split("/");
  const v = VIEWS.includes(view) ? view : "code";
  VIEWS.forEach((n) => { $(`view-${n}`).hidden = n !== v; });
  document.querySelectorAll("#tabs a").forEach((a) => a.classList.toggle("active", a.dataset.view === v));
  if (v === "relations") loadActors();
  if (v === "network" && !window.rasid.graph) drawNetwork();
  if (v === "events" && !$("ev-table").dataset.loaded) loadEvents(false);
  if (v === "event" && arg) showEvent(decodeURIComponent(arg));
  if (v === "map" && !$("map-box").dataset.loaded) drawMap();
  if (v === "codes" && !$("codes-table").dataset.loaded) loadCodes();
}

// The codebook: actor, sector and CAMEO event codes (GET /v1/codes)
async function loadCodes(ev) {
  ev?.preventDefault();
  const q = $("codes-q").value.trim();
  status("codes-status", t("loading"));
  let r;
  try { r = await api(`/v1/codes${q ? `?q=${encodeURIComponent(q)}` : ""}`); } catch (e) { status("codes-status", e.message, true); return; }
  const body = $("codes-table").tBodies[0];
  body.textContent = "";
  for (const c of r.codes) {
    body.append(el("tr", { "data-code": c.code },
      el("td", { text: c.kind }),
      el("td", { class: "code", text: c.code }),
      el("td", { text: c.en }),
      el("td", { dir: "rtl", lang: "ar", text: c.ar }),
      el("td", { text: c.goldstein ?? "" }),
      el("td", { text: c.quad_class ?? "" }),
      el("td", { text: c.plover ?? "" }),
      el("td", { class: "code", text: c.entry ?? "" })));
  }
  $("codes-table").dataset.loaded = "1";
  status("codes-status", t("n_codes", r.codes.length));
}

// Code an article
let coded = null;
async function codeArticle(ev) {
  ev.preventDefault();
  const text = $("code-text").value;
  if (!text.trim()) { status("code-status", t("empty_text"), true); return; }
  status("code-status", t("coding"));
  const body = { text };
  if ($("code-date").value) body.date = $("code-date").value;
  if ($("code-title").value) body.title = $("code-title").value;
  try {
    coded = await api("/v1/code", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  } catch (e) { status("code-status", e.message, true); return; }
  coded.text = text;
  status("code-status", t("n_events", coded.events.length));
  renderArticle($("code-article"), text, coded.spans, null);
  const box = $("code-events");
  box.textContent = "";
  if (!coded.events.length) box.append(el("p", { class: "muted", text: t("no_events") }));
  for (const e of coded.events) box.append(eventCard(e, selectCodedEvent));
}
function selectCodedEvent(e, card) {
  document.querySelectorAll("#code-events .card").forEach((c) => c.classList.toggle("selected", c === card));
  const focus = [[e.trigger.span[0], e.trigger.span[1]], [e.source.span[0], e.source.span[1]]];
  if (e.target) focus.push([e.target.span[0], e.target.span[1]]);
  renderArticle($("code-article"), coded.text, coded.spans, e.evidence, focus);
}

// Relations
let actorsLoaded = false;
async function loadActors() {
  if (actorsLoaded) return;
  try {
    const r = await api("/v1/actors?code_len=3&limit=500");
    for (const id of ["rel-a", "rel-b"]) {
      const s = $(id); s.textContent = "";
      for (const a of r.actors) s.append(el("option", { value: a.code, text: `${a.code}${a.name ? " · " + a.name : ""} (${a.events})` }));
    }
    if (r.actors.length > 1) $("rel-b").selectedIndex = 1;
    actorsLoaded = true;
  } catch (e) { status("rel-status", e.message, true); }
}
async function showRelations(ev) {
  ev?.preventDefault();
  const a = $("rel-a").value, b = $("rel-b").value;
  if (!a || !b) { status("rel-status", t("pick_two"), true); return; }
  status("rel-status", t("loading"));
  try {
    const r = await api(`/v1/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/timeline?by=${$("rel-by").value}${$("rel-history").checked ? "&include_history=true" : ""}`);
    window.rasid.lastTimeline = r;
    status("rel-status", t("n_events", r.points.reduce((n, p) => n + p.total, 0)));
    drawTimeline(r);
  } catch (e) { status("rel-status", e.message, true); }
}
function drawTimeline(r) {
  const labels = r.points.map((p) => p.period);
  const datasets = [1, 2, 3, 4].map((q) => ({
    type: "bar", label: t(`q${q}`), data: r.points.map((p) => p.counts[q - 1]), backgroundColor: QUAD_COLORS[q], stack: "quad", yAxisID: "y",
  }));
  datasets.push({
    type: "line", label: t("goldstein"), data: r.points.map((p) => p.goldstein_mean), borderColor: "#1d2b3a", backgroundColor: "#1d2b3a",
    yAxisID: "g", tension: 0.2, pointRadius: 5, pointHoverRadius: 7, spanGaps: false,
  });
  const old = window.rasid.charts.timeline;
  if (old) old.destroy();
  window.rasid.charts.timeline = new Chart($("rel-chart"), {
    data: { labels, datasets },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      scales: {
        x: { stacked: true, reverse: lang === "ar" },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, position: lang === "ar" ? "right" : "left" },
        g: { min: -10, max: 10, position: lang === "ar" ? "left" : "right", grid: { drawOnChartArea: false } },
      },
      plugins: { legend: { rtl: lang === "ar" } },
      onClick: (_e, els) => { if (els.length) showPeriod(r, els[0].index); },
    },
  });
}
async function showPeriod(r, i) {
  const p = r.points[i];
  $("rel-point-title").textContent = t("events_in", p.period);
  const box = $("rel-events"); box.textContent = "";
  const q = new URLSearchParams({ dyad: `${r.a},${r.b}`, since: p.start, until: p.end, limit: "100" });
  if ($("rel-history").checked) q.set("include_history", "true");
  try {
    const res = await api(`/v1/events?${q}`);
    for (const e of res.events) box.append(eventLink(e));
    if (!res.events.length) box.append(el("p", { class: "muted", text: t("no_events") }));
  } catch (e) { box.append(el("p", { class: "status error", text: e.message })); }
}
function eventLink(e) {
  const card = eventCard(e, () => { location.hash = `#event/${encodeURIComponent(e.id)}`; });
  return card;
}

// Network
function fillRoots() {
  for (const id of ["net-root", "ev-root", "map-root"]) {
    const s = $(id); const v = s.value; s.textContent = "";
    s.append(el("option", { value: "", text: t("any") }));
    for (let i = 1; i <= 20; i++) { const c = String(i).padStart(2, "0"); s.append(el("option", { value: c, text: c })); }
    s.value = v;
  }
}
async function drawNetwork(ev) {
  ev?.preventDefault();
  const q = new URLSearchParams();
  if ($("net-since").value) q.set("since", $("net-since").value);
  if ($("net-until").value) q.set("until", $("net-until").value);
  if ($("net-root").value) q.set("root", $("net-root").value);
  if ($("net-history").checked) q.set("include_history", "true");
  // an actor (code prefix: its edges only) and the heaviest N edges keep the graph legible
  if ($("net-actor").value.trim()) q.set("actor", $("net-actor").value.trim());
  q.set("limit", $("net-top").value);
  status("net-status", t("loading"));
  let r;
  try { r = await api(`/v1/network?${q}`); } catch (e) { status("net-status", e.message, true); return; }
  status("net-status", t("nodes_edges", r.nodes.length, r.edges.length));
  const maxCount = Math.max(1, ...r.edges.map((e) => e.count));
  const elements = [
    ...r.nodes.map((n) => ({ data: { id: n.code, label: n.code, name: n.name, events: n.events } })),
    ...r.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, count: e.count, w: 1 + 7 * e.count / maxCount, g: e.goldstein_mean } })),
  ];
  if (window.rasid.graph) window.rasid.graph.destroy();
  const cy = cytoscape({
    container: $("net-graph"), elements,
    style: [
      { selector: "node", style: { label: "data(label)", "background-color": "#2f6fcf", color: "#1d232b", "font-size": 11, width: "mapData(events, 0, 50, 14, 50)", height: "mapData(events, 0, 50, 14, 50)" } },
      { selector: "edge", style: { width: "data(w)", "curve-style": "bezier", "target-arrow-shape": "triangle", label: "data(count)", "font-size": 9,
        "line-color": "mapData(g, -10, 10, #cc0000, #1c7c54)", "target-arrow-color": "mapData(g, -10, 10, #cc0000, #1c7c54)" } },
      { selector: ":selected", style: { "border-width": 3, "border-color": "#b58900" } },
    ],
    layout: { name: elements.length > 1 ? "cose" : "grid", animate: false },
  });
  cy.on("tap", "edge", (e) => {
    const d = e.target.data();
    const box = $("net-detail"); box.textContent = "";
    box.append(el("h3", { text: t("dyad", d.source, d.target) }));
    const qs = new URLSearchParams({ source: d.source, target: d.target, limit: "50" });
    for (const k of ["since", "until", "root"]) if (q.get(k)) qs.set(k, q.get(k));
    api(`/v1/events?${qs}`).then((res) => res.events.forEach((x) => box.append(eventLink(x))))
      .catch((err) => box.append(el("p", { class: "status error", text: err.message })));
  });
  window.rasid.graph = cy;
}

// Map: country outlines (Natural Earth 1:110m, vendor/world-110m.json, already SVG paths in
// tenths of a degree) and GET /v1/map's places, in the plate carrée (equirectangular)
// projection: x = 10 (lon + 180), y = 10 (90 - lat), viewBox 0 0 3600 1800.
const SVG_NS = "http://www.w3.org/2000/svg";
const project = (lon, lat) => [10 * (lon + 180), 10 * (90 - lat)];
const svgEl = (tag, attrs = {}) => {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};
let worldPromise = null;
function mapLegend() {
  const box = $("map-legend"); box.textContent = "";
  for (const q of [1, 2, 3, 4]) box.append(el("span", {}, el("span", { class: "swatch", style: `background:${QUAD_COLORS[q]}` }), t(`q${q}`)));
}
async function drawMap(ev) {
  ev?.preventDefault();
  const q = new URLSearchParams({ limit: "1000" });
  const add = (k, id) => { const v = $(id).value.trim(); if (v) q.set(k, v); };
  add("since", "map-since"); add("until", "map-until"); add("actor", "map-actor");
  add("entity", "map-entity"); add("root", "map-root");
  if ($("map-history").checked) q.set("include_history", "true");
  status("map-status", t("loading"));
  let world, r;
  try {
    worldPromise = worldPromise || api("/assets/vendor/world-110m.json");
    [world, r] = await Promise.all([worldPromise, api(`/v1/map?${q}`)]);
  } catch (e) { worldPromise = null; status("map-status", e.message, true); return; }
  const total = r.places.reduce((s, p) => s + p.events, 0);
  status("map-status", t("n_places", r.places.length, total));
  const svg = svgEl("svg", { viewBox: "0 0 3600 1800", role: "img", "aria-label": "map" });
  const land = svgEl("g", { class: "land" });
  for (const c of world.countries) {
    const path = svgEl("path", { d: c.d });
    path.append(Object.assign(svgEl("title"), { textContent: c.name }));
    land.append(path);
  }
  svg.append(land);
  // area by event count; colour by the QuadClass with most events; biggest drawn first
  const max = Math.max(1, ...r.places.map((p) => p.events));
  for (const p of [...r.places].sort((a, b) => b.events - a.events)) {
    const quad = 1 + p.quad.indexOf(Math.max(...p.quad));
    const [x, y] = project(p.lon, p.lat);
    const dot = svgEl("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: (10 + 50 * Math.sqrt(p.events / max)).toFixed(1),
      fill: QUAD_COLORS[quad], class: "map-point", "data-quad": quad, "data-events": p.events, tabindex: "0" });
    dot.append(Object.assign(svgEl("title"), { textContent: `${p.place} · ${p.events} · ${p.quad.join("/")}` }));
    const open = () => {
      svg.querySelectorAll(".map-point.selected").forEach((d) => d.classList.remove("selected"));
      dot.classList.add("selected");
      mapPlaceEvents(p, q);
    };
    dot.addEventListener("click", open);
    dot.addEventListener("keydown", (e) => { if (e.key === "Enter") open(); });
    svg.append(dot);
  }
  const box = $("map-box"); box.textContent = ""; box.append(svg);
  box.dataset.loaded = "1";
  $("map-place-title").textContent = ""; $("map-events").textContent = "";
}
// the events of one place under the map's filters (place: GeoNames id, or its name)
async function mapPlaceEvents(p, q) {
  const qs = new URLSearchParams(q); qs.set("limit", "50");
  qs.set("place", p.geonameid != null ? String(p.geonameid) : p.place);
  $("map-place-title").textContent = t("events_at", p.place);
  const box = $("map-events"); box.textContent = "";
  try { (await api(`/v1/events?${qs}`)).events.forEach((x) => box.append(eventLink(x))); }
  catch (err) { box.append(el("p", { class: "status error", text: err.message })); }
}

// Events table
let evCursor = null;
function evQuery() {
  const q = new URLSearchParams({ limit: "50" });
  const add = (k, id) => { const v = $(id).value.trim(); if (v) q.set(k, v); };
  add("actor", "ev-actor"); add("source", "ev-source"); add("target", "ev-target"); add("root", "ev-root");
  add("entity", "ev-entity");
  add("quad_class", "ev-quad"); add("since", "ev-since"); add("until", "ev-until");
  if ($("ev-history").checked) q.set("include_history", "true");
  return q;
}
async function loadEvents(more, ev) {
  ev?.preventDefault();
  const q = evQuery();
  if (more && evCursor) q.set("cursor", evCursor);
  status("ev-status", t("loading"));
  let r;
  try { r = await api(`/v1/events?${q}`); } catch (e) { status("ev-status", e.message, true); return; }
  const body = $("ev-table").tBodies[0];
  if (!more) body.textContent = "";
  for (const e of r.events) {
    body.append(el("tr", { "data-event": e.id },
      el("td", { text: e.date ?? "—" }),
      el("td", {}, el("bdi", { text: actorLabel(e.source) })),
      el("td", { class: "code", text: `${e.cameo}${e.plover ? " " + e.plover.event : ""}` }),
      el("td", {}, el("bdi", { text: actorLabel(e.target) })),
      el("td", { text: e.num_mentions ?? "" }),
      el("td", { text: Number(e.confidence ?? 0).toFixed(2) }),
      el("td", {}, el("a", { href: `#event/${encodeURIComponent(e.id)}`, text: t("evidence_link"), title: e.evidence_text ?? "" }))));
  }
  evCursor = r.next_cursor;
  $("ev-more").hidden = !evCursor;
  $("ev-table").dataset.loaded = "1";
  status("ev-status", t("n_events", body.rows.length));
}

// One event with its evidence in each article that mentions it
async function showEvent(id) {
  status("event-status", t("loading"));
  const head = $("event-head"), box = $("event-mentions");
  head.textContent = ""; box.textContent = "";
  let r;
  try { r = await api(`/v1/events/${encodeURIComponent(id)}`); } catch (e) { status("event-status", e.message, true); return; }
  status("event-status", "");
  head.append(eventCard(r.event, null));
  box.append(el("h3", { text: `${t("mentions")} (${r.mentions.length})` }));
  for (const m of r.mentions) {
    const art = el("article", { class: "article", dir: "rtl", lang: "ar", "data-doc": m.doc_id });
    const meta = el("div", { class: "meta muted" }, el("bdi", { text: m.doc_id }), ` · ${t("sentence")} ${m.sentence} · ${t("confidence")} ${Number(m.confidence).toFixed(2)}`);
    if (m.url && /^https?:\/\//.test(m.url)) {
      meta.append(" · ", el("a", { href: m.url, text: m.url, rel: "noopener noreferrer", target: "_blank", class: "doc-url" }));
    }
    box.append(el("div", { class: "panel" }, meta, art));
    // the whole article with the evidence marked when its text is kept, else the sentence
    const sentenceOnly = () => { art.textContent = m.evidence_text || ""; art.classList.add("evidence"); };
    try {
      const d = await api(`/v1/documents/${encodeURIComponent(m.doc_id)}`);
      const focus = [m.trigger.span, m.source.span];
      if (m.target) focus.push(m.target.span);
      if (typeof d.text === "string") renderArticle(art, d.text, d.spans, m.evidence, focus);
      else sentenceOnly();
    } catch (_) {
      sentenceOnly();
    }
  }
}

// ---- wiring ------------------------------------------------------------------------

document.querySelectorAll(".lang button").forEach((b) => b.addEventListener("click", () => setLang(b.dataset.lang)));
$("code-form").addEventListener("submit", codeArticle);
$("rel-form").addEventListener("submit", showRelations);
$("net-form").addEventListener("submit", drawNetwork);
$("ev-form").addEventListener("submit", (e) => loadEvents(false, e));
$("ev-more").addEventListener("click", () => loadEvents(true));
$("codes-form").addEventListener("submit", loadCodes);
$("map-form").addEventListener("submit", drawMap);
window.addEventListener("hashchange", route);
setLang(lang);
route();
