// The shipped declarations: no `any` anywhere, every entry's copy consistent, and the
// public API equal to the committed snapshot, so a change to it is always deliberate.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";

const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const pkg = join(root, "pkg");
const SNAPSHOT = join(root, "tests", "types", "public-api.d.ts.snap");
const UPDATE = "UPDATE_SNAPSHOTS=1 npm test -- build types";

function declarationFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return declarationFiles(full);
    return /\.d\.c?ts$/.test(entry.name) ? [full] : [];
  });
}

/** The code of a declaration file: comments and string literals blanked out. */
function codeOnly(text) {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, (m) =>
    m.replace(/[^\n]/g, " "),
  );
}

function anyTokens(text) {
  const code = codeOnly(text);
  return [...code.matchAll(/(?<![\w$.])any(?![\w$])/g)].map((m) => code.slice(0, m.index).split("\n").length);
}

describe("shipped declarations", () => {
  const files = declarationFiles(join(pkg, "dist"));

  it("ships a .d.ts for every entry and a .d.cts for every require branch", () => {
    const names = files.map((f) => relative(pkg, f)).sort();
    for (const name of [
      "dist/cjs/index.d.cts",
      "dist/esm/index.d.ts",
      "dist/wasm/module.d.cts",
      "dist/wasm/module.d.ts",
      "dist/web/index.d.cts",
      "dist/web/index.d.ts",
      "dist/workerd/index.d.ts",
    ]) {
      assert.ok(names.includes(name), `${name} missing from ${names.join(", ")}`);
    }
  });

  it("finds `any` in code but not in comments or strings (the check itself works)", () => {
    assert.deepEqual(anyTokens('/** any */ type A = "any";\n// any\ntype B = any;\ntype C = Array<any>;\ntype D = company;'), [3, 4]);
  });

  it("contains no `any`", () => {
    assert.ok(files.length >= 7);
    for (const file of files) {
      const lines = anyTokens(readFileSync(file, "utf8"));
      assert.deepEqual(lines, [], `${relative(pkg, file)} uses \`any\` on line(s) ${lines.join(", ")}`);
    }
  });

  it("gives every Node-facing entry the same API; ./web adds init", () => {
    const main = readFileSync(join(pkg, "dist", "esm", "index.d.ts"), "utf8");
    assert.equal(readFileSync(join(pkg, "dist", "cjs", "index.d.cts"), "utf8"), main);
    assert.equal(readFileSync(join(pkg, "dist", "workerd", "index.d.ts"), "utf8"), main);
    const web = readFileSync(join(pkg, "dist", "web", "index.d.ts"), "utf8");
    assert.equal(readFileSync(join(pkg, "dist", "web", "index.d.cts"), "utf8"), web);
    assert.ok(web.startsWith(main), "./web declares the main API first");
    assert.match(web.slice(main.length), /export default function init\(/);
  });

  it("matches the committed public API snapshot", () => {
    const actual = readFileSync(join(pkg, "dist", "esm", "index.d.ts"), "utf8");
    if (process.env.UPDATE_SNAPSHOTS === "1") {
      writeFileSync(SNAPSHOT, actual);
      return;
    }
    assert.ok(existsSync(SNAPSHOT), `no snapshot yet: create it with \`${UPDATE}\``);
    const expected = readFileSync(SNAPSHOT, "utf8");
    if (actual === expected) return;
    const a = actual.split("\n");
    const e = expected.split("\n");
    const diff = [];
    for (let i = 0; i < Math.max(a.length, e.length) && diff.length < 40; i++) {
      if (a[i] !== e[i]) diff.push(`line ${i + 1}\n  - ${e[i] ?? "(end)"}\n  + ${a[i] ?? "(end)"}`);
    }
    assert.fail(
      `the public API (pkg/dist/esm/index.d.ts) differs from tests/types/public-api.d.ts.snap:\n${diff.join("\n")}\n` +
        `If the change is deliberate, update the snapshot with \`${UPDATE}\`, review its diff, and commit it.`,
    );
  });
});
