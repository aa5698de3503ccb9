// Cold start, run by scripts/bench.mjs in a fresh Node process per sample:
// `node bench/cold.mjs <kp|zod|valibot|ajv>` prints the ms from just before the import
// to the first report (schema construction or compilation included), as JSON.
const lib = process.argv[2];
const t0 = performance.now();
const { cases } = await import("./suite.mjs");
const first = cases[0];
let ok;
if (lib === "kp") {
  const kp = await import(new URL("../pkg/dist/esm/index.js", import.meta.url).href);
  ok = kp.validate(first.op, first.request).ok;
} else if (lib === "zod" || lib === "valibot" || lib === "ajv") {
  const mod = await import(`./schemas/${lib}.mjs`);
  const schemas = mod.buildSchemas(); // all six operations, as an app defines them at start
  ok = mod.check(schemas[first.op], first.request);
} else {
  throw new Error(`unknown library ${lib}`);
}
const ms = performance.now() - t0;
if (ok !== first.valid) throw new Error(`${lib} judged the first case wrong`);
// From the process's own start (Node's boot included), for context.
const sinceStart = performance.now();
process.stdout.write(JSON.stringify({ lib, ms, sinceStart }));
