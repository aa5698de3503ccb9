// Type tests for the public declarations, compiled with `tsc --strict --noEmit` from a CJS
// project, an ESM project (module nodenext) and a bundler project (tests/types/types.test.mjs).
// Every `@ts-expect-error` line must be an error: were a union widened to `string` or a
// parameter to `any`, the directive would be unused and tsc would fail.
import {
  PreflightError,
  allowedActions,
  autoSelectResubmission,
  canonicalStatus,
  isSecretHeader,
  mergeVerifaMetadata,
  operations,
  redact,
  redactRequest,
  rules,
  standardSchema,
  validate,
  validateBatch,
} from "kyc-preflight";
import type {
  Action,
  AutoSelection,
  CanonicalStatus,
  Effect,
  Issue,
  Method,
  OperationId,
  OperationInfo,
  PathSegment,
  PredictedResponse,
  PreflightStandardSchema,
  PreparedRequest,
  Provider,
  Report,
  RequestInput,
  RuleId,
  RuleInfo,
  Severity,
  SeverityOverride,
  Source,
  ValidateOptions,
} from "kyc-preflight";
import init, * as web from "kyc-preflight/web";
import wasmModule from "kyc-preflight/kyc_preflight.wasm";
import { preflightFetch } from "kyc-preflight";
import type { FetchLike, PreflightFetchOptions, PreflightFetchRequest } from "kyc-preflight";
import { createMockVendor } from "kyc-preflight/mock";
import type { MockEvent, MockVendor, MockVendorOptions, VendorState } from "kyc-preflight/mock";
import type { StandardSchemaV1 } from "@standard-schema/spec";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type IsAny<T> = 0 extends 1 & T ? true : false;
function expectType<T extends true>(): T | void {}

// ── Literal unions: exactly the contract's members ────────────────────────────────────
expectType<
  Equal<
    OperationId,
    | "didit.update_session_status"
    | "didit.update_feature_status"
    | "verifa.update_session"
    | "legaltalent.update_session_status"
    | "legaltalent.request_corrections"
    | "legaltalent.process_session"
    | "legaltalent.extend_session"
    | "legaltalent.generate_link"
    | "legaltalent.run_validations"
    | "anycheck.update_verification"
  >
>();
expectType<Equal<Provider, "didit" | "verifa" | "legaltalent" | "anycheck">>();
expectType<Equal<Severity, "error" | "warning">>();
expectType<Equal<SeverityOverride, "error" | "warning" | "off">>();
expectType<Equal<Source, "stated" | "inferred">>();
expectType<Equal<Method, "PATCH" | "POST" | "PUT">>();
expectType<
  Equal<CanonicalStatus, "incomplete" | "pending" | "manual_review" | "approved" | "rejected" | "remediation" | "completed">
>();
expectType<Equal<PathSegment, string | number>>();
expectType<Equal<PreflightError["code"], "unknown_operation" | "unknown_provider" | "unknown_rule" | "invalid_options" | "invalid_argument" | "not_initialized">>();

// RuleId grows with the rules: it is a union of literals, one per rule, never `string`.
expectType<Equal<string extends RuleId ? true : false, false>>();
expectType<"didit.update_session_status.email_required" extends RuleId ? true : false>();
expectType<"json_syntax" extends RuleId ? true : false>();
expectType<"verifa.update_session.session_id_format" extends RuleId ? true : false>();
expectType<"legaltalent.update_session_status.session_id_format" extends RuleId ? true : false>();
expectType<"legaltalent.request_corrections.session_id_format" extends RuleId ? true : false>();
expectType<"anycheck.update_verification.id_format" extends RuleId ? true : false>();
expectType<Equal<RuleInfo["id"], RuleId>>();
expectType<Equal<Issue["rule"], RuleId>>();

// @ts-expect-error: not an operation id
const badOperation: OperationId = "didit.update_status";
// @ts-expect-error: not a provider
const badProvider: Provider = "onfido";
// @ts-expect-error: not a severity
const badSeverity: Severity = "fatal";
// @ts-expect-error: "off" is an override, never a reported severity
const offSeverity: Severity = "off";
// @ts-expect-error: not a source
const badSource: Source = "guessed";
// @ts-expect-error: not a canonical status
const badStatus: CanonicalStatus = "done";
// @ts-expect-error: not a rule id
const badRule: RuleId = "didit.update_session_status.bogus";
// @ts-expect-error: not a method
const badMethod: Method = "GET";
void [badOperation, badProvider, badSeverity, offSeverity, badSource, badStatus, badRule, badMethod];

// ── No `any` leaks into what users hold ──────────────────────────────────────────────
expectType<Equal<IsAny<Report>, false>>();
expectType<Equal<IsAny<Report["response"]>, false>>();
expectType<Equal<IsAny<PredictedResponse["body"]>, false>>();
expectType<Equal<IsAny<PreparedRequest["body"]>, false>>();
expectType<Equal<IsAny<Effect>, false>>();
expectType<Equal<IsAny<Parameters<typeof validate>[1]>, false>>();
expectType<Equal<IsAny<ReturnType<typeof mergeVerifaMetadata>>, false>>();
expectType<Equal<PredictedResponse["body"], unknown>>();

// ── Functions: right arguments compile, wrong ones do not ──────────────────────────────
const UUID = "11111111-2222-4333-8444-555555555555";
const request: RequestInput = { path: { sessionId: UUID }, headers: { "x-api-key": "k" }, body: { new_status: "Approved" } };
const options: ValidateOptions = {
  context: { decision: { status: "In Review" } },
  severity: { "didit.update_session_status.email_unused": "off", json_syntax: "warning" },
  maxIssues: 10,
  maxDepth: 32,
  maxBodyBytes: 4096,
};

const report: Report = validate("didit.update_session_status", request, options);
const ok: boolean = report.ok;
const operation: OperationId = report.operation;
const truncated: boolean = report.truncated;
const status: number | undefined = report.response?.status;
const method: Method | undefined = report.request?.method;
const bodyText: string | undefined = report.request?.bodyText;
void [ok, operation, truncated, status, method, bodyText];
for (const issue of report.issues) {
  const severity: "error" | "warning" = issue.severity;
  const source: "stated" | "inferred" = issue.source;
  const path: (string | number)[] = issue.path;
  const hint: string | undefined = issue.hint;
  const message: string = issue.message;
  void [severity, source, path, hint, message];
  // @ts-expect-error: severities are literals, "off" never appears in a report
  if (issue.severity === "off") break;
}
for (const effect of report.effects) {
  const kind: string = effect.kind;
  void kind;
  // @ts-expect-error: effects are a discriminated union: `event` only after narrowing
  void effect.event;
  if (effect.kind === "webhook") {
    const event: string = effect.event;
    void event;
  }
}

// @ts-expect-error: unknown operation id
validate("didit.update_status", request);
// @ts-expect-error: the request is required
validate("didit.update_session_status");
// @ts-expect-error: path values are strings
validate("didit.update_session_status", { path: { sessionId: 1 } });
// @ts-expect-error: headers are strings
validate("didit.update_session_status", { headers: { "x-api-key": true } });
// @ts-expect-error: severity overrides are keyed by rule id
validate("didit.update_session_status", request, { severity: { "didit.nope": "off" } });
// @ts-expect-error: and valued by override
validate("didit.update_session_status", request, { severity: { json_syntax: "fatal" } });
// @ts-expect-error: maxIssues is a number
validate("didit.update_session_status", request, { maxIssues: "10" });

const reports: Report[] = validateBatch("verifa.update_session", [request, { body: "{}" }], { maxIssues: 5 });
const readonlyRequests: readonly RequestInput[] = [request];
validateBatch("anycheck.update_verification", readonlyRequests);
// @ts-expect-error: requests are an array
validateBatch("verifa.update_session", request);
// @ts-expect-error: unknown operation id
validateBatch("verifa.update", [request]);
void reports;

const selection: AutoSelection = autoSelectResubmission({ status: "Declined" });
const nodes: { node_id: string; feature: string }[] = selection.nodes;
const selectionIssue: Issue | null = selection.issue;
void [nodes, selectionIssue];

const actions: Action[] = allowedActions("legaltalent", { session: { status: "pending" } });
for (const action of actions) {
  const actionOperation: OperationId = action.operation;
  const label: string = action.label;
  const requires: string[] = action.requires;
  const target: string | undefined = action.target;
  void [actionOperation, label, requires, target];
}
// @ts-expect-error: unknown provider
allowedActions("onfido", {});

const canonical: CanonicalStatus | null = canonicalStatus("anycheck", "completed", { output_status: "clear" });
// @ts-expect-error: may be null
const notNull: CanonicalStatus = canonicalStatus("didit", "Approved");
// @ts-expect-error: the status is a string
canonicalStatus("didit", 42);
// @ts-expect-error: unknown provider
canonicalStatus("Didit", "Approved");
void [canonical, notNull];
if (canonical !== null) {
  switch (canonical) {
    case "incomplete":
    case "pending":
    case "manual_review":
    case "approved":
    case "rejected":
    case "remediation":
    case "completed":
      break;
    default: {
      const exhaustive: never = canonical;
      void exhaustive;
    }
  }
}

const merged: Record<string, unknown> = mergeVerifaMetadata({ a: 1 }, { a: null, b: "x" });
// @ts-expect-error: metadata is an object
mergeVerifaMetadata("a=1", {});
void merged;

const infos: OperationInfo[] = operations();
for (const info of infos) {
  const id: OperationId = info.id;
  const provider: Provider = info.provider;
  const infoMethod: Method = info.method;
  const template: string = info.pathTemplate;
  const params: string[] = info.pathParams;
  void [id, provider, infoMethod, template, params];
}
const ruleInfos: RuleInfo[] = rules();
for (const rule of ruleInfos) {
  const ruleOperation: OperationId | null = rule.operation;
  const severity: Severity = rule.severity;
  const source: Source = rule.source;
  const summary: string = rule.summary;
  void [ruleOperation, severity, source, summary];
}

try {
  validate("didit.update_session_status", request);
} catch (error) {
  if (error instanceof PreflightError) {
    const code: PreflightError["code"] = error.code;
    const message: string = error.message;
    void [code, message];
    // @ts-expect-error: codes are literals
    if (error.code === "unknown_thing") throw error;
  }
}

// ── Redaction: copies keep their types ─────────────────────────────────────────────────
const safeReport: Report = redact(report);
const safeReports: Report[] = redact(reports);
const readonlyReports: readonly Report[] = reports;
const safeFromReadonly: Report[] = redact(readonlyReports);
const maybeReport: Report | null = reports[0] ?? null;
const safeMaybe: Report | null = redact(maybeReport);
const safeOther: { at: string; count: number } = redact({ at: "now", count: 1 });
const safeInput: RequestInput = redactRequest(request);
const safePrepared: PreparedRequest | null = report.request && redactRequest(report.request);
const secretName: boolean = isSecretHeader("X-API-Key");
expectType<Equal<IsAny<ReturnType<typeof redactRequest>>, false>>();
expectType<Equal<ReturnType<typeof isSecretHeader>, boolean>>();
// A logger's serializer hook (pino: `serializers: { report: redact }`) takes it as is.
const serializers: Record<string, (value: unknown) => unknown> = { report: redact };
// @ts-expect-error: a redacted report is a Report, not text
const notText: string = redact(report);
// @ts-expect-error: a redacted request is a request
const notReport: Report = redactRequest(request);
// @ts-expect-error: a header name is a string
isSecretHeader(42);
// @ts-expect-error: a request is an object, not a header line
redactRequest("x-api-key: k");
void [safeReport, safeReports, safeFromReadonly, safeMaybe, safeOther, safeInput, safePrepared, secretName, serializers, notText, notReport];

// ── Standard Schema ────────────────────────────────────────────────────────────────────
const schema: PreflightStandardSchema = standardSchema("didit.update_session_status", { maxIssues: 3 });
const standard: StandardSchemaV1 = schema;
const standardUnknown: StandardSchemaV1<unknown, unknown> = standardSchema("verifa.update_session");
expectType<Equal<StandardSchemaV1.InferInput<typeof schema>, unknown>>();
expectType<Equal<StandardSchemaV1.InferOutput<typeof schema>, unknown>>();
// @ts-expect-error: unknown operation id
standardSchema("didit.update");
// @ts-expect-error: options are ValidateOptions
standardSchema("didit.update_session_status", { maxIssues: "3" });
const result = schema["~standard"].validate({ new_status: "Approved" });
// @ts-expect-error: synchronous: never a Promise
void result.then;
if (result.issues) {
  for (const issue of result.issues) {
    const message: string = issue.message;
    const path: ReadonlyArray<string | number> | undefined = issue.path;
    void [message, path];
  }
} else {
  const value: unknown = result.value;
  void value;
}
const vendor: "kyc-preflight" = schema["~standard"].vendor;
const version: 1 = schema["~standard"].version;
void [standard, standardUnknown, vendor, version];

// ── ./web and the raw wasm ──────────────────────────────────────────────────────────────
const ready: Promise<void> = init();
void init(new Uint8Array(0));
void init(new URL("https://cdn.example/kyc_preflight.wasm"));
void init(wasmModule);
// @ts-expect-error: init is asynchronous (WebAssembly.Module is an empty interface, so no
// argument check is possible beyond the count)
const notReady: void = init();
// @ts-expect-error: one argument at most
void init(new Uint8Array(0), {});
const webReport: Report = web.validate("legaltalent.request_corrections", { body: {} });
expectType<Equal<typeof web.standardSchema, typeof standardSchema>>();
expectType<Equal<typeof web.redact, typeof redact>>();
expectType<Equal<typeof web.redactRequest, typeof redactRequest>>();
expectType<Equal<typeof wasmModule, WebAssembly.Module>>();
void [ready, notReady, webReport];

// ── preflightFetch ───────────────────────────────────────────────────────────────────────
const guarded: FetchLike = preflightFetch(fetch);
const viaGlobal: typeof fetch = preflightFetch();
const fetchOptions: PreflightFetchOptions = {
  mode: "report",
  baseUrls: { legaltalent: "https://kyc.example.com/api", anycheck: ["https://a.example", "https://b.example"] },
  context: async (operation: OperationId, seen: PreflightFetchRequest) => ({ decision: { status: operation === "didit.update_session_status" ? seen.body : "" } }),
  onReport: (report: Report) => void report.ok,
  validateOptions: { maxIssues: 5 },
};
void preflightFetch(guarded, fetchOptions);
const fetched: Promise<Response> = guarded("https://verification.didit.me/v3/session/x/update-status/", { method: "PATCH", body: "{}" });
// @ts-expect-error: not a mode
void preflightFetch(fetch, { mode: "warn" });
// @ts-expect-error: not a provider
void preflightFetch(fetch, { baseUrls: { onfido: "https://x.example" } });
// @ts-expect-error: context is given by the context callback, not the options
void preflightFetch(fetch, { validateOptions: { context: {} } });
void [viaGlobal, fetched];

// ── kyc-preflight/mock ────────────────────────────────────────────────────────────────────
const mockOptions: MockVendorOptions = { sessions: [{ session_id: UUID, status: "In Review" }], apiKeys: ["k"], cors: true, now: () => new Date(0) };
const mock: MockVendor = createMockVendor("didit", mockOptions);
const answered: Promise<Response> = mock.handle(new Request("https://verification.didit.me/v3/session/x/decision/"));
const asFetch: FetchLike = mock.fetch;
const current: VendorState | undefined = mock.state(UUID);
const all: VendorState[] = mock.list();
mock.put({ session_id: UUID, status: "Approved" });
for (const event of mock.events) {
  const e: MockEvent = event;
  if (e.type === "verdict") {
    const status: number = e.status;
    const rules: RuleId[] = e.issues.map((i) => i.rule);
    const effects: Effect[] = e.effects;
    void [status, rules, effects];
  } else if (e.type === "webhook") {
    const provider: Provider = e.provider;
    void provider;
  }
}
expectType<Equal<MockVendor["provider"], Provider>>();
expectType<Equal<IsAny<MockEvent>, false>>();
// @ts-expect-error: not a provider
createMockVendor("onfido");
// @ts-expect-error: apiKeys are strings
createMockVendor("verifa", { apiKeys: [1] });
// @ts-expect-error: events are read-only
mock.events.push({ type: "webhook", seq: 1, provider: "didit", id: "x", event: "e", payload: {} });
void [answered, asFetch, current, all];
