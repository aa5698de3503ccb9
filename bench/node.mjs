// The Node half of `npm run bench`, run in its own process by scripts/bench.mjs so the
// timings share no heap with Playwright. Prints one JSON object on stdout.
// Options: --reps N --sample-ms N --warmup-ms N --filter TEXT
import { runBench } from "./harness.mjs";

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const num = (name) => (arg(name) === undefined ? undefined : Number(arg(name)));

const kp = await import(new URL("../pkg/dist/esm/index.js", import.meta.url).href);
const options = Object.fromEntries(
  [["reps", num("reps")], ["sampleMs", num("sample-ms")], ["warmupMs", num("warmup-ms")]].filter(([, v]) => v !== undefined),
);
const result = runBench({ kp, options, filter: arg("filter"), onProgress: (id) => process.stderr.write(`  node: ${id}\n`) });
process.stdout.write(JSON.stringify(result));
