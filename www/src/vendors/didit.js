// Didit in the console: its samples, its HTTP, its two operations' forms, the resubmission
// widget, and the two Didit-only panels: what auto-resubmission would reset (the status
// summary) and the steps of a decision, each with its own feature update-status actions.
import { allowedActions, autoSelectResubmission } from "kyc-preflight";
import file from "../../samples/didit.json";
import { h, pathId } from "../dom.js";
import { datalist, field, isObject, setKey, textInput } from "../forms.js";
import { probeContext, stateOf, whyNot } from "../model.js";

/** @type {import("../vendors.js").VendorModule} */
export default {
  id: "didit",
  stateName: "Get Decision JSON (GET /v3/session/{id}/decision/)",
  idField: "session_id",
  samples: file.samples,
  http: {
    baseUrl: "https://verification.didit.me",
    statePath: "/v3/session/{id}/decision/",
    auth: { header: "x-api-key", env: "DIDIT_API_KEY", example: () => "your-didit-api-key" },
  },
  forms: {
    "didit.update_session_status": {
      statusField: "new_status",
      fields: [
        { key: "new_status", label: "New status", kind: "text", suggest: "targets" },
        { key: "comment", label: "Comment (kept in the session's review history)", kind: "textarea" },
        { key: "send_email", label: "Email the user about this decision", kind: "checkbox" },
        { key: "email_address", label: "Email address", kind: "text", inputmode: "email" },
        { key: "email_language", label: "Email language code", kind: "text", placeholder: "en" },
        // No `initial`: left out, so the resubmission field explains auto-selection first.
        { key: "nodes_to_resubmit", label: "Steps to resubmit", kind: "resubmission", resubmitTarget: "Resubmitted" },
      ],
    },
    "didit.update_feature_status": {
      statusField: "new_status",
      fields: [
        { key: "new_status", label: "New step status", kind: "text", suggest: "targets" },
        { key: "comment", label: "Comment", kind: "textarea" },
        { key: "defer_until_flow_finishes", label: "Defer until the user's flow finishes", kind: "checkbox" },
      ],
    },
  },
  widgets: { resubmission: resubmissionField },
  summary: autoSummary,
  stepBoard,
};

/** The status summary's extra line: the steps auto-selection would reset. */
function autoSummary(state) {
  if (!state || typeof state !== "object") return [];
  const auto = autoSelectResubmission(state);
  return [{
    term: "Auto-resubmission would reset",
    id: "auto-summary",
    text: auto.nodes.length ? auto.nodes.map((n) => `${n.feature} (${n.node_id})`).join(" → ") : "nothing: no step needs resubmission",
  }];
}

/**
 * Each step of the decision (any array of items with a `status`), in workflow order, with
 * every target the package offers for a step of its kind, allowed or not.
 */
function stepBoard(vendor, context, now) {
  const decision = stateOf(vendor, context);
  const steps = decisionSteps(decision).map((step) => {
    const probe = probeContext(vendor, { status: decision.status, [step.key]: [{ node_id: step.node_id }] });
    const targets = allowedActions(vendor.id, probe).filter((a) => a.node_id === step.node_id);
    const actions = targets.map((target) => {
      const current = now.find((a) => a.node_id === step.node_id && a.operation === target.operation && a.target === target.target);
      if (current) return { action: current, allowed: true };
      return { action: target, allowed: false, reason: whyNot(vendor, target, context, step.status) };
    });
    return { ...step, actions };
  });
  return { title: "Steps (feature update-status)", steps };
}

/** The steps of a decision, in workflow-graph order (`features` entries with node_id). */
function decisionSteps(decision) {
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

/**
 * What auto-selection would reset (autoSelectResubmission, graph order), and the choice to
 * send an explicit, editable nodes_to_resubmit instead.
 */
function resubmissionField(def, ui) {
  const decision = ui.state;
  const auto = autoSelectResubmission(decision ?? null);
  const steps = decisionSteps(decision);
  const statusOf = (nodeId) => steps.find((s) => s.node_id === nodeId);
  const explicit = ui.body.nodes_to_resubmit !== undefined;
  const wrap = h("fieldset", { class: "field wide rows resubmission", dataset: { fieldPath: JSON.stringify(["body", "nodes_to_resubmit"]) } });
  const issues = h("ul", { class: "field-issues", id: "f-body-nodes_to_resubmit-issues" });
  ui.register({ path: () => ["body", "nodes_to_resubmit"], list: issues, input: null, wrap });

  const preview = h("div", { class: "auto-preview", id: "auto-preview" });
  if (auto.nodes.length) {
    preview.append(
      h("p", {}, "If you leave the list out, Didit resets these steps, in workflow order:"),
      h("ol", { class: "auto-steps" }, auto.nodes.map((node) => {
        const step = statusOf(node.node_id);
        return h("li", { dataset: { nodeId: node.node_id } }, h("code", {}, node.feature), ` — node ${node.node_id}`, step ? ` (${step.key}: ${step.status})` : "");
      })),
    );
  } else if (auto.issue) {
    const answer = ui.predict?.({ new_status: def.resubmitTarget });
    preview.append(
      h("div", { class: "explain", id: "auto-empty" },
        h("p", {}, h("strong", {}, "Auto-selection finds nothing. "), auto.issue.message, "."),
        h("p", {}, "So a request without ", h("code", {}, "nodes_to_resubmit"), " is refused", answer ? [" with ", h("code", {}, `${answer.status} ${JSON.stringify(answer.body)}`)] : "", ". ",
          "Choose the steps yourself below, or approve or decline instead."),
        h("p", { class: "meta" }, h("code", {}, auto.issue.rule), " · ", auto.issue.source),
      ),
    );
  }

  const mode = h("div", { class: "mode", role: "radiogroup", "aria-label": "How to choose the steps" });
  for (const [value, label] of [["auto", "Let Didit choose (omit nodes_to_resubmit)"], ["explicit", "Choose the steps myself (send nodes_to_resubmit)"]]) {
    const radio = h("input", { type: "radio", name: "resubmit-mode", value, id: `resubmit-${value}`, checked: (value === "explicit") === explicit });
    radio.addEventListener("change", () => {
      if (value === "explicit") ui.body.nodes_to_resubmit = auto.nodes.map((n) => ({ ...n }));
      else delete ui.body.nodes_to_resubmit;
      ui.rebuild(`#resubmit-${value}`);
    });
    mode.append(h("span", { class: "check" }, radio, h("label", { for: radio.id }, label)));
  }

  wrap.append(
    h("legend", {}, def.label),
    h("p", { class: "help" }, `Used with ${def.resubmitTarget}.`),
    preview,
    mode,
  );

  if (explicit) {
    const items = ui.body.nodes_to_resubmit;
    if (!Array.isArray(items)) {
      wrap.append(h("p", { class: "help" }, "nodes_to_resubmit is not a list: edit it in the JSON body below."));
    } else {
      const nodeIds = steps.map((s) => s.node_id);
      const featureNames = [...new Set([...auto.nodes.map((n) => n.feature), ...(Array.isArray(decision?.features) ? decision.features : []).map((f) => (typeof f === "string" ? f : f?.feature)).filter((f) => typeof f === "string")])];
      const list = h("ol", { class: "row-list nodes" });
      items.forEach((item, index) => {
        const base = ["body", "nodes_to_resubmit", index];
        const li = h("li", { class: "row node-row", dataset: { row: index, fieldPath: JSON.stringify(base) } });
        const itemIssues = h("ul", { class: "field-issues" });
        ui.register({ path: () => base, list: itemIssues, input: null, wrap: li });
        if (!isObject(item)) {
          li.append(h("span", { class: "help" }, `Item ${index + 1} is not an object: edit it in the JSON body.`), itemIssues);
          list.append(li);
          return;
        }
        for (const [key, label, values] of [["node_id", `Step ${index + 1} node id`, nodeIds], ["feature", `Step ${index + 1} feature`, featureNames]]) {
          const path = [...base, key];
          const input = textInput(typeof item[key] === "string" ? item[key] : "", { suggest: values, id: pathId(path) });
          input.addEventListener("input", () => (setKey(item, key, input.value), ui.changed()));
          li.append(field(ui, { path, label, input, extra: datalist(pathId(path), values) }));
        }
        li.append(
          h("button", { type: "button", class: "small", onclick: () => (items.splice(index, 1), ui.rebuild("#add-node")) }, `Remove step ${index + 1}`),
          itemIssues,
        );
        list.append(li);
      });
      const add = h("button", {
        type: "button",
        id: "add-node",
        onclick: () => {
          items.push({ node_id: "", feature: "" });
          ui.rebuild(`#${CSS.escape(pathId(["body", "nodes_to_resubmit", items.length - 1, "node_id"]))}`);
        },
      }, "Add a step");
      wrap.append(list, add);
    }
  }
  wrap.append(issues);
  return wrap;
}
