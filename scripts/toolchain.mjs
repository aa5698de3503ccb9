// Installs what the build and tests need, idempotently and only when missing: the
// wasm32 target, wasm-bindgen-cli at the crate's exact version, npm devDependencies,
// and (for browser tests) Debian's chromium and chromium-driver.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: "inherit", cwd: root, ...opts });
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed with ${res.status ?? res.signal}`);
  }
}

function output(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return "";
  }
}

export function log(message) {
  process.stderr.write(`[kyc-preflight] ${message}\n`);
}

export function ensureWasmTarget() {
  if (output("rustup", ["target", "list", "--installed"]).includes("wasm32-unknown-unknown")) return;
  log("adding the wasm32-unknown-unknown target");
  run("rustup", ["target", "add", "wasm32-unknown-unknown"]);
}

/** The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly. */
export function wasmBindgenVersion() {
  const lock = readFileSync(join(root, "Cargo.lock"), "utf8");
  const match = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/);
  if (!match) throw new Error("wasm-bindgen is not in Cargo.lock");
  return match[1];
}

export function ensureWasmBindgen() {
  const want = wasmBindgenVersion();
  const have = output("wasm-bindgen", ["--version"]).trim();
  // The same install provides wasm-bindgen-test-runner, the runner of the wasm32 `cargo test`.
  const runner = output("wasm-bindgen-test-runner", ["--version"]).trim();
  if (have === `wasm-bindgen ${want}` && runner === `wasm-bindgen-test-runner ${want}`) return;
  log(`installing wasm-bindgen-cli ${want} (found: ${have || "none"}); about 2 minutes`);
  // No --locked: one of its locked dependencies is not on the registry here.
  run("cargo", ["install", "wasm-bindgen-cli", "--version", want, "--force"]);
}

export function ensureNodeModules() {
  const marker = join(root, "node_modules", ".package-lock.json");
  const lock = join(root, "package-lock.json");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log("installing npm devDependencies (npm ci)");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMEDRIVER = "/usr/bin/chromedriver";

export function ensureChromium() {
  if (existsSync(CHROMIUM) && existsSync(CHROMEDRIVER)) return;
  log("installing Debian chromium and chromium-driver for the browser tests");
  const sudo = process.getuid && process.getuid() !== 0 ? ["sudo"] : [];
  const apt = (args) => run(sudo[0] ?? "apt-get", sudo.length ? ["apt-get", ...args] : args, {
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  apt(["update"]);
  apt(["install", "-y", "--no-install-recommends", "chromium", "chromium-driver"]);
}

/** The flags packaging.md prescribes for headless Chromium on this kind of machine. */
export function chromiumArgs(userDataDir) {
  return [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    `--user-data-dir=${userDataDir}`,
  ];
}
