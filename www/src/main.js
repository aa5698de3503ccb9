// The review console: pick a vendor state (or a session from the inbox), pick an action,
// edit the request, see live what the vendor would answer, and send it to an in-page mock
// of the vendor to watch the state change. Uses kyc-preflight only through its public API.
import { allowedActions, canonicalStatus, isSecretHeader, redact, validate } from "kyc-preflight";
import { h, pathKey, pathText, pretty } from "./dom.js";
import { VENDORS, vendorById } from "./vendors.js";
import { OPERATIONS, RULES, actionKey, catalogue, contextOf, operationsOf, pathFor, sessionBoard, stateOf } from "./model.js";
import { bodyFields, field, initialBody } from "./forms.js";
import { stateDiagram } from "./diagram.js";
import { curlCode, effectText, fetchCode } from "./snippets.js";
import { inboxRows, renderInbox } from "./inbox.js";
import { allSessions, exchange, mockOf, resetMocks, stateChanges } from "./mock.js";

const $ = (selector) => document.querySelector(selector);

const app = {
  vendor: VENDORS[0],
  context: undefined,
  action: null,
  request: null,
  headersOn: true,
  rawBody: null,
  // Where issues are shown: main.js's own slots and those the body fields register (the
  // Slot contract is in forms.js).
  slots: [],
  // Run after every change of the body fields (previews beside a field; forms.js `ui.refreshers`).
  refreshers: [],
  targets: new Map(),
  inbox: { vendor: "", status: "" },
};

// ── State panel ─────────────────────────────────────────────────────────────

function setupStatePanel() {
  const vendorSelect = $("#vendor");
  vendorSelect.replaceChildren(...VENDORS.map((v) => h("option", { value: v.id }, v.label)));
  vendorSelect.addEventListener("change", () => selectVendor(vendorSelect.value));
  $("#sample").addEventListener("change", () => {
    if ($("#sample").value !== "") loadSample($("#sample").value);
  });
  $("#state-json").addEventListener("input", () => {
    $("#sample").value = "";
    stateChanged();
  });
  app.slots.push({ path: () => ["context"], list: $("#state-issues"), input: $("#state-json"), wrap: $("#state-panel"), fixed: true });
  app.slots.push({ path: () => [], list: $("#general-issues"), input: null, wrap: $("#general"), fixed: true });
}

function selectVendor(id) {
  app.vendor = vendorById(id) ?? VENDORS[0];
  id = app.vendor.id;
  $("#vendor").value = id;
  $("#sample").replaceChildren(
    ...app.vendor.samples.map((sample) => h("option", { value: sample.id }, sample.label)),
    h("option", { value: "" }, "Pasted JSON"),
  );
  $("#state-kind").textContent = app.vendor.stateName;
  $("#mock-log").replaceChildren();
  chooseAction(null);
  loadSample(app.vendor.samples[0].id);
}

function loadSample(id) {
  const sample = app.vendor.samples.find((s) => s.id === id);
  $("#sample").value = id;
  // The session as the in-page mock holds it now: the sample, or what requests sent from
  // this page made of it.
  const held = mockOf(app.vendor).state(sample.state[app.vendor.idField]);
  const changed = held !== undefined && JSON.stringify(held) !== JSON.stringify(sample.state);
  $("#state-json").value = pretty(held ?? sample.state);
  $("#state-source").textContent = changed ? "As the in-page mock holds it now: changed by requests sent from this page." : "";
  stateChanged();
}

function stateChanged() {
  const note = $("#state-note");
  try {
    app.context = contextOf(app.vendor, JSON.parse($("#state-json").value));
    note.textContent = "";
    $("#state-json").removeAttribute("aria-invalid");
  } catch (error) {
    app.context = undefined;
    note.textContent = `Not valid JSON: ${error.message}. Validation runs without the session state.`;
    $("#state-json").setAttribute("aria-invalid", "true");
  }
  renderSummary();
  renderDiagram();
  renderActions();
  renderInboxNow();
  if (app.action) {
    renderBodyFields();
    validateNow();
  }
}

const currentState = () => stateOf(app.vendor, app.context);
const currentStatus = () => (typeof currentState()?.status === "string" ? currentState().status : undefined);

function renderSummary() {
  const state = currentState();
  const status = currentStatus();
  const canonical = status === undefined ? null : canonicalStatus(app.vendor.id, status, state);
  const items = [
    h("div", {}, h("dt", {}, `${app.vendor.label} status`), h("dd", { id: "vendor-status" }, status ?? "—")),
    h("div", {}, h("dt", {}, "Inbox status"), h("dd", {}, h("span", { id: "canonical-status", class: `badge c-${canonical ?? "none"}` }, canonical ? canonical.replace("_", " ") : "unknown"))),
  ];
  for (const line of app.vendor.summary?.(state) ?? []) {
    items.push(h("div", { class: "wide" }, h("dt", {}, line.term), h("dd", { id: line.id }, line.text)));
  }
  $("#status-summary").replaceChildren(...items);
}

function renderDiagram() {
  const vendor = app.vendor;
  const { transitions, lanes } = catalogue(vendor);
  const status = currentStatus();
  const now = app.context ? allowedActions(vendor.id, app.context) : [];
  const allowedNow = new Set(now.filter((a) => a.target !== undefined && a.node_id === undefined).map((a) => `${a.operation}|${a.target}`));
  const ops = operationsOf(vendor).map((op) => op.id);
  const dashed = new Set(ops.slice(1));
  const svg = stateDiagram({
    title: `${vendor.label}: statuses by inbox lane, and the manual moves kyc-preflight allows`,
    statuses: vendor.statuses,
    lanes,
    transitions,
    current: vendor.statuses.includes(status) ? status : undefined,
    allowedNow,
    dashed,
  });
  const moves = transitions.filter((t) => t.from === status && allowedNow.has(`${t.operation}|${t.to}`));
  const caption = [];
  if (status !== undefined && !vendor.statuses.includes(status)) caption.push(h("p", {}, `“${status}” is not one of ${vendor.label}'s statuses.`));
  else if (status !== undefined) {
    caption.push(h("p", { id: "moves-now" }, moves.length
      ? [`From ${status} a reviewer may move the session to: `, moves.map((t, i) => [i ? ", " : "", h("strong", {}, t.to), ` (${t.label})`])]
      : `No manual status change is allowed from ${status}.`));
  }
  const refined = status !== undefined && lanes.has(status) ? canonicalStatus(vendor.id, status, currentState()) : null;
  if (refined && refined !== lanes.get(status)) {
    caption.push(h("p", { class: "help" }, `Lanes place each status alone; this ${status} is refined by its details to “${refined.replace("_", " ")}”.`));
  }
  const legend = h("ul", { class: "legend" },
    h("li", {}, h("span", { class: "key now" }), "allowed now"),
    h("li", {}, h("span", { class: "key" }), "allowed from another status"),
    dashed.size && transitions.some((t) => dashed.has(t.operation)) ? h("li", {}, h("span", { class: "key other-op" }), [...dashed].join(", ")) : null,
    h("li", {}, h("span", { class: "key system" }), "no manual move (system-owned)"),
  );
  if (transitions.length === 0) caption.push(h("p", { class: "help" }, `${vendor.label} offers no manual status change: a reviewer edits the session, the status stays the vendor's.`));
  $("#diagram").replaceChildren(svg, h("figcaption", {}, caption, legend));
}

// ── Actions ─────────────────────────────────────────────────────────────────

function renderActions() {
  const vendor = app.vendor;
  const { rows, now } = sessionBoard(vendor, app.context);
  app.targets = new Map();
  const addTarget = (a) => {
    if (a.target === undefined) return;
    if (!app.targets.has(a.operation)) app.targets.set(a.operation, new Set());
    app.targets.get(a.operation).add(a.target);
  };
  rows.forEach((row) => addTarget(row.action));
  const list = h("ul", { class: "actions" }, rows.map((row, i) => actionItem(row, `a${i}`)));
  const parts = [list];
  const board = app.context ? vendor.stepBoard?.(vendor, app.context, now) : undefined;
  if (board) {
    const { steps } = board;
    steps.forEach((step) => step.actions.forEach((row) => addTarget(row.action)));
    if (steps.length) {
      parts.push(h("h3", {}, board.title), h("table", { class: "steps" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Step"), h("th", { scope: "col" }, "Status"), h("th", { scope: "col" }, "Set to"))),
        h("tbody", {}, steps.map((step, i) => h("tr", { dataset: { nodeId: step.node_id } },
          h("th", { scope: "row" }, h("code", {}, step.key), h("br"), h("span", { class: "muted" }, step.node_id)),
          h("td", {}, step.status),
          h("td", {}, h("ul", { class: "actions compact" }, step.actions.map((row, j) => actionItem(row, `s${i}-${j}`, row.action.target, true))),
            reasonList(step.actions, `s${i}`)),
        )))));
    }
  }
  if (!app.context) parts.unshift(h("p", { class: "help" }, "Paste or choose a valid state to see what is allowed."));
  $("#actions").replaceChildren(...parts);
}

function actionItem(row, id, text, reasonApart = false) {
  const { action } = row;
  const chosen = app.action && actionKey(app.action) === actionKey(action);
  const button = h("button", {
    type: "button",
    class: `action${chosen ? " chosen" : ""}`,
    disabled: !row.allowed,
    "aria-pressed": row.allowed ? String(Boolean(chosen)) : null,
    "aria-describedby": row.allowed ? null : `reason-${id}`,
    "aria-label": text ? action.label : null,
    dataset: { operation: action.operation, target: action.target ?? "", nodeId: action.node_id ?? "" },
    onclick: () => chooseAction(action),
  }, text ?? action.label);
  const requires = row.allowed && action.requires.length ? h("span", { class: "muted" }, `needs ${action.requires.join(", ")}`) : null;
  return h("li", { class: row.allowed ? "allowed" : "blocked" }, button, requires, row.allowed || reasonApart ? null : reasonText(row, `reason-${id}`));
}

function reasonText(row, id) {
  const { reason } = row;
  return h("span", { class: "reason", id }, reason
    ? [reason.text, reason.issue ? [": ", reason.issue.message, " ", h("code", {}, reason.issue.rule)] : ""]
    : "no state to judge from");
}

/** For compact rows of buttons: the reasons listed under them, each tied to its button. */
function reasonList(rows, id) {
  const blocked = rows.map((row, j) => ({ row, j })).filter(({ row }) => !row.allowed);
  if (!blocked.length) return null;
  return h("ul", { class: "reasons" }, blocked.map(({ row, j }) =>
    h("li", {}, h("strong", {}, row.action.target ?? row.action.label), ": ", reasonText(row, `reason-${id}-${j}`))));
}

function chooseAction(action) {
  app.action = action;
  if (!action) {
    $("#send-mock").disabled = true;
    $("#send-note").textContent = "Choose an action first.";
    app.request = null;
    $("#request").replaceChildren(h("p", { class: "help" }, "Choose an action to prepare its request."));
    $("#result").replaceChildren();
    $("#general-issues").replaceChildren();
    return;
  }
  const state = currentState();
  const auth = app.vendor.http.auth;
  app.request = {
    path: pathFor(app.vendor, action.operation, state, action.node_id),
    headers: { [auth.header]: auth.example(state), ...Object.fromEntries((app.vendor.http.extraHeaders ?? []).map((name) => [name, ""])) },
    body: initialBody(app.vendor, action, state),
  };
  app.rawBody = null;
  renderActions();
  renderFormShell();
  validateNow();
  $("#request-h").focus();
}

// ── Request form ────────────────────────────────────────────────────────────

function renderFormShell() {
  const op = OPERATIONS.get(app.action.operation);
  app.slots = app.slots.filter((slot) => slot.fixed);
  const ui = formUi();
  const pathFields = op.pathParams.map((name) => {
    const input = h("input", { type: "text", autocomplete: "off", spellcheck: "false" });
    input.value = app.request.path[name] ?? "";
    input.addEventListener("input", () => ((app.request.path[name] = input.value), validateNow()));
    return field(ui, { path: ["path", name], label: name, input });
  });
  const headerFields = Object.keys(app.request.headers).map((name) => {
    // The key is typed into a password field, the only place on the page it shows.
    const secret = name === app.vendor.http.auth.header || isSecretHeader(name);
    const input = h("input", { type: secret ? "password" : "text", autocomplete: "off", spellcheck: "false", class: "header-input" });
    input.value = app.request.headers[name];
    input.addEventListener("input", () => ((app.request.headers[name] = input.value), validateNow()));
    const help = secret ? `Shown as $${app.vendor.http.auth.env} in the code below and redacted in the report; nothing leaves this page.` : "Optional; empty means not sent.";
    return field(ui, { path: ["headers", name], label: name, input, help });
  });
  const headersOn = h("input", { type: "checkbox", id: "headers-on", checked: app.headersOn });
  headersOn.addEventListener("change", () => {
    app.headersOn = headersOn.checked;
    headerGroup.querySelectorAll(".header-input").forEach((el) => (el.disabled = !app.headersOn));
    validateNow();
  });
  const headersIssues = h("ul", { class: "field-issues", id: "f-headers-issues" });
  const headerGroup = h("fieldset", { class: "group", dataset: { fieldPath: '["headers"]' } },
    h("legend", {}, "Headers"),
    h("span", { class: "check" }, headersOn, h("label", { for: "headers-on" }, "Check headers too (header rules run only when headers are given)")),
    headerFields, headersIssues);
  headerGroup.querySelectorAll(".header-input").forEach((el) => (el.disabled = !app.headersOn));
  app.slots.push({ path: () => ["headers"], list: headersIssues, input: null, wrap: headerGroup });

  const editor = h("textarea", { id: "body-json", class: "code", rows: 10, spellcheck: "false", "aria-describedby": "body-json-issues" });
  editor.addEventListener("input", () => {
    try {
      app.request.body = JSON.parse(editor.value);
      app.rawBody = null;
      renderBodyFields();
    } catch {
      app.rawBody = editor.value;
    }
    validateNow();
  });
  const editorIssues = h("ul", { class: "field-issues", id: "body-json-issues" });
  const editorWrap = h("div", { class: "field wide", dataset: { fieldPath: '["body"]' } },
    h("label", { for: "body-json" }, "Request body (JSON) — edit freely; the fields above follow"), editor, editorIssues);
  app.slots.push({ path: () => ["body"], list: editorIssues, input: editor, wrap: editorWrap });

  $("#request").replaceChildren(
    h("div", { class: "op-head" },
      h("h3", { id: "request-h", tabindex: "-1" }, app.action.label),
      h("p", {}, h("code", {}, `${op.method} ${op.pathTemplate}`), " · ", h("code", {}, op.id))),
    h("fieldset", { class: "group" }, h("legend", {}, "Path"), pathFields),
    headerGroup,
    h("fieldset", { class: "group", id: "body-fields" }, h("legend", {}, "Body")),
    editorWrap,
  );
  renderBodyFields();
}

/** The `ui` a form module's fields are built with (the contract is in forms.js). */
function formUi() {
  const op = app.action.operation;
  return {
    get body() {
      return app.request.body;
    },
    vendor: app.vendor,
    state: currentState(),
    action: app.action,
    targets: [...(app.targets.get(op) ?? [])],
    refreshers: [],
    register: (slot) => app.slots.push(slot),
    changed: () => {
      app.rawBody = null;
      syncEditor();
      validateNow();
    },
    rebuild: (focus) => {
      app.rawBody = null;
      renderBodyFields();
      validateNow();
      if (focus) document.querySelector(focus)?.focus();
    },
    predict: (body) => validate(op, { path: app.request.path, body }, { context: app.context }).response,
  };
}

function renderBodyFields() {
  const container = $("#body-fields");
  const legend = container.querySelector("legend");
  const body = app.request.body;
  app.slots = app.slots.filter((slot) => slot.fixed || !container.contains(slot.wrap));
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    container.replaceChildren(legend, h("p", { class: "help" }, "The body is not a JSON object, so the friendly fields are off; edit it below."));
    app.refreshers = [];
  } else {
    const ui = formUi();
    container.replaceChildren(legend, ...bodyFields(ui));
    app.refreshers = ui.refreshers;
  }
  syncEditor();
}

function syncEditor() {
  const editor = $("#body-json");
  if (editor && document.activeElement !== editor) editor.value = pretty(app.request.body);
  app.refreshers.forEach((refresh) => refresh());
}

// ── Validation ──────────────────────────────────────────────────────────────

function requestInput() {
  const request = { path: { ...app.request.path }, body: app.rawBody ?? app.request.body };
  if (app.headersOn) request.headers = Object.fromEntries(Object.entries(app.request.headers).filter(([, v]) => v !== ""));
  return request;
}

function validateNow() {
  if (!app.action) return;
  const report = validate(app.action.operation, requestInput(), { context: app.context });
  renderIssues(report);
  renderResult(report);
  const send = $("#send-mock");
  send.disabled = false;
  send.textContent = report.ok ? "Send to the in-page mock" : "Send anyway: the mock answers as the vendor would";
  $("#send-note").textContent = "";
}

function renderIssues(report) {
  app.slots = app.slots.filter((slot) => slot.fixed || slot.wrap.isConnected);
  const byPath = new Map();
  for (const slot of app.slots) {
    slot.list.replaceChildren();
    slot.input?.removeAttribute("aria-invalid");
    slot.wrap.classList.remove("has-error", "has-warning");
    byPath.set(pathKey(slot.path()), slot);
  }
  for (const issue of report.issues) {
    const slot = slotFor(byPath, issue.path);
    slot.list.append(issueItem(issue));
    slot.wrap.classList.add(issue.severity === "error" ? "has-error" : "has-warning");
    if (issue.severity === "error") slot.input?.setAttribute("aria-invalid", "true");
  }
}

function slotFor(byPath, path) {
  for (let n = path.length; n >= 0; n--) {
    const slot = byPath.get(pathKey(path.slice(0, n)));
    if (slot) return slot;
  }
  return byPath.get("[]");
}

function issueItem(issue) {
  return h("li", { class: `issue ${issue.severity}`, dataset: { rule: issue.rule, severity: issue.severity, source: issue.source } },
    h("span", { class: "sev" }, issue.severity === "error" ? "Error" : "Warning"),
    " ",
    h("span", { class: "msg" }, issue.message),
    issue.hint ? h("span", { class: "hint" }, ` (${issue.hint})`) : null,
    h("span", { class: "meta" }, h("code", { title: RULES.get(issue.rule)?.summary ?? "" }, issue.rule), " · ", h("span", { class: `src ${issue.source}` }, issue.source)),
  );
}

function renderResult(report) {
  const errors = report.issues.filter((i) => i.severity === "error").length;
  const warnings = report.issues.length - errors;
  const counts = `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
  const verdict = report.ok
    ? h("p", { class: "verdict ok", id: "verdict" }, h("strong", {}, "Ready to send."), ` ${counts}.`)
    : h("p", { class: "verdict refused", id: "verdict" }, h("strong", {}, "The vendor would refuse this request."), ` ${counts}.`);
  const parts = [verdict];
  if (report.issues.length) {
    parts.push(h("h3", {}, "All issues"), h("ol", { class: "all-issues" }, report.issues.map((issue) =>
      h("li", {}, h("button", { type: "button", class: "link", onclick: () => focusPath(issue.path) }, pathText(issue.path)), " ", h("ul", { class: "field-issues" }, issueItem(issue))))));
  }
  if (!report.ok) {
    const response = report.response;
    parts.push(h("h3", {}, "Predicted vendor response"), response
      ? h("div", { id: "predicted" }, h("p", {}, h("strong", { id: "predicted-status" }, `HTTP ${response.status}`), response.body === null ? " with no JSON body" : ""),
          response.body === null ? null : h("pre", { class: "code", id: "predicted-body" }, pretty(response.body)))
      : h("p", { class: "help" }, "The vendor's answer to this is not documented."));
  } else {
    const request = report.request;
    const fetchText = fetchCode(app.vendor, request);
    const curlText = curlCode(app.vendor, request);
    parts.push(
      h("p", { id: "prepared-line" }, h("code", {}, `${request.method} ${request.path}`)),
      h("h3", {}, "What it will change"),
      h("ul", { class: "effects", id: "effects" }, report.effects.map((effect) => h("li", { dataset: { kind: effect.kind } }, effectText(effect)))),
      codeBlock("fetch", "code-fetch", fetchText),
      codeBlock("curl", "code-curl", curlText),
    );
  }
  // The report as a service would log it: through the package's redact(), so the key
  // typed above never appears in the page's text, nor in what is copied from it.
  parts.push(h("details", { class: "report-json" },
    h("summary", {}, "The report as JSON (credentials redacted, as you would log it)"),
    codeBlock("report", "report-json", pretty(redact(report)))));
  $("#result").replaceChildren(...parts);
}

function codeBlock(title, id, text) {
  const status = h("span", { class: "muted", role: "status" });
  const copy = h("button", {
    type: "button",
    class: "small",
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(text);
        status.textContent = "copied";
      } catch {
        status.textContent = "copy is not available here: select the text instead";
      }
    },
  }, `Copy ${title}`);
  return h("section", { class: "code-block" }, h("h3", {}, title, " ", copy, " ", status), h("pre", { class: "code", id }, text));
}

function focusPath(path) {
  const byPath = new Map(app.slots.filter((s) => s.fixed || s.wrap.isConnected).map((slot) => [pathKey(slot.path()), slot]));
  const slot = slotFor(byPath, path);
  const target = slot?.input ?? slot?.wrap.querySelector("input, textarea, select, button") ?? slot?.wrap;
  target?.scrollIntoView({ block: "center" });
  target?.focus?.();
}

// ── The in-page mock ────────────────────────────────────────────────────────────

async function sendToMock() {
  if (!app.action) return;
  const send = $("#send-mock");
  const input = requestInput();
  const report = validate(app.action.operation, input, { context: app.context });
  send.disabled = true;
  let result;
  try {
    result = await exchange(app.vendor, app.action.operation, input, report, currentState());
  } catch (error) {
    // e.g. a header value a browser cannot send (fetch refuses it before any server would)
    $("#send-note").textContent = `The browser could not build this request: ${error.message}`;
    send.disabled = false;
    return;
  }
  renderExchange(result);
  if (result.after !== undefined) {
    const applied = result.verdict?.outcome === "applied";
    const sample = app.vendor.samples.find((s) => s.state[app.vendor.idField] === result.after[app.vendor.idField]);
    $("#state-json").value = pretty(result.after);
    $("#sample").value = sample ? sample.id : "";
    $("#state-source").textContent = `As the in-page mock returns it after ${result.request.method} ${result.request.path} (HTTP ${result.response.status}).`;
    // Applied: the chosen move is made; the next one is picked from the new state.
    if (applied) chooseAction(null);
    stateChanged();
  } else {
    renderInboxNow();
  }
  if (app.action) send.disabled = false;
  $("#mock-status")?.focus();
}

const shown = (value) => (value === undefined ? "(none)" : typeof value === "string" ? value : JSON.stringify(value).slice(0, 80));

function renderExchange(x) {
  const log = $("#mock-log");
  log.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
  log.querySelectorAll(".exchange").forEach((el) => el.classList.add("older"));
  const status = x.response.status;
  const changes = x.after !== undefined && x.before !== undefined ? stateChanges(x.before, x.after) : [];
  const body = x.response.body === null ? "(no body)" : typeof x.response.body === "string" ? x.response.body : pretty(x.response.body);
  const entry = h("section", { class: "exchange", dataset: { outcome: x.verdict?.outcome ?? "" } },
    h("h3", {}, `${x.request.method} ${x.request.path} → `,
      h("span", { id: "mock-status", class: `http-status s${String(status)[0]}`, tabindex: "-1" }, `HTTP ${status}`),
      x.verdict ? h("span", { class: "muted" }, ` ${x.verdict.outcome.replace("_", " ")}`) : null),
    h("pre", { class: "code small", id: "mock-response" }, body),
    h("p", { class: "help" }, x.after !== undefined
      ? `Then GET ${x.read.path} → HTTP ${x.read.status}: the state panel above shows it.`
      : `Then GET ${x.read.path} → HTTP ${x.read.status}: the state panel is unchanged.`),
    changes.length
      ? h("ul", { class: "changes", id: "mock-changes" }, changes.slice(0, 16).map((c) =>
          h("li", { dataset: { path: c.path } }, h("code", {}, c.path), ": ", shown(c.from), " → ", h("strong", {}, shown(c.to)))))
      : h("p", { class: "help", id: "mock-changes" }, "Nothing changed in the session."),
    x.webhooks.length
      ? h("p", { id: "mock-webhooks" }, "Webhooks the vendor would fire: ", x.webhooks.map((w, i) => [i ? ", " : "", h("code", {}, w.event)]))
      : null,
  );
  log.prepend(entry);
  while (log.children.length > 3) log.lastElementChild.remove();
}

// ── Inbox ───────────────────────────────────────────────────────────────────────

function renderInboxNow(focus) {
  const state = currentState();
  const open = { vendor: app.vendor.id, id: state && typeof state === "object" ? state[app.vendor.idField] : undefined };
  renderInbox($("#inbox-body"), inboxRows(allSessions()), app.inbox, open, {
    filter: (next) => {
      const target = next.vendor !== app.inbox.vendor ? "#inbox-vendor" : `button.chip[data-status="${next.status}"]`;
      app.inbox = next;
      renderInboxNow(target);
    },
    open: (row) => openSession(row),
    reset: () => {
      resetMocks();
      $("#mock-log").replaceChildren();
      loadSample($("#sample").value || app.vendor.samples[0].id);
      renderInboxNow("#inbox-reset");
    },
  });
  if (focus) document.querySelector(focus)?.focus();
}

/** Opens a session of the inbox in the review view. */
function openSession(row) {
  if (app.vendor.id !== row.vendor.id) selectVendor(row.vendor.id);
  else chooseAction(null);
  const sample = row.vendor.samples.find((s) => s.state[row.vendor.idField] === row.id);
  if (sample) loadSample(sample.id);
  else {
    $("#sample").value = "";
    $("#state-json").value = pretty(mockOf(row.vendor).state(row.id));
    stateChanged();
  }
  $("#state-h").scrollIntoView({ block: "start" });
  $("#state-h").focus();
}

// ── Start ───────────────────────────────────────────────────────────────────

setupStatePanel();
$("#request").addEventListener("submit", (event) => event.preventDefault());
$("#send-mock").addEventListener("click", sendToMock);
selectVendor(new URLSearchParams(location.search).get("vendor") ?? VENDORS[0].id);
document.body.dataset.ready = "true";
