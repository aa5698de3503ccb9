// docs/rules.md is generated from the built package: the committed file must match it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { operations, rules } from "kyc-preflight";

const root = fileURLToPath(new URL("../..", import.meta.url));
const script = join(root, "scripts", "docs.mjs");
const docs = (...args) => spawnSync(process.execPath, [script, "--no-build", ...args], { cwd: root, encoding: "utf8" });
const dir = mkdtempSync(join(tmpdir(), "kp-docs-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("docs/rules.md", () => {
  it("is up to date with rules() and operations() (node scripts/docs.mjs --check)", () => {
    const res = docs("--check");
    assert.equal(res.status, 0, `${res.stderr}\nRegenerate with: node scripts/docs.mjs`);
  });

  it("lists every operation with its call and every rule with severity, source and summary", () => {
    const text = readFileSync(join(root, "docs", "rules.md"), "utf8");
    for (const op of operations()) {
      assert.ok(text.includes(`\n## ${op.id}\n\n\`${op.method} ${op.pathTemplate}\``), op.id);
    }
    for (const r of rules()) {
      const row = `| \`${r.id}\` | ${r.severity} | ${r.source} | ${r.summary.replace(/\|/g, "\\|")} |`;
      assert.ok(text.includes(row), r.id);
    }
  });

  it("ships in the package next to the README that links to it", () => {
    assert.equal(readFileSync(join(root, "pkg", "docs", "rules.md"), "utf8"), readFileSync(join(root, "docs", "rules.md"), "utf8"));
    assert.ok(readFileSync(join(root, "pkg", "README.md"), "utf8").includes("](docs/rules.md)"));
    const files = JSON.parse(readFileSync(join(root, "pkg", "package.json"), "utf8")).files;
    assert.ok(files.includes("docs"), "package.json files ships docs/");
  });

  it("--check fails on a stale or missing file, and passes once regenerated", () => {
    const out = join(dir, "rules.md");
    assert.equal(docs("--check", "--out", out).status, 1, "missing file accepted");
    assert.equal(docs("--out", out).status, 0);
    assert.equal(docs("--check", "--out", out).status, 0);
    assert.equal(readFileSync(out, "utf8"), readFileSync(join(root, "docs", "rules.md"), "utf8"));
    appendFileSync(out, "| `made.up_rule` | error | stated | hand-written |\n");
    const stale = docs("--check", "--out", out);
    assert.equal(stale.status, 1);
    assert.match(stale.stderr, /is stale .*run node scripts\/docs\.mjs/);
  });
});
