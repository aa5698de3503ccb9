// The package as users get it: `npm pack` pkg/ once, install the tarball (offline: it has
// no dependencies) into throwaway projects, and check that each one really validates:
// Node CJS, Node ESM (and the installed CLI), a Vite production build with a module
// worker, Vite with `./web` streaming the wasm, and a plain page with an import map under
// a strict CSP, all but Node loaded in headless Chromium. Every environment runs the same
// probe (harness.mjs) and must give the result this process gets from pkg/ directly.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { build as esbuild } from "esbuild";
import { PROBE, bin, exec, launchChromium, must, pkgDir, runPage, serve } from "./harness.mjs";

const UUID = "11111111-2222-4333-8444-555555555555";
const OPERATIONS = [
  "anycheck.update_verification",
  "didit.update_feature_status",
  "didit.update_session_status",
  "legaltalent.extend_session",
  "legaltalent.generate_link",
  "legaltalent.process_session",
  "legaltalent.request_corrections",
  "legaltalent.run_validations",
  "legaltalent.update_session_status",
  "verifa.update_session",
];

const work = mkdtempSync(join(tmpdir(), "kp-packaging-"));
let tarball;
let reference;
let browser;
const servers = [];

/** A throwaway project with the tarball installed and the given files written. */
async function project(name, type, files) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `kp-${name}`, private: true, type }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  await must("npm", ["install", "--offline", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error", tarball], { cwd: dir });
  return dir;
}

/** A page script: runs `body` (async), publishes `window.__kp` or `window.__kpError`. */
const pageScript = (imports, body) => `${imports}
${PROBE}
(async () => {
${body}
})().catch((error) => { window.__kpError = String((error && error.stack) || error); });
`;

/** Waits for a module worker's probe result. */
const WORKER_RESULT = `await new Promise((resolve, reject) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => reject(new Error("worker failed: " + event.message));
  })`;

const WORKER = (specifier) => `import * as kp from ${JSON.stringify(specifier)};
${PROBE}
postMessage(probe(kp));
`;

let projects;

before(async () => {
  const packed = await must("npm", ["pack", pkgDir, "--pack-destination", work, "--json", "--loglevel=error"], { cwd: work });
  tarball = join(work, JSON.parse(packed.stdout)[0].filename);
  const kp = await import(join(pkgDir, "dist", "esm", "index.js"));
  reference = new Function(`return (${PROBE})`)()(kp);

  const nodeCjs = {
    "probe.js": `const { readFileSync } = require("node:fs");
const kp = require("kyc-preflight");
const web = require("kyc-preflight/web");
${PROBE}
(async () => {
  let early = null;
  try { web.operations(); } catch (error) { early = error.code; }
  await web.default(readFileSync(require.resolve("kyc-preflight/kyc_preflight.wasm")));
  const version = require("kyc-preflight/package.json").version;
  console.log(JSON.stringify({ sync: probe(kp), web: probe(web), early, resolved: require.resolve("kyc-preflight"), version }));
})().catch((error) => { console.error(error); process.exit(1); });
`,
  };
  const nodeEsm = {
    // Two scripts: the entries share one glue module, so ./web must load on its own to
    // prove its init.
    "probe.js": `import * as kp from "kyc-preflight";
import { createRequire } from "node:module";
${PROBE}
const version = createRequire(import.meta.url)("kyc-preflight/package.json").version;
console.log(JSON.stringify({ sync: probe(kp), resolved: import.meta.resolve("kyc-preflight"), version }));
`,
    "web.js": `import init, * as web from "kyc-preflight/web";
import { readFile } from "node:fs/promises";
${PROBE}
let early = null;
try { web.operations(); } catch (error) { early = error.code; }
const wasm = await readFile(new URL(import.meta.resolve("kyc-preflight/kyc_preflight.wasm")));
await init(await WebAssembly.compile(wasm));
console.log(JSON.stringify({ web: probe(web), early, resolved: import.meta.resolve("kyc-preflight/web") }));
`,
    "request.json": JSON.stringify({ path: { sessionId: UUID }, headers: { "x-api-key": "k" }, body: { new_status: "approved" } }),
  };
  const viteConfig = (name) => `export default {
  root: ${JSON.stringify(join(work, "vite", name))},
  logLevel: "warn",
  worker: { format: "es" },
  build: { outDir: ${JSON.stringify(join(work, "vite", `dist-${name}`))}, emptyOutDir: true },
};
`;
  const html = (script) => `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>kyc-preflight</title><script type="module" src="${script}"></script>\n`;
  const vite = {
    "vite.sync.config.mjs": viteConfig("sync"),
    "sync/index.html": html("./main.js"),
    "sync/main.js": pageScript(
      'import * as kp from "kyc-preflight";',
      `  const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  const fromWorker = ${WORKER_RESULT};
  window.__kp = { main: probe(kp), worker: fromWorker };`,
    ),
    "sync/worker.js": WORKER("kyc-preflight"),
    "vite.web.config.mjs": viteConfig("web"),
    "web/index.html": html("./main.js"),
    "web/main.js": pageScript(
      'import init, * as web from "kyc-preflight/web";',
      `  let early = null;
  try { web.operations(); } catch (error) { early = error.code; }
  await init();
  window.__kp = { web: probe(web), early };`,
    ),
  };
  // No bundler: an import map, a module worker importing the package's own URL, and a CSP
  // that allows wasm only through 'wasm-unsafe-eval' (what the README tells users).
  const importMap = `<script type="importmap" nonce="kp">${JSON.stringify({
    imports: {
      "kyc-preflight": "/node_modules/kyc-preflight/dist/esm/index.js",
      "kyc-preflight/web": "/node_modules/kyc-preflight/dist/web/index.js",
    },
  })}</script>`;
  const plain = {
    "index.html": `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>kyc-preflight</title>${importMap}<script type="module" src="/main.js"></script>\n`,
    "main.js": pageScript(
      'import * as kp from "kyc-preflight";',
      `  const worker = new Worker("/worker.js", { type: "module" });
  const fromWorker = ${WORKER_RESULT};
  window.__kp = { main: probe(kp), worker: fromWorker };`,
    ),
    // ./web on a page of its own: the entries share one glue module, so on a page that
    // also imports the default entry, init() has nothing left to load.
    "web/index.html": `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>kyc-preflight/web</title>${importMap}<script type="module" src="/web/main.js"></script>\n`,
    "web/main.js": pageScript(
      'import init, * as web from "kyc-preflight/web";',
      `  let early = null;
  try { web.operations(); } catch (error) { early = error.code; }
  await init();
  window.__kp = { web: probe(web), early };`,
    ),
    "worker.js": WORKER("/node_modules/kyc-preflight/dist/esm/index.js"),
    "blocked/index.html": `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>blocked</title>${importMap}<script type="module" src="/blocked/main.js"></script>\n`,
    "blocked/main.js": `import("kyc-preflight").then(
  (kp) => { window.__kp = kp.operations().length; },
  (error) => { window.__kpError = String(error); },
);
`,
  };
  const [cjsDir, esmDir, viteDir, plainDir] = await Promise.all([
    project("node-cjs", "commonjs", nodeCjs),
    project("node-esm", "module", nodeEsm),
    project("vite", "module", vite),
    project("plain", "module", plain),
  ]);
  projects = { cjsDir, esmDir, viteDir, plainDir };
  browser = await launchChromium(mkdtempSync(join(work, "chromium-")));
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  rmSync(work, { recursive: true, force: true });
});

describe("the packed tarball, installed", { timeout: 120_000 }, () => {
  it("gives a real validation result in this process (the reference)", () => {
    assert.equal(reference.bad.ok, false);
    assert.deepEqual(reference.bad.response, { status: 400, body: { new_status: ['"approved" is not a valid choice.'] } });
    assert.deepEqual(reference.bad.issues, [
      ["didit.update_session_status.new_status_choice", "error", "body.new_status", 'did you mean "Approved"?'],
    ]);
    assert.deepEqual(reference.good, {
      ok: true,
      method: "PATCH",
      path: `/v3/session/${UUID}/update-status/`,
      bodyText: '{"new_status":"Approved"}',
    });
    assert.ok(reference.truncated.includes("json_syntax"), reference.truncated.join());
    assert.deepEqual(reference.batch, [true, false]);
    assert.deepEqual(reference.misuse, { name: "PreflightError", code: "unknown_operation", typed: true });
    assert.deepEqual([...reference.operations].sort(), OPERATIONS);
    assert.ok(reference.rules > OPERATIONS.length);
    assert.equal(reference.canonical, "approved");
    assert.equal(reference.schema.vendor, "kyc-preflight");
    assert.equal(reference.schema.version, 1);
    assert.deepEqual(reference.schema.good, { value: { new_status: "Approved" } });
    assert.deepEqual(
      reference.schema.bad.map((i) => i.path),
      [["new_status"]],
    );
  });

  it("ships only what the package needs", async () => {
    const listed = await must("tar", ["-tzf", tarball]);
    const files = listed.stdout.split("\n").filter(Boolean).map((f) => f.replace(/^package\//, "")).sort();
    for (const need of ["package.json", "kyc_preflight.wasm", "dist/esm/index.js", "dist/cjs/index.cjs", "dist/cjs/index.d.cts", "dist/web/index.js", "dist/workerd/index.js"]) {
      assert.ok(files.includes(need), `${need} missing from the tarball`);
    }
    assert.deepEqual(files.filter((f) => f.startsWith(".") || f.includes("build-stamp")), []);
    // The wasm as base64 lives in the default entries only (ESM and CJS), not beside them.
    assert.deepEqual(files.filter((f) => f.endsWith("inline.js")), []);
  });

  it("works from Node CommonJS: require, require of ./web, require.resolve of the wasm", async () => {
    const { stdout } = await must(process.execPath, ["probe.js"], { cwd: projects.cjsDir });
    const out = JSON.parse(stdout);
    assert.equal(out.resolved, join(projects.cjsDir, "node_modules", "kyc-preflight", "dist", "cjs", "index.cjs"));
    assert.equal(out.version, "0.1.0");
    assert.equal(out.early, "not_initialized");
    assert.deepEqual(out.sync, reference);
    assert.deepEqual(out.web, reference);
  });

  it("works from Node ESM: import, and ./web given a compiled module", async () => {
    const installed = join(projects.esmDir, "node_modules", "kyc-preflight", "dist");
    const sync = JSON.parse((await must(process.execPath, ["probe.js"], { cwd: projects.esmDir })).stdout);
    assert.equal(sync.resolved, `file://${join(installed, "esm", "index.js")}`);
    assert.equal(sync.version, "0.1.0");
    assert.deepEqual(sync.sync, reference);
    const web = JSON.parse((await must(process.execPath, ["web.js"], { cwd: projects.esmDir })).stdout);
    assert.equal(web.resolved, `file://${join(installed, "web", "index.js")}`);
    assert.equal(web.early, "not_initialized");
    assert.deepEqual(web.web, reference);
  });

  it("installs a working CLI", async () => {
    const cli = join(projects.esmDir, "node_modules", ".bin", "kyc-preflight");
    assert.ok(existsSync(cli), "npm linked the kyc-preflight bin");
    const version = await exec(cli, ["--version"], { cwd: projects.esmDir });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), "0.1.0");
    const check = await exec(cli, ["check", "didit.update_session_status", "request.json", "--json"], { cwd: projects.esmDir });
    assert.equal(check.status, 1, `exit 1 when the vendor would refuse\n${check.stderr}`);
    const report = JSON.parse(check.stdout);
    assert.deepEqual(report.response, reference.bad.response);
    assert.deepEqual(
      report.issues.map((i) => i.rule),
      reference.bad.issues.map(([rule]) => rule),
    );
  });

  it("resolves workerd and edge-light to the entry that imports the wasm as a module", async () => {
    // What Wrangler and Next.js's edge build do: resolve with the runtime's condition and
    // hand `*.wasm?module` to the runtime as a compiled WebAssembly.Module. Here a plugin
    // compiles it, and Node runs the bundle.
    const compiledWasm = {
      name: "compiled-wasm",
      setup(b) {
        b.onResolve({ filter: /\.wasm\?module$/ }, (args) => ({
          path: join(args.resolveDir, args.path.replace(/\?module$/, "")),
          namespace: "compiled-wasm",
        }));
        b.onLoad({ filter: /.*/, namespace: "compiled-wasm" }, (args) => ({
          contents: `import { readFileSync } from "node:fs";\nexport default new WebAssembly.Module(readFileSync(${JSON.stringify(args.path)}));\n`,
          loader: "js",
        }));
      },
    };
    writeFileSync(join(projects.esmDir, "edge.js"), `import * as kp from "kyc-preflight";\n${PROBE}\nconsole.log(JSON.stringify(probe(kp)));\n`);
    for (const condition of ["workerd", "edge-light"]) {
      const outfile = join(projects.esmDir, `edge-${condition}.mjs`);
      const result = await esbuild({
        entryPoints: [join(projects.esmDir, "edge.js")],
        bundle: true,
        format: "esm",
        platform: "neutral",
        conditions: [condition, "worker", "browser"],
        external: ["node:fs"],
        plugins: [compiledWasm],
        metafile: true,
        outfile,
        logLevel: "silent",
      });
      const inputs = Object.keys(result.metafile.inputs);
      assert.ok(inputs.some((i) => i.endsWith("node_modules/kyc-preflight/dist/workerd/index.js")), `${condition}: ${inputs.join(", ")}`);
      assert.ok(!inputs.some((i) => i.endsWith("esm/index.js") || i.endsWith("cjs/index.cjs")), `${condition} must not carry the inlined wasm`);
      const { stdout } = await must(process.execPath, [outfile], { cwd: projects.esmDir });
      assert.deepEqual(JSON.parse(stdout), reference);
    }
  });

  it("bundles with Vite (default entry, main thread and module worker) and runs in Chromium", async () => {
    await must(bin("vite"), ["build", "--config", "vite.sync.config.mjs"], { cwd: projects.viteDir });
    const dist = join(projects.viteDir, "dist-sync");
    const assets = readdirSync(join(dist, "assets"));
    // The synchronous entry carries the wasm inline: no separate .wasm may be emitted.
    assert.deepEqual(assets.filter((f) => f.endsWith(".wasm")), [], `assets: ${assets.join(", ")}`);
    const server = await serve(dist);
    servers.push(server);
    const { result, error, errors } = await runPage(browser, `${server.url}/`);
    assert.equal(error, undefined, error);
    assert.deepEqual(errors, []);
    assert.deepEqual(result.main, reference);
    assert.deepEqual(result.worker, reference);
    assert.deepEqual(server.requests.filter((p) => p.endsWith(".wasm")), []);
  });

  it("bundles ./web with Vite: init() streams the emitted wasm in Chromium", async () => {
    await must(bin("vite"), ["build", "--config", "vite.web.config.mjs"], { cwd: projects.viteDir });
    const dist = join(projects.viteDir, "dist-web");
    const wasm = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".wasm"));
    assert.equal(wasm.length, 1, "Vite emits the wasm for ./web");
    const server = await serve(dist);
    servers.push(server);
    const { result, error, errors } = await runPage(browser, `${server.url}/`);
    assert.equal(error, undefined, error);
    assert.deepEqual(errors, []);
    assert.equal(result.early, "not_initialized");
    assert.deepEqual(result.web, reference);
    assert.deepEqual(server.requests.filter((p) => p.endsWith(".wasm")), [`/assets/${wasm[0]}`]);
  });

  let plainServer;
  /** The plain project, served with a CSP; /blocked/ without 'wasm-unsafe-eval'. */
  async function servePlain() {
    const csp = (path) => ({
      "content-security-policy": path.startsWith("/blocked/")
        ? "default-src 'self'; img-src data:; script-src 'self' 'nonce-kp'"
        : "default-src 'self'; img-src data:; script-src 'self' 'wasm-unsafe-eval' 'nonce-kp'",
    });
    if (!plainServer) servers.push((plainServer = await serve(projects.plainDir, csp)));
    return plainServer;
  }

  it("runs from a plain page with an import map and a module worker, under a strict CSP", async () => {
    const server = await servePlain();
    const { result, error, errors } = await runPage(browser, `${server.url}/`);
    assert.equal(error, undefined, error);
    assert.deepEqual(errors, []);
    assert.deepEqual(result.main, reference);
    assert.deepEqual(result.worker, reference);
    assert.deepEqual(server.requests.filter((p) => p.endsWith(".wasm")), []);
  });

  it("runs ./web from a plain page: init() fetches the package's own wasm by URL", async () => {
    const server = await servePlain();
    const { result, error, errors } = await runPage(browser, `${server.url}/web/`);
    assert.equal(error, undefined, error);
    assert.deepEqual(errors, []);
    assert.equal(result.early, "not_initialized");
    assert.deepEqual(result.web, reference);
    assert.deepEqual(server.requests.filter((p) => p.endsWith(".wasm")), ["/node_modules/kyc-preflight/kyc_preflight.wasm"]);
  });

  it("is refused by a CSP without 'wasm-unsafe-eval' (so the CSP above is enforced)", async () => {
    const server = await servePlain();
    const { result, error } = await runPage(browser, `${server.url}/blocked/`);
    assert.equal(result, undefined);
    assert.match(error, /WebAssembly/);
    assert.match(error, /Content Security Policy/);
  });
});
