// Shared by the packaging suites: async commands, a static server on 127.0.0.1, headless
// Chromium through playwright-core, and the probe every environment runs.
import { spawn } from "node:child_process";
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, chromiumArgs } from "../../scripts/toolchain.mjs";

export const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
export const pkgDir = join(root, "pkg");
export const bin = (name) => join(root, "node_modules", ".bin", name);

/** Runs a command to completion; resolves with its status and output, never rejects. */
export function exec(cmd, args, { cwd, env = {}, input } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: "1", ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (error) => resolve({ status: -1, stdout, stderr: `${stderr}${error.message}` }));
    child.on("close", (status, signal) => resolve({ status: status ?? signal, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

/** Like exec, but throws with the output when the command fails. */
export async function must(cmd, args, opts) {
  const res = await exec(cmd, args, opts);
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${res.status}\n${res.stdout}\n${res.stderr}`);
  return res;
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".cjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

/**
 * Serves `dir` on 127.0.0.1 (a free port). `headers(path)` adds response headers; every
 * request path is recorded in `server.requests`.
 */
export async function serve(dir, headers = () => ({})) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    requests.push(path);
    const file = normalize(join(dir, path.endsWith("/") ? `${path}index.html` : path));
    let size;
    try {
      size = file.startsWith(dir) && statSync(file).isFile() ? statSync(file).size : undefined;
    } catch {
      size = undefined;
    }
    if (size === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": size,
      "cache-control": "no-store",
      ...headers(path),
    });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Headless Chromium with the flags scripts/toolchain.mjs prescribes. */
export async function launchChromium(userDataDir) {
  // Playwright takes the profile directory as a parameter, not as a flag.
  const args = chromiumArgs(userDataDir).filter((a) => !a.startsWith("--user-data-dir="));
  return chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args });
}

/**
 * Opens `url`, collects console errors and page errors, and waits for the page to set
 * `window.__kp` (its result) or `window.__kpError`.
 */
export async function runPage(context, url, timeout = 20_000) {
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    await page.goto(url);
    await page.waitForFunction(() => "__kp" in window || "__kpError" in window, null, { timeout });
    const { result, error } = await page.evaluate(() => ({ result: window.__kp, error: window.__kpError }));
    return { result, error, errors };
  } catch (error) {
    throw new Error(`${url}: ${error.message}\npage errors: ${errors.join("\n")}`);
  } finally {
    await page.close();
  }
}

/**
 * What every environment computes from the package it imported (`kp`): a few real
 * validations, a misuse, the operation list and a Standard Schema result. Its source is
 * inlined into Node scripts, pages and workers, so it uses only what all of them have.
 */
export const PROBE = `function probe(kp) {
  const UUID = "11111111-2222-4333-8444-555555555555";
  const op = "didit.update_session_status";
  const path = { sessionId: UUID };
  const bad = kp.validate(op, { path, headers: { "x-api-key": "k" }, body: { new_status: "approved" } });
  const good = kp.validate(op, { path, headers: { "x-api-key": "k" }, body: '{"new_status":"Approved"}' });
  const truncated = kp.validate(op, { path, body: new TextEncoder().encode('{"new_status":') });
  const batch = kp.validateBatch(op, [{ path, body: { new_status: "Approved" } }, { path, body: "[" }]);
  let misuse = null;
  try {
    kp.validate("didit.no_such_operation", { path });
  } catch (error) {
    misuse = { name: error.name, code: error.code, typed: error instanceof kp.PreflightError };
  }
  const schema = kp.standardSchema(op)["~standard"];
  const schemaBad = schema.validate({ new_status: "approved" });
  const schemaGood = schema.validate({ new_status: "Approved" });
  return {
    bad: {
      ok: bad.ok,
      response: bad.response,
      issues: bad.issues.map((i) => [i.rule, i.severity, i.path.join("."), i.hint === undefined ? null : i.hint]),
    },
    good: { ok: good.ok, method: good.request && good.request.method, path: good.request && good.request.path, bodyText: good.request && good.request.bodyText },
    truncated: truncated.issues.map((i) => i.rule),
    batch: batch.map((r) => r.ok),
    misuse,
    operations: kp.operations().map((o) => o.id),
    rules: kp.rules().length,
    canonical: kp.canonicalStatus("didit", "Approved"),
    schema: { vendor: schema.vendor, version: schema.version, bad: schemaBad.issues, good: schemaGood },
  };
}`;
