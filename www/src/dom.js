// Two tiny element builders (HTML and SVG) and helpers for issue paths.

/** h("button", { class: "x", onclick }, "Text") — attributes, properties (value, checked) and children. */
export function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

const SVG_NS = "http://www.w3.org/2000/svg";
export function s(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

function fill(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "value" || key === "checked") el[key] = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** A stable key for an issue path; header names compare case-insensitively. */
export function pathKey(path) {
  const normal = path[0] === "headers" && typeof path[1] === "string" ? ["headers", path[1].toLowerCase(), ...path.slice(2)] : path;
  return JSON.stringify(normal);
}

/** ["body","nodes_to_resubmit",0,"feature"] → body.nodes_to_resubmit[0].feature */
export function pathText(path) {
  return path.reduce((text, seg) => (typeof seg === "number" ? `${text}[${seg}]` : text ? `${text}.${seg}` : seg), "") || "(request)";
}

/** An id usable in the DOM for a field path. */
export function pathId(path) {
  return `f-${path.map((seg) => String(seg).replace(/[^A-Za-z0-9_-]/g, "_")).join("-")}`;
}

export const pretty = (value) => JSON.stringify(value, null, 2);
