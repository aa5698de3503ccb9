// The request form: a few friendly fields per operation, each bound to a path of the
// request, so that every issue the package reports lands next to the field it names.
import { autoSelectResubmission, mergeVerifaMetadata } from "kyc-preflight";
import { h, pathId, pretty } from "./dom.js";
import { decisionSteps } from "./model.js";

/** Friendly fields per operation; `statusField` is the body key an action's target fills. */
export const FORMS = {
  "didit.update_session_status": {
    statusField: "new_status",
    fields: [
      { key: "new_status", label: "New status", kind: "text", suggest: "targets" },
      { key: "comment", label: "Comment (kept in the session's review history)", kind: "textarea" },
      { key: "send_email", label: "Email the user about this decision", kind: "checkbox" },
      { key: "email_address", label: "Email address", kind: "text", inputmode: "email" },
      { key: "email_language", label: "Email language code", kind: "text", placeholder: "en" },
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
  "verifa.update_session": {
    fields: [
      { key: "external_ref", label: "External reference (your system's id)", kind: "text" },
      { key: "metadata", label: "Metadata patch", kind: "metadata" },
    ],
  },
  "legaltalent.update_session_status": {
    statusField: "status",
    fields: [
      { key: "status", label: "New status", kind: "text", suggest: "targets" },
      { key: "reason", label: "Reason", kind: "textarea" },
    ],
  },
  "legaltalent.request_corrections": {
    fields: [{ key: "corrections", label: "Corrections the customer must make", kind: "corrections" }],
  },
  // The rest of Legal Talent's workflow: the seed shows no body for these calls.
  "legaltalent.process_session": { fields: [] },
  "legaltalent.extend_session": { fields: [] },
  "legaltalent.generate_link": { fields: [] },
  "legaltalent.run_validations": { fields: [] },
  "anycheck.update_verification": {
    statusField: "verification_status",
    fields: [
      { key: "verification_status", label: "Verification status", kind: "text", suggest: "targets" },
      { key: "output", label: "Output (replaces the verification's output)", kind: "json" },
      { key: "configuration", label: "Configuration", kind: "json" },
    ],
  },
};

export const statusFieldOf = (operation) => FORMS[operation]?.statusField;

/** The body an action starts from: its target, and an empty value for what it requires. */
export function initialBody(action, state) {
  const form = FORMS[action.operation];
  const body = {};
  if (form.statusField && action.target !== undefined) body[form.statusField] = action.target;
  for (const key of action.requires) {
    if (key === "metadata") body.metadata = {};
    else if (key === "external_ref") body.external_ref = "";
    else if (key === "corrections") body.corrections = [{ step_id: "", message: "" }];
    else if (key === "output") body.output = structuredClone(state?.output ?? {});
    // nodes_to_resubmit: left out, so the resubmission field explains auto-selection first.
  }
  return body;
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const setKey = (obj, key, value) => (value === undefined ? delete obj[key] : (obj[key] = value));
const listText = (value) => (Array.isArray(value) ? value.join(", ") : value === undefined ? "" : JSON.stringify(value));
const listValue = (text) => {
  const items = text.split(",").map((t) => t.trim()).filter(Boolean);
  return items.length ? items : undefined;
};

/**
 * Builds the body's friendly fields. `ui` gives: body (mutable), vendor, state, action,
 * targets (suggested status values), context, register(slot), changed(), refreshers.
 */
export function bodyFields(ui) {
  const form = FORMS[ui.action.operation];
  return form.fields.map((def) => FIELD_KINDS[def.kind](def, ui));
}

/** A labelled input bound to `path`, with a list for its issues. */
export function field(ui, { path, label, input, help, extra, wide }) {
  const id = pathId(path);
  input.id = id;
  const issues = h("ul", { class: "field-issues", id: `${id}-issues` });
  const describedBy = [help ? `${id}-help` : null, `${id}-issues`].filter(Boolean).join(" ");
  input.setAttribute("aria-describedby", describedBy);
  const wrap = h(
    "div",
    { class: `field${wide ? " wide" : ""}${input.type === "checkbox" ? " check" : ""}`, dataset: { fieldPath: JSON.stringify(path) } },
    input.type === "checkbox" ? [input, h("label", { for: id }, label)] : [h("label", { for: id }, label), input],
    help ? h("p", { class: "help", id: `${id}-help` }, help) : null,
    extra,
    issues,
  );
  ui.register({ path: () => path, list: issues, input, wrap });
  return wrap;
}

function textInput(value, { multiline, suggest, id, placeholder, inputmode, type } = {}) {
  const input = multiline
    ? h("textarea", { rows: 3, spellcheck: "false" })
    : h("input", { type: type ?? "text", autocomplete: "off", spellcheck: "false", placeholder, inputmode, list: suggest ? `${id}-list` : null });
  input.value = value ?? "";
  return input;
}

function datalist(id, values) {
  return values?.length ? h("datalist", { id: `${id}-list` }, values.map((v) => h("option", { value: v }))) : null;
}

/** A string field: empty means "leave the key out". */
function stringField(def, ui, { multiline } = {}) {
  const path = ["body", def.key];
  const suggest = def.suggest === "targets" ? ui.targets : def.suggest;
  const current = ui.body[def.key];
  const input = textInput(typeof current === "string" ? current : current === undefined ? "" : JSON.stringify(current), {
    multiline,
    suggest,
    id: pathId(path),
    placeholder: def.placeholder,
    inputmode: def.inputmode,
  });
  input.addEventListener("input", () => {
    setKey(ui.body, def.key, input.value === "" ? undefined : input.value);
    ui.changed();
  });
  return field(ui, { path, label: def.label, input, extra: datalist(pathId(path), suggest) });
}

const FIELD_KINDS = {
  text: (def, ui) => stringField(def, ui),
  textarea: (def, ui) => stringField(def, ui, { multiline: true }),

  checkbox(def, ui) {
    const input = h("input", { type: "checkbox", checked: ui.body[def.key] === true });
    input.addEventListener("change", () => {
      setKey(ui.body, def.key, input.checked ? true : undefined);
      ui.changed();
    });
    return field(ui, { path: ["body", def.key], label: def.label, input });
  },

  /** A JSON object field; text that does not parse yet keeps the last good value. */
  json(def, ui) {
    const path = ["body", def.key];
    const input = h("textarea", { rows: 5, spellcheck: "false", class: "code" });
    input.value = ui.body[def.key] === undefined ? "" : pretty(ui.body[def.key]);
    const note = h("p", { class: "local-note", role: "status" });
    input.addEventListener("input", () => {
      if (input.value.trim() === "") {
        note.textContent = "";
        setKey(ui.body, def.key, undefined);
        return ui.changed();
      }
      try {
        setKey(ui.body, def.key, JSON.parse(input.value));
        note.textContent = "";
        ui.changed();
      } catch (error) {
        note.textContent = `Not valid JSON yet (${error.message}); the request keeps the last valid value.`;
      }
    });
    return field(ui, { path, label: def.label, input, extra: note, wide: true });
  },

  metadata: metadataField,
  corrections: correctionsField,
  resubmission: resubmissionField,
};

/** Verifa: the metadata patch as key/value rows, and the merged result beside it. */
function metadataField(def, ui) {
  const current = isObject(ui.state?.metadata) ? ui.state.metadata : {};
  const patch = ui.body.metadata;
  const wrap = h("fieldset", { class: "field wide rows", dataset: { fieldPath: JSON.stringify(["body", "metadata"]) } });
  const legend = h("legend", {}, def.label);
  const issues = h("ul", { class: "field-issues", id: "f-body-metadata-issues" });
  ui.register({ path: () => ["body", "metadata"], list: issues, input: null, wrap });
  if (patch !== undefined && !isObject(patch)) {
    wrap.append(legend, h("p", { class: "help" }, "The metadata is not an object: edit it in the JSON body below."), issues);
    return wrap;
  }
  const rows = Object.entries(patch ?? {}).map(([key, value]) => ({
    key,
    kind: typeof value === "string" || value === null ? "text" : "json",
    text: typeof value === "string" ? value : value === null ? "" : JSON.stringify(value),
    remove: value === null,
  }));
  const toBody = () => {
    const next = {};
    for (const row of rows) {
      if (row.key === "") continue;
      if (row.remove) next[row.key] = null;
      else if (row.kind === "json") {
        try {
          next[row.key] = JSON.parse(row.text);
        } catch {
          next[row.key] = row.text;
        }
      } else next[row.key] = row.text;
    }
    ui.body.metadata = next;
  };
  const merged = h("pre", { class: "code small", id: "metadata-merged" });
  const refreshMerged = () => {
    const result = isObject(ui.body.metadata) ? mergeVerifaMetadata(current, ui.body.metadata) : current;
    merged.textContent = pretty(result);
  };
  ui.refreshers.push(refreshMerged);
  const list = h("div", { class: "row-list" });
  const renderRows = () => {
    list.replaceChildren(
      ...rows.map((row, index) => {
        const keyPath = () => ["body", "metadata", row.key];
        const keyInput = textInput(row.key, {});
        keyInput.setAttribute("aria-label", `Key ${index + 1}`);
        const valueInput = textInput(row.text, {});
        valueInput.setAttribute("aria-label", `Value of key ${index + 1}`);
        valueInput.disabled = row.remove;
        const kind = h("select", { "aria-label": `Type of value ${index + 1}` }, h("option", { value: "text" }, "text"), h("option", { value: "json" }, "JSON"));
        kind.value = row.kind;
        const remove = h("input", { type: "checkbox", checked: row.remove, id: `meta-del-${index}` });
        const rowIssues = h("ul", { class: "field-issues", id: `meta-row-${index}-issues` });
        valueInput.setAttribute("aria-describedby", rowIssues.id);
        const el = h(
          "div",
          { class: "row meta-row", dataset: { row: index, fieldPath: JSON.stringify(keyPath()) } },
          keyInput,
          valueInput,
          kind,
          h("span", { class: "check" }, remove, h("label", { for: remove.id }, "delete key")),
          h("button", { type: "button", class: "small", onclick: () => (rows.splice(index, 1), toBody(), renderRows(), ui.changed()) }, "Remove"),
          rowIssues,
        );
        ui.register({ path: keyPath, list: rowIssues, input: valueInput, wrap: el, dynamic: true });
        keyInput.addEventListener("input", () => {
          row.key = keyInput.value;
          el.dataset.fieldPath = JSON.stringify(keyPath());
          toBody();
          ui.changed();
        });
        valueInput.addEventListener("input", () => ((row.text = valueInput.value), toBody(), ui.changed()));
        kind.addEventListener("change", () => ((row.kind = kind.value), toBody(), ui.changed()));
        remove.addEventListener("change", () => ((row.remove = remove.checked), (valueInput.disabled = remove.checked), toBody(), ui.changed()));
        return el;
      }),
    );
  };
  renderRows();
  const add = h("button", {
    type: "button",
    onclick: () => {
      rows.push({ key: "", kind: "text", text: "", remove: false });
      toBody();
      renderRows();
      ui.changed();
      list.lastElementChild?.querySelector("input")?.focus();
    },
  }, "Add a key");
  wrap.append(
    legend,
    h("p", { class: "help" }, "Keys you list replace the session's values; “delete key” sends null, which removes it; keys you leave out stay."),
    h("div", { class: "row row-head", "aria-hidden": "true" }, h("span", {}, "key"), h("span", {}, "value"), h("span", {}, "type")),
    list,
    add,
    issues,
    h("div", { class: "merge-preview" }, h("h4", {}, "Metadata after the merge (mergeVerifaMetadata)"), merged),
  );
  refreshMerged();
  return wrap;
}

/** Legal Talent: one row per correction (step, fields, documents, message). */
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

/**
 * Didit: what auto-selection would reset (autoSelectResubmission, graph order), and the
 * choice to send an explicit, editable nodes_to_resubmit instead.
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
