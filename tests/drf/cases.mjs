// The bodies the DRF oracle and kyc-preflight both answer (tests/drf/oracle.test.mjs):
// generated ones (type swaps, numbers as text, whitespace, NUL and control characters,
// case variants of enums and booleans, unicode, an email corpus, nested items, media
// types), then every Didit body of the golden corpus. Deterministic: a seeded PRNG.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const SESSION = "didit.update_session_status";
export const FEATURE = "didit.update_feature_status";
const JSON_TYPE = "application/json";

/** A number written exactly as `text` in the body (JSON.stringify would rewrite 1.0 as 1). */
const raw = (text) => `\u0001RAW:${text}\u0001`;
const RAW = /"\\u0001RAW:([^"\\]*)\\u0001"/g;
const bodyText = (value) => JSON.stringify(value).replace(RAW, (_, text) => text);

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SESSION_STATUSES = [
  "Not Started", "In Progress", "Awaiting User", "In Review", "Approved",
  "Declined", "Resubmitted", "Expired", "Kyc Expired", "Abandoned",
];
const FEATURES = [
  "OCR", "OCR_BACK", "NFC", "AML", "FACE", "LIVENESS", "FACE_MATCH", "IP_ANALYSIS", "AGE_ESTIMATION",
  "PROOF_OF_ADDRESS", "PHONE_VERIFICATION", "EMAIL_VERIFICATION", "FACE_SEARCH", "DATABASE_VALIDATION",
  "QUESTIONNAIRE", "DOCUMENT_AI", "KYB_DOCUMENTS", "ID_VERIFICATION", "POA", "PHONE", "EMAIL",
  "KYB_REGISTRY", "KYB_KEY_PEOPLE", "KYB",
];

/**
 * Numbers as JSON text: what Python reads as an int (exact) or a float (a double).
 * None past the largest double: Python reads `1e400` as inf, kyc-preflight's JSON
 * reader refuses it for every operation (json_syntax: JS reads Infinity), so those sit
 * outside the field layer (counted for the golden corpus below).
 */
const NUMBERS = [
  0, 1, -1, 2, 7, 10, 255, 12345, -12345, 1.5, -0.25, 3.14159, 1e21, 1e-7, 123456789012345680000,
  raw("1.0"), raw("0.0"), raw("-0"), raw("-0.0"), raw("1e0"), raw("1E0"), raw("0e5"), raw("1.000"),
  raw("1e-324"), raw("-1e-400"), raw("5E-324"), raw("1.7976931348623157e308"), raw("2.2250738585072011e-308"),
  raw("2.4703282292062327e-324"), raw("2.4703282292062328e-324"), raw("9007199254740993.0"), raw("8.98846567431158e307"),
  raw("1.0000000000000001110223024625156540423631668090820312501"), raw("123.45678901234567890123"),
  raw("0.1000000000000000055511151231257827"), raw("1.00000000000000011102230246251565"),
  raw("0.99999999999999994448884876874217297882"), raw("1e16"), raw("1e15"), raw("12345678901234567.0"),
  raw("123456789012345678901234567890"), raw("2.50"), raw("-0.0001"), raw("0.00001234"), raw("100E-2"),
];

/** Strings: numbers and booleans as text, whitespace, controls, unicode, quotes. */
const STRINGS = [
  "", " ", "  ", "\t", "\n", "\r\n", "\u000b", "\u000c", "\u001c", "\u001f", "\u0085", "\u00a0", "\u1680",
  "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\u200b", "\ufeff", "\u180e",
  "\u0000", "a\u0000", "\u0000a", "a\u0000b", " \u0000 ", "\u0001", "\u0007", "\u001b", "\u007f", "\u0080", "\u009f",
  "text", " text ", "\ttext\n", "\u00a0text\u3000", "\u200btext", "text\u001c", "a b", "a\nb",
  "0", "1", "-1", "1.0", "1e3", "0x1", "00", "+1", " 1 ", "NaN", "Infinity", "inf",
  "true", "false", "True", "False", "TRUE", "FALSE", "tRuE", "yes", "no", "Yes", "NO", "on", "off", "On", "OFF",
  "t", "f", "T", "F", "y", "n", "Y", "N", "null", "Null", "none", "None", "nil", "1 ", " true", "yes\u0000",
  "é", "É", "İ", "ı", "ſ", "\u212a", "ß", "ﬀ", "ＡＢＣ", "e\u0301", "😀", "👍🏽", "מזל", "مرحبا", "中文", "\ue000", "\u{10ffff}",
  "it's", 'say "hi"', "it's \"both\"", "back\\slash", "{}", "[]", "{\"a\": 1}", "<script>", "%00", "\\u0000",
  "x".repeat(300),
];

const CONTAINERS = [
  [], {}, [1], [null], [true], ["Approved"], ["it's"], ['a"b'], ["it's \"x\""], ["a\\b"], ["\n\t\r"], ["\u0000"],
  ["\u0001\u001f\u007f"], ["\u0085\u00a0"], ["\u200b\ufeff\u00ad"], ["\u2028\u3000"], ["é😀中"], ["\ue000"],
  [1.5, raw("1e300"), raw("-0"), raw("2.0"), 10, raw("0.1000000000000000055511151231257827")], [[]], [{}], [[1, [2, [3]]]], [{ "k'": "v" }], { a: 1 },
  { "it's": ["x"] }, { a: { b: null } }, { new_status: "Approved" }, { "": false }, { k: raw("1E5") },
  { node_id: "n", feature: "OCR" }, [{ node_id: "n", feature: "OCR" }],
];

const SCALARS = [null, true, false, ...NUMBERS, ...STRINGS];
const VALUES = [...SCALARS, ...CONTAINERS];

function caseVariants(word) {
  const out = new Set([
    word, word.toLowerCase(), word.toUpperCase(), word.replaceAll(" ", "_"), word.replaceAll(" ", "_").toUpperCase(),
    word.replaceAll(" ", "-"), ` ${word}`, `${word} `, `${word}\u00a0`, `\t${word}\n`, `${word}\u0000`, `${word}\u200b`,
    word.replaceAll(" ", "  "), word.replaceAll(" ", ""), `${word}.`, word.replace(/^./, (c) => c.toLowerCase()),
    word.replaceAll("e", "é"), word.replaceAll("i", "ı"), word.replaceAll("s", "ſ"), word.replaceAll("A", "\u0391"),
  ]);
  return [...out];
}

/** The email corpus: Django's EmailValidator (no punycode since 5.x: a unicode-range regex). */
const EMAILS = [
  // plain, and what trimming makes plain
  "a@b.co", "user.name+tag@example.com", "A@B.CO", "x_y-z@sub.example.org", "1@2.io", "a!#$%&'*+/=?^_`{|}~-@x.co",
  " a@b.co ", "\ta@b.co\n", "\u00a0a@b.co\u3000", "\u001ca@b.co\u001f", "\u2028a@b.co", "\u200ba@b.co", "a@b.co\ufeff",
  "a@b.co\u0000", "\u0000", "a\u0000@b.co", "", " ", "@", "a@", "@b.co", "a", "a.b.co", "a@@b.co", "a@b@c.co",
  // local parts
  "a..b@x.co", ".a@x.co", "a.@x.co", "a b@x.co", "a,b@x.co", "a(b)@x.co", "a[b]@x.co", "a:b@x.co", "a;b@x.co",
  "a<b>@x.co", "a\\b@x.co", "é@x.co", "ſ@x.co", "\u212a@x.co", "ı@x.co", "İ@x.co", "aſb.c@x.co", "😀@x.co",
  `${"l".repeat(64)}@x.co`, `${"l".repeat(65)}@x.co`, `${"l".repeat(200)}@x.co`,
  // quoted local parts
  '"a b"@x.co', '"a\\"b"@x.co', '"a@b"@x.co', '""@x.co', '"a"b@x.co', 'a"b"@x.co', '"a\\ b"@x.co', '"\\\\"@x.co',
  '"a\u0001b"@x.co', '"a\tb"@x.co', '"a\\\tb"@x.co', '"a\nb"@x.co', '"a\\\nb"@x.co', '"é"@x.co', '"ſ"@x.co',
  '"\u212a"@x.co', '"a\u007f"@x.co', '"\\\u007f"@x.co', '"\\é"@x.co', '"a\\"@x.co', '"a', '"a"@x.co"', '" "@x.co',
  // domains: dotless, localhost, TLDs
  "a@localhost", "a@LOCALHOST", "a@localhost.", "a@localhost.localdomain", "a@example", "a@com", "a@b.c", "a@b.co.",
  "a@b.c1", "a@b.1c", "a@b.123", "a@b.xn--p1ai", "a@b.XN--P1AI", "a@b.xn--", "a@b.xn--1", "a@b.xn--a-b", "a@b.xn---a",
  `a@b.xn--${"a".repeat(59)}`, `a@b.xn--${"1".repeat(59)}`, `a@b.xn--${"1".repeat(60)}`, "a@b.-co", "a@b.co-",
  "a@b.c-o", "a@-b.co", "a@b-.co", "a@b..co", "a@.b.co", "a@b.co.uk", "a@sub-.b.co", "a@x.-y.co", "a@x.y-.co",
  "a@x.y-z.co", "a@1.2.3.4", "a@b_c.co", "a@b.c_o", "a@b,co", "a@b co.com", "a@b\u3002co", "a@b\uff0eco",
  `a@${"h".repeat(63)}.co`, `a@${"h".repeat(64)}.co`, `a@x.${"m".repeat(63)}.co`, `a@x.${"m".repeat(64)}.co`,
  `a@x.${"t".repeat(63)}`, `a@x.${"t".repeat(64)}`, `${"l".repeat(64)}@${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(60)}.${"g".repeat(61)}.co`,
  `${"l".repeat(64)}@${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(60)}.${"g".repeat(62)}.co`,
  // internationalized domains
  "a@münchen.de", "a@MÜNCHEN.DE", "a@пример.рф", "a@例え.jp", "a@bücher.中国", "a@ä.de", "a@b.ä", "a@b.äö",
  "a@😀.com", "a@b.😀😀", "a@ſ.de", "a@\u212a.de", "a@\u00a0.de", "a@\u00a1.de", "a@x.\u00a1\u00a1", "a@١٢٣.com",
  "a@b.١٢", "a@xn--mnchen-3ya.de", "a@e\u0301.fr", "a@\u200b.com", "a@b.c\u00ad", "a@\uffff.co", "a@\ue000.co",
  "user@dömain-.de", "user@-dömain.de", "a@ö-ö.de", "a@b.ö-", `a@${"ü".repeat(63)}.de`, `a@${"ü".repeat(64)}.de`,
  // domain literals
  "a@[127.0.0.1]", "a@[0.0.0.0]", "a@[255.255.255.255]", "a@[256.0.0.1]", "a@[1.2.3]", "a@[1.2.3.4.5]",
  "a@[1.2.3.04]", "a@[01.2.3.4]", "a@[1.2.3.0]", "a@[1..2.3]", "a@[::1]", "a@[::]", "a@[:::]", "a@[2001:db8::1]",
  "a@[2001:DB8::A]", "a@[IPv6:2001:db8::1]", "a@[::ffff:1.2.3.4]", "a@[::1.2.3.4]", "a@[1.2.3.4::]",
  "a@[1:2:3:4:5:6:7:8]", "a@[1:2:3:4:5:6:7:8:9]", "a@[1:2:3:4:5:6:7::]", "a@[::2:3:4:5:6:7:8]", "a@[1::2::3]",
  "a@[12345::1]", "a@[00000::1]", "a@[0000:0000:0000:0000:0000:0000:0000:0001]", "a@[0000:0000:0000:0000:0000:0000:0000:00001]",
  "a@[1:2:3:4:5:6:1.2.3.4]", "a@[1:2:3:4:5:6:7:1.2.3.4]", "a@[1:2:3:4:5::1.2.3.4]", "a@[::ffff:1.2.3.04]",
  "a@[::ffff:256.1.1.1]", "a@[1.2.3.4:1]", "a@[g::1]", "a@[fe80::1%eth0]", "a@[:1]", "a@[1:]", "a@[::1:]",
  "a@[:1::]", "a@[1::]", "a@[]", "a@[1.2.3.4", "a@1.2.3.4]", "a@[1.2.3.4]x", "a@[1.2.3.4].co", "a@[ 1.2.3.4]",
  "a@[::ffff:0:0:1.2.3.4]", "a@[1:2:3:4:5:6:7:8::]", "a@[::1:2:3:4:5:6:7]", "a@[1:2:3:4::5:6:7]",
  // lengths
  `${"l".repeat(64)}@${"d".repeat(63)}.${"e".repeat(63)}.${"f".repeat(63)}.${"g".repeat(60)}`,
  `${"l".repeat(70)}@${"d".repeat(63)}.${"e".repeat(63)}.${"f".repeat(63)}.${"g".repeat(54)}`,
  `${"l".repeat(70)}@${"d".repeat(63)}.${"e".repeat(63)}.${"f".repeat(63)}.${"g".repeat(55)}`,
  `  ${"l".repeat(70)}@${"d".repeat(63)}.${"e".repeat(63)}.${"f".repeat(63)}.${"g".repeat(54)}  `,
  `${"é".repeat(1)}${"l".repeat(69)}@${"d".repeat(63)}.${"e".repeat(63)}.${"f".repeat(63)}.${"g".repeat(54)}`,
];

/** `nodes_to_resubmit` items: objects in every shape, and the MCP tool's string form. */
function nodeItems() {
  const items = [
    { node_id: "n1", feature: "OCR" }, { node_id: "n1" }, { feature: "OCR" }, {}, null, "n1", "OCR", 1, true, [], ["n1", "OCR"],
    { node_id: null, feature: "OCR" }, { node_id: "", feature: "OCR" }, { node_id: " ", feature: "OCR" },
    { node_id: " n1 ", feature: "OCR" }, { node_id: "\u00a0n1\u001c", feature: "OCR" }, { node_id: "n\u0000", feature: "OCR" },
    { node_id: 5, feature: "OCR" }, { node_id: raw("5.0"), feature: "OCR" }, { node_id: raw("-0"), feature: "OCR" },
    { node_id: raw("1e300"), feature: "OCR" }, { node_id: true, feature: "OCR" }, { node_id: [], feature: "OCR" },
    { node_id: {}, feature: "OCR" }, { node_id: "n1", feature: null }, { node_id: "n1", feature: "" },
    { node_id: "n1", feature: 1 }, { node_id: "n1", feature: true }, { node_id: "n1", feature: ["OCR"] },
    { node_id: "n1", feature: { f: "OCR" } }, { node_id: "n1", feature: "Bogus" }, { node_id: "n1", feature: "DOCUMENT_AI" },
    { node_id: "n1", feature: "KYB" }, { node_id: "n1", feature: "it's" }, { node_id: "n1", feature: ["it's"] },
    { node_id: "n1", feature: "OCR", extra: 1 }, { node_id: "\u200b", feature: "OCR" }, { node_id: "n1", feature: raw("1.0") },
  ];
  for (const f of FEATURES) items.push({ node_id: `n-${f.toLowerCase()}`, feature: f });
  for (const f of ["OCR", "PROOF_OF_ADDRESS", "ID_VERIFICATION", "LIVENESS"]) {
    for (const v of caseVariants(f)) items.push({ node_id: "n2", feature: v });
  }
  return items;
}

const MEDIA_TYPES = [
  "application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8", "APPLICATION/JSON",
  "Application/Json", "application/json ; charset=utf-8", "application/json;", "application/json; x=1; y=2",
  "*/*", "application/*", "*/json", "text/plain", "text/json", "text/html; charset=utf-8",
  "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/ld+json",
  "application/json-patch+json", "application/merge-patch+json", "application/jsonx", "application/json, text/plain",
  "application", "json", "/", "application/", "/json", "", "application /json", "application/ json",
  'application/json; charset="utf-8"', "application/json; q=0.5", "application/json=x; y", "x=application/json; y",
  "application/json\u00a0", "application/\u0130son", "application/j\u017fon", "application/octet-stream",
  `application/json; p=${"x".repeat(260)}`, `application/json; p=${"x".repeat(220)}`,
];

export function generatedCases() {
  const cases = [];
  const add = (op, value, contentType = JSON_TYPE, kind = "field") => {
    const text = typeof value === "string" && kind === "text" ? value : bodyText(value);
    cases.push({ op, bodyText: text, contentType, kind });
  };
  const session = { new_status: "Approved" };
  const feature = { new_status: "Approved" };

  // Type swaps and odd values, one field at a time, on an otherwise valid body.
  for (const value of VALUES) {
    for (const field of ["new_status", "comment", "send_email", "email_address", "email_language", "nodes_to_resubmit", "email_preview_token", "unknown"]) {
      add(SESSION, { ...session, [field]: value }, JSON_TYPE, `type:${field}`);
    }
    add(SESSION, { new_status: "Resubmitted", nodes_to_resubmit: value }, JSON_TYPE, "type:nodes");
    for (const field of ["new_status", "comment", "defer_until_flow_finishes"]) {
      add(FEATURE, { ...feature, [field]: value }, JSON_TYPE, `type:${field}`);
    }
  }
  // Enum case variants.
  for (const status of [...SESSION_STATUSES, "IN_REVIEW", "KYC_EXPIRED"]) {
    for (const v of caseVariants(status)) {
      add(SESSION, { new_status: v }, JSON_TYPE, "enum:new_status");
      add(FEATURE, { new_status: v }, JSON_TYPE, "enum:new_status");
    }
  }
  // The email corpus, with and without send_email.
  for (const email of EMAILS) {
    add(SESSION, { new_status: "Approved", send_email: true, email_address: email }, JSON_TYPE, "email");
    add(SESSION, { new_status: "Declined", email_address: email, email_language: "de" }, JSON_TYPE, "email");
  }
  // send_email without an address, coerced or not.
  for (const value of SCALARS) add(SESSION, { new_status: "Declined", send_email: value }, JSON_TYPE, "email:required");
  // Nested items, alone and in lists.
  const items = nodeItems();
  for (const item of items) {
    add(SESSION, { new_status: "Resubmitted", nodes_to_resubmit: [item] }, JSON_TYPE, "nodes:item");
    add(SESSION, { new_status: "Approved", nodes_to_resubmit: [{ node_id: "n0", feature: "AML" }, item] }, JSON_TYPE, "nodes:item");
  }
  const random = mulberry32(14);
  const pick = (list) => list[Math.floor(random() * list.length)];
  for (let i = 0; i < 200; i++) {
    const n = 1 + Math.floor(random() * 6);
    add(SESSION, { new_status: "Resubmitted", nodes_to_resubmit: Array.from({ length: n }, () => pick(items)) }, JSON_TYPE, "nodes:list");
  }
  // Random bodies over every field.
  const sessionFields = {
    new_status: [...SESSION_STATUSES, ...caseVariants("Approved"), ...SCALARS.slice(0, 30)],
    comment: [...STRINGS, ...NUMBERS.slice(0, 10), true, null, []],
    send_email: [true, false, "yes", "t", "N", "0", 1, raw("1.0"), 2, "maybe", null],
    email_address: EMAILS,
    email_language: ["en", "pt-BR", "xx", "", " ", "\u0000", 5, true, null],
    nodes_to_resubmit: [[], "x", null, ...items.slice(0, 30).map((i) => [i])],
  };
  const featureFields = {
    new_status: ["Approved", "Declined", "In Review", "Resubmitted", "approved", "", null, 1, true],
    comment: [...STRINGS.slice(0, 40), 1, raw("2.0"), false, null, {}],
    defer_until_flow_finishes: [true, false, "yes", "no", "t", "F", "on", "OFF", 1, 0, raw("0.0"), 2, "", null, "maybe", []],
  };
  for (let i = 0; i < 500; i++) {
    const [op, fields] = random() < 0.7 ? [SESSION, sessionFields] : [FEATURE, featureFields];
    const body = {};
    for (const [field, pool] of Object.entries(fields)) if (random() < 0.55) body[field] = pick(pool);
    add(op, body, JSON_TYPE, "random");
  }
  // Bodies that are not objects, and repeated keys.
  for (const text of ["[]", "[{}]", '"x"', "1", "1.5", "true", "null", '""', "[1,2]"]) {
    add(SESSION, text, JSON_TYPE, "text");
    add(FEATURE, text, JSON_TYPE, "text");
  }
  for (const text of [
    '{"new_status":"Bogus","new_status":"Approved"}', '{"new_status":"Approved","new_status":"Bogus"}',
    '{"new_status":"Approved","comment":true,"comment":"ok"}', '{"new_status":"Approved","send_email":"x","send_email":false}',
  ]) {
    add(SESSION, text, JSON_TYPE, "text");
    add(FEATURE, text, JSON_TYPE, "text");
  }
  // Media types, on a valid and an invalid body.
  for (const type of MEDIA_TYPES) {
    for (const op of [SESSION, FEATURE]) {
      add(op, { new_status: "Approved" }, type, "media");
      add(op, { new_status: "Bogus", comment: [] }, type, "media");
    }
  }
  const seen = new Set();
  return cases.filter((c) => {
    const key = `${c.op}\u0000${c.contentType}\u0000${c.bodyText}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Every Didit body of the golden corpus (the requests the suites make), with JSON as
 * its media type. Bodies outside the field layer are set aside and counted: no body,
 * text that is not JSON, over 1 MiB, lone surrogates, nesting past 64, numbers past the
 * largest double, integers past Python's 4,300 digits (the input rules of every
 * operation decide those).
 */
export function goldenCases(root) {
  const lines = readFileSync(join(root, "tests", "golden", "reports.jsonl"), "utf8").trim().split("\n");
  const cases = [];
  const outside = { notJson: 0, tooLarge: 0, loneSurrogate: 0, tooDeep: 0, pastDouble: 0, hugeInteger: 0, absent: 0 };
  const seen = new Set();
  for (const line of lines) {
    const { op, request } = JSON.parse(line);
    if (!op.startsWith("didit.") || !request || typeof request !== "object") continue;
    const text = request.bodyText;
    if (typeof text !== "string") {
      outside.absent += 1;
      continue;
    }
    const key = `${op}\u0000${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let value;
    try {
      value = JSON.parse(text);
    } catch {
      outside.notJson += 1;
      continue;
    }
    if (Buffer.byteLength(text) > 1024 * 1024) {
      outside.tooLarge += 1;
      continue;
    }
    const shape = walk(value);
    if (shape.depth > 64) {
      outside.tooDeep += 1;
      continue;
    }
    if (shape.loneSurrogate) {
      outside.loneSurrogate += 1;
      continue;
    }
    if (shape.pastDouble) {
      outside.pastDouble += 1;
      continue;
    }
    if (/\d{4301}/.test(text)) {
      outside.hugeInteger += 1;
      continue;
    }
    cases.push({ op, bodyText: text, contentType: JSON_TYPE, kind: "golden" });
  }
  return { cases, outside };
}

/** Nesting depth and whether a string or key holds a lone surrogate, without recursion. */
function walk(root) {
  let depth = 0;
  let loneSurrogate = false;
  let pastDouble = false;
  const stack = [[root, 0]];
  while (stack.length > 0) {
    const [value, level] = stack.pop();
    if (typeof value === "string") loneSurrogate ||= !value.isWellFormed();
    if (typeof value === "number") pastDouble ||= !Number.isFinite(value);
    if (!value || typeof value !== "object") continue;
    depth = Math.max(depth, level + 1);
    for (const [key, item] of Object.entries(value)) {
      loneSurrogate ||= !key.isWellFormed();
      stack.push([item, level + 1]);
    }
  }
  return { depth, loneSurrogate, pastDouble };
}
