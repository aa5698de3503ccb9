// Types of `kyc-preflight/mock`. scripts/build.mjs writes this file as dist/mock/index.d.ts,
// and as dist/mock/index.d.cts with the import below pointing at the CommonJS declarations.
import type { Effect, Issue, OperationId, Provider } from "../esm/index.js";

/** A vendor's state JSON, as its GET returns it (Didit's decision, a Verifa or Legal Talent session, an AnyCheck verification). */
export type VendorState = Record<string, unknown>;

export interface MockVendorOptions {
  /**
   * The sessions the mock starts with, each the vendor's own GET JSON, found by its id:
   * Didit's decision by `session_id`, Verifa's session by `id`, Legal Talent's session by
   * `session_id`, AnyCheck's verification by `id`. Copied: the objects are never changed.
   */
  sessions?: readonly VendorState[];
  /**
   * The credentials the mock accepts (Didit's `x-api-key` or bearer token, Verifa's
   * `X-API-Key`, Legal Talent's and AnyCheck's bearer token). When given, a request with a
   * missing or unknown credential gets the vendor's 401 (Didit: 403). When absent, no
   * credential is asked for.
   */
  apiKeys?: readonly string[];
  /** Called with each event as it is recorded (the CLI logs with it). */
  onEvent?: (event: MockEvent) => void;
  /** Answer CORS preflights and add `Access-Control-Allow-*` headers (for pages on another origin). Default false. */
  cors?: boolean;
  /** Where the vendor's API sits under its host, e.g. `"/api"` for `https://kyc.example.com/api/kyc/sessions/…`. Default: the root. */
  basePath?: string;
  /** The clock for the times the mock writes (reviews, `updated_at`, webhooks). Default `() => new Date()`. */
  now?: () => Date;
}

/** A request as it reached the mock; its credential headers redacted, as `redactRequest` does. */
export interface MockRequestEvent {
  type: "request";
  /** Numbers the requests; a request's verdict and webhooks carry the same number. */
  seq: number;
  method: string;
  path: string;
  operation: OperationId | null;
  headers: Record<string, string>;
}

/**
 * What the mock answered: `applied` (accepted, state changed), `refused` (the report was
 * not ok: the answer is its `response`), `read` (a GET), `not_found` (unknown id),
 * `unauthorized`, `replayed` (Verifa's `Idempotency-Key` seen before), `idempotency_mismatch`,
 * `no_route`, `method_not_allowed`, `preflight` (CORS).
 */
export interface MockVerdictEvent {
  type: "verdict";
  seq: number;
  operation: OperationId | null;
  id: string | null;
  status: number;
  outcome:
    | "applied"
    | "refused"
    | "read"
    | "not_found"
    | "unauthorized"
    | "replayed"
    | "idempotency_mismatch"
    | "no_route"
    | "method_not_allowed"
    | "preflight";
  /** The report's issues (warnings too); never holds a field's value. */
  issues: Issue[];
  /** The report's effects, when applied. */
  effects: Effect[];
}

/** A webhook the vendor would fire (Didit's `status.updated` and `data.updated`). */
export interface MockWebhookEvent {
  type: "webhook";
  seq: number;
  provider: Provider;
  id: string;
  event: string;
  payload: Record<string, unknown>;
}

export type MockEvent = MockRequestEvent | MockVerdictEvent | MockWebhookEvent;

export interface MockVendor {
  readonly provider: Provider;
  /**
   * Answers one request as the vendor would: every write operation at its path and
   * methods and the GET of each session's state, on any host. Plugs into MSW
   * (`http.all(url, ({ request }) => mock.handle(request))`), Playwright's `page.route`, a
   * Service Worker or any server that speaks `Request` and `Response`.
   */
  handle(request: Request): Promise<Response>;
  /** `handle(new Request(input, init))`: the mock as a `fetch`. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** The current state of one session (a copy), or `undefined` for an unknown id. */
  state(id: string): VendorState | undefined;
  /** Every session's current state (copies), in the order they were added. */
  list(): VendorState[];
  /** Adds a session, or replaces the one with the same id (a copy is kept). */
  put(session: VendorState): void;
  /** What happened, in order: requests, verdicts, webhooks. */
  readonly events: readonly MockEvent[];
}

/**
 * A stateful mock of one vendor, built from the package's own rules. Throws a
 * `PreflightError` (`unknown_provider`, `invalid_argument`) for misuse.
 */
export declare function createMockVendor(provider: Provider, options?: MockVendorOptions): MockVendor;
