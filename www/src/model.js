// Everything the console derives from the package itself: the vendor's action catalogue
// and transitions (allowedActions probed with each listed status), the canonical lanes,
// and why an action is not allowed now (validate's own issue). Names no vendor: a vendor's
// own panels (vendors/<id>.js hooks) build on probeContext and whyNot.
import { allowedActions, canonicalStatus, operations, rules, validate } from "kyc-preflight";

export const OPERATIONS = new Map(operations().map((op) => [op.id, op]));
export const RULES = new Map(rules().map((rule) => [rule.id, rule]));

/** The vendor's operations, in the package's order. */
export const operationsOf = (vendor) => [...OPERATIONS.values()].filter((op) => op.provider === vendor.id);

export const actionKey = (a) => [a.operation, a.node_id ?? "", a.target ?? `edit:${a.requires.join(",")}`].join("|");

/** The context `allowedActions` and `validate` take, around a vendor state. */
export const probeContext = (vendor, state) => ({ [vendor.contextKey]: state });

/** The vendor's own JSON, or the same wrapped as the context (`{decision: …}`), read as the context. */
export function contextOf(vendor, state) {
  if (state === undefined) return undefined;
  const wrapped = state && typeof state === "object" && !Array.isArray(state) && Object.keys(state).length === 1 && vendor.contextKey in state;
  return wrapped ? state : probeContext(vendor, state);
}

/** The vendor state inside a context. */
export const stateOf = (vendor, context) => context?.[vendor.contextKey];

const catalogues = new Map();

/**
 * Per vendor, once: every session-level action offered from some listed status, the
 * status transitions they make (from → target), and each status's canonical lane.
 */
export function catalogue(vendor) {
  if (catalogues.has(vendor.id)) return catalogues.get(vendor.id);
  const actions = new Map();
  const transitions = [];
  for (const from of vendor.statuses) {
    for (const action of allowedActions(vendor.id, probeContext(vendor, { status: from }))) {
      if (action.node_id !== undefined) continue;
      if (!actions.has(actionKey(action))) actions.set(actionKey(action), action);
      if (action.target !== undefined && vendor.statuses.includes(action.target)) {
        transitions.push({ from, to: action.target, operation: action.operation, label: action.label });
      }
    }
  }
  const lanes = new Map(vendor.statuses.map((status) => [status, canonicalStatus(vendor.id, status) ?? "unknown"]));
  const result = { actions: [...actions.values()], transitions, lanes };
  catalogues.set(vendor.id, result);
  return result;
}

/** The path parameters for an operation, from the vendor state (and the action's node). */
export function pathFor(vendor, operation, state, nodeId) {
  const op = OPERATIONS.get(operation);
  const id = state && typeof state[vendor.idField] === "string" ? state[vendor.idField] : "";
  return Object.fromEntries(op.pathParams.map((name) => [name, name === "nodeId" ? (nodeId ?? "") : id]));
}

/**
 * Why an action is not allowed now: validate it against the current state with just its
 * target (in its form's `statusField`), and take the issue that concerns the state (or
 * the status move). `from` names the status it is judged from (default: the session's).
 */
export function whyNot(vendor, action, context, from) {
  const state = stateOf(vendor, context);
  const statusField = vendor.forms[action.operation]?.statusField;
  const body = statusField && action.target !== undefined ? { [statusField]: action.target } : {};
  const report = validate(action.operation, { path: pathFor(vendor, action.operation, state, action.node_id), body }, { context });
  const errors = report.issues.filter((i) => i.severity === "error");
  const issue =
    errors.find((i) => i.path[0] === "context") ?? errors.find((i) => /\.(same_status|transition)$/.test(i.rule)) ?? null;
  const status = from ?? (typeof state?.status === "string" ? state.status : "(no status)");
  return { text: `not allowed from ${status}`, issue };
}

/**
 * Session-level actions: the whole catalogue, each allowed now or not (with the reason);
 * `now` is what allowedActions offers now (node-level ones too, for a vendor's stepBoard).
 */
export function sessionBoard(vendor, context) {
  const now = context ? allowedActions(vendor.id, context) : [];
  const live = new Map(now.filter((a) => a.node_id === undefined).map((a) => [actionKey(a), a]));
  const rows = catalogue(vendor).actions.map((action) => {
    const current = live.get(actionKey(action));
    live.delete(actionKey(action));
    if (current) return { action: current, allowed: true };
    return { action, allowed: false, reason: context ? whyNot(vendor, action, context) : null };
  });
  for (const action of live.values()) rows.push({ action, allowed: true });
  return { rows, now };
}
