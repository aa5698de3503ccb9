// The golden corpus (tests/golden/reports.jsonl, written by the native core) replayed
// through a loaded package: shared by the Node suite (every entry) and the Chromium page.
// Plain JS with no Node imports, so the page can run it as it is.

/** The corpus lines as entries: `{ op, request: { path?, headers?, bodyText? }, options, answer }`. */
export function parseCorpus(text) {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));
}

/**
 * The ways JS hands the same body to `validate`: the exact text, its UTF-8 bytes, and the
 * value itself when `JSON.stringify` writes that text back byte for byte.
 */
export function bodyForms(bodyText) {
  if (bodyText === undefined) return [["absent", undefined]];
  const forms = [
    ["text", bodyText],
    ["bytes", new TextEncoder().encode(bodyText)],
  ];
  try {
    const value = JSON.parse(bodyText);
    // A string given as the body is JSON text by the API's contract, not a JSON string.
    if (typeof value !== "string" && JSON.stringify(value) === bodyText) forms.push(["object", value]);
  } catch {
    // not JSON: only text and bytes can carry it
  }
  return forms;
}

/** Deep equality of plain JSON-like data (what a report is), for hosts without node:util. */
export function plainEqual(a, b) {
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && plainEqual(a[k], b[k]));
}

/**
 * Deep strict equality of a report with the native answer, where -0 and 0 are one JSON
 * number: JS rebuilds `request.body` with `JSON.parse(bodyText)`, which keeps a `-0` the
 * caller wrote, while the native writer spells `-0` as `0` (and keeps `-0.0`).
 */
export function sameAnswer(isDeepStrictEqual) {
  const zeroed = (v) =>
    Object.is(v, -0) ? 0 : v === null || typeof v !== "object" ? v : Array.isArray(v) ? v.map(zeroed) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, zeroed(x)]));
  return (got, expected) => isDeepStrictEqual(zeroed(got), zeroed(expected));
}

/**
 * Runs every entry in every body form through `api` and returns the differences from the
 * native answer (empty when all agree). `same(a, b)` is the deep equality to use.
 */
export function replay(api, entries, same) {
  const differences = [];
  let calls = 0;
  for (const { op, request, options, answer } of entries) {
    for (const [form, body] of bodyForms(request.bodyText)) {
      const input = {};
      if ("path" in request) input.path = request.path;
      if ("headers" in request) input.headers = request.headers;
      if (form !== "absent") input.body = body;
      calls += 1;
      let got;
      try {
        got = api.validate(op, input, options);
      } catch (error) {
        got = error instanceof api.PreflightError ? { error: { code: error.code, message: error.message } } : { threw: String(error) };
      }
      if (!same(got, answer)) differences.push({ op, form, request, options, expected: answer, got });
    }
  }
  return { calls, differences };
}
