// Builds the npm package into pkg/: the Rust core to wasm, wasm-bindgen glue, wasm-opt,
// the wasm inlined for the synchronous entry, a CJS copy, and self-contained types.
// Skips all of it when nothing it reads has changed since the last build.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { ensureNodeModules, ensureWasmBindgen, ensureWasmTarget, log, root, run } from "./toolchain.mjs";

// Binaryen inlines every function with one caller, whatever its size: that folds all
// six validators into one 60 KB function, which gzips worse and is compiled whole
// on the first call. Capping it: −11 KB gzip, first call ~3 ms sooner, steady state
// ~7% slower (measured with `npm run bench` and A/B builds).
const RELEASE_INLINING = ["--one-caller-inline-max-function-size", "10"];

const VARIANTS = {
  // The published package.
  release: { out: join(root, "pkg"), features: ["wasm"], profile: "wasm-release", wasmOpt: ["-Oz", ...RELEASE_INLINING] },
  // Traps on demand (feature test-trap, src/wasm.rs) to prove the JS layer's reset path.
  // Same layout and entries as pkg/, built for build time, not size: no wasm-opt pass
  // beyond stripping (-Oz alone took ~6 s), and incremental crate rebuilds without LTO
  // (Cargo.toml, profile wasm-test).
  trap: { out: join(root, "target", "pkg-trap"), features: ["wasm", "test-trap"], profile: "wasm-test", wasmOpt: [] },
};

/** wasm features rustc emits for wasm32-unknown-unknown; wasm-opt must accept them. */
const WASM_OPT_FEATURES = [
  "--enable-bulk-memory",
  "--enable-nontrapping-float-to-int",
  "--enable-sign-ext",
  "--enable-mutable-globals",
  "--enable-reference-types",
  "--enable-multivalue",
];

const INPUTS = ["src", "Cargo.toml", "Cargo.lock", "pkg-template", "docs/rules.md", "scripts/build.mjs"];

function fingerprint(variant) {
  const hash = createHash("sha256").update(variant);
  const walk = (path) => {
    const full = join(root, path);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) walk(join(path, name));
    } else {
      hash.update(path).update(readFileSync(full));
    }
  };
  INPUTS.forEach(walk);
  return hash.digest("hex");
}

export function build(variantName = "release") {
  const variant = VARIANTS[variantName];
  const stamp = join(variant.out, ".build-stamp");
  const print = fingerprint(variantName);
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === print) {
    log(`${relative(root, variant.out)} is up to date`);
    return variant.out;
  }
  ensureWasmTarget();
  ensureWasmBindgen();
  ensureNodeModules();
  log(`building ${relative(root, variant.out)} (${variantName})`);
  const cargoArgs = ["build", "--lib", "--target", "wasm32-unknown-unknown", "--profile", variant.profile];
  run("cargo", [...cargoArgs, "--features", variant.features.join(","), "--target-dir", join(root, "target", `wasm-${variantName}`)]);
  const rawWasm = join(root, "target", `wasm-${variantName}`, "wasm32-unknown-unknown", variant.profile, "kyc_preflight.wasm");
  const glueDir = join(root, "target", `bindgen-${variantName}`);
  rmSync(glueDir, { recursive: true, force: true });
  run("wasm-bindgen", ["--target", "web", "--experimental-reset-state-function", "--out-dir", glueDir, rawWasm]);
  assemble(variant.out, glueDir, variant.wasmOpt);
  writeFileSync(stamp, print);
  return variant.out;
}

function assemble(out, glueDir, wasmOpt) {
  rmSync(out, { recursive: true, force: true });
  const dist = join(out, "dist");
  for (const dir of ["wasm", "esm", "cjs", "web", "workerd"]) mkdirSync(join(dist, dir), { recursive: true });
  const wasmPath = join(out, "kyc_preflight.wasm");
  run(join(root, "node_modules", ".bin", "wasm-opt"), [
    ...wasmOpt,
    ...WASM_OPT_FEATURES,
    "--strip-debug",
    "--strip-producers",
    join(glueDir, "kyc_preflight_bg.wasm"),
    "-o",
    wasmPath,
  ]);
  // The glue is shared by every entry: it must not name the wasm by URL, or bundlers (Vite,
  // webpack) would emit a copy for the synchronous entries too. Only ./web names it.
  const defaultUrl = "new URL('kyc_preflight_bg.wasm', import.meta.url)";
  const rawGlue = readFileSync(join(glueDir, "kyc_preflight.js"), "utf8");
  if (!rawGlue.includes(defaultUrl)) throw new Error(`wasm-bindgen glue no longer contains ${defaultUrl}`);
  const glue = rawGlue.replace(defaultUrl, 'Promise.reject(new TypeError("kyc-preflight: init() needs the wasm"))');
  writeFileSync(join(dist, "wasm", "kyc_preflight.js"), glue);
  const src = join(root, "pkg-template", "src");
  cpSync(join(src, "api.js"), join(dist, "api.js"));
  cpSync(join(src, "wire.js"), join(dist, "wire.js"));
  cpSync(join(src, "bound.js"), join(dist, "bound.js"));
  cpSync(join(src, "redact.js"), join(dist, "redact.js"));
  // preflightFetch (every entry) and the mock share the vendors' route table.
  cpSync(join(src, "routes.js"), join(dist, "routes.js"));
  cpSync(join(src, "fetch-guard.js"), join(dist, "fetch-guard.js"));
  // The default entry is one self-contained module (glue, API and the wasm as base64):
  // each module Node loads costs a resolution and a read, and one file instead of
  // five makes cold start ~1.7 ms faster (bench/findings.md). The other entries share
  // the separate modules; only this one carries the wasm inline.
  const inline = join(dist, "wasm", "inline.js");
  writeFileSync(inline, inlineModule(readFileSync(wasmPath)));
  const syncSource = join(dist, "esm", "entry.js");
  cpSync(join(src, "entry-sync.js"), syncSource);
  bundle(syncSource, join(dist, "esm", "index.js"), "esm");
  rmSync(syncSource);
  rmSync(inline);
  cpSync(join(src, "entry-web.js"), join(dist, "web", "index.js"));
  cpSync(join(src, "entry-workerd.js"), join(dist, "workerd", "index.js"));
  if (existsSync(join(src, "cli.js"))) cpSync(join(src, "cli.js"), join(dist, "cli.js"));
  bundleCjs(join(dist, "esm", "index.js"), join(dist, "cjs", "index.cjs"));
  bundleCjs(join(dist, "web", "index.js"), join(dist, "web", "index.cjs"));
  writeTypes(dist, readFileSync(join(glueDir, "kyc_preflight.d.ts"), "utf8"), registryTypes(glueDir));
  assembleMock(dist, src);
  cpSync(join(root, "pkg-template", "package.json"), join(out, "package.json"));
  const readme = join(root, "pkg-template", "README.md");
  if (existsSync(readme)) cpSync(readme, join(out, "README.md"));
  // The README links to the rule reference: ship it (scripts/docs.mjs generates it).
  const ruleDocs = join(root, "docs", "rules.md");
  if (existsSync(ruleDocs)) cpSync(ruleDocs, join(out, "docs", "rules.md"));
}

/**
 * `kyc-preflight/mock`: the mock vendor (mock.js with the route table, bundled once per
 * format; it takes the API as an argument) and three thin entries binding it to the entry
 * the same conditions pick for `kyc-preflight` (ESM, CJS, workerd), so a program that
 * imports both shares one wasm instance. Its types import the main declarations.
 */
function assembleMock(dist, src) {
  const dir = join(dist, "mock");
  mkdirSync(dir, { recursive: true });
  bundle(join(src, "mock.js"), join(dir, "vendor.js"), "esm");
  bundle(join(src, "mock.js"), join(dir, "vendor.cjs"), "cjs");
  cpSync(join(src, "entry-mock.js"), join(dir, "index.js"));
  cpSync(join(src, "entry-mock.cjs"), join(dir, "index.cjs"));
  cpSync(join(src, "entry-mock-workerd.js"), join(dir, "workerd.js"));
  const types = readFileSync(join(src, "mock.d.ts"), "utf8");
  const esmImport = 'from "../esm/index.js";';
  if (!types.includes(esmImport)) throw new Error(`pkg-template/src/mock.d.ts no longer imports ${esmImport}`);
  writeFileSync(join(dir, "index.d.ts"), types);
  writeFileSync(join(dir, "index.d.cts"), types.replace(esmImport, 'from "../cjs/index.cjs";'));
}

/** Base64 in an ES module; Node decodes with Buffer, browsers with atob. */
function inlineModule(bytes) {
  return `// Generated: the optimized kyc_preflight.wasm, ${bytes.length} bytes.
const BASE64 = "${bytes.toString("base64")}";
export function wasmBytes() {
  if (typeof Buffer === "function") return Buffer.from(BASE64, "base64");
  const text = atob(BASE64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
`;
}

function bundleCjs(entry, outfile) {
  bundle(entry, outfile, "cjs");
}

function bundle(entry, outfile, format) {
  run(join(root, "node_modules", ".bin", "esbuild"), [
    entry,
    "--bundle",
    `--format=${format}`,
    "--platform=neutral",
    "--log-level=error",
    `--outfile=${outfile}`,
  ]);
}

/** tsify emits declarations in link order, which shifts with unrelated code: sort by name. */
function sortDeclarations(text) {
  const name = (block) => block.match(/^export (?:declare )?(?:type|interface|enum|const|class) (\w+)/m)?.[1] ?? "";
  const blocks = text.trim().split(/\n\n+/);
  return blocks.sort((a, b) => name(a).localeCompare(name(b), "en") || (a < b ? -1 : a > b ? 1 : 0)).join("\n\n");
}

/**
 * The types the registry defines, written from the built wasm's own `operations()`,
 * `rules()` and `vendors()` (the Rust registry is their one source): `Operation`,
 * `Provider`, `RuleId` as the union of the rule-set types tsify generated from each
 * vendor's `rule_set!` (which must cover every rule exactly once), and the per-operation
 * and per-provider maps the generic API reads (`OperationRules`, `OperationProviders`,
 * `OperationBodies`, `ProviderStates`, `ProviderContextKeys`). A body or state type is
 * found by its name, made from the operation id (`didit.update_session_status` →
 * `DiditUpdateSessionStatusBody`) or the provider and its context key (`didit` and
 * `decision` → `DiditDecision`), as the vendor folder's `types.rs` declares it; an
 * operation or vendor that declares none gets `Record<string, unknown>`.
 */
function registryTypes(glueDir) {
  const script = `
    import { readFileSync } from "node:fs";
    import * as glue from ${JSON.stringify(`file://${join(glueDir, "kyc_preflight.js")}`)};
    glue.initSync({ module: readFileSync(${JSON.stringify(join(glueDir, "kyc_preflight_bg.wasm"))}) });
    process.stdout.write(JSON.stringify({ operations: glue.operations(), rules: glue.rules(), vendors: glue.vendors() }));`;
  const res = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  if (res.status !== 0) throw new Error(`reading the registry from the built wasm failed:\n${res.stderr}`);
  const { operations, rules, vendors } = JSON.parse(res.stdout);
  const generated = readFileSync(join(glueDir, "kyc_preflight.d.ts"), "utf8");
  const sets = [...generated.matchAll(/^export type (\w+Rule) = (.*);$/gm)].map(([, name, union]) => ({
    name,
    ids: new Set([...union.matchAll(/"([^"]+)"/g)].map((m) => m[1])),
  }));
  const names = [];
  const setsOf = new Map(operations.map((o) => [o.id, []]));
  for (const rule of rules) {
    const owners = sets.filter((set) => set.ids.has(rule.id));
    if (owners.length !== 1) throw new Error(`rule ${rule.id} is in ${owners.length} rule-set types; expected one`);
    const name = owners[0].name;
    if (!names.includes(name)) names.push(name);
    if (rule.operation === null) continue;
    const own = setsOf.get(rule.operation);
    if (!own) throw new Error(`rule ${rule.id} names the operation ${rule.operation}, which operations() does not list`);
    if (!own.includes(name)) own.push(name);
  }
  const declared = new Set([...generated.matchAll(/^export (?:type|interface) (\w+)/gm)].map((m) => m[1]));
  const pascal = (...ids) => ids.flatMap((id) => id.split(/[._]/)).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  const bodyName = (op) => `${pascal(op.id)}Body`;
  for (const name of declared) {
    if (name.endsWith("Body") && !operations.some((op) => bodyName(op) === name)) {
      throw new Error(`${name} is named as a body type, but no operation's id gives that name`);
    }
  }
  const orUntyped = (name) => (declared.has(name) ? name : "Record<string, unknown>");
  const union = (values) => values.map((v) => JSON.stringify(v)).join(" | ");
  const members = (entries) => entries.map(([key, type]) => `\n    ${JSON.stringify(key)}: ${type};`).join("");
  const providers = [...new Set(operations.map((o) => o.provider))];
  return `
export type Operation = ${union(operations.map((o) => o.id))};

export type Provider = ${union(providers)};

/**
 * Any rule id of any operation.
 */
export type RuleId = ${names.join(" | ")};

/**
 * Each operation's own rules (the kernel's \`InputRule\`s apply to every operation too:
 * \`RuleOf\`).
 */
export interface OperationRules {${members(operations.map((o) => [o.id, setsOf.get(o.id).join(" | ") || "never"]))}
}

/**
 * Each operation's provider.
 */
export interface OperationProviders {${members(operations.map((o) => [o.id, JSON.stringify(o.provider)]))}
}

/**
 * Each operation's request body, as its vendor documents it (\`Record<string, unknown>\`
 * for a call whose body is undocumented): \`BodyOf\`.
 */
export interface OperationBodies {${members(operations.map((o) => [o.id, orUntyped(bodyName(o))]))}
}

/**
 * Each provider's state JSON, the parts of it the rules read: \`ProviderState\`.
 */
export interface ProviderStates {${members(vendors.map((v) => [v.provider, orUntyped(pascal(v.provider, v.contextKey))]))}
}

/**
 * The member of \`context\` that holds each provider's state JSON (\`vendors()\`'s \`contextKey\`).
 */
export interface ProviderContextKeys {${members(vendors.map((v) => [v.provider, JSON.stringify(v.contextKey)]))}
}
`;
}

/** Self-contained declarations: tsify's generated types, then the hand-written API. */
function writeTypes(dist, generated, registry) {
  const cut = generated.indexOf("\nexport function ");
  const types = (cut === -1 ? generated : generated.slice(0, cut)).replace("/* tslint:disable */\n/* eslint-disable */\n", "") + registry;
  const api = readFileSync(join(root, "pkg-template", "src", "api.d.ts"), "utf8");
  const header = "// Generated by scripts/build.mjs from the Rust core's own types (tsify) and pkg-template/src/api.d.ts.\n";
  const main = `${header}${sortDeclarations(types)}\n\n${api}`;
  const web = `${main}\n/** Fetches (or takes) and compiles the wasm; call once before any other function. */\nexport default function init(input?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;\n`;
  // `kyc-preflight/kyc_preflight.wasm`: what edge bundlers (workerd, edge-light) give for a
  // `.wasm` import, the compiled module. In Node, resolve it to a path and read the bytes.
  const wasmTypes = "/** The package's compiled wasm, as edge bundlers import a `.wasm` file. */\ndeclare const wasm: WebAssembly.Module;\n";
  writeFileSync(join(dist, "wasm", "module.d.ts"), `${wasmTypes}export default wasm;\n`);
  writeFileSync(join(dist, "wasm", "module.d.cts"), `${wasmTypes}export = wasm;\n`);
  for (const [dir, text] of [["esm", main], ["cjs", main], ["workerd", main], ["web", web]]) {
    const ext = dir === "cjs" ? "d.cts" : "d.ts";
    writeFileSync(join(dist, dir, `index.${ext}`), text);
    if (dir === "web") writeFileSync(join(dist, dir, "index.d.cts"), text);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const variant = process.argv[2] ?? "release";
  build(variant);
  log(`done: ${relative(root, VARIANTS[variant].out)}`);
}
