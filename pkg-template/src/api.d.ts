/** The operation ids: `"didit.update_session_status"` and the rest. */
export type OperationId = Operation;

/** One request: path parameters, optional headers, and the body as it will be sent. */
export interface RequestInput {
  /** e.g. `{ sessionId: "…" }`, names as in the operation's path template. */
  path?: Record<string, string>;
  /** Optional; header rules run only when headers are given. */
  headers?: Record<string, string>;
  /** A JS value (serialised with JSON.stringify), a string of JSON text, or UTF-8 bytes. */
  body?: unknown;
}

export interface ValidateOptions {
  /** What the caller already fetched from the vendor: `{decision}`, `{session}` or `{verification}`. */
  context?: unknown;
  /** Per-rule severity overrides. */
  severity?: Partial<Record<RuleId, SeverityOverride>>;
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

/** Will the vendor accept this request? */
export declare function validate(operation: OperationId, request: RequestInput, options?: ValidateOptions): Report;
/** Many requests against one operation, in one crossing into wasm. */
export declare function validateBatch(
  operation: OperationId,
  requests: readonly RequestInput[],
  options?: ValidateOptions,
): Report[];
/** Didit: the steps the server resubmits when `nodes_to_resubmit` is omitted. */
export declare function autoSelectResubmission(decision: unknown): AutoSelection;
/** What a reviewer may do now, given the vendor's own state JSON. */
export declare function allowedActions(provider: Provider, context: unknown): Action[];
/** One inbox for every vendor; `null` for an unknown status. */
export declare function canonicalStatus(provider: Provider, status: string, detail?: unknown): CanonicalStatus | null;
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
 * assignable to `StandardSchemaV1<unknown, unknown>` from `@standard-schema/spec`.
 */
export interface PreflightStandardSchema {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: "kyc-preflight";
    /** Never throws and never returns a Promise; only errors fail, warnings do not. */
    readonly validate: (
      value: unknown,
      options?: { readonly libraryOptions?: Record<string, unknown> | undefined } | undefined,
    ) =>
      | { readonly value: unknown; readonly issues?: undefined }
      | { readonly issues: ReadonlyArray<PreflightSchemaIssue> };
    /** Type-level only (absent at run time): the body is checked, not narrowed. */
    readonly types?: { readonly input: unknown; readonly output: unknown } | undefined;
  };
}
/** Throws a `PreflightError` for an unknown operation or bad options, once, here. */
export declare function standardSchema(operation: OperationId, options?: ValidateOptions): PreflightStandardSchema;

/**
 * A copy safe to log, save and show. In every report it finds (the value itself, or one
 * inside arrays and objects, so `validateBatch`'s array too) each credential header of
 * `request.headers` (see `isSecretHeader`) is replaced by a marker: `"••••(redacted)"`, or
 * `"••••(redacted, …cdef)"` with the last four characters of a credential of 16 or more;
 * an auth scheme stays visible (`"Bearer ••••(redacted, …cdef)"`). Never mutates its
 * argument; a value holding no report comes back as an equal copy.
 */
export declare function redact(reports: readonly Report[]): Report[];
export declare function redact(report: Report): Report;
export declare function redact<T>(value: T): T;
/** A copy of a request (a `RequestInput`, or a report's `request`) with its credential headers replaced as `redact` does. */
export declare function redactRequest(request: PreparedRequest): PreparedRequest;
export declare function redactRequest(request: RequestInput): RequestInput;
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
