// `npm test`: installs what is missing, builds the wasm once, then runs every suite:
// clippy (native and wasm32), cargo test (native, then wasm32 in Node), the Node suites
// once per package entry (import, require, ./web), the browser and packaging suites, and
// the size budget.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { build } from "./build.mjs";
import { ensureChromium, ensureNodeModules, ensureWasmBindgen, ensureWasmTarget, log, root } from "./toolchain.mjs";
import { checkSizeBudget } from "./size.mjs";
import { checkRuleCoverage, clearRuleCoverage } from "./rule-coverage.mjs";

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

/** Runs a command, echoing its output, and adds its test counts to the totals. */
function suite(cmd, args, env = {}) {
  const res = spawnSync(cmd, args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  process.stdout.write(res.stdout ?? "");
  process.stderr.write(res.stderr ?? "");
  const text = `${res.stdout}\n${res.stderr}`;
  for (const m of text.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed/g)) {
    totals.passed += Number(m[1]);
    totals.failed += Number(m[2]);
  }
  for (const m of text.matchAll(/^(?:ℹ|#) pass (\d+)$/gm)) totals.passed += Number(m[1]);
  for (const m of text.matchAll(/^(?:ℹ|#) fail (\d+)$/gm)) totals.failed += Number(m[1]);
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${res.status ?? res.signal}`);
}

function testFiles(dir) {
  const full = join(root, "tests", dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((f) => f.endsWith(".test.mjs"))
    .sort()
    .map((f) => join("tests", dir, f));
}

/** Makes `kyc-preflight` resolve to pkg/ through its exports map, as for a user. */
function linkPackage() {
  const link = join(root, "node_modules", "kyc-preflight");
  rmSync(link, { recursive: true, force: true });
  symlinkSync(join(root, "pkg"), link, "dir");
}

function nodeTests(dir, env = {}) {
  const files = testFiles(dir);
  if (files.length === 0) return;
  suite(process.execPath, ["--test", "--test-reporter=spec", "--test-concurrency=1", ...files], env);
}

ensureWasmTarget();
ensureWasmBindgen();
ensureNodeModules();
mkdirSync(join(root, "test-output"), { recursive: true });

step("clippy", () => {
  suite("cargo", ["clippy", "--all-targets", "--quiet", "--", "-D", "warnings"]);
  suite("cargo", ["clippy", "--lib", "--quiet", "--target", "wasm32-unknown-unknown", "--features", "wasm", "--", "-D", "warnings"]);
});
step("cargo test", () => {
  clearRuleCoverage();
  suite("cargo", ["test", "--quiet"]);
  checkRuleCoverage();
});
step("cargo test (wasm32)", () => {
  // packaging.md, test matrix item 2: the same integration tests compiled to wasm32 and
  // run in Node by wasm-bindgen-test-runner (from wasm-bindgen-cli). Not --quiet: cargo
  // hands it to the runner, which refuses it. Without debuginfo the step is ~10 s faster
  // than with it, and faster than --release (compile included).
  suite("cargo", ["test", "--target", "wasm32-unknown-unknown", "--tests"], {
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: "wasm-bindgen-test-runner",
    CARGO_PROFILE_TEST_DEBUG: "0",
  });
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
