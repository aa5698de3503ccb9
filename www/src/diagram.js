// The vendor's state diagram as inline SVG: every vendor status on a ring (grouped by
// its canonical inbox status, named under it), one arrow per manual move the package
// allows (allowedActions probed with each status). The current status and the moves
// allowed now are highlighted. On a ring, no arrow passes through another status.
import { s } from "./dom.js";

const BOX_H = 40;
const PAD = 10;

/**
 * @param {{ title: string, statuses: string[], lanes: Map<string,string>,
 *   transitions: {from:string,to:string,operation:string,label:string}[],
 *   current: string|undefined, allowedNow: Set<string>, dashed: Set<string> }} spec
 *   allowedNow holds "operation|to" for the moves allowed from the current state.
 */
export function stateDiagram(spec) {
  const laneOrder = [...new Set(spec.statuses.map((status) => spec.lanes.get(status)))];
  const ordered = laneOrder.flatMap((lane) => spec.statuses.filter((status) => spec.lanes.get(status) === lane));
  const n = ordered.length;
  // A tall ring: fits a side panel; widened until no two boxes overlap.
  const BOX_W = Math.max(120, Math.max(...ordered.map((status) => status.length)) * 7.4 + 18);
  let rx = 160;
  let ry = Math.max(120, n * 24);
  const boxes = new Map();
  const place = () => {
    ordered.forEach((status, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
      boxes.set(status, { x: rx * Math.cos(angle) - BOX_W / 2, y: ry * Math.sin(angle) - BOX_H / 2 });
    });
  };
  const overlaps = () => {
    const all = [...boxes.values()];
    return all.some((a, i) => all.slice(i + 1).some((b) => Math.abs(a.x - b.x) < BOX_W + 10 && Math.abs(a.y - b.y) < BOX_H + 10));
  };
  for (place(); overlaps() && rx < 600; place()) {
    rx *= 1.06;
    ry *= 1.03;
  }
  const cx = PAD + BOX_W / 2 + rx;
  const cy = PAD + BOX_H / 2 + ry;
  for (const box of boxes.values()) {
    box.x += cx;
    box.y += cy;
  }
  const width = 2 * (PAD + rx) + BOX_W;
  const height = 2 * (PAD + ry) + BOX_H;

  const isNow = (t) => t.from === spec.current && spec.allowedNow.has(`${t.operation}|${t.to}`);
  const connected = new Set(spec.transitions.flatMap((t) => [t.from, t.to]));
  const edges = spec.transitions.map((t) => ({
    now: isNow(t),
    path: s("path", {
      d: curve(boxes.get(t.from), boxes.get(t.to), cx, cy, BOX_W),
      class: `edge${isNow(t) ? " now" : ""}${spec.dashed.has(t.operation) ? " other-op" : ""}`,
      "marker-end": isNow(t) ? "url(#arrow-now)" : "url(#arrow)",
      dataset: { from: t.from, to: t.to },
    }, s("title", {}, `${t.from} → ${t.to}: ${t.label} (${t.operation})`)),
  }));

  const nodes = ordered.map((status) => {
    const box = boxes.get(status);
    const lane = spec.lanes.get(status);
    const current = status === spec.current;
    const reachable = spec.transitions.some((t) => t.to === status && isNow(t));
    const cls = ["node", `c-${lane}`, current && "current", reachable && "reachable", !connected.has(status) && "system-only"].filter(Boolean).join(" ");
    return s("g", { class: cls, dataset: { status } },
      s("rect", { x: box.x, y: box.y, width: BOX_W, height: BOX_H, rx: 7 }),
      s("text", { x: box.x + BOX_W / 2, y: box.y + 17, "text-anchor": "middle", class: "status" }, status),
      s("text", { x: box.x + BOX_W / 2, y: box.y + 32, "text-anchor": "middle", class: "lane" }, lane.replace("_", " ")),
      s("title", {}, `${status}${current ? " (current)" : ""}: inbox status ${lane.replace("_", " ")}${connected.has(status) ? "" : "; no manual move"}`),
    );
  });

  const moves = spec.transitions.filter(isNow);
  const desc = spec.current === undefined
    ? `${spec.transitions.length} manual moves between ${spec.statuses.length} statuses.`
    : `Current status ${spec.current}. Allowed now: ${moves.length ? moves.map((t) => `${t.to} (${t.label})`).join(", ") : "no status change"}.`;

  return s("svg", { viewBox: `0 0 ${width.toFixed(0)} ${height.toFixed(0)}`, role: "img", "aria-labelledby": "diagram-title diagram-desc", class: "diagram" },
    s("title", { id: "diagram-title" }, spec.title),
    s("desc", { id: "diagram-desc" }, desc),
    s("defs", {}, marker("arrow", "arrow-head"), marker("arrow-now", "arrow-head now")),
    edges.filter((e) => !e.now).map((e) => e.path),
    nodes,
    edges.filter((e) => e.now).map((e) => e.path),
  );
}

function marker(id, cls) {
  return s("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" },
    s("path", { d: "M0,0 L10,5 L0,10 z", class: cls }));
}

/**
 * A quadratic curve between two boxes, bowed to the right of its direction (so A→B and
 * B→A stay apart) and pulled towards the ring's centre; clipped to both boxes.
 */
function curve(a, b, cx, cy, w) {
  const ax = a.x + w / 2, ay = a.y + BOX_H / 2;
  const bx = b.x + w / 2, by = b.y + BOX_H / 2;
  const dx = bx - ax, dy = by - ay;
  const len = Math.hypot(dx, dy) || 1;
  const bow = Math.min(40, 12 + len * 0.12);
  const mx = (ax + bx) / 2, my = (ay + by) / 2;
  const px = mx - (dy / len) * bow + (cx - mx) * 0.15;
  const py = my + (dx / len) * bow + (cy - my) * 0.15;
  const [sx, sy] = exit(ax, ay, px, py, w);
  const [ex, ey] = exit(bx, by, px, py, w);
  return `M${sx.toFixed(1)},${sy.toFixed(1)} Q${px.toFixed(1)},${py.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`;
}

/** Where the segment from a box centre towards (tx, ty) leaves the box (plus a small gap). */
function exit(x, y, tx, ty, w) {
  const dx = tx - x, dy = ty - y;
  const scale = Math.min((w / 2 + 3) / Math.abs(dx || 1e-9), (BOX_H / 2 + 3) / Math.abs(dy || 1e-9));
  return [x + dx * Math.min(scale, 1), y + dy * Math.min(scale, 1)];
}
