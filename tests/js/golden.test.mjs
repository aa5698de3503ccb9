// The golden corpus through the shipped package (pkg/: release profile, wasm-opt), once
// per entry (KP_ENTRY: the bundled default ESM entry, require, ./web): every report must
// deep-equal the native core's, for the body as text, as bytes and as a value.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { describe, it } from "node:test";
import { api, entry } from "./entry.mjs";
import { parseCorpus, replay, sameAnswer } from "./golden-replay.mjs";

const corpus = parseCorpus(readFileSync(new URL("../golden/reports.jsonl", import.meta.url), "utf8"));

describe(`golden corpus (${entry})`, () => {
  it("is a few thousand entries over every operation", () => {
    assert.ok(corpus.length >= 2_000, `${corpus.length} entries`);
    const ops = new Set(corpus.map((e) => e.op));
    assert.deepEqual([...ops].sort(), api.operations().map((o) => o.id).sort());
  });

  it("every report equals the native core's, whatever form the body takes", () => {
    const { calls, differences } = replay(api, corpus, sameAnswer(isDeepStrictEqual));
    const shown = differences.slice(0, 3).map((d) => JSON.stringify(d, null, 1)).join("\n");
    assert.equal(differences.length, 0, `${differences.length} of ${calls} calls differ from native:\n${shown}`);
    assert.ok(calls > corpus.length * 2, `${calls} calls`);
  });
});
