// The Chromium half of `npm run bench`: scripts/bench.mjs bundles this file (with the
// package's default entry, zod, valibot and Ajv) and runs it in a headless page.
import * as kp from "../pkg/dist/esm/index.js";
import { runBench } from "./harness.mjs";

globalThis.kpBench = (options, filter) =>
  runBench({ kp, options, filter, onProgress: (id) => console.log(`  chromium: ${id}`) });
