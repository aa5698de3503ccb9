// The catalogue's operation table, shared by the Node suite and the page of the browser
// suite (so no Node imports here): per operation, a valid request that uses every string
// field, where those fields are, and a context under which the request stays valid. The
// table itself is tests/fixtures/operations.json, which tests/reliability.rs reads too.
import catalogue from "../fixtures/operations.json" with { type: "json" };

export const UUID = "3f2a9c1e-7b4d-4e8a-9c1b-2d3e4f5a6b7c";
export const SENTINEL = "SENTINEL-1234";

/** Each request and context is handed out as a fresh copy: tests change them. */
const fresh = (value) => JSON.parse(JSON.stringify(value));

export const OPS = catalogue.map(({ id, request, strings, free, context }) => ({
  id,
  request: () => fresh(request),
  strings,
  free,
  context: () => fresh(context),
}));

export const op = (id) => OPS.find((o) => o.id === id);
export const rule = (o, name) => `${o.id}.${name}`;

const segments = (pointer) => pointer.split("/").slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** The report path of a pointer inside `root` ("body", "path", "headers"). */
export const pathOf = (pointer, root = "body") => [root, ...segments(pointer)];

/** Sets `value` at `pointer` in `target` (mutates; returns target). */
export function setAt(target, pointer, value) {
  const keys = segments(pointer);
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key];
  node[keys.at(-1)] = value;
  return target;
}

/** A fresh valid request with one body field replaced. */
export const withField = (o, pointer, value) => setAt(o.request(), `/body${pointer}`, value);

/** Every string field of an operation: pointers into the request, and their report paths. */
export function stringFields(o) {
  const request = o.request();
  const fields = [...o.strings, ...o.free].map((p) => ({ at: `/body${p}`, path: pathOf(p) }));
  for (const root of ["path", "headers"]) {
    for (const key of Object.keys(request[root])) fields.push({ at: `/${root}/${key}`, path: [root, key] });
  }
  return fields;
}

/** `depth` nested containers holding 0 (arrays, or objects under key "k"). */
export function nested(depth, arrays) {
  let value = 0;
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { k: value };
  return value;
}

/** Message, hint and path of every issue, for privacy checks. */
export const shown = (report) => report.issues.map((i) => `${i.message}\n${i.hint ?? ""}\n${JSON.stringify(i.path)}`).join("\n");

export const rulesOf = (report) => report.issues.map((i) => i.rule);
export const fires = (report, id) => report.issues.some((i) => i.rule === id);
export const issuesAt = (report, path) => report.issues.filter((i) => JSON.stringify(i.path) === JSON.stringify(path));
/** The (rule, path) pairs of a report, to compare two reports' findings. */
export const findings = (report) => report.issues.map((i) => `${i.rule}@${JSON.stringify(i.path)}:${i.severity}`);
