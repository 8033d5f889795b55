// Browser test of the rasid dashboard: starts `rasid serve` on a free port over a fresh
// store, ingests our own test articles (articles.json) over HTTP, then drives Debian's
// chromium with playwright-core through "Code an article", "Relations", "Network" and
// "Events". Screenshots go to tests/browser/artifacts/. Any request to another host fails
// the test (every asset must come from the binary).
//
//   cd tests/browser && npm install && node dashboard.test.mjs
//
// Environment: RASID_BIN (default ../../target/release/rasid), CHROMIUM (default
// /usr/bin/chromium).
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const BIN = process.env.RASID_BIN || resolve(here, "../../target/release/rasid");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ARTIFACTS = join(here, "artifacts");
const TOKEN = "browser-test-token";
const ARTICLE = JSON.parse(readFileSync(join(here, "articles.json"), "utf8"));
// the article pasted in "Code an article": our own sentences
const PASTED = ARTICLE[2].text;

/** The text of elements without the highlight labels (runs in the page). */
const textOf = (els) => els.map((x) => {
  const c = x.cloneNode(true);
  c.querySelectorAll(".lbl").forEach((l) => l.remove());
  return c.textContent;
}).join("");

const freePort = () => new Promise((ok, fail) => {
  const s = createServer();
  s.on("error", fail);
  s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => ok(port)); });
});

async function waitHealthy(base, server) {
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null) throw new Error(`rasid serve exited with ${server.exitCode}`);
    try { if ((await fetch(`${base}/healthz`)).ok) return; } catch (_) { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("rasid serve did not become healthy in 10 s");
}

const tmp = mkdtempSync(join(tmpdir(), "rasid-browser-"));
mkdirSync(ARTIFACTS, { recursive: true });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(BIN, ["serve", "--db", join(tmp, "rasid.db"), "--addr", `127.0.0.1:${port}`, "--token", TOKEN],
  { stdio: ["ignore", "inherit", "inherit"] });
let context;
const step = (m) => console.log(`• ${m}`);
try {
  await waitHealthy(base, server);
  step(`rasid serve up at ${base}`);
  const ing = await fetch(`${base}/v1/documents`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ documents: ARTICLE }),
  });
  assert.equal(ing.status, 200, await ing.clone().text());
  const stats = (await ing.json()).ingested;
  assert.equal(stats.stored, ARTICLE.length);
  step(`ingested ${stats.stored} articles, ${stats.new_events} events`);

  context = await chromium.launchPersistentContext(join(tmp, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
      "--no-first-run", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1280, height: 900 },
  });
  const foreign = [];
  await context.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === "127.0.0.1" || u.protocol === "data:") return route.continue();
    foreign.push(u.href);
    return route.abort();
  });
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });

  // ---- Code an article
  await page.goto(`${base}/#code`);
  await page.evaluate(() => localStorage.setItem("rasid.lang", "en"));
  await page.reload();
  assert.equal(await page.getAttribute("#code-text", "dir"), "rtl");
  await page.fill("#code-text", PASTED);
  await page.fill("#code-date", "2025-03-05");
  await page.click("#code-submit");
  await page.waitForSelector("#code-events .card");
  assert.equal(await page.getAttribute("#code-article", "dir"), "rtl");
  const marks = await page.$$eval("#code-article mark.hl", (ms) =>
    ms.map((m) => ({ kind: m.dataset.kind, label: m.dataset.label, text: m.firstChild.textContent })));
  const has = (kind, label, text) => marks.some((m) => m.kind === kind && (!label || m.label === label) && m.text.includes(text));
  assert.ok(has("actor", "TURGOV", "الرئيس التركي"), JSON.stringify(marks));
  assert.ok(has("actor", "EGYGOV", "وزير الدفاع المصري"), JSON.stringify(marks));
  assert.ok(has("trigger", "043", "استقبل"), JSON.stringify(marks));
  assert.ok(has("date", "", "الثلاثاء"), JSON.stringify(marks));
  assert.ok(marks.some((m) => m.kind === "place" || (m.kind === "actor" && m.text.includes("أنقرة"))), JSON.stringify(marks));
  // colours differ by type
  const colours = await page.$$eval("#code-article mark.hl", (ms) => {
    const by = {};
    for (const m of ms) by[m.dataset.kind] = getComputedStyle(m).backgroundColor;
    return by;
  });
  assert.ok(new Set(Object.values(colours)).size >= 3, JSON.stringify(colours));
  // the article text survives rendering byte for byte
  const rendered = await page.$eval("#code-article", (a) => {
    const c = a.cloneNode(true);
    c.querySelectorAll(".lbl").forEach((l) => l.remove());
    return c.textContent;
  });
  assert.equal(rendered, PASTED);
  const cards = await page.$$("#code-events .card");
  assert.ok(cards.length >= 2, `cards: ${cards.length}`);
  step(`code view: ${marks.length} highlights, ${cards.length} event cards`);
  // clicking the 043 card highlights its evidence
  assert.equal(await page.$$eval("#code-article .evidence", (e) => e.length), 0);
  await page.click("#code-events .card:has(.code:text-is('043'))");
  const evidence = await page.$$eval("#code-article .evidence", textOf);
  assert.ok(evidence.includes("استقبل الرئيس التركي"), evidence);
  assert.ok(!evidence.includes("وقّعت"), `evidence is the sentence, not the article: ${evidence}`);
  assert.ok(await page.$("#code-article mark.evidence-part"));
  await page.screenshot({ path: join(ARTIFACTS, "code.png"), fullPage: true });

  // ---- language switch
  await page.click("#lang-ar");
  assert.equal(await page.getAttribute("html", "dir"), "rtl");
  assert.equal(await page.getAttribute("html", "lang"), "ar");
  assert.equal((await page.textContent("#tabs a[data-view=code]")).trim(), "ترميز مقال");
  // on the Arabic page a card's codes line still reads left to right (source → target),
  // its Arabic words right to left
  const dirs = await page.$eval("#code-events .card", (c) => [
    getComputedStyle(c.querySelector(".head")).direction,
    getComputedStyle(c.querySelector(".ar")).direction,
  ]);
  assert.deepEqual(dirs, ["ltr", "rtl"]);
  await page.screenshot({ path: join(ARTIFACTS, "code-ar.png"), fullPage: true });
  await page.click("#lang-en");
  assert.equal(await page.getAttribute("html", "dir"), "ltr");
  step("English/Arabic switch");

  // ---- Relations
  await page.click("#tabs a[data-view=relations]");
  await page.waitForSelector("#rel-a option[value=TUR]", { state: "attached" });
  await page.selectOption("#rel-a", "TUR");
  await page.selectOption("#rel-b", "EGY");
  await page.click("#rel-submit");
  await page.waitForFunction(() => window.rasid.charts.timeline);
  const chart = await page.evaluate(() => {
    const c = window.rasid.charts.timeline;
    const pts = [];
    c.data.datasets.forEach((d, i) => c.getDatasetMeta(i).data.forEach((el, j) => {
      const v = d.data[j];
      if (v !== null && v !== 0 && Number.isFinite(el.x) && Number.isFinite(el.y)) pts.push({ ds: i, j, x: el.x, y: el.y, v });
    }));
    return { labels: c.data.labels, pts };
  });
  assert.deepEqual(chart.labels, ["2025-01", "2025-02", "2025-03"]);
  const line = chart.pts.filter((p) => p.ds === 4);
  assert.equal(line.length, 3, JSON.stringify(chart));
  assert.ok(chart.pts.filter((p) => p.ds < 4).length >= 3, JSON.stringify(chart));
  // the canvas has drawn pixels of the QuadClass colours
  const painted = await page.$eval("#rel-chart", (cv) => {
    const d = cv.getContext("2d").getImageData(0, 0, cv.width, cv.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && !(d[i] > 240 && d[i + 1] > 240 && d[i + 2] > 240)) n++;
    return n;
  });
  assert.ok(painted > 500, `painted pixels: ${painted}`);
  // clicking the January point lists its events
  const box = await page.$("#rel-chart").then((e) => e.boundingBox());
  const jan = line.find((p) => p.j === 0);
  await page.mouse.click(box.x + jan.x, box.y + jan.y);
  await page.waitForSelector("#rel-events .card");
  const relCards = await page.$$eval("#rel-events .card", (c) => c.map((x) => x.textContent));
  assert.ok(relCards.length >= 1 && relCards.every((t) => t.includes("2025-01")), JSON.stringify(relCards));
  await page.screenshot({ path: join(ARTIFACTS, "relations.png"), fullPage: true });
  step(`relations: ${chart.pts.length} points drawn, ${relCards.length} events behind January`);

  // ---- Network
  await page.click("#tabs a[data-view=network]");
  await page.waitForFunction(() => window.rasid.graph && window.rasid.graph.nodes().length >= 2);
  const net = await page.evaluate(() => ({ nodes: window.rasid.graph.nodes().length, edges: window.rasid.graph.edges().length }));
  assert.ok(net.edges >= 1, JSON.stringify(net));
  await page.selectOption("#net-root", "11");
  await page.click("#net-submit");
  await page.waitForFunction(() => window.rasid.graph.edges().length === 1);
  await page.screenshot({ path: join(ARTIFACTS, "network.png"), fullPage: true });
  step(`network: ${net.nodes} nodes, ${net.edges} edges; root 11 leaves one edge`);
  // the actor filter keeps that actor's edges (issue 17)
  await page.selectOption("#net-root", "");
  await page.fill("#net-actor", "TUR");
  await page.click("#net-submit");
  await page.waitForFunction(() => {
    const es = window.rasid.graph.edges();
    return es.length >= 1 && es.every((e) => e.data("source").startsWith("TUR") || e.data("target").startsWith("TUR"));
  });
  await page.screenshot({ path: join(ARTIFACTS, "network-actor.png"), fullPage: true });
  await page.fill("#net-actor", "");
  step("network: the actor filter TUR keeps TUR's edges");

  // ---- Events table → evidence
  await page.click("#tabs a[data-view=events]");
  await page.waitForSelector("#ev-table tbody tr");
  const rows = await page.$$eval("#ev-table tbody tr", (r) => r.length);
  const api = async (q) => (await (await fetch(`${base}/v1/events?limit=1000${q}`)).json()).events;
  // the reported period by default; the history switch adds the recalled acts (issue 17)
  const news = await api("");
  const every = await api("&include_history=true");
  assert.equal(rows, news.length);
  assert.equal(every.length, stats.new_events);
  const reload = async (button) => {
    await page.evaluate(() => { delete document.querySelector("#ev-table").dataset.loaded; });
    await page.click(button);
    await page.waitForFunction(() => document.querySelector("#ev-table").dataset.loaded === "1");
  };
  await page.check("#ev-history");
  await reload("#ev-submit");
  assert.equal(await page.$$eval("#ev-table tbody tr", (r) => r.length), every.length);
  const dates = await page.$$eval("#ev-table tbody tr td:first-child", (t) => t.map((x) => x.textContent));
  assert.deepEqual(dates, [...dates].sort().reverse(), "newest first");
  await page.uncheck("#ev-history");
  // one entity's events
  const turkey = await api("&entity=turkey");
  assert.ok(turkey.length > 0 && turkey.length <= news.length);
  await page.fill("#ev-entity", "turkey");
  await reload("#ev-submit");
  assert.equal(await page.$$eval("#ev-table tbody tr", (r) => r.length), turkey.length);
  await page.screenshot({ path: join(ARTIFACTS, "events-entity.png"), fullPage: true });
  await page.fill("#ev-entity", "");
  step(`events: ${news.length} of the reported period, ${every.length} with history (newest first), ${turkey.length} of the entity turkey`);
  await page.fill("#ev-source", "EGY");
  await page.selectOption("#ev-root", "11");
  await page.click("#ev-submit");
  await page.waitForFunction(() => document.querySelectorAll("#ev-table tbody tr").length === 1);
  await page.click("#ev-table tbody tr a");
  await page.waitForSelector("#event-mentions article .evidence");
  const ev = await page.$$eval("#event-mentions article .evidence", textOf);
  assert.ok(ev.includes("أدانت"), ev);
  await page.screenshot({ path: join(ARTIFACTS, "event.png"), fullPage: true });
  step(`events: ${rows} rows; the filtered row links to its evidence`);

  // ---- Map (issue 17): vendored outlines, one point per place, filters shared
  const places = async (q) => (await (await fetch(`${base}/v1/map?limit=1000${q}`)).json()).places;
  const allPlaces = await places("");
  assert.ok(allPlaces.length >= 2, JSON.stringify(allPlaces));
  await page.click("#tabs a[data-view=map]");
  await page.waitForFunction(() => document.querySelector("#map-box").dataset.loaded === "1");
  const outlines = await page.$$eval("#map-box svg .land path", (p) => p.length);
  assert.ok(outlines > 150, `${outlines} country outlines`);
  const dots = await page.$$eval("#map-box svg circle.map-point", (c) =>
    c.map((d) => ({ x: +d.getAttribute("cx"), y: +d.getAttribute("cy"), n: +d.dataset.events, q: +d.dataset.quad })));
  assert.equal(dots.length, allPlaces.length);
  assert.equal(dots.reduce((s, d) => s + d.n, 0), allPlaces.reduce((s, p) => s + p.events, 0));
  // Ankara (39.9 N, 32.9 E) in the equirectangular plane, tenths of a degree
  const ankara = allPlaces.find((p) => p.place === "أنقرة");
  assert.ok(ankara, JSON.stringify(allPlaces));
  assert.ok(dots.some((d) => Math.abs(d.x - 2128.5) < 2 && Math.abs(d.y - 500.8) < 2 && d.n === ankara.events), JSON.stringify(dots));
  await page.screenshot({ path: join(ARTIFACTS, "map.png"), fullPage: true });
  // a date filter leaves Ankara's point; clicking it lists its events
  await page.fill("#map-since", "2025-03-01");
  await page.evaluate(() => { delete document.querySelector("#map-box").dataset.loaded; });
  await page.click("#map-submit");
  await page.waitForFunction(() => document.querySelector("#map-box").dataset.loaded === "1");
  const march = await places("&since=2025-03-01");
  assert.equal(await page.$$eval("#map-box svg circle.map-point", (c) => c.length), march.length);
  await page.click("#map-box svg circle.map-point");
  await page.waitForSelector("#map-events .card");
  assert.equal(await page.$$eval("#map-events .card", (c) => c.length), ankara.events);
  await page.screenshot({ path: join(ARTIFACTS, "map-ankara.png"), fullPage: true });
  await page.fill("#map-since", "");
  step(`map: ${outlines} outlines, ${dots.length} points (${dots.map((d) => d.n).join(", ")} events); from March ${march.length}, Ankara's ${ankara.events} events listed`);

  // ---- Codes page (issue 17)
  await page.click("#tabs a[data-view=codes]");
  await page.waitForSelector("#codes-table tbody tr");
  await page.fill("#codes-q", "19");
  await page.evaluate(() => { delete document.querySelector("#codes-table").dataset.loaded; });
  await page.click("#codes-submit");
  await page.waitForFunction(() => document.querySelector("#codes-table").dataset.loaded === "1");
  const codes = await page.$$eval("#codes-table tbody tr", (r) => r.map((x) => [...x.cells].map((c) => c.textContent)));
  const eventCodes = codes.filter((c) => c[0] === "event");
  assert.ok(eventCodes.length > 3 && eventCodes.every((c) => c[1].startsWith("19")), JSON.stringify(codes));
  assert.ok(eventCodes.some((c) => c[1] === "190" && c[5] === "4"), JSON.stringify(eventCodes));
  await page.screenshot({ path: join(ARTIFACTS, "codes.png"), fullPage: true });
  step(`codes: ${codes.length} rows for "19"`);

  assert.deepEqual(foreign, [], "requests to other hosts");
  assert.deepEqual(errors, [], "page errors");
  console.log("browser test passed");
} finally {
  if (context) await context.close().catch(() => {});
  server.kill("SIGTERM");
  rmSync(tmp, { recursive: true, force: true });
}
