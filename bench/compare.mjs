// A/B of built package copies in one Node process: how bench/findings.md measured each
// speed change. Every copy must first answer every suite request (each body form, with
// the default and with all-warning severities) with deep-equal reports; then each
// repetition times a batch of calls per copy, copies interleaved so drift hits them
// alike, and the figure is the median µs per validation.
//
//   cp -r pkg /tmp/kp-before            (before the change)
//   node scripts/build.mjs              (after it)
//   node bench/compare.mjs /tmp/kp-before pkg [--mode object|text|bytes|batch] [--filter TEXT] [--reps N]
import { isDeepStrictEqual } from "node:util";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { cases } from "./suite.mjs";

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? fallback : argv.splice(i, 2)[1];
};
const mode = option("mode", "object");
const filter = option("filter", "");
const reps = Number(option("reps", 15));
const dirs = argv;
if (dirs.length < 2 || !["object", "text", "bytes", "batch"].includes(mode)) {
  console.error("usage: node bench/compare.mjs DIR_A DIR_B [...] [--mode object|text|bytes|batch] [--filter TEXT] [--reps N]");
  process.exit(2);
}
const kps = await Promise.all(dirs.map((d) => import(pathToFileURL(resolve(d, "dist/esm/index.js")).href)));

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const geomean = (xs) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
const withBody = (request, form, text) =>
  form === "text" ? { ...request, body: text } : form === "bytes" ? { ...request, body: new TextEncoder().encode(text) } : request;

// Same answers first: a faster copy that answers differently is no result.
const lenient = { severity: Object.fromEntries(kps[0].rules().map((r) => [r.id, "warning"])) };
let differences = 0;
for (const c of cases) {
  const text = JSON.stringify(c.request.body);
  for (const form of ["object", "text", "bytes"]) {
    for (const options of [undefined, lenient]) {
      const request = withBody(c.request, form, text);
      const [first, ...rest] = kps.map((kp) => [kp.validate(c.op, request, options), kp.validateBatch(c.op, [request], options)]);
      rest.forEach((other, i) => {
        if (isDeepStrictEqual(first, other)) return;
        differences += 1;
        console.log(`differs: ${dirs[i + 1]} on ${c.id} (${form}${options ? ", all warnings" : ""})`);
      });
    }
  }
}
if (differences > 0) process.exit(1);

const rows = [];
for (const c of cases.filter((c) => c.id.includes(filter))) {
  const request = withBody(c.request, mode === "batch" ? "object" : mode, JSON.stringify(c.request.body));
  const batch = Array.from({ length: 50 }, () => request);
  const perCall = mode === "batch" ? batch.length : 1;
  const fns = kps.map((kp) => (mode === "batch" ? () => kp.validateBatch(c.op, batch) : () => kp.validate(c.op, request)));
  for (const fn of fns) for (let i = 0; i < 2000 / perCall; i++) fn();
  const calls = Math.max(1, Math.round((c.id.includes("size") ? 50 : 400) / perCall));
  const samples = fns.map(() => []);
  for (let r = 0; r < reps; r++) {
    fns.forEach((fn, k) => {
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) fn();
      samples[k].push(((performance.now() - t0) * 1000) / calls / perCall);
    });
  }
  rows.push({ id: c.id, valid: c.valid, us: samples.map(median) });
}

const cell = (x) => x.toFixed(2).padStart(9);
const ratios = (us) => us.slice(1).map((u) => (u / us[0]).toFixed(2).padStart(6)).join("");
console.log(`median µs per validation (${mode} bodies${mode === "batch" ? ", per request in a batch of 50" : ""}); ratios to ${dirs[0]}`);
console.log(`${"case".padEnd(36)}${dirs.map((d) => d.slice(-9).padStart(9)).join("")}`);
for (const r of rows) console.log(`${r.id.padEnd(36)}${r.us.map(cell).join("")}  ${ratios(r.us)}`);
for (const valid of [true, false]) {
  const group = rows.filter((r) => r.valid === valid);
  if (group.length === 0) continue;
  const us = dirs.map((_, k) => geomean(group.map((r) => r.us[k])));
  console.log(`${`(geomean, ${valid ? "valid" : "invalid"})`.padEnd(36)}${us.map(cell).join("")}  ${ratios(us)}`);
}
