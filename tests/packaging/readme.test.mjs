// The npm README's examples run against the built package: every ```js block is run
// with Node (as ESM when it imports, else as CommonJS), and each `expr; // → value`
// line asserts that expr deep-equals value. The CLI transcript is replayed as well.
// A block preceded by `<!-- readme-test: skip (reason) -->` is not run (browser-only code,
// or code that needs a package this one does not depend on, such as pino).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const readme = readFileSync(join(root, "pkg-template", "README.md"), "utf8");
const dir = mkdtempSync(join(tmpdir(), "kp-readme-"));
mkdirSync(join(dir, "node_modules"));
symlinkSync(join(root, "pkg"), join(dir, "node_modules", "kyc-preflight"), "dir");
after(() => rmSync(dir, { recursive: true, force: true }));

/** Fenced blocks with their language, first line number and skip marker. */
function blocks(text) {
  const found = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    let end = i + 1;
    while (!lines[end].startsWith("```")) end++;
    const marker = [lines[i - 1], lines[i - 2]].map((l) => /<!-- readme-test: skip(?: \((.*)\))?/.exec(l ?? "")).find(Boolean);
    const skip = marker ? marker[1] ?? "marked not runnable" : false;
    found.push({ lang: open[1], line: i + 1, code: lines.slice(i + 1, end).join("\n"), skip });
    i = end;
  }
  return found;
}

const parses = (expr) => {
  try {
    new Function(`return (${expr}\n);`);
    return true;
  } catch {
    return false;
  }
};

/** Turns each `expr; // → value` into an assertion; expr may start lines above. */
function instrument(code, firstLine) {
  const lines = code.split("\n");
  let expected = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)(.*?);?\s*\/\/ → (.+)$/.exec(lines[i]);
    if (!m) continue;
    let start = i;
    let expr = m[2];
    while (!parses(expr)) {
      start -= 1;
      assert.ok(start >= 0, `README line ${firstLine + i + 1}: no expression before // →`);
      expr = `${lines[start]}\n${expr}`;
    }
    const at = firstLine + i + 1;
    const indent = /^\s*/.exec(lines[start])[0];
    const check = `${indent}__expect(() => (${expr.trimStart()}), () => (${m[3]}), ${at});`;
    lines.splice(start, i - start + 1, ...check.split("\n"));
    i = start + check.split("\n").length - 1;
    expected += 1;
  }
  const esm = /^\s*import\s/m.test(code);
  const harness = `
${esm ? 'import __assert from "node:assert/strict";' : 'const __assert = require("node:assert/strict");'}
let __checked = 0;
function __expect(actual, expected, line) {
  __assert.deepStrictEqual(actual(), expected(), "README line " + line);
  __checked += 1;
}`;
  const tail = `\n;__assert.equal(__checked, ${expected}, "some // → lines did not run");\n`;
  return { source: `${harness}\n${lines.join("\n")}${tail}`, esm, expected };
}

describe("README examples", () => {
  const js = blocks(readme).filter((b) => b.lang === "js");

  it("has runnable examples for every function of the API", () => {
    const runnable = js.filter((b) => !b.skip).map((b) => b.code).join("\n");
    for (const name of [
      "validate",
      "validateBatch",
      "autoSelectResubmission",
      "allowedActions",
      "canonicalStatus",
      "mergeVerifaMetadata",
      "operations",
      "rules",
      "standardSchema",
      "PreflightError",
      "redact",
      "redactRequest",
      "isSecretHeader",
      "preflightFetch",
      "createMockVendor",
    ]) {
      assert.match(runnable, new RegExp(`\\b${name}\\(|instanceof ${name}\\b`), name);
    }
    assert.ok(runnable.includes('require("kyc-preflight")'), "a CommonJS example");
    assert.ok(runnable.includes('from "kyc-preflight/web"'), "a kyc-preflight/web example");
    assert.ok(runnable.includes('from "kyc-preflight/mock"'), "a kyc-preflight/mock example");
  });

  for (const block of js) {
    it(`runs the js block at README line ${block.line}`, { skip: block.skip }, () => {
      const { source, esm, expected } = instrument(block.code, block.line);
      const file = join(dir, `block-${block.line}.${esm ? "mjs" : "cjs"}`);
      writeFileSync(file, source);
      const res = spawnSync(process.execPath, [file], { cwd: dir, encoding: "utf8" });
      assert.equal(res.status, 0, `README line ${block.line} (${expected} checks):\n${res.stderr}`);
    });
  }

  it("shows the CLI's real output for its sample request", () => {
    const sh = blocks(readme).find((b) => b.lang === "sh" && b.code.includes("$ cat request.json"));
    assert.ok(sh, "the CLI transcript");
    const parts = sh.code.split(/^\$ /m).filter(Boolean);
    const output = (prefix) => {
      const part = parts.find((p) => p.startsWith(prefix));
      return part.slice(part.indexOf("\n") + 1);
    };
    writeFileSync(join(dir, "request.json"), output("cat request.json"));
    const command = parts.find((p) => p.startsWith("npx kyc-preflight check")).split("\n")[0].split(" ").slice(2);
    const res = spawnSync(process.execPath, [join(root, "pkg", "dist", "cli.js"), ...command], { cwd: dir, encoding: "utf8" });
    assert.equal(res.stdout, output("npx kyc-preflight check"));
    assert.equal(String(res.status), output("echo $?").trim());
  });
});
