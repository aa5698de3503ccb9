// Verifa in the console: its samples, its HTTP (an environment's key prefix, two optional
// headers), the update_session form, and the metadata widget (mergeVerifaMetadata beside it).
import { mergeVerifaMetadata } from "kyc-preflight";
import file from "../../samples/verifa.json";
import { h, pretty } from "../dom.js";
import { isObject, textInput } from "../forms.js";

/** @type {import("../vendors.js").VendorModule} */
export default {
  id: "verifa",
  stateName: "Get Session JSON (GET /api/v1/sessions/{session_id})",
  idField: "id",
  samples: file.samples,
  http: {
    baseUrlEnv: "VERIFA_BASE_URL",
    statePath: "/api/v1/sessions/{id}",
    auth: {
      header: "X-API-Key",
      env: "VERIFA_API_KEY",
      example: (state) => (state?.is_sandbox === true || state?.status === "sandbox_pending" ? "vk_sandbox_xxxxxxxx" : "vk_live_xxxxxxxx"),
    },
    extraHeaders: ["Verifa-Version", "Idempotency-Key"],
  },
  forms: {
    "verifa.update_session": {
      fields: [
        { key: "external_ref", label: "External reference (your system's id)", kind: "text", initial: () => "" },
        { key: "metadata", label: "Metadata patch", kind: "metadata", initial: () => ({}) },
      ],
    },
  },
  widgets: { metadata: metadataField },
};

/** The metadata patch as key/value rows, and the merged result beside it. */
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
        ui.register({ path: keyPath, list: rowIssues, input: valueInput, wrap: el });
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
