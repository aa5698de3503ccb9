// `npm run bench`: builds the package if needed, then prints, from this one run, the
// per-validation cost of kyc-preflight next to zod 4, valibot, Ajv and JSON.stringify
// in Node and in headless Chromium; the native core (`cargo bench`, benches/validate.rs);
// cold start in fresh processes; wasm size; wasm memory over 100,000 validations; and
// issue 13's finish line and the time budgets of the hostile-input probes
// (bench/probes.mjs), each printed as met or not. Writes bench/results.json. Never a
// test: nothing here fails on a timing, and the tests assert none.
//
//   npm run bench                      full run (about a minute on a quiet 2-core machine)
//   npm run bench -- --quick           fewer, shorter samples (a smoke run)
//   npm run bench -- --no-browser      Node only
//   npm run bench -- --filter verifa   only the cases whose id contains "verifa"
//   --reps N --sample-ms N --cold-runs N --memory-count N
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "./build.mjs";
import { wasmSizes } from "./size.mjs";
import { CHROMIUM, chromiumArgs, ensureChromium, ensureNodeModules, log, root } from "./toolchain.mjs";

const pad = (s, n) => String(s).padStart(n);
const padEnd = (s, n) => String(s).padEnd(n);
const fmtNs = (ns) => (ns >= 100_000 ? `${(ns / 1000).toFixed(0)}µ` : ns >= 10_000 ? `${(ns / 1000).toFixed(1)}µ` : ns.toFixed(0));
const fmtRatio = (r) => (r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2));

const COLUMNS = [
  ["kp.object", "kp obj"],
  ["kp.text", "kp text"],
  ["kp.bytes", "kp bytes"],
  ["kp.batch", "kp batch"],
  ["zod", "zod"],
  ["valibot", "valibot"],
  ["ajv", "ajv"],
  ["stringify", "stringify"],
  ["parse+ajv", "parse+ajv"],
  ["decode+parse+ajv", "dec+p+ajv"],
];

const RATIOS = [
  ["kp.object", "stringify", "obj÷strfy"],
  ["kp.object", "zod", "obj÷zod"],
  ["kp.object", "valibot", "obj÷vali"],
  ["kp.object", "ajv", "obj÷ajv"],
  ["kp.text", "parse+ajv", "txt÷p+ajv"],
  ["kp.bytes", "decode+parse+ajv", "byt÷dpajv"],
  ["kp.bytes", "parse+ajv", "byt÷p+ajv"],
  ["kp.batch", "kp.object", "bat÷obj"],
  ["kp.batch", "zod", "bat÷zod"],
];

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const value = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? fallback : argv[i + 1];
};
const quick = flag("quick");
const timing = {
  reps: Number(value("reps", quick ? 5 : 21)),
  sampleMs: Number(value("sample-ms", quick ? 1 : 2)),
  warmupMs: quick ? 15 : 40,
};
const filter = value("filter", undefined);
const coldRuns = Number(value("cold-runs", quick ? 3 : 9));
const memoryCount = Number(value("memory-count", 100_000));
const withBrowser = !flag("no-browser");

// ── toolchain and build (a fresh clone has neither node_modules nor pkg/)
ensureNodeModules();
build("release");
if (withBrowser) ensureChromium();

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const machine = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadBefore: load(),
};
console.log(`machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.platform}; load average ${machine.loadBefore}`);
if (loadavg()[0] > machine.cores) {
  console.log(`warning: load average is above the core count: other work shares the CPU, figures will be noisy`);
}
console.log(`timing: median of ${timing.reps} samples of ~${timing.sampleMs} ms per cell, methods interleaved`);

function node(args, opts = {}) {
  const res = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", maxBuffer: 64 << 20, ...opts });
  if (res.status !== 0) throw new Error(`node ${args.join(" ")} failed:\n${res.stderr}`);
  return JSON.parse(res.stdout);
}

// ── size (plus what the default entry really ships: one module with the wasm as base64)
const size = wasmSizes();
for (const [key, file] of [["glueGzip", "dist/wasm/kyc_preflight.js"], ["inlineGzip", "dist/esm/index.js"], ["inlineBrotli", "dist/esm/index.js"]]) {
  const bytes = readFileSync(join(root, "pkg", file));
  size[key] = key.endsWith("Brotli") ? brotliCompressSync(bytes).length : gzipSync(bytes, { level: 9 }).length;
}

// ── Node
log("timing in Node");
const nodeArgs = ["bench/node.mjs", "--reps", timing.reps, "--sample-ms", timing.sampleMs, "--warmup-ms", timing.warmupMs];
if (filter) nodeArgs.push("--filter", filter);
const nodeRun = node(nodeArgs.map(String), { stdio: ["ignore", "pipe", "inherit"] });

// ── Chromium
let chromiumRun = null;
if (withBrowser) {
  log("timing in headless Chromium");
  chromiumRun = await runChromium();
}

// ── the native core (cargo bench, benches/validate.rs): the wasm's work at opt-level 3
log("native core (cargo bench)");
const nativeRun = runNative();

// ── cold start: fresh processes, interleaved so drift hits every library alike
log("cold start");
const coldLibs = ["kp", "zod", "valibot", "ajv"];
const coldSamples = Object.fromEntries(coldLibs.map((l) => [l, []]));
for (let i = 0; i < coldRuns; i++) {
  for (const lib of coldLibs) coldSamples[lib].push(node(["bench/cold.mjs", lib]).ms);
}
const cold = Object.fromEntries(coldLibs.map((l) => [l, { medianMs: median(coldSamples[l]), samples: coldSamples[l] }]));

// ── memory
log(`memory over ${memoryCount} validations`);
const memory = node(["--expose-gc", "bench/memory.mjs", String(memoryCount)]);

// ── time budgets of the hostile-input probes (moved here from the tests)
log("hostile-input probes");
const probes = node(["bench/probes.mjs"]);

machine.loadAfter = load();

// ── report
const envs = [["node", nodeRun], ...(chromiumRun ? [["chromium", chromiumRun]] : [])];
for (const [env, run] of envs) {
  for (const d of run.disagreements) {
    console.log(`warning (${env}): ${d.method} judged ${d.case} ${d.got ? "valid" : "invalid"}; the suite says ${d.expected ? "valid" : "invalid"}`);
  }
}
printTimes(envs);
printRatios(envs);
printNative();
printOther();
const goals = evaluateGoals();
printGoals(goals);

const results = {
  date: new Date().toISOString(),
  machine,
  timing,
  node: nodeRun,
  chromium: chromiumRun,
  native: nativeRun,
  cold,
  size,
  memory,
  probes,
  goals,
};
writeFileSync(join(root, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
log("wrote bench/results.json");

// ───────────────────────────────────────────────────────────────────────────────

async function runChromium() {
  const { build: esbuild } = await import("esbuild");
  const { chromium } = await import("playwright-core");
  const bundle = await esbuild({
    entryPoints: [join(root, "bench", "browser.mjs")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "error",
  });
  const script = bundle.outputFiles[0].text;
  const userDataDir = mkdtempSync(join(tmpdir(), "kp-bench-chromium-"));
  // Playwright wants the profile directory as a parameter, not as a flag.
  const args = chromiumArgs(userDataDir).filter((a) => !a.startsWith("--user-data-dir="));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (msg) => process.stderr.write(`${msg.text()}\n`));
    page.on("pageerror", (err) => process.stderr.write(`page error: ${err.message}\n`));
    // A made-up origin served from memory. COOP/COEP make the page cross-origin
    // isolated, which gives performance.now() 5 µs resolution instead of 100 µs.
    const isolation = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };
    await page.route("http://localhost/**", (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === "/bench.js") {
        return route.fulfill({ status: 200, contentType: "text/javascript", headers: isolation, body: script });
      }
      return route.fulfill({
        status: 200,
        contentType: "text/html",
        headers: isolation,
        body: '<!doctype html><meta charset="utf-8"><script type="module" src="/bench.js"></script>',
      });
    });
    await page.goto("http://localhost/");
    await page.waitForFunction(() => typeof globalThis.kpBench === "function");
    const isolated = await page.evaluate(() => globalThis.crossOriginIsolated);
    const result = await page.evaluate(([options, f]) => globalThis.kpBench(options, f), [timing, filter]);
    result.browser = { version: context.browser()?.version() ?? "?", crossOriginIsolated: isolated };
    return result;
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

/**
 * `cargo bench --bench validate`, parsed from divan's table: the median time and the
 * allocations of each request of the suite, and of the issue's tiny Didit request.
 */
function runNative() {
  const args = ["bench", "--quiet", "--bench", "validate", "--", "--color", "never", ...(filter ? [filter, "tiny"] : [])];
  const res = spawnSync("cargo", args, { cwd: root, encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "inherit"] });
  if (res.status !== 0) throw new Error(`cargo ${args.join(" ")} exited ${res.status ?? res.signal}`);
  const unit = { ns: 1, "µs": 1e3, ms: 1e6, s: 1e9 };
  const toNs = (cell) => {
    const m = /([\d.]+)\s*(ns|µs|ms|s)\b/.exec(cell);
    return m ? Number(m[1]) * unit[m[2]] : NaN;
  };
  const cases = [];
  let awaitingAllocs = null;
  const lines = res.stdout.split("\n");
  for (const [i, line] of lines.entries()) {
    const bench = /[├╰]─ (\S+)\s+(.*)$/.exec(line);
    if (bench && bench[2].includes("│") && /\d/.test(bench[2])) {
      const cells = bench[2].split("│");
      awaitingAllocs = { id: bench[1], medianNs: toNs(cells[2]), allocs: null };
      cases.push(awaitingAllocs);
    } else if (awaitingAllocs && /^[\s│]*alloc:/.test(line)) {
      awaitingAllocs.allocs = Number(/\d+/.exec(lines[i + 1] ?? "")?.[0]);
      awaitingAllocs = null;
    }
  }
  const tiny = cases.find((c) => c.id === "tiny_didit") ?? null;
  return { cases: cases.filter((c) => c !== tiny), tiny };
}

function printNative() {
  console.log("\nnative core, cargo bench (divan, opt-level 3): median per request and allocations, the wasm's work without the boundary");
  const time = (ns) => (ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(0)} ns`);
  const row = (label, c) => console.log(`  ${padEnd(label, 40)} ${pad(time(c.medianNs), 9)}  ${pad(c.allocs ?? "?", 4)} allocations`);
  for (const c of nativeRun.cases) row(c.id, c);
  if (nativeRun.tiny) row("tiny valid Didit request (50-byte body)", nativeRun.tiny);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function geomean(xs) {
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}

/** Geometric means over the valid and the invalid cases, as extra rows. */
function withSummaries(run) {
  const rows = [...run.cases];
  for (const valid of [true, false]) {
    const group = run.cases.filter((c) => c.valid === valid);
    if (group.length === 0) continue;
    const ns = {};
    for (const [m] of COLUMNS) ns[m] = geomean(group.map((c) => c.ns[m]));
    rows.push({ id: `(geomean, ${valid ? "valid" : "invalid"})`, ns, bytes: "" });
  }
  return rows;
}

function printTimes(envs) {
  console.log("\nmedian ns per validation (µ = µs); kp batch is per request in a batch of 50");
  const head = `${padEnd("case", 36)} ${padEnd("env", 8)} ${pad("body B", 6)} ${COLUMNS.map(([, h]) => pad(h, 9)).join(" ")}`;
  console.log(head);
  console.log("─".repeat(head.length));
  const tables = envs.map(([env, run]) => [env, withSummaries(run)]);
  for (let i = 0; i < tables[0][1].length; i++) {
    for (const [env, rows] of tables) {
      const row = rows[i];
      const label = env === tables[0][0] ? row.id : "";
      console.log(`${padEnd(label, 36)} ${padEnd(env, 8)} ${pad(row.bytes, 6)} ${COLUMNS.map(([m]) => pad(fmtNs(row.ns[m]), 9)).join(" ")}`);
    }
  }
}

function printRatios(envs) {
  console.log("\nratios of medians from this run (below 1: kyc-preflight is faster)");
  const head = `${padEnd("case", 36)} ${padEnd("env", 8)} ${RATIOS.map(([, , h]) => pad(h, 9)).join(" ")}`;
  console.log(head);
  console.log("─".repeat(head.length));
  const tables = envs.map(([env, run]) => [env, withSummaries(run)]);
  for (let i = 0; i < tables[0][1].length; i++) {
    for (const [env, rows] of tables) {
      const row = rows[i];
      const label = env === tables[0][0] ? row.id : "";
      console.log(`${padEnd(label, 36)} ${padEnd(env, 8)} ${RATIOS.map(([a, b]) => pad(fmtRatio(row.ns[a] / row.ns[b]), 9)).join(" ")}`);
    }
  }
}

function printOther() {
  console.log("\ncold start, fresh Node process, import → first report (median of " + coldRuns + ")");
  for (const lib of coldLibs) {
    const label = lib === "kp" ? "kyc-preflight (wasm compile included)" : `${lib} (all six schemas built${lib === "ajv" ? " and compiled" : ""})`;
    console.log(`  ${padEnd(label, 42)} ${pad(cold[lib].medianMs.toFixed(1), 7)} ms`);
  }
  const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;
  console.log(`\nsize: wasm ${size.raw} B raw (${kb(size.raw)}), ${size.gzip} B gzip (${kb(size.gzip)}), ${size.brotli} B brotli (${kb(size.brotli)}); JS layer (dist/api.js + wire.js) ${size.jsEntryGzip} B gzip`);
  console.log(`      wasm-bindgen glue ${size.glueGzip} B gzip; the default entry (glue, API and the wasm as base64 in one module) ${size.inlineGzip} B gzip, ${size.inlineBrotli} B brotli`);
  console.log(
    `\nmemory: wasm ${memory.initial} B at start, ${memory.highWater} B after one pass (high-water mark), ${memory.after} B after ${memory.count} validations` +
      ` → ${memory.flat ? "flat" : "GREW"}; JS heap ${(memory.heapBefore / 1e6).toFixed(1)} → ${(memory.heapAfter / 1e6).toFixed(1)} MB; next valid request ${memory.lastOk ? "ok" : "WRONG"}`,
  );
  if (chromiumRun) console.log(`\nchromium ${chromiumRun.browser.version}, crossOriginIsolated: ${chromiumRun.browser.crossOriginIsolated}`);
  console.log(`load average before ${machine.loadBefore}, after ${machine.loadAfter}`);
}

/**
 * The finish line of issue 13 (each row from this one run; a speed row is met when the
 * geometric mean of its ratio meets it in Node and in Chromium), then the standing
 * budgets: memory and the hostile-input probes.
 */
function evaluateGoals() {
  const out = [];
  const goal = (name, target, value, met, detail = "") => out.push({ name, target, value, met, detail });
  const geomeanRatio = (run, pick, a, b) => {
    const r = run ? run.cases.filter(pick).map((c) => c.ns[a] / c.ns[b]) : [];
    return r.length ? geomean(r) : null;
  };
  const all = () => true;
  const speed = [
    ["valid request, object in, vs JSON.stringify", "≤ 4× (goal 2.5×, stretch 1.5×)", (c) => c.valid, "kp.object", "stringify", 4],
    ["invalid request vs zod 4", "≤ 1.5× (goal 1×)", (c) => !c.valid, "kp.object", "zod", 1.5],
    ["text path vs JSON.parse + Ajv", "≤ 2× (goal < 1×)", all, "kp.text", "parse+ajv", 2],
    ["bytes path vs decode + JSON.parse + Ajv", "≤ 2× (goal < 1×)", all, "kp.bytes", "decode+parse+ajv", 2],
    ["validateBatch vs single calls, per request", "≤ 0.5×", all, "kp.batch", "kp.object", 0.5],
  ];
  for (const [name, target, pick, a, b, limit] of speed) {
    const ratios = envs.map(([env, run]) => [env, geomeanRatio(run, pick, a, b)]).filter(([, r]) => r !== null);
    if (ratios.length === 0) continue;
    const value = ratios.map(([env, r]) => `${env} ${fmtRatio(r)}×`).join(", ");
    goal(name, target, value, ratios.every(([, r]) => r <= limit));
  }
  const tiny = nativeRun.tiny;
  if (tiny) goal("native: tiny valid Didit request", "≤ 400 ns", `${fmtNs(tiny.medianNs)} ns, ${tiny.allocs} allocations`, tiny.medianNs <= 400);
  const k = cold.kp.medianMs;
  goal("cold start, import → first report (Node)", "≤ 10 ms and ≤ ½ zod", `${k.toFixed(1)} ms; zod ${cold.zod.medianMs.toFixed(1)} ms (${fmtRatio(k / cold.zod.medianMs)}×)`, k <= 10 && k <= cold.zod.medianMs / 2);
  const kib = size.gzip / 1024;
  goal("gzipped wasm", "≤ 84 KiB (goal 64 KiB)", `${kib.toFixed(1)} KiB`, size.gzip <= 84 * 1024, size.gzip <= 64 * 1024 ? "goal met" : "");
  goal(`wasm memory over ${memory.count.toLocaleString("en")} validations`, "flat", `${memory.highWater} → ${memory.after} B`, memory.flat && memory.lastOk);
  // One budget per probe, timed once in Node on the shipped wasm (bench/probes.mjs).
  for (const p of probes) {
    const ms = p.ms >= 100 ? p.ms.toFixed(0) : p.ms.toFixed(2);
    goal(p.name, p.budget, `${ms} ms`, p.met, p.wrong ? `WRONG ANSWER: ${p.wrong}` : "");
  }
  return out;
}

function printGoals(goals) {
  console.log("\nfinish line (issue 13, \"A hot path near the floor\"), then the standing budgets (memory, the hostile-input probes of bench/probes.mjs)");
  for (const g of goals) {
    console.log(`  ${g.met ? "met    " : "NOT met"}  ${padEnd(g.name, 52)} ${padEnd(g.target, 24)} ${g.value}${g.detail ? ` (${g.detail})` : ""}`);
  }
}
