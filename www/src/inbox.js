// The inbox: every session of every vendor in one list, by its canonical inbox status
// (the package's canonicalStatus), filterable by status and vendor; each row opens the
// session in the review view. Its rows are the in-page mocks' current state, so a change
// sent to a mock shows here too.
import { canonicalStatus } from "kyc-preflight";
import { h } from "./dom.js";
import { VENDORS } from "./vendors.js";

/** Inbox order: what needs a reviewer first. */
export const CANONICAL = ["manual_review", "remediation", "pending", "incomplete", "approved", "rejected", "completed"];
const label = (canonical) => (canonical ?? "unknown").replace("_", " ");

/** One row per session: vendor, id, vendor status, canonical status, the sample's label. */
export function inboxRows(sessions) {
  return sessions
    .map(({ vendor, state }) => {
      const id = state[vendor.idField];
      const status = typeof state.status === "string" ? state.status : undefined;
      return {
        vendor,
        id,
        status,
        canonical: status === undefined ? null : canonicalStatus(vendor.id, status, state),
        sample: vendor.samples.find((s) => s.state[vendor.idField] === id)?.label ?? "added in this page",
      };
    })
    .sort((a, b) => rank(a.canonical) - rank(b.canonical) || VENDORS.indexOf(a.vendor) - VENDORS.indexOf(b.vendor));
}

const rank = (canonical) => (CANONICAL.includes(canonical) ? CANONICAL.indexOf(canonical) : CANONICAL.length);

/**
 * The inbox's filters and table. `filter` is `{ vendor, status }` ("" for all); `open` is
 * the session shown in the review view (`{ vendor, id }`); `on` has `filter(next)`,
 * `open(row)` and `reset()`.
 */
export function renderInbox(container, rows, filter, open, on) {
  const byVendor = rows.filter((r) => filter.vendor === "" || r.vendor.id === filter.vendor);
  const shown = byVendor.filter((r) => filter.status === "" || r.canonical === filter.status);
  const count = (status) => byVendor.filter((r) => r.canonical === status).length;
  const chip = (status, text, n) =>
    h("button", {
      type: "button",
      class: `chip${status ? ` c-${status}` : ""}`,
      "aria-pressed": String(filter.status === status),
      dataset: { status },
      onclick: () => on.filter({ ...filter, status }),
    }, text, " ", h("span", { class: "count" }, String(n)));
  const vendorSelect = h("select", { id: "inbox-vendor", onchange: (e) => on.filter({ ...filter, vendor: e.target.value }) },
    h("option", { value: "" }, "All vendors"),
    VENDORS.map((v) => h("option", { value: v.id }, v.label)));
  vendorSelect.value = filter.vendor;
  const table = h("table", { class: "inbox", id: "inbox-table" },
    h("caption", { class: "muted" }, `${shown.length} of ${rows.length} sessions`),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, "Inbox status"),
      h("th", { scope: "col" }, "Vendor"),
      h("th", { scope: "col" }, "Session"),
      h("th", { scope: "col" }, "Vendor status"),
      h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Open")))),
    h("tbody", {}, shown.map((row) => {
      const isOpen = open && open.vendor === row.vendor.id && open.id === row.id;
      return h("tr", { dataset: { vendor: row.vendor.id, id: row.id, canonical: row.canonical ?? "" }, class: isOpen ? "open" : null, "aria-current": isOpen ? "true" : null },
        h("td", {}, h("span", { class: `badge c-${row.canonical ?? "none"}` }, label(row.canonical))),
        h("td", {}, row.vendor.label),
        h("td", {}, h("code", {}, row.id), h("br"), h("span", { class: "muted" }, row.sample)),
        h("td", { class: "vendor-status" }, row.status ?? "—"),
        h("td", {}, h("button", { type: "button", class: "small", "aria-label": `Review ${row.vendor.label} session ${row.id}`, onclick: () => on.open(row) }, isOpen ? "Showing" : "Review")),
      );
    })));
  container.replaceChildren(
    h("div", { class: "inbox-filters" },
      h("div", { class: "field" }, h("label", { for: "inbox-vendor" }, "Vendor"), vendorSelect),
      h("div", { class: "chips", role: "group", "aria-label": "Inbox status" },
        chip("", "All", byVendor.length),
        CANONICAL.map((status) => chip(status, label(status), count(status)))),
      h("button", { type: "button", class: "small", id: "inbox-reset", onclick: () => on.reset() }, "Reset the mocks to the samples")),
    shown.length ? h("div", { class: "inbox-scroll" }, table) : h("p", { class: "help", id: "inbox-empty" }, "No session has this status."),
  );
}
