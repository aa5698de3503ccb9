// The request form: a few friendly fields per operation, each bound to a path of the
// request, so that every issue the package reports lands next to the field it names.
// This module is the form kernel: the generic field kinds, and the helpers the vendors'
// widgets (www/src/vendors/<id>.js) build on. It names no vendor: each operation's form
// and each vendor-only kind come from the vendor's module.
//
// The contract between main.js, this module and the vendors' widgets:
//
// A *form* is `vendor.forms[operationId]`: `{ statusField?, fields: FieldDef[] }`.
//   `statusField` is the body key an action's target fills (also what model.js's whyNot
//   probes with). An operation without a form has no friendly fields (body-less calls).
// A *FieldDef* is `{ key, label, kind, suggest?, placeholder?, inputmode?, initial?, … }`:
//   `key` is a body member; `kind` is one of FIELD_KINDS below or one of the vendor's
//   `widgets`; `suggest` is "targets" (the statuses the package offers for this
//   operation) or a list; `initial(state)`, when present, is the value the body starts
//   with when the chosen action `requires` the key (absent: the key is left out). A widget
//   may read further members of its own definition (Didit's `resubmitTarget`).
// A *field kind* (or widget) is `(def, ui) => Element`. It reads and changes `ui.body` in
//   place, and registers one slot per path it shows issues for.
// `ui`, built by main.js's formUi() for each render of the body fields, gives:
//   body        the request body (a getter, always the current object), changed in place
//   vendor      the vendor descriptor (vendors.js): forms, widgets, http, samples, …
//   state       the vendor's state JSON on screen (undefined when it does not parse)
//   action      the chosen action (an allowedActions entry: operation, target?, node_id?, requires)
//   targets     the status values the package offers for this operation (for `suggest`)
//   register(slot)  shows the issues at `slot.path()` in `slot.list` (see Slot below)
//   changed()   after an in-place edit: rewrites the JSON editor, runs the refreshers, re-validates
//   rebuild(focus?) after adding or removing fields: renders the body fields again from
//               `ui.body`, re-validates, then focuses the element matching the selector `focus`
//   refreshers  push a function to run after every change (a preview beside the field)
//   predict(body)  validate's `response` for this operation with `body` instead: what the
//               vendor would answer first when it refuses (null when none is known or it accepts)
// A *Slot* is `{ path, list, input, wrap, fixed? }`: `path()` is the request path it holds
//   (a function, so a row can follow a key being typed); an issue goes to the slot with the
//   longest prefix of its path (the general slot, path [], catches the rest). `list` gets
//   the issues; `input` (or null) gets aria-invalid on an error and the focus from "All
//   issues"; `wrap` gets has-error / has-warning, and the slot is dropped once `wrap` has
//   left the page. `fixed` marks main.js's own slots (state panel, general), kept across
//   every re-render.
import { h, pathId, pretty } from "./dom.js";

const NO_FORM = { fields: [] };

/** The form of an operation, from its vendor's module. */
export const formOf = (vendor, operation) => vendor.forms[operation] ?? NO_FORM;

/** The body an action starts from: its target, and each required key's `initial` value. */
export function initialBody(vendor, action, state) {
  const form = formOf(vendor, action.operation);
  const body = {};
  if (form.statusField && action.target !== undefined) body[form.statusField] = action.target;
  for (const key of action.requires) {
    const def = form.fields.find((f) => f.key === key);
    if (def?.initial) body[key] = def.initial(state);
  }
  return body;
}

export const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
/** Sets `obj[key]`; undefined removes the key. */
export const setKey = (obj, key, value) => (value === undefined ? delete obj[key] : (obj[key] = value));

/** Builds the body's friendly fields for `ui.action` (see the contract above). */
export function bodyFields(ui) {
  return formOf(ui.vendor, ui.action.operation).fields.map((def) => {
    const build = FIELD_KINDS[def.kind] ?? ui.vendor.widgets?.[def.kind];
    if (!build) throw new Error(`${ui.action.operation}: no field kind "${def.kind}" (neither generic nor one of ${ui.vendor.id}'s widgets)`);
    return build(def, ui);
  });
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

/** A text input (or a textarea), its datalist named by `id` when it has suggestions. */
export function textInput(value, { multiline, suggest, id, placeholder, inputmode, type } = {}) {
  const input = multiline
    ? h("textarea", { rows: 3, spellcheck: "false" })
    : h("input", { type: type ?? "text", autocomplete: "off", spellcheck: "false", placeholder, inputmode, list: suggest ? `${id}-list` : null });
  input.value = value ?? "";
  return input;
}

/** The suggestions of a `textInput` with `suggest` and the same `id`. */
export function datalist(id, values) {
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

/** The field kinds every vendor may use; a vendor adds its own as `widgets`. */
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
};
