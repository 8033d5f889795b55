// Builds crates/rasid-server/assets/vendor/world-110m.json, the dashboard map's country
// outlines, from world-atlas 2 (countries-110m.json: Natural Earth 1:110m, public domain;
// world-atlas ISC). Usage:
//   npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
//   node scripts/vendor_world.mjs package/countries-110m.json > crates/rasid-server/assets/vendor/world-110m.json
// Each country becomes one SVG path in the plate carrée (equirectangular) plane the
// dashboard draws in, in tenths of a degree: x = 10 (lon + 180), y = 10 (90 - lat)
// (viewBox 0 0 3600 1800).
import { readFileSync } from "node:fs";

const topo = JSON.parse(readFileSync(process.argv[2], "utf8"));
const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
// TopoJSON arcs: quantized, delta-encoded positions
const arcs = topo.arcs.map((arc) => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
});
const arcPoints = (i) => (i >= 0 ? arcs[i] : arcs[~i].slice().reverse());
// tenths of a degree, as integers
const q = (v) => Math.round(v * 10);
function ringPath(ring) {
  const pts = [];
  for (const i of ring) { const a = arcPoints(i); pts.push(...(pts.length ? a.slice(1) : a)); }
  // first point absolute, the others relative (l dx dy), repeated points dropped
  let d = "", px = 0, py = 0;
  for (const [lon, lat] of pts) {
    const x = q(lon + 180), y = q(90 - lat);
    // a ring cut at the antimeridian (Fiji, Russia) jumps across the map: new subpath
    if (!d) d = `M${x} ${y}`;
    else if (Math.abs(x - px) > 1800) d += `zM${x} ${y}`;
    else if (x !== px || y !== py) d += `l${x - px} ${y - py}`.replace(/ -/g, "-");
    [px, py] = [x, y];
  }
  return d + "z";
}
const countries = topo.objects.countries.geometries
  .filter((g) => g.type)
  .map((g) => {
    const polys = g.type === "Polygon" ? [g.arcs] : g.arcs;
    return { id: g.id ?? "", name: g.properties?.name ?? "", d: polys.flat().map(ringPath).join("") };
  });
process.stdout.write(JSON.stringify({
  source: "world-atlas 2.0.2 countries-110m.json (Natural Earth 1:110m Admin 0 countries)",
  license: "Natural Earth: public domain; world-atlas: ISC, Copyright 2013-2019 Michael Bostock",
  projection: "equirectangular, tenths of a degree: x = 10 (lon + 180), y = 10 (90 - lat)",
  countries,
}) + "\n");
