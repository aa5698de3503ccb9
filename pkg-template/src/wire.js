// The wire protocol between this JS layer and the wasm (one crossing per call), both
// directions. Its Rust halves: src/boundary.rs (`Envelope`, `BodyKind`: the envelope and
// how each body arrives) and src/report/js_form.rs (what a report leaves out because JS
// rebuilds it here, in `fromWire`). Change one side, change the others.

/** The envelope (path, headers, what became of the body) and the body itself. */
export function envelopeOf(request, limits) {
  const req = request !== null && typeof request === "object" ? request : {};
  let body;
  try {
    body = field(req, "body");
  } catch {
    // A throwing getter or a revoked Proxy as the request: nothing could be sent.
    return { envelope: envelopeLines(req, "not_serializable", 0), text: "" };
  }
  if (isBytes(body)) {
    if (body.byteLength > limits.bytes) return { envelope: envelopeLines(req, "too_large", body.byteLength), text: "" };
    // The size tells a batch where these bytes end among the others.
    return { envelope: envelopeLines(req, "bytes", body.byteLength), text: "", bytes: body };
  }
  if (typeof body === "string") {
    // Measured before any pass over it, so a huge string is refused without a copy.
    if (body.length > limits.bytes) return tooLarge(req, body);
    return envelopeOfText(req, wellFormed(body), limits.bytes);
  }
  if (body === undefined) return { envelope: envelopeLines(req, "absent", 0), text: "" };
  let text;
  try {
    text = JSON.stringify(body);
  } catch (error) {
    // Cycles and BigInt throw TypeError. Anything else may be the engine's own stack
    // giving out on deep nesting (RangeError in V8 and JavaScriptCore, InternalError in
    // SpiderMonkey): that is a depth issue when the nesting really passes maxDepth.
    const deep = !(error instanceof TypeError) && nestsDeeper(body, limits.depth);
    return { envelope: envelopeLines(req, deep ? "too_deep" : "not_serializable", 0), text: "" };
  }
  // JSON.stringify gives undefined for a function or a Symbol: nothing could be sent.
  if (text === undefined) return { envelope: envelopeLines(req, "not_serializable", 0), text: "" };
  // NaN and ±Infinity became `null`: only a text with a null can hold one.
  const nonFinite = text.includes("null") ? nonFinitePaths(body) : "";
  return envelopeOfText(req, text, limits.bytes, nonFinite);
}

/**
 * Where `JSON.stringify(body)` wrote `null` for NaN or ±Infinity, as the JSON text of an
 * array of paths inside the body (`""` when none). It reads data properties only, through
 * their descriptors: a getter or a `toJSON` is never called twice (the first stringify
 * already read it), so a NaN that only they produce is not reported.
 */
function nonFinitePaths(body) {
  try {
    return findNonFinite(body);
  } catch {
    return ""; // a Proxy whose traps throw: JSON.stringify never asked them these questions
  }
}

function findNonFinite(body) {
  const found = [];
  const stack = [[body, []]];
  while (stack.length > 0) {
    const [value, at] = stack.pop();
    if (typeof value === "number") {
      if (!Number.isFinite(value)) found.push(at);
      continue;
    }
    if (value === null || typeof value !== "object" || "toJSON" in value) continue;
    const array = Array.isArray(value);
    for (const key of Object.keys(value)) {
      const own = Object.getOwnPropertyDescriptor(value, key);
      if (own !== undefined && "value" in own) stack.push([own.value, [...at, array ? Number(key) : key]]);
    }
  }
  // The stack visits the last key first: sort for a stable, readable order.
  return found.length === 0 ? "" : JSON.stringify(found.reverse());
}

/**
 * True when `value` nests containers deeper than `limit` (the body itself is depth 1),
 * following own enumerable keys as JSON.stringify does. Iterative, so it survives what
 * overflowed the stack; skips cycles and unreadable properties; bounded in nodes.
 */
function nestsDeeper(value, limit) {
  const stack = [[value, 1]];
  const onPath = [];
  for (let budget = 1_000_000; stack.length > 0 && budget > 0; budget--) {
    const [node, depth] = stack.pop();
    if (node === null || typeof node !== "object") continue;
    if (depth > limit) return true;
    while (onPath.length >= depth) onPath.pop();
    if (onPath.includes(node)) continue; // a cycle: not a depth problem
    onPath.push(node);
    try {
      for (const key of Object.keys(node)) stack.push([node[key], depth + 1]);
    } catch {
      // a throwing getter or a revoked Proxy below this point
    }
  }
  return false;
}

function envelopeOfText(req, text, limit, nonFinite = "") {
  // UTF-16 length ≤ UTF-8 length, so this never lets an oversized text across.
  if (text.length > limit) return tooLarge(req, text);
  return { envelope: envelopeLines(req, "text", 0, nonFinite), text, sendsText: true };
}

/** A text over the limit stays in JS; the report names its size as Rust would measure it. */
function tooLarge(req, text) {
  return { envelope: envelopeLines(req, "too_large", utf8Length(text)), text: "" };
}

/**
 * The UTF-8 length of `text` as it crosses (a lone surrogate is escaped as `\uXXXX`,
 * six bytes, as `wellFormed` does), counted without encoding a copy.
 */
function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit < 0xd800 || unit > 0xdfff) bytes += 3;
    else if (unit < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 1;
    } else bytes += 6;
  }
  return bytes;
}

/**
 * The envelope's five lines (src/boundary.rs, `Envelope`): the body's kind, its size
 * (empty for 0), the non-finite paths, the path and the headers as JSON (empty for
 * none). JSON.stringify never writes a raw newline, so none holds one.
 */
function envelopeLines(req, bodyKind, bodyBytes, nonFinite = "") {
  const path = partJson(req, "path");
  const headers = partJson(req, "headers");
  return `${bodyKind}\n${bodyBytes === 0 ? "" : bodyBytes}\n${nonFinite}\n${path === "null" ? "" : path}\n${headers === "null" ? "" : headers}`;
}

/** `path` or `headers` as JSON; one that cannot be read or serialised is a `request_shape` issue. */
function partJson(req, key) {
  try {
    const value = field(req, key);
    return value === undefined ? "null" : (safeJson(value) ?? '"(not serializable)"');
  } catch {
    return '"(not serializable)"';
  }
}

/** Lone surrogates would become U+FFFD on the way into wasm: escape them so Rust sees them. */
function wellFormed(text) {
  if (typeof text.isWellFormed === "function" ? text.isWellFormed() : !/\p{Cs}/u.test(text)) return text;
  return text.replace(/\p{Cs}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `obj[key]`, except a value that only a polluted Object.prototype supplies. */
export function field(obj, key) {
  return Object.hasOwn(obj, key) || !Object.hasOwn(Object.prototype, key) ? obj[key] : undefined;
}

/** A Uint8Array (or Buffer) from any realm. */
function isBytes(value) {
  return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === "[object Uint8Array]";
}

/** The byte bodies of a batch, end to end (their envelopes give each one's length). */
export function joinBytes(chunks, total) {
  if (chunks.length === 1) return chunks[0];
  const joined = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.byteLength;
  }
  return joined;
}

export function safeJson(value) {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/**
 * A report as it crossed (src/report.rs, `js_form`): `request.body` is left out when it is
 * `JSON.parse(bodyText)`, and `bodyText` when it is the body JS sent (`sent`, text or bytes).
 */
export function fromWire(report, sent) {
  const wire = report.request;
  if (wire === null) return report;
  const bodyText = Object.hasOwn(wire, "bodyText") ? wire.bodyText : sentText(sent);
  const body = Object.hasOwn(wire, "body") ? wire.body : bodyText === "" ? null : JSON.parse(bodyText);
  report.request = { method: wire.method, path: wire.path, headers: wire.headers, body, bodyText };
  return report;
}

/** A single call's compact answer (src/report/js_form.rs, `compact`) starts with `+`. */
export const isCompact = (reply) => reply.charCodeAt(0) === 43;

/**
 * The report of a valid request from its compact answer: newline-separated sections
 * (method, path, headers, issues, effects, body, then `bodyText` only when it is not what
 * JS sent); an empty section is its default, so a plain valid request needs no
 * `JSON.parse` but the body's.
 */
export function fromCompact(reply, sent, operation) {
  let at = 1;
  const section = () => {
    const end = reply.indexOf("\n", at);
    const text = reply.slice(at, end);
    at = end + 1;
    return text;
  };
  const method = section();
  const path = section();
  const headers = section();
  const issues = section();
  const effects = section();
  const bodyEnd = reply.indexOf("\n", at);
  const bodyJson = bodyEnd === -1 ? reply.slice(at) : reply.slice(at, bodyEnd);
  const bodyText = bodyEnd !== -1 ? reply.slice(bodyEnd + 1) : sentText(sent);
  return {
    ok: true,
    operation,
    issues: issues === "" ? [] : JSON.parse(issues),
    truncated: false,
    response: null,
    request: {
      method,
      path,
      headers: headers === "" ? { "Content-Type": "application/json" } : JSON.parse(headers),
      body: bodyJson !== "" ? JSON.parse(bodyJson) : bodyText === "" ? null : JSON.parse(bodyText),
      bodyText,
    },
    effects: effects === "" ? [] : JSON.parse(effects),
  };
}

/** The body JS sent, as text: what a report leaves out as its `bodyText`. */
const sentText = (sent) => (typeof sent === "string" ? sent : sentBytesText(sent));

/** Rust left `bodyText` out only for valid UTF-8 equal to the bytes, BOM included. */
let bytesDecoder;
function sentBytesText(bytes) {
  return (bytesDecoder ??= new TextDecoder("utf-8", { ignoreBOM: true })).decode(bytes);
}
