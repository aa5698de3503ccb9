/** The operation ids: `"didit.update_session_status"` and the rest. */
export type OperationId = Operation;

/** The rule ids an operation's reports may hold: its own rules and the kernel's `InputRule`s. */
export type RuleOf<Op extends Operation = Operation> = OperationRules[Op] | InputRule;

/** The provider of an operation, e.g. `"didit"` for `"didit.update_session_status"`. */
export type ProviderOf<Op extends Operation = Operation> = OperationProviders[Op];

/**
 * An operation's request body as its vendor documents it, e.g. `DiditUpdateSessionStatusBody`
 * for `"didit.update_session_status"`; `Record<string, unknown>` where the body is undocumented.
 */
export type BodyOf<Op extends Operation = Operation> = OperationBodies[Op];

/** A provider's state JSON (the parts the rules read), e.g. `DiditDecision` for `"didit"`. */
export type ProviderState<P extends Provider = Provider> = ProviderStates[P];

/**
 * A provider's `context`: its state JSON under its key, e.g. `{ decision?: DiditDecision }`
 * for `"didit"` (for several providers, each one's key).
 */
export type ProviderContext<P extends Provider = Provider> = {
  [Q in P as ProviderContextKeys[Q]]?: ProviderStates[Q];
};

/** An operation's `context`: its provider's (`ProviderContext`). */
export type ContextOf<Op extends Operation = Operation> = ProviderContext<OperationProviders[Op]>;

/**
 * A validation's answer, discriminated by `ok`: an `OkReport` holds the `request` to send
 * (and no `response`), a `RefusedReport` no `request` (and the vendor's predicted
 * `response`, when one is known). The issues of a `Report<Op>` name `Op`'s rules only.
 */
export type Report<Op extends Operation = Operation> = OkReport<Op> | RefusedReport<Op>;

/** No issue is an error: send `request`. */
export interface OkReport<Op extends Operation = Operation> extends ReportFields<Op> {
  ok: true;
  request: PreparedRequest;
  response: null;
}

/** An issue is an error: the vendor would refuse the request (`response`, when known). */
export interface RefusedReport<Op extends Operation = Operation> extends ReportFields<Op> {
  ok: false;
  request: null;
}

/** One request: path parameters, optional headers, and the body as it will be sent. */
export interface RequestInput<Op extends Operation = Operation> {
  /** e.g. `{ sessionId: "…" }`, names as in the operation's path template. */
  path?: Record<string, string>;
  /** Optional; header rules run only when headers are given. */
  headers?: Record<string, string>;
  /**
   * A JS value (serialised with JSON.stringify), a string of JSON text, or UTF-8 bytes.
   * Typed as the operation's body (`BodyOf<Op>`) for completion, yet any value is taken
   * (`{} | null`, with `undefined`, is every value): untrusted data is what the validator
   * is for, and its report says what is wrong.
   */
  body?: BodyOf<Op> | {} | null;
}

export interface ValidateOptions<Op extends Operation = Operation> {
  /**
   * What the caller already fetched from the vendor: `{ decision }` (Didit), `{ session }`
   * (Verifa, Legal Talent) or `{ verification }` (AnyCheck), as `ContextOf<Op>` types it.
   */
  context?: ContextOf<Op>;
  /** Per-rule severity overrides, for the operation's rules (`RuleOf<Op>`). */
  severity?: Partial<Record<RuleOf<Op>, SeverityOverride>>;
  /** Default 100, at most 100000; past it the report says `truncated: true`. */
  maxIssues?: number;
  /** Container nesting of the body (the body object is depth 1). Default 64, at most 126. */
  maxDepth?: number;
  /** UTF-8 bytes of the body's JSON text, checked before crossing into wasm. Default 1 MiB, at most 16 MiB. */
  maxBodyBytes?: number;
}

/** Thrown only for misuse (unknown operation, provider or rule id; bad options), never for bad data. */
export declare class PreflightError extends Error {
  readonly code:
    | "unknown_operation"
    | "unknown_provider"
    | "unknown_rule"
    | "invalid_options"
    | "invalid_argument"
    | "not_initialized";
}

// `Op` is taken from the operation id alone (`NoInfer`): a request or options typed for
// every operation (`RequestInput`, `ValidateOptions`) still give the operation's own report.
/** Will the vendor accept this request? */
export declare function validate<Op extends Operation>(
  operation: Op,
  request: RequestInput<NoInfer<Op>>,
  options?: ValidateOptions<NoInfer<Op>>,
): Report<Op>;
/** Many requests against one operation, in one crossing into wasm. */
export declare function validateBatch<Op extends Operation>(
  operation: Op,
  requests: readonly RequestInput<NoInfer<Op>>[],
  options?: ValidateOptions<NoInfer<Op>>,
): Report<Op>[];
/** Didit: the steps the server resubmits when `nodes_to_resubmit` is omitted. */
export declare function autoSelectResubmission(decision: DiditDecision): AutoSelection;
/** What a reviewer may do now, given the vendor's own state JSON (`{ decision }`, `{ session }`…). */
export declare function allowedActions<P extends Provider>(provider: P, context: ProviderContext<P>): Action[];
/**
 * One inbox for every vendor; `null` for an unknown status. `detail` refines a status the
 * vendor splits in two (AnyCheck's `COMPLETED`, by `output_status`): the state JSON, the
 * context holding it, or the bare value.
 */
export declare function canonicalStatus<P extends Provider>(
  provider: P,
  status: string,
  detail?: ProviderState<P> | ProviderContext<P> | string | null,
): CanonicalStatus | null;
/** Verifa's one-level metadata merge: patch keys replace, `null` deletes, others stay. */
export declare function mergeVerifaMetadata(
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown>;
export declare function operations(): OperationInfo[];
export declare function rules(): RuleInfo[];
/** The vendors the registry lists: provider id, display label, and the `context` key of each one's state JSON. */
export declare function vendors(): VendorInfo[];

/** One issue of a failed Standard Schema validation. */
export interface PreflightSchemaIssue {
  readonly message: string;
  /** Relative to the body (`[]` is the body itself); absent for an issue outside the body. */
  readonly path?: ReadonlyArray<string | number>;
}

/**
 * A Standard Schema (v1) that validates a body for one operation, synchronously. It is
 * assignable to `StandardSchemaV1<unknown, BodyOf<Op>>` from `@standard-schema/spec`.
 */
export interface PreflightStandardSchema<Op extends Operation = Operation> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: "kyc-preflight";
    /**
     * Never throws and never returns a Promise; only errors fail, warnings do not. The
     * value is the prepared body (aliases resolved, repeats dropped).
     */
    readonly validate: (
      value: unknown,
      options?: { readonly libraryOptions?: Record<string, unknown> | undefined } | undefined,
    ) =>
      | { readonly value: BodyOf<Op>; readonly issues?: undefined }
      | { readonly issues: ReadonlyArray<PreflightSchemaIssue> };
    /**
     * Type-level only (absent at run time): any value in, the operation's body out. A body
     * with warnings only passes, so a value the vendor coerces or merely warns about (a
     * `send_email` of `"yes"`, an unknown `email_language`) may reach the output.
     */
    readonly types?: { readonly input: unknown; readonly output: BodyOf<Op> } | undefined;
  };
}
/** Throws a `PreflightError` for an unknown operation or bad options, once, here. */
export declare function standardSchema<Op extends Operation>(
  operation: Op,
  options?: ValidateOptions<NoInfer<Op>>,
): PreflightStandardSchema<Op>;

/**
 * A copy safe to log, save and show. In every report it finds (the value itself, or one
 * inside arrays and objects, so `validateBatch`'s array too) each credential header of
 * `request.headers` (see `isSecretHeader`) is replaced by a marker: `"••••(redacted)"`, or
 * `"••••(redacted, …cdef)"` with the last four characters of a credential of 16 or more;
 * an auth scheme stays visible (`"Bearer ••••(redacted, …cdef)"`). Never mutates its
 * argument; a value holding no report comes back as an equal copy.
 */
export declare function redact<R extends Report>(reports: readonly R[]): R[];
export declare function redact<R extends Report>(report: R): R;
export declare function redact<T>(value: T): T;
/** A copy of a request (a `RequestInput`, or a report's `request`) with its credential headers replaced as `redact` does. */
export declare function redactRequest(request: PreparedRequest): PreparedRequest;
export declare function redactRequest<Op extends Operation>(request: RequestInput<Op>): RequestInput<Op>;
/**
 * Whether a header of this name holds a credential, case-insensitively: each vendor's
 * credential header (`x-api-key`, `X-API-Key`, `Authorization`), `Authorization`,
 * `Proxy-Authorization`, `Cookie`, `Set-Cookie`, and any name ending in `api-key`
 * (`api_key`, `apikey`), `token` or `secret`.
 */
export declare function isSecretHeader(name: string): boolean;

/** A `fetch`-shaped function: what `preflightFetch` wraps and returns. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** A recognised vendor call as `preflightFetch` read it; `headers` hold credentials as sent. */
export interface PreflightFetchRequest {
  url: string;
  method: string;
  /** The path parameters, named as in the operation's path template. */
  path: Record<string, string>;
  /** Names in lower case, as `Headers` gives them. */
  headers: Record<string, string>;
  /** The body text as it would be sent. */
  body: string;
}

export interface PreflightFetchOptions {
  /** `"block"` (default): answer a refused request with the vendor's predicted `Response`, never calling `fetchImpl`. `"report"`: call `onReport` and send it anyway. */
  mode?: "block" | "report";
  /** Where else each vendor's API lives, e.g. `{ legaltalent: "https://kyc.example.com/api" }`. Didit's `verification.didit.me` and Verifa's `withverifa.com` are known already. */
  baseUrls?: Partial<Record<Provider, string | readonly string[]>>;
  /** The state the request is judged against (`{ decision }`, `{ session }`, `{ verification }`); may be async. */
  context?: (operation: OperationId, request: PreflightFetchRequest) => unknown;
  /** Called with every report, ok or not, in both modes. The request holds credentials: `redact` before logging. */
  onReport?: (report: Report, request: PreflightFetchRequest) => void;
  /** Options for `validate` other than `context` (severity overrides, limits). */
  validateOptions?: Omit<ValidateOptions, "context">;
}

/**
 * Wraps `fetchImpl` (default: the global `fetch`): a request to one of the vendor
 * operations (`operations()`) is validated first; a refused one is answered with the
 * vendor's predicted `Response` (mode `"block"`), an accepted one is sent once as the
 * prepared request. Every other request passes through untouched.
 */
export declare function preflightFetch(fetchImpl?: FetchLike, options?: PreflightFetchOptions): FetchLike;
