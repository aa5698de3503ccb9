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
  AnycheckRule,
  AnycheckUpdateVerificationBody,
  AnycheckVerification,
  AutoSelection,
  BodyOf,
  CanonicalStatus,
  ContextOf,
  DiditDecision,
  DiditFeature,
  DiditFeatureRule,
  DiditNodeToResubmit,
  DiditSessionRule,
  DiditUpdateFeatureStatusBody,
  DiditUpdateSessionStatusBody,
  Effect,
  InputRule,
  Issue,
  LegaltalentExtendRule,
  LegaltalentRequestCorrectionsBody,
  LegaltalentSession,
  LegaltalentUpdateSessionStatusBody,
  Method,
  OkReport,
  OperationBodies,
  OperationId,
  OperationInfo,
  PathSegment,
  PredictedResponse,
  PreflightStandardSchema,
  PreparedRequest,
  Provider,
  ProviderContext,
  ProviderOf,
  ProviderState,
  RefusedReport,
  Report,
  RequestInput,
  RuleId,
  RuleInfo,
  RuleOf,
  Severity,
  SeverityOverride,
  Source,
  ValidateOptions,
  VerifaRule,
  VerifaSession,
  VerifaUpdateSessionBody,
} from "kyc-preflight";
import init, * as web from "kyc-preflight/web";
import wasmModule from "kyc-preflight/kyc_preflight.wasm";
import { preflightFetch } from "kyc-preflight";
import type { FetchLike, PreflightFetchOptions, PreflightFetchRequest } from "kyc-preflight";
import { createMockVendor } from "kyc-preflight/mock";
import type { MockEvent, MockVendor, MockVendorOptions, VendorState } from "kyc-preflight/mock";
import type { StandardSchemaV1 } from "@standard-schema/spec";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Each assignable to the other: for generic signatures declared in two files (`Equal`'s identity is unreliable there). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
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

const actions: Action[] = allowedActions("legaltalent", { session: { status: "completed" } });
// @ts-expect-error: "pending" is a Verifa status, not a Legal Talent one
allowedActions("legaltalent", { session: { status: "pending" } });
for (const action of actions) {
  const actionOperation: OperationId = action.operation;
  const label: string = action.label;
  const requires: string[] = action.requires;
  const target: string | undefined = action.target;
  void [actionOperation, label, requires, target];
}
// @ts-expect-error: unknown provider
allowedActions("onfido", {});

const canonical: CanonicalStatus | null = canonicalStatus("anycheck", "completed", { output_status: "VERIFIED" });
// @ts-expect-error: not an AnyCheck output_status
canonicalStatus("anycheck", "COMPLETED", { output_status: "clear" });
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

// ── A report narrows by `ok`, and names only its operation's rules ──────────────────────
const didit = validate("didit.update_session_status", { path: { sessionId: UUID }, body: { new_status: "Approved" } });
expectType<Equal<typeof didit, Report<"didit.update_session_status">>>();
expectType<Equal<Report, Report<OperationId>>>();
expectType<Equal<Report<"verifa.update_session">, OkReport<"verifa.update_session"> | RefusedReport<"verifa.update_session">>>();
// @ts-expect-error: `request` is null in a refused report: check `ok` first
void didit.request.bodyText;
if (didit.ok) {
  // No `!`: an ok report always holds the request to send, and no predicted answer.
  const sendText: string = didit.request.bodyText;
  expectType<Equal<typeof didit.request, PreparedRequest>>();
  expectType<Equal<typeof didit.response, null>>();
  void sendText;
} else {
  expectType<Equal<typeof didit.request, null>>();
  expectType<Equal<typeof didit.response, PredictedResponse | null>>();
  // @ts-expect-error: a refused report has no request to send
  void didit.request.bodyText;
}
expectType<Equal<typeof didit.operation, "didit.update_session_status">>();
expectType<Equal<(typeof didit)["issues"][number]["rule"], DiditSessionRule | InputRule>>();
expectType<Equal<Issue<"didit.update_session_status">["rule"], DiditSessionRule | InputRule>>();
expectType<Equal<RuleOf<"didit.update_feature_status">, DiditFeatureRule | InputRule>>();
expectType<Equal<RuleOf<"verifa.update_session">, VerifaRule | InputRule>>();
expectType<Equal<RuleOf<"anycheck.update_verification">, AnycheckRule | InputRule>>();
expectType<Equal<RuleOf<"legaltalent.extend_session">, LegaltalentExtendRule | InputRule>>();
expectType<Equal<RuleOf, RuleId>>();
expectType<Equal<RuleOf<"didit.update_session_status" | "verifa.update_session">, DiditSessionRule | VerifaRule | InputRule>>();
for (const issue of didit.issues) {
  switch (issue.rule) {
    case "didit.update_session_status.new_status_choice":
    case "json_syntax":
      break;
    // @ts-expect-error: a Verifa rule never appears in a Didit report
    case "verifa.update_session.redacted":
      break;
  }
}
const batch = validateBatch("legaltalent.extend_session", [{ path: { session_id: UUID } }]);
expectType<Equal<typeof batch, Report<"legaltalent.extend_session">[]>>();
for (const report of batch) {
  // Exhaustive over the five rules of the call and the input rules, nothing else.
  const rule: LegaltalentExtendRule | InputRule = report.issues[0]?.rule ?? "json_syntax";
  void rule;
}
// An operation picked at run time: every rule and every context are possible.
declare const someOperation: OperationId;
expectType<Equal<ReturnType<typeof validate<OperationId>>, Report>>();
const anyReport = validate(someOperation, request, options);
expectType<Equal<typeof anyReport, Report>>();
// Severity overrides accept the operation's rules and the input rules, no other.
validate("didit.update_session_status", request, {
  severity: { "didit.update_session_status.email_unused": "off", too_deep: "warning" },
});
// @ts-expect-error: a Verifa rule cannot be overridden in a Didit call
validate("didit.update_session_status", request, { severity: { "verifa.update_session.redacted": "off" } });
// @ts-expect-error: nor can the other Didit operation's
validateBatch("didit.update_session_status", [request], { severity: { "didit.update_feature_status.same_status": "off" } });
// Options written once for several operations keep every rule (the default `ValidateOptions`).
const shared: ValidateOptions = { severity: { "verifa.update_session.redacted": "warning", json_syntax: "warning" } };
validate("didit.update_session_status", request, shared);
validate("verifa.update_session", request, shared);

// ── Bodies per operation ────────────────────────────────────────────────────────────────
expectType<Equal<BodyOf<"didit.update_session_status">, DiditUpdateSessionStatusBody>>();
expectType<Equal<BodyOf<"didit.update_feature_status">, DiditUpdateFeatureStatusBody>>();
expectType<Equal<BodyOf<"verifa.update_session">, VerifaUpdateSessionBody>>();
expectType<Equal<BodyOf<"legaltalent.update_session_status">, LegaltalentUpdateSessionStatusBody>>();
expectType<Equal<BodyOf<"legaltalent.request_corrections">, LegaltalentRequestCorrectionsBody>>();
expectType<Equal<BodyOf<"anycheck.update_verification">, AnycheckUpdateVerificationBody>>();
// The four Legal Talent calls without a documented body; `BodyOf` is total over the operations.
expectType<Equal<BodyOf<"legaltalent.process_session">, Record<string, unknown>>>();
expectType<Equal<BodyOf<"legaltalent.generate_link">, Record<string, unknown>>>();
expectType<Equal<keyof OperationBodies, OperationId>>();
expectType<Equal<IsAny<BodyOf>, false>>();
// Literal unions, rendered from the Rust tables the rules use.
expectType<Equal<DiditUpdateSessionStatusBody["new_status"], "Approved" | "Declined" | "Resubmitted">>();
expectType<Equal<DiditUpdateFeatureStatusBody["new_status"], "Approved" | "Declined" | "In Review">>();
expectType<Equal<LegaltalentUpdateSessionStatusBody["status"], "approved" | "rejected" | "manual_review" | "active">>();
expectType<Equal<AnycheckUpdateVerificationBody["verification_status"], "NEED_REVIEW" | "COMPLETED" | undefined>>();
expectType<Equal<DiditNodeToResubmit, { node_id: string; feature: DiditFeature }>>();
expectType<Equal<NonNullable<DiditUpdateSessionStatusBody["nodes_to_resubmit"]>, DiditNodeToResubmit[]>>();
expectType<"POA" extends DiditFeature ? true : false>();
expectType<Equal<string extends DiditFeature ? true : false, false>>();
const diditBody: DiditUpdateSessionStatusBody = {
  new_status: "Resubmitted",
  comment: "Blurry document",
  send_email: true,
  email_address: "user@example.com",
  email_language: "pt-BR",
  nodes_to_resubmit: [{ node_id: "n1", feature: "POA" }],
  email_preview_token: "token",
};
// @ts-expect-error: not a status update-status sets (a typed body is checked)
const wrongStatus: DiditUpdateSessionStatusBody = { new_status: "Approve" };
// @ts-expect-error: a session status, but not one update-status may set
const notTarget: DiditUpdateSessionStatusBody = { new_status: "In Review" };
// @ts-expect-error: new_status is required
const noStatus: DiditUpdateSessionStatusBody = { comment: "x" };
// @ts-expect-error: not a documented feature
const wrongFeature: DiditNodeToResubmit = { node_id: "n1", feature: "SELFIE" };
// @ts-expect-error: send_email is a boolean
const textEmail: DiditUpdateSessionStatusBody = { new_status: "Approved", send_email: "yes" };
// @ts-expect-error: a step's targets are not the session's
const featureBody: DiditUpdateFeatureStatusBody = { new_status: "Resubmitted" };
const verifaBody: VerifaUpdateSessionBody = { external_ref: "crm-42", metadata: { plan: "pro", old: null } };
// @ts-expect-error: metadata is an object
const verifaWrong: VerifaUpdateSessionBody = { metadata: "plan=pro" };
// @ts-expect-error: only external_ref and metadata can be changed
const verifaStatus: VerifaUpdateSessionBody = { status: "completed" };
const ltBody: LegaltalentUpdateSessionStatusBody = { status: "approved", reason: "Documents verified" };
// @ts-expect-error: statuses are exact, lowercase
const ltWrong: LegaltalentUpdateSessionStatusBody = { status: "Approved" };
const ltCorrections: LegaltalentRequestCorrectionsBody = {
  corrections: [{ step_id: "identity", field_ids: ["dni_back"], document_types: ["dni"], message: "Upload the back" }],
};
// @ts-expect-error: each correction names its step
const ltNoStep: LegaltalentRequestCorrectionsBody = { corrections: [{ message: "Upload the back" }] };
const anycheckBody: AnycheckUpdateVerificationBody = { verification_status: "COMPLETED", output: { score: 1 } };
// @ts-expect-error: AnyCheck's statuses are upper case
const anycheckWrong: AnycheckUpdateVerificationBody = { verification_status: "completed" };
void [diditBody, wrongStatus, notTarget, noStatus, wrongFeature, textEmail, featureBody, verifaBody, verifaWrong, verifaStatus];
void [ltBody, ltWrong, ltCorrections, ltNoStep, anycheckBody, anycheckWrong];
// A request takes the typed body (for completion), and any other value as well: the
// validator is for untrusted data, and says what is wrong with it.
const typedRequest: RequestInput<"didit.update_session_status"> = { path: { sessionId: UUID }, body: diditBody };
expectType<BodyOf<"didit.update_session_status"> extends NonNullable<RequestInput<"didit.update_session_status">["body"]> ? true : false>();
declare const untrusted: unknown;
validate("didit.update_session_status", typedRequest);
validate("didit.update_session_status", { body: untrusted });
validate("didit.update_session_status", { body: '{"new_status":"Approved"}' });
validate("didit.update_session_status", { body: new TextEncoder().encode('{"new_status":"Approved"}') });
validate("didit.update_session_status", { body: { new_status: "approved" } });
validate("didit.update_session_status", { body: null });
validate("verifa.update_session", { body: verifaBody });
validate("legaltalent.process_session", { path: { session_id: UUID }, body: {} });
expectType<Equal<IsAny<RequestInput["body"]>, false>>();
// @ts-expect-error: path values are still strings
validate("verifa.update_session", { path: { session_id: 42 }, body: verifaBody });

// ── Vendor state per provider ───────────────────────────────────────────────────────────
const decision: DiditDecision = {
  status: "In Review",
  session_type: "HOSTED",
  features: [{ feature: "OCR", node_id: "n1" }, "LIVENESS"],
  id_verifications: [{ node_id: "n1", status: "Declined" }],
  liveness_checks: null,
};
// @ts-expect-error: Didit's statuses are its JSON strings ("IN_REVIEW" is an internal name)
const badDecision: DiditDecision = { status: "IN_REVIEW" };
// @ts-expect-error: not one of the decision's step arrays
const badArray: DiditDecision = { selfie_checks: [] };
const verifaSession: VerifaSession = { status: "under_review", retention_status: "active", is_sandbox: false, metadata: null };
// @ts-expect-error: not a retention status
const badRetention: VerifaSession = { retention_status: "deleted" };
const ltSession: LegaltalentSession = {
  status: "completed",
  steps_data: [{ step_id: "identity", status: "completed" }],
  final_decision: null,
  is_expired: false,
};
// @ts-expect-error: not a Legal Talent step status
const badStep: LegaltalentSession = { steps_data: [{ step_id: "identity", status: "done" }] };
const verification: AnycheckVerification = { status: "COMPLETED", output_status: "VERIFIED", service: { id: "svc", name: "KTP" } };
// @ts-expect-error: output_status refines COMPLETED with its own three values
const badOutput: AnycheckVerification = { output_status: "clear" };
void [badDecision, badArray, badRetention, badStep, badOutput];
expectType<Equal<ProviderState<"didit">, DiditDecision>>();
expectType<Equal<ProviderState<"verifa">, VerifaSession>>();
expectType<Equal<ProviderState<"legaltalent">, LegaltalentSession>>();
expectType<Equal<ProviderState<"anycheck">, AnycheckVerification>>();
expectType<Equal<ProviderOf<"legaltalent.generate_link">, "legaltalent">>();
expectType<Equal<ContextOf<"didit.update_feature_status">, { decision?: DiditDecision }>>();
expectType<Equal<ContextOf<"verifa.update_session">, { session?: VerifaSession }>>();
expectType<Equal<ContextOf<"legaltalent.request_corrections">, { session?: LegaltalentSession }>>();
expectType<Equal<ValidateOptions<"anycheck.update_verification">["context"], { verification?: AnycheckVerification } | undefined>>();
expectType<Equal<ProviderContext<"didit">, ContextOf<"didit.update_session_status">>>();
// For any operation, every vendor's key (Verifa and Legal Talent share `session`).
expectType<
  Equal<
    ContextOf,
    { decision?: DiditDecision; session?: VerifaSession | LegaltalentSession; verification?: AnycheckVerification }
  >
>();
validate("didit.update_session_status", { body: diditBody }, { context: { decision } });
validate("verifa.update_session", { body: verifaBody }, { context: { session: verifaSession } });
validate("legaltalent.request_corrections", { body: ltCorrections }, { context: { session: ltSession } });
validate("anycheck.update_verification", { body: anycheckBody }, { context: { verification } });
// @ts-expect-error: Didit's context is `{ decision }`, not `{ session }`
validate("didit.update_session_status", request, { context: { session: ltSession } });
// @ts-expect-error: a Verifa session is not a Legal Talent one
validate("legaltalent.update_session_status", { body: ltBody }, { context: { session: { status: "under_review" } } });
// A mock's state (`Record<string, unknown>`) is accepted as the vendor's state.
const mockState = createMockVendor("didit").state(UUID);
validate("didit.update_session_status", request, { context: { decision: mockState } });
const diditActions: Action[] = allowedActions("didit", { decision });
allowedActions("verifa", { session: verifaSession });
allowedActions("legaltalent", { session: ltSession });
allowedActions("anycheck", { verification });
// @ts-expect-error: Legal Talent's context is `{ session }`
allowedActions("legaltalent", { decision });
// @ts-expect-error: AnyCheck's statuses are upper case
allowedActions("anycheck", { verification: { status: "completed" } });
const picked: AutoSelection = autoSelectResubmission(decision);
// @ts-expect-error: the decision itself, not the context holding it
autoSelectResubmission({ decision });
canonicalStatus("anycheck", "COMPLETED", verification);
canonicalStatus("anycheck", "COMPLETED", { verification });
canonicalStatus("anycheck", "COMPLETED", "NOT_VERIFIED");
canonicalStatus("didit", "In Review", decision);
// @ts-expect-error: a Didit decision does not refine an AnyCheck status
canonicalStatus("anycheck", "COMPLETED", { decision });
void [diditActions, picked];

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
const schema = standardSchema("didit.update_session_status", { maxIssues: 3 });
const standard: StandardSchemaV1 = schema;
const standardAny: PreflightStandardSchema = schema;
const standardUnknown: StandardSchemaV1<unknown, unknown> = standardSchema("verifa.update_session");
const standardTyped: StandardSchemaV1<unknown, DiditUpdateSessionStatusBody> = schema;
expectType<Equal<typeof schema, PreflightStandardSchema<"didit.update_session_status">>>();
// What TanStack Form, React Hook Form and tRPC read: any value in, the operation's body out.
expectType<Equal<StandardSchemaV1.InferInput<typeof schema>, unknown>>();
expectType<Equal<StandardSchemaV1.InferOutput<typeof schema>, DiditUpdateSessionStatusBody>>();
expectType<
  Equal<
    StandardSchemaV1.InferOutput<ReturnType<typeof standardSchema<"didit.update_session_status">>>,
    DiditUpdateSessionStatusBody
  >
>();
expectType<Equal<StandardSchemaV1.InferOutput<ReturnType<typeof standardSchema<"legaltalent.extend_session">>>, Record<string, unknown>>>();
// @ts-expect-error: severity overrides are the operation's rules
standardSchema("didit.update_session_status", { severity: { "anycheck.update_verification.no_op": "off" } });
// @ts-expect-error: the context is the operation's vendor state
standardSchema("anycheck.update_verification", { context: { decision: {} } });
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
  const value: DiditUpdateSessionStatusBody = result.value;
  const newStatus: "Approved" | "Declined" | "Resubmitted" = result.value.new_status;
  void [value, newStatus];
}
const vendor: "kyc-preflight" = schema["~standard"].vendor;
const version: 1 = schema["~standard"].version;
void [standard, standardAny, standardUnknown, standardTyped, vendor, version];

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
// Generic signatures are compared instantiated: across two declaration files, tsc cannot
// relate their generic mapped types (`ContextOf<Op>`) even when the text is the same.
expectType<Same<typeof web.standardSchema<"didit.update_session_status">, typeof standardSchema<"didit.update_session_status">>>();
expectType<Same<typeof web.redact, typeof redact>>();
expectType<Same<typeof web.redactRequest, typeof redactRequest>>();
expectType<Same<typeof web.validate<"legaltalent.request_corrections">, typeof validate<"legaltalent.request_corrections">>>();
expectType<Same<typeof web.allowedActions<"anycheck">, typeof allowedActions<"anycheck">>>();
expectType<Equal<web.Report<"verifa.update_session">, Report<"verifa.update_session">>>();
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
