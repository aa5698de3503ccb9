// The public types as users compile them: tests/types/public-api.ts under `tsc --strict
// --noEmit` (TypeScript 7) from a CJS project, an ESM project (module nodenext) and a
// bundler project, each importing `kyc-preflight` by name through its exports map, with
// skipLibCheck off so the shipped declarations are checked too.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const pkg = join(root, "pkg");
const tsc = join(root, "node_modules", ".bin", "tsc");
const work = mkdtempSync(join(tmpdir(), "kp-types-"));
after(() => rmSync(work, { recursive: true, force: true }));

const PROJECTS = [
  // [name, package.json "type", compilerOptions, the declaration file the import must reach]
  ["cjs", "commonjs", { module: "nodenext", moduleResolution: "nodenext" }, "dist/cjs/index.d.cts"],
  ["esm", "module", { module: "nodenext", moduleResolution: "nodenext" }, "dist/esm/index.d.ts"],
  ["bundler", "module", { module: "preserve", moduleResolution: "bundler" }, "dist/esm/index.d.ts"],
];

function project(name, type, compilerOptions) {
  const dir = join(work, name);
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(pkg, join(dir, "node_modules", "kyc-preflight"), "dir");
  symlinkSync(join(root, "node_modules", "@standard-schema"), join(dir, "node_modules", "@standard-schema"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `types-${name}`, private: true, type }));
  cpSync(join(root, "tests", "types", "public-api.ts"), join(dir, "public-api.ts"));
  const tsconfig = {
    compilerOptions: { strict: true, noEmit: true, target: "es2022", types: [], skipLibCheck: false, ...compilerOptions },
    files: ["public-api.ts"],
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  return dir;
}

function compile(dir) {
  const res = spawnSync(tsc, ["-p", dir, "--listFiles", "--pretty", "false"], { cwd: dir, encoding: "utf8" });
  const lines = `${res.stdout}${res.stderr}`.split("\n").filter(Boolean);
  return {
    status: res.status,
    errors: lines.filter((l) => /error TS\d+/.test(l)),
    files: lines.filter((l) => l.startsWith("/")),
    output: `${res.stdout}${res.stderr}`,
  };
}

describe("public types under tsc --strict", () => {
  it(`runs TypeScript 7`, () => {
    const res = spawnSync(tsc, ["--version"], { encoding: "utf8" });
    assert.match(res.stdout, /Version 7\./);
  });

  for (const [name, type, options, expected] of PROJECTS) {
    it(`compiles from a ${name} project (${options.module}) against ${expected}`, () => {
      const dir = project(name, type, options);
      const { status, errors, files, output } = compile(dir);
      assert.deepEqual(errors, [], `tsc reported errors:\n${output}`);
      assert.equal(status, 0, output);
      // tsc lists real paths: the package's files are those under pkg/.
      const fromPkg = files.filter((f) => f.startsWith(`${realpathSync(pkg)}/`)).map((f) => f.slice(realpathSync(pkg).length + 1));
      assert.ok(fromPkg.includes(expected), `expected ${expected} among ${fromPkg.join(", ")}`);
      const other = expected.endsWith(".d.cts") ? "dist/esm/index.d.ts" : "dist/cjs/index.d.cts";
      assert.ok(!fromPkg.includes(other), `${name} must not load ${other}`);
      assert.ok(fromPkg.some((f) => f.startsWith("dist/web/index.d.")), "kyc-preflight/web has types");
      assert.ok(fromPkg.some((f) => f.startsWith("dist/wasm/module.d.")), "kyc-preflight/kyc_preflight.wasm has types");
    });
  }

  it("fails on a wrong argument (the harness can fail)", () => {
    const dir = project("negative", "module", { module: "nodenext", moduleResolution: "nodenext" });
    writeFileSync(
      join(dir, "public-api.ts"),
      'import { validate, type Severity } from "kyc-preflight";\nvalidate("didit.update_status", {});\nconst s: Severity = "fatal";\nvoid s;\n',
    );
    const { status, errors } = compile(dir);
    assert.notEqual(status, 0);
    const own = errors.filter((e) => e.startsWith("public-api.ts"));
    assert.equal(own.length, 2, errors.join("\n"));
    assert.match(own[0], /public-api\.ts\(2,10\).*TS2345/);
    assert.match(own[1], /public-api\.ts\(3,7\).*TS2322/);
  });
});
