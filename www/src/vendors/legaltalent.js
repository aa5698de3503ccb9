// Legal Talent in the console: its samples, its HTTP (a bearer token), the forms of its
// two calls that take a body, and the corrections widget (one card per correction).
// process_session, extend_session, generate_link and run_validations take no body (the
// seed shows none), so they have no form and show no body fields.
import file from "../../samples/legaltalent.json";
import { h, pathId } from "../dom.js";
import { datalist, field, isObject, setKey, textInput } from "../forms.js";

/** @type {import("../vendors.js").VendorModule} */
export default {
  id: "legaltalent",
  stateName: "Get Session Details JSON (GET /kyc/sessions/{session_id})",
  idField: "session_id",
  samples: file.samples,
  http: {
    baseUrlEnv: "LEGALTALENT_BASE_URL",
    statePath: "/kyc/sessions/{id}",
    auth: { header: "Authorization", scheme: "Bearer", env: "LEGALTALENT_TOKEN", example: () => "Bearer your-legaltalent-token" },
  },
  forms: {
    "legaltalent.update_session_status": {
      statusField: "status",
      fields: [
        { key: "status", label: "New status", kind: "text", suggest: "targets" },
        { key: "reason", label: "Reason", kind: "textarea" },
      ],
    },
    "legaltalent.request_corrections": {
      fields: [{ key: "corrections", label: "Corrections the customer must make", kind: "corrections", initial: () => [{ step_id: "", message: "" }] }],
    },
  },
  widgets: { corrections: correctionsField },
};

const listText = (value) => (Array.isArray(value) ? value.join(", ") : value === undefined ? "" : JSON.stringify(value));
const listValue = (text) => {
  const items = text.split(",").map((t) => t.trim()).filter(Boolean);
  return items.length ? items : undefined;
};

/** One card per correction (step, fields, documents, message). */
function correctionsField(def, ui) {
  const wrap = h("fieldset", { class: "field wide rows", dataset: { fieldPath: JSON.stringify(["body", "corrections"]) } });
  const issues = h("ul", { class: "field-issues", id: "f-body-corrections-issues" });
  ui.register({ path: () => ["body", "corrections"], list: issues, input: null, wrap });
  const legend = h("legend", {}, def.label);
  const items = ui.body.corrections;
  if (items !== undefined && !Array.isArray(items)) {
    wrap.append(legend, h("p", { class: "help" }, "corrections is not a list: edit it in the JSON body below."), issues);
    return wrap;
  }
  const steps = Array.isArray(ui.state?.steps_data) ? ui.state.steps_data.filter(isObject) : [];
  const stepIds = steps.map((s) => s.step_id).filter((id) => typeof id === "string");
  const describe = (stepId) => {
    const step = steps.find((s) => s.step_id === stepId);
    if (!step) return "";
    const fields = Array.isArray(step.fields) ? step.fields.map((f) => f?.field_id).filter(Boolean) : [];
    const docs = Array.isArray(step.documents) ? step.documents.map((d) => d?.document_type).filter(Boolean) : [];
    return [`step status: ${step.status ?? "unknown"}`, fields.length && `fields: ${fields.join(", ")}`, docs.length && `documents: ${docs.join(", ")}`]
      .filter(Boolean)
      .join(" · ");
  };
  const list = h("div", { class: "row-list" });
  (items ?? []).forEach((item, index) => {
    const base = ["body", "corrections", index];
    if (!isObject(item)) {
      const itemIssues = h("ul", { class: "field-issues" });
      ui.register({ path: () => base, list: itemIssues, input: null, wrap: list });
      list.append(h("div", { class: "correction" }, h("p", { class: "help" }, `Correction ${index + 1} is not an object: edit it in the JSON body.`), itemIssues));
      return;
    }
    const card = h("fieldset", { class: "correction", dataset: { row: index, fieldPath: JSON.stringify(base) } }, h("legend", {}, `Correction ${index + 1}`));
    const cardIssues = h("ul", { class: "field-issues" });
    ui.register({ path: () => base, list: cardIssues, input: null, wrap: card });
    const stepInput = textInput(typeof item.step_id === "string" ? item.step_id : "", { suggest: stepIds, id: pathId([...base, "step_id"]) });
    const stepInfo = h("p", { class: "help" }, describe(item.step_id));
    stepInput.addEventListener("input", () => {
      setKey(item, "step_id", stepInput.value);
      stepInfo.textContent = describe(stepInput.value);
      ui.changed();
    });
    card.append(field(ui, { path: [...base, "step_id"], label: "Step", input: stepInput, extra: [datalist(pathId([...base, "step_id"]), stepIds), stepInfo] }));
    for (const [key, label] of [["field_ids", "Field ids (comma-separated, optional)"], ["document_types", "Document types (comma-separated, optional)"]]) {
      const input = textInput(listText(item[key]));
      input.addEventListener("input", () => (setKey(item, key, listValue(input.value)), ui.changed()));
      card.append(field(ui, { path: [...base, key], label, input }));
    }
    const message = textInput(typeof item.message === "string" ? item.message : "", { multiline: true });
    message.addEventListener("input", () => (setKey(item, "message", message.value), ui.changed()));
    card.append(
      field(ui, { path: [...base, "message"], label: "Message to the customer", input: message, help: "The customer reads this to know what to fix." }),
      cardIssues,
      h("button", { type: "button", class: "small", onclick: () => (items.splice(index, 1), ui.rebuild()) }, `Remove correction ${index + 1}`),
    );
    list.append(card);
  });
  const add = h("button", {
    type: "button",
    onclick: () => {
      if (!Array.isArray(ui.body.corrections)) ui.body.corrections = [];
      ui.body.corrections.push({ step_id: "", message: "" });
      ui.rebuild(`#${CSS.escape(pathId(["body", "corrections", ui.body.corrections.length - 1, "step_id"]))}`);
    },
  }, "Add a correction");
  wrap.append(legend, list, add, issues);
  return wrap;
}
