// `npm test`: installs what is missing, builds the wasm once, then runs every suite:
// clippy (native and wasm32), cargo test (native, then wasm32 in Node), the Node suites
// once per package entry (import, require, ./web), the browser and packaging suites, and
// the size budget.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { build } from "./build.mjs";
import { updateGolden } from "./golden.mjs";
import { ensureChromium, ensureNodeModules, ensureWasmBindgen, ensureWasmTarget, log, root } from "./toolchain.mjs";
import { checkSizeBudget } from "./size.mjs";
import { checkRuleCoverage, clearRuleCoverage } from "./rule-coverage.mjs";
import { ensureDrfVenv } from "./drf.mjs";

const totals = { passed: 0, failed: 0, suites: [] };
const only = process.argv.slice(2); // e.g. `npm test -- node browser`

function step(name, fn) {
  if (only.length && !only.some((o) => name.startsWith(o))) return;
  const started = Date.now();
  log(`── ${name}`);
  let ok = true;
  try {
    fn();
  } catch (error) {
    ok = false;
    totals.failed += 1;
    log(`${name} FAILED: ${error.message}`);
  }
  totals.suites.push(`${ok ? "ok  " : "FAIL"} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/**
 * Runs a command, echoing its output (but each passing Rust test's own line), adds its
 * test counts to the totals, and returns the output. `merge` reads stderr and stdout as
 * one stream (through sh), to keep cargo's "Running <binary>" lines beside their results.
 */
function suite(cmd, args, env = {}, { merge = false } = {}) {
  const quote = (a) => `'${a.replaceAll("'", "'\\''")}'`;
  const [file, argv] = merge ? ["sh", ["-c", `${[cmd, ...args].map(quote).join(" ")} 2>&1`]] : [cmd, args];
  const res = spawnSync(file, argv, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const text = `${res.stdout}\n${res.stderr}`;
  process.stdout.write((res.stdout ?? "").replace(/^test .* \.\.\. ok\n/gm, ""));
  process.stderr.write(res.stderr ?? "");
  for (const m of text.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed/g)) {
    totals.passed += Number(m[1]);
    totals.failed += Number(m[2]);
  }
  for (const m of text.matchAll(/^(?:ℹ|#) pass (\d+)$/gm)) totals.passed += Number(m[1]);
  for (const m of text.matchAll(/^(?:ℹ|#) fail (\d+)$/gm)) totals.failed += Number(m[1]);
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${res.status ?? res.signal}`);
  return text;
}

/**
 * Tests run per Rust test binary, from cargo's output: `{ "tests/didit.rs": { ran, nativeOnly } }`.
 * `nativeOnly` counts the tests named `native_only::…` (listed when the harness is not quiet).
 */
function rustCounts(text) {
  const counts = {};
  let current;
  for (const line of text.split("\n")) {
    const running = line.match(/^\s*Running (?:unittests )?(\S+)/);
    if (running) {
      current = running[1];
      counts[current] = { ran: 0, nativeOnly: 0 };
    } else if (current && /^test \S*native_only::\S* \.\.\. (?:ok|FAILED)$/.test(line)) {
      counts[current].nativeOnly += 1;
    } else if (current) {
      const result = line.match(/test result: \w+\. (\d+) passed; (\d+) failed/);
      if (result) counts[current].ran = Number(result[1]) + Number(result[2]);
    }
  }
  return counts;
}

/**
 * The wasm32 run must run what the native run ran, less the `native_only` tests, binary
 * by binary: a test file that lost its `wasm_bindgen_test` alias would otherwise pass
 * with "no tests to run!".
 */
function compareRustCounts(native, wasm) {
  const problems = [];
  for (const [binary, { ran, nativeOnly }] of Object.entries(native)) {
    if (ran === 0) problems.push(`${binary} ran no test natively`);
    const expected = ran - nativeOnly;
    const got = wasm[binary]?.ran ?? 0;
    if (got !== expected) problems.push(`${binary}: ${got} tests on wasm32, expected ${expected} (${ran} native − ${nativeOnly} native_only)`);
  }
  for (const binary of Object.keys(wasm)) if (!(binary in native)) problems.push(`${binary} runs on wasm32 only`);
  if (problems.length > 0) throw new Error(`native and wasm32 test counts differ:\n  ${problems.join("\n  ")}`);
  const runs = Object.values(wasm).reduce((n, c) => n + c.ran, 0);
  log(`wasm32 ran ${runs} tests in ${Object.keys(wasm).length} binaries: every native test but the native_only ones`);
}

function testFiles(dir) {
  const full = join(root, "tests", dir);
  const files = existsSync(full) ? readdirSync(full).filter((f) => f.endsWith(".test.mjs")) : [];
  if (files.length === 0) throw new Error(`tests/${dir} holds no *.test.mjs file`);
  return files.sort().map((f) => join("tests", dir, f));
}

/** Makes `kyc-preflight` resolve to pkg/ through its exports map, as for a user. */
function linkPackage() {
  const link = join(root, "node_modules", "kyc-preflight");
  rmSync(link, { recursive: true, force: true });
  symlinkSync(join(root, "pkg"), link, "dir");
}

/** Runs one folder's Node suites; a file that runs zero tests fails the step. */
function nodeTests(dir, env = {}) {
  const files = testFiles(dir);
  const countsFile = join(root, "target", `test-counts-${dir}.json`);
  rmSync(countsFile, { force: true });
  const reporters = ["--test-reporter=spec", "--test-reporter-destination=stdout"];
  reporters.push(`--test-reporter=${join(root, "scripts", "test-counts.mjs")}`, `--test-reporter-destination=${countsFile}`);
  suite(process.execPath, ["--test", ...reporters, "--test-concurrency=1", ...files], env);
  const counts = existsSync(countsFile) ? JSON.parse(readFileSync(countsFile, "utf8")) : {};
  const empty = files.filter((f) => !(counts[join(root, f)] > 0));
  if (empty.length > 0) throw new Error(`no test ran in ${empty.join(", ")}`);
}

ensureWasmTarget();
ensureWasmBindgen();
ensureNodeModules();
mkdirSync(join(root, "target"), { recursive: true });
mkdirSync(join(root, "test-output"), { recursive: true });

// UPDATE_SNAPSHOTS=1 rewrites the golden corpus and the types snapshot: a deliberate
// local command whose diff a reviewer reads, never something CI may do.
const updating = process.env.UPDATE_SNAPSHOTS === "1";
if (updating && process.env.CI) {
  log("UPDATE_SNAPSHOTS=1 is refused in CI: snapshots are updated locally and reviewed");
  process.exit(1);
}
if (updating) step("golden (update)", updateGolden);
let nativeCounts;

step("clippy", () => {
  suite("cargo", ["clippy", "--all-targets", "--quiet", "--", "-D", "warnings"]);
  suite("cargo", ["clippy", "--lib", "--quiet", "--target", "wasm32-unknown-unknown", "--features", "wasm", "--", "-D", "warnings"]);
});
step("cargo test", () => {
  clearRuleCoverage();
  // Test names are listed (not --quiet) to count the native_only ones per binary.
  nativeCounts = rustCounts(suite("cargo", ["test", "--tests"], {}, { merge: true }));
  checkRuleCoverage();
});
step("cargo test (wasm32)", () => {
  // packaging.md, test matrix item 2: the same integration tests compiled to wasm32 and
  // run in Node by wasm-bindgen-test-runner (from wasm-bindgen-cli). Not --quiet: cargo
  // hands it to the runner, which refuses it. Without debuginfo the step is ~10 s faster
  // than with it, and faster than --release (compile included).
  const text = suite(
    "cargo",
    ["test", "--target", "wasm32-unknown-unknown", "--tests"],
    { CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: "wasm-bindgen-test-runner", CARGO_PROFILE_TEST_DEBUG: "0" },
    { merge: true },
  );
  if (nativeCounts) compareRustCounts(nativeCounts, rustCounts(text));
});
step("build", () => {
  build("release");
  build("trap");
  linkPackage();
});
step("size", () => checkSizeBudget());
for (const entry of ["import", "require", "web"]) {
  step(`node (${entry})`, () => nodeTests("js", { KP_ENTRY: entry }));
}
step("types", () => nodeTests("types"));
// Didit's bodies answered by the real Django REST Framework (pinned, installed into
// target/drf-venv when missing) and by pkg/: status and body must agree (tests/drf).
step("drf oracle", () => {
  ensureDrfVenv();
  nodeTests("drf");
});
step("packaging", () => {
  ensureChromium(); // the Vite, import-map and worker pages load in Chromium
  nodeTests("packaging");
});
step("browser", () => {
  ensureChromium();
  nodeTests("browser");
});

log("── summary");
for (const line of totals.suites) log(line);
console.log(`kyc-preflight: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.suites.every((s) => s.startsWith("ok")) ? 0 : 1);
