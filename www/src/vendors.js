// The console's one list of vendors: one line per vendor module, in the order the vendor
// menu and the inbox show them. Each module (www/src/vendors/<id>.js) holds what the
// console alone knows of its vendor; the package supplies the rest by provider id:
// label and context key (vendors()), operations (operations(), see model.js), rules and
// transitions. The statuses, which the package does not export, are in samples/index.json.
import { vendors } from "kyc-preflight";
import index from "../samples/index.json";
import didit from "./vendors/didit.js";
import verifa from "./vendors/verifa.js";
import legaltalent from "./vendors/legaltalent.js";
import anycheck from "./vendors/anycheck.js";

const MODULES = [didit, verifa, legaltalent, anycheck];

/**
 * A vendor module's default export. The generic panels (main.js, forms.js, model.js,
 * mock.js, snippets.js, inbox.js) read only these members and never name a vendor.
 * @typedef {object} VendorModule
 * @property {string} id  The package's provider id.
 * @property {string} stateName  What its state JSON is called, in the state panel.
 * @property {string} idField  The state's member holding the session id (path parameters, mock lookups).
 * @property {{ id: string, label: string, state: object }[]} samples  From samples/<id>.json; the first is shown first.
 * @property {Http} http  How a request reaches it: the snippets, headers and the in-page mock's URLs.
 * @property {Record<string, object>} forms  Per operation id, its form (the contract is in forms.js).
 * @property {Record<string, (def: object, ui: object) => Element>} [widgets]  Field kinds of its own, by `kind`.
 * @property {(state: unknown) => { term: string, id: string, text: string }[]} [summary]
 *   Extra lines for the status summary (Didit: what auto-resubmission would reset).
 * @property {(vendor: Vendor, context: object, now: object[]) => { title: string, steps: Step[] }} [stepBoard]
 *   Sub-steps with actions of their own, shown under the session's actions (Didit's
 *   features). `now` is allowedActions for the context; each step is
 *   `{ key, node_id, status, actions: [{ action, allowed, reason? }] }` (model.js whyNot gives the reason).
 *
 * @typedef {object} Http
 * @property {string} [baseUrl]  The documented base URL; else `baseUrlEnv` names an environment variable.
 * @property {string} [baseUrlEnv]
 * @property {string} statePath  The GET of a session's state, `{id}` for its id (what the in-page mock answers too).
 * @property {{ header: string, scheme?: string, env: string, example: (state: unknown) => string }} auth
 *   The secret header, the environment variable the snippets read it from, and a placeholder value.
 * @property {string[]} [extraHeaders]  Optional headers the form offers (empty: not sent).
 *
 * @typedef {VendorModule & { label: string, contextKey: string, statuses: string[] }} Vendor
 */

const KNOWN = new Map(vendors().map((v) => [v.provider, v]));
const STATUSES = new Map(index.vendors.map((v) => [v.id, v.statuses]));

/** @type {Vendor[]} */
export const VENDORS = MODULES.map((module) => {
  const known = KNOWN.get(module.id);
  if (!known) throw new Error(`www/src/vendors/${module.id}.js: the package has no vendor "${module.id}"`);
  if (!STATUSES.has(module.id)) throw new Error(`www/samples/index.json: no statuses for "${module.id}"`);
  return { ...module, label: known.label, contextKey: known.contextKey, statuses: STATUSES.get(module.id) };
});

export const vendorById = (id) => VENDORS.find((v) => v.id === id);
