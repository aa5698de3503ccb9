// The catalogue's operation table, shared by the Node suite and the page of the browser
// suite (so no Node imports here): per operation, a valid request that uses every string
// field, where those fields are, and a context under which the request stays valid.
export const UUID = "3f2a9c1e-7b4d-4e8a-9c1b-2d3e4f5a6b7c";
export const SENTINEL = "SENTINEL-1234";

export const OPS = [
  {
    id: "didit.update_session_status",
    request: () => ({
      path: { sessionId: UUID },
      headers: { "x-api-key": "k" },
      body: {
        new_status: "Resubmitted",
        comment: "c",
        send_email: true,
        email_address: "a@b.co",
        email_language: "en",
        nodes_to_resubmit: [{ node_id: "n1", feature: "OCR" }],
        email_preview_token: "t",
      },
    }),
    strings: ["/new_status", "/comment", "/email_address", "/email_language", "/nodes_to_resubmit/0/node_id", "/nodes_to_resubmit/0/feature"],
    free: [],
    context: () => ({
      decision: {
        status: "In Review",
        session_type: "HOSTED",
        features: [{ feature: "OCR", node_id: "n1" }],
        id_verifications: [{ node_id: "n1", status: "Declined" }],
      },
    }),
  },
  {
    id: "didit.update_feature_status",
    request: () => ({
      path: { sessionId: UUID, nodeId: "n1" },
      headers: { "x-api-key": "k" },
      body: { new_status: "Approved", comment: "c", defer_until_flow_finishes: false },
    }),
    strings: ["/new_status", "/comment"],
    free: [],
    context: () => ({ decision: { status: "In Review", session_type: "HOSTED", id_verifications: [{ node_id: "n1", status: "Declined" }] } }),
  },
  {
    id: "verifa.update_session",
    request: () => ({
      path: { session_id: "ses_abc" },
      headers: { "X-API-Key": "vk_live_k", "Verifa-Version": "2024-01-31", "Key-Inflection": "camel", "Idempotency-Key": "i" },
      body: { external_ref: "r", metadata: { k: "v" } },
    }),
    strings: ["/external_ref"],
    free: ["/metadata/k"],
    context: () => ({ session: { status: "completed", retention_status: "active", is_sandbox: false, metadata: { a: "b" } } }),
  },
  {
    id: "legaltalent.update_session_status",
    request: () => ({ path: { session_id: UUID }, headers: { Authorization: "Bearer t" }, body: { status: "approved", reason: "r" } }),
    strings: ["/status", "/reason"],
    free: [],
    context: () => ({ session: { status: "manual_review" } }),
  },
  {
    id: "legaltalent.request_corrections",
    request: () => ({
      path: { session_id: UUID },
      headers: { Authorization: "Bearer t" },
      body: { corrections: [{ step_id: "s1", field_ids: ["f"], document_types: ["passport"], message: "m" }] },
    }),
    strings: ["/corrections/0/step_id", "/corrections/0/field_ids/0", "/corrections/0/document_types/0", "/corrections/0/message"],
    free: [],
    context: () => ({ session: { status: "manual_review", steps_data: [{ step_id: "s1", status: "completed" }] } }),
  },
  {
    id: "anycheck.update_verification",
    request: () => ({
      path: { id: UUID },
      headers: { Authorization: "Bearer t" },
      body: { verification_status: "COMPLETED", output: { k: "v" }, configuration: { k: "v" } },
    }),
    strings: ["/verification_status"],
    free: ["/output/k", "/configuration/k"],
    context: () => ({ verification: { status: "NEED_REVIEW", output_status: "VERIFIED", service: "s" } }),
  },
];

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
