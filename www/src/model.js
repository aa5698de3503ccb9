// Everything the console derives from the package itself: the vendor's action catalogue
// and transitions (allowedActions probed with each listed status), the canonical lanes,
// why an action is not allowed now (validate's own issue), and Didit's steps.
import { allowedActions, canonicalStatus, operations, rules, validate } from "kyc-preflight";
import { stateOf } from "./vendors.js";

export const OPERATIONS = new Map(operations().map((op) => [op.id, op]));
export const RULES = new Map(rules().map((rule) => [rule.id, rule]));

/** The vendor's operations, in the package's order. */
export const operationsOf = (vendor) => [...OPERATIONS.values()].filter((op) => op.provider === vendor.id);

export const actionKey = (a) => [a.operation, a.node_id ?? "", a.target ?? `edit:${a.requires.join(",")}`].join("|");

const probeContext = (vendor, state) => ({ [vendor.context]: state });

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
 * target, and take the issue that concerns the state (or the status move).
 */
export function whyNot(vendor, action, context, statusField, from) {
  const state = stateOf(vendor, context);
  const body = statusField && action.target !== undefined ? { [statusField]: action.target } : {};
  const report = validate(action.operation, { path: pathFor(vendor, action.operation, state, action.node_id), body }, { context });
  const errors = report.issues.filter((i) => i.severity === "error");
  const issue =
    errors.find((i) => i.path[0] === "context") ?? errors.find((i) => /\.(same_status|transition)$/.test(i.rule)) ?? null;
  const status = from ?? (typeof state?.status === "string" ? state.status : "(no status)");
  return { text: `not allowed from ${status}`, issue };
}

/** Session-level actions: the whole catalogue, each allowed now or not (with the reason). */
export function sessionBoard(vendor, context, statusFieldOf) {
  const now = context ? allowedActions(vendor.id, context) : [];
  const live = new Map(now.filter((a) => a.node_id === undefined).map((a) => [actionKey(a), a]));
  const rows = catalogue(vendor).actions.map((action) => {
    const current = live.get(actionKey(action));
    live.delete(actionKey(action));
    if (current) return { action: current, allowed: true };
    return { action, allowed: false, reason: context ? whyNot(vendor, action, context, statusFieldOf(action.operation)) : null };
  });
  for (const action of live.values()) rows.push({ action, allowed: true });
  return { rows, now };
}

/**
 * Didit: each step of the decision (any array of items with a `status`), in workflow
 * order, with every target the package offers for a step of its kind, allowed or not.
 */
export function stepBoard(vendor, context, now, statusFieldOf) {
  const decision = stateOf(vendor, context);
  const steps = decisionSteps(decision);
  return steps.map((step) => {
    const probe = probeContext(vendor, { status: decision.status, [step.key]: [{ node_id: step.node_id }] });
    const targets = allowedActions(vendor.id, probe).filter((a) => a.node_id === step.node_id);
    const actions = targets.map((target) => {
      const current = now.find((a) => a.node_id === step.node_id && a.operation === target.operation && a.target === target.target);
      if (current) return { action: current, allowed: true };
      return { action: target, allowed: false, reason: whyNot(vendor, target, context, statusFieldOf(target.operation), step.status) };
    });
    return { ...step, actions };
  });
}

/** The steps of a Didit decision, in workflow-graph order (`features` entries with node_id). */
export function decisionSteps(decision) {
  if (!decision || typeof decision !== "object") return [];
  const steps = [];
  for (const [key, value] of Object.entries(decision)) {
    if (!Array.isArray(value)) continue;
    for (const item of value) {
      if (item && typeof item === "object" && typeof item.status === "string") {
        steps.push({ key, node_id: typeof item.node_id === "string" ? item.node_id : "default", status: item.status });
      }
    }
  }
  const order = Array.isArray(decision.features) ? decision.features.map((f) => f?.node_id) : [];
  const rank = (step) => (order.includes(step.node_id) ? order.indexOf(step.node_id) : order.length);
  return steps.map((step, i) => ({ step, i })).sort((a, b) => rank(a.step) - rank(b.step) || a.i - b.i).map((x) => x.step);
}
