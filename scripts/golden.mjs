// Rebuilds the golden corpus of reports (tests/golden/reports.jsonl): run by
// `UPDATE_SNAPSHOTS=1 npm test`, never in CI. It records every call the Rust suites make,
// adds the bench suite's requests, and has tests/golden.rs add generated variants and
// write each call with the native core's answer. Read the diff before committing it.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cases } from "../bench/suite.mjs";
import { log, root } from "./toolchain.mjs";

export const CORPUS = join(root, "tests", "golden", "reports.jsonl");

function cargo(args, env) {
  const res = spawnSync("cargo", args, { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, ...env } });
  if (res.status !== 0) throw new Error(`cargo ${args.join(" ")} exited ${res.status ?? res.signal}`);
}

export function updateGolden() {
  const dir = join(root, "target", "golden-record");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = { KP_GOLDEN_RECORD: dir };
  log("golden corpus: recording the calls of the Rust suites");
  // The corpus's own replay is skipped: it would compare against the corpus being replaced.
  cargo(["test", "--quiet", "--tests", "--", "--skip", "native_only::corpus"], env);
  const bench = cases.map((c) => JSON.stringify({ op: c.op, request: JSON.stringify(c.request), options: "{}" }));
  writeFileSync(join(dir, "bench-suite.jsonl"), `${bench.join("\n")}\n`);
  log("golden corpus: adding variants and writing the native answers");
  cargo(["test", "--quiet", "--test", "golden", "--", "--ignored", "--exact", "native_only::write_corpus", "--nocapture"], env);
}

if (import.meta.url === `file://${process.argv[1]}`) updateGolden();
