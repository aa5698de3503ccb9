// Every rule id in ../shared/spec/rules.md must be made to fire by some test and shown
// quiet by some test. The native suites record each passed `assert_fires` /
// `assert_quiet` (tests/common/mod.rs); this reads those records after `cargo test`.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { log, root } from "./toolchain.mjs";

const recordDir = join(root, "target", "tmp", "rule-coverage");

export function clearRuleCoverage() {
  rmSync(recordDir, { recursive: true, force: true });
}

/** Rule ids as rules.md lists them, `as above` rows included. */
export function specRuleIds() {
  const text = readFileSync(join(root, "..", "shared", "spec", "rules.md"), "utf8");
  const ids = new Set();
  let operation = null;
  for (const line of text.split("\n")) {
    if (line.startsWith("## ")) operation = line.slice(3).split(/\s+/)[0];
    if (!operation || !line.startsWith("| `")) continue;
    const first = line.slice(2).split("|")[0];
    for (const name of first.matchAll(/`([a-z_]+)`/g)) ids.add(`${operation}.${name[1]}`);
  }
  return [...ids].sort();
}

function recorded(kind) {
  const seen = new Set();
  if (!existsSync(recordDir)) return seen;
  for (const file of readdirSync(recordDir).filter((f) => f.startsWith(`${kind}-`))) {
    for (const line of readFileSync(join(recordDir, file), "utf8").split("\n")) if (line) seen.add(line);
  }
  return seen;
}

export function checkRuleCoverage() {
  const ids = specRuleIds();
  const fired = recorded("fired");
  const quiet = recorded("quiet");
  const neverFired = ids.filter((id) => !fired.has(id));
  const neverQuiet = ids.filter((id) => !quiet.has(id));
  log(`rule coverage: ${ids.length} rules in rules.md; ${ids.length - neverFired.length} fire, ${ids.length - neverQuiet.length} shown quiet`);
  if (neverFired.length || neverQuiet.length) {
    throw new Error(
      `rules without a firing test: ${neverFired.join(", ") || "none"}; rules without a quiet test: ${neverQuiet.join(", ") || "none"}`,
    );
  }
}
