// A node:test reporter for scripts/test.mjs: writes `{ file: tests }` as JSON, so that a
// test file that runs zero tests (emptied, renamed, or a lost `it`) fails the run instead
// of passing in silence. Node reports such a file as one test named after the file.
export default async function* testCounts(source) {
  const counts = {};
  for await (const { type, data } of source) {
    if (type !== "test:pass" && type !== "test:fail") continue;
    if (data.file === undefined) continue;
    counts[data.file] ??= 0;
    if (data.name !== data.file && data.details?.type !== "suite") counts[data.file] += 1;
  }
  yield `${JSON.stringify(counts)}\n`;
}
