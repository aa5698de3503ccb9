// The package manifest: the exports map packaging.md prescribes, and the two linters
// (publint --strict, attw --pack) green on the built pkg/.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { bin, exec, pkgDir } from "./harness.mjs";

const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));

/** Every conditions object in the exports map, with its subpath. */
function branches(value, at, out = []) {
  if (value !== null && typeof value === "object") {
    out.push([at, value]);
    for (const [key, inner] of Object.entries(value)) branches(inner, `${at} > ${key}`, out);
  }
  return out;
}

/** Every file target of the exports map. */
function targets(value, out = []) {
  if (typeof value === "string") out.push(value);
  else if (value !== null && typeof value === "object") for (const inner of Object.values(value)) targets(inner, out);
  return out;
}

describe("package manifest", () => {
  it("has the exports map of packaging.md", () => {
    const exp = manifest.exports;
    assert.deepEqual(Object.keys(exp), [".", "./web", "./mock", "./kyc_preflight.wasm", "./package.json"]);
    assert.deepEqual(exp["."], {
      workerd: { types: "./dist/workerd/index.d.ts", default: "./dist/workerd/index.js" },
      "edge-light": { types: "./dist/workerd/index.d.ts", default: "./dist/workerd/index.js" },
      import: { types: "./dist/esm/index.d.ts", default: "./dist/esm/index.js" },
      require: { types: "./dist/cjs/index.d.cts", default: "./dist/cjs/index.cjs" },
    });
    assert.equal(exp["./web"].import.default, "./dist/web/index.js");
    assert.equal(exp["./web"].require.default, "./dist/web/index.cjs");
    // The mock binds to the entry the same conditions pick for ".", and carries its own types.
    assert.deepEqual(exp["./mock"], {
      workerd: { types: "./dist/mock/index.d.ts", default: "./dist/mock/workerd.js" },
      "edge-light": { types: "./dist/mock/index.d.ts", default: "./dist/mock/workerd.js" },
      import: { types: "./dist/mock/index.d.ts", default: "./dist/mock/index.js" },
      require: { types: "./dist/mock/index.d.cts", default: "./dist/mock/index.cjs" },
    });
    assert.deepEqual([...new Set(targets(exp["./kyc_preflight.wasm"]).filter((t) => !t.includes(".d.")))], ["./kyc_preflight.wasm"]);
    assert.equal(exp["./package.json"], "./package.json");
  });

  it("puts `types` first in every branch, `default` last, and .d.cts under require", () => {
    for (const [at, branch] of branches(manifest.exports, "exports").slice(1)) {
      const keys = Object.keys(branch);
      if ("types" in branch) assert.equal(keys[0], "types", `${at}: types must come first`);
      if ("default" in branch) assert.equal(keys.at(-1), "default", `${at}: default must come last`);
      const leaf = keys.every((k) => typeof branch[k] === "string");
      if (leaf && at !== "exports > ./package.json") assert.ok("types" in branch, `${at} has no types`);
      if (at.endsWith("> require")) assert.match(branch.types, /\.d\.cts$/, `${at}`);
      if (at.endsWith("> import")) assert.match(branch.types, /\.d\.ts$/, `${at}`);
    }
  });

  it("points every target at a file that exists", () => {
    for (const target of targets(manifest.exports)) assert.ok(existsSync(join(pkgDir, target)), `${target} missing`);
    for (const field of ["main", "module", "types"]) assert.ok(existsSync(join(pkgDir, manifest[field])), `${field}: ${manifest[field]}`);
    for (const paths of Object.values(manifest.typesVersions["*"])) for (const p of paths) assert.ok(existsSync(join(pkgDir, p)), p);
    for (const file of Object.values(manifest.bin ?? {})) assert.ok(existsSync(join(pkgDir, file)), `bin ${file}`);
  });

  it("lists in sideEffects exactly the entry files that initialise the wasm at import", () => {
    const entries = targets(manifest.exports["."]).concat(targets(manifest.exports["./web"])).filter((t) => /\.c?js$/.test(t));
    const initialising = [...new Set(entries)].filter((t) => /\binitSync\(\{/.test(readFileSync(join(pkgDir, t), "utf8")));
    assert.deepEqual([...manifest.sideEffects].sort(), initialising.sort());
    assert.equal(initialising.length, 3, initialising.join());
  });

  it("passes publint --strict", async () => {
    const res = await exec(bin("publint"), ["--strict"], { cwd: pkgDir });
    const output = `${res.stdout}${res.stderr}`;
    assert.equal(res.status, 0, output);
    assert.match(output, /All good!/, output);
  });

  it("passes attw --pack with every entry point green in every resolution mode", async () => {
    const res = await exec(bin("attw"), ["--pack", ".", "--format", "json"], { cwd: pkgDir });
    assert.equal(res.status, 0, `${res.stdout}${res.stderr}`);
    const { analysis, problems } = JSON.parse(res.stdout);
    assert.deepEqual(problems, {});
    assert.deepEqual(analysis.problems ?? [], []);
    assert.deepEqual(Object.keys(analysis.entrypoints).sort(), [".", "./kyc_preflight.wasm", "./mock", "./package.json", "./web"]);
    const typesOf = (entry, kind) => analysis.entrypoints[entry].resolutions[kind].resolution?.fileName.replace(/^\/node_modules\/kyc-preflight\//, "");
    assert.equal(typesOf(".", "node10"), "dist/cjs/index.d.cts");
    assert.equal(typesOf(".", "node16-cjs"), "dist/cjs/index.d.cts");
    assert.equal(typesOf(".", "node16-esm"), "dist/esm/index.d.ts");
    assert.equal(typesOf(".", "bundler"), "dist/esm/index.d.ts");
    assert.equal(typesOf("./web", "node10"), "dist/web/index.d.cts");
    assert.equal(typesOf("./web", "node16-esm"), "dist/web/index.d.ts");
    assert.equal(typesOf("./mock", "node10"), "dist/mock/index.d.cts");
    assert.equal(typesOf("./mock", "node16-cjs"), "dist/mock/index.d.cts");
    assert.equal(typesOf("./mock", "node16-esm"), "dist/mock/index.d.ts");
    assert.equal(typesOf("./mock", "bundler"), "dist/mock/index.d.ts");
    assert.equal(typesOf("./kyc_preflight.wasm", "node16-cjs"), "dist/wasm/module.d.cts");
    assert.equal(typesOf("./kyc_preflight.wasm", "bundler"), "dist/wasm/module.d.ts");
  });
});
