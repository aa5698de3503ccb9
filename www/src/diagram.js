// The vendor's state diagram as inline SVG: one box per vendor status (named with its
// canonical inbox status under it), one arrow per manual move the package allows
// (allowedActions probed with each status). The current status and the moves allowed now
// are highlighted.
//
// Layout, chosen to read without crossing edges where the graph allows it:
// - the statuses a reviewer can set (every status with an incoming move) stand in one
//   column on the right; moves between them are half-ellipses on its right side, their
//   ends ordered on each box so that arcs nest instead of crossing;
// - the statuses a reviewer can only move from stand in a column on the left; their moves
//   run along vertical lanes between the columns, one lane per set of sources that reach
//   the same targets (Didit: In Review, Kyc Expired and Abandoned each reach Approved,
//   Declined and Resubmitted, so nine arrows share one lane instead of crossing);
// - statuses with no manual move (system-owned) sit in a row underneath.
// Both columns' orders and the lanes' order are searched (every permutation, the graphs
// are small) for the fewest crossings, ties kept in the vendor's own order of statuses.
import { s } from "./dom.js";

const BOX_H = 40;
const ROW = BOX_H + 28; // room above each box for a self-loop
const PAD = 12;
const COLUMN_GAP = 30; // between a column and the first (or last) lane
const LANE_GAP = 16;
const ARC_K = 0.62; // arc bulge per unit of half-span: nested spans give nested arcs
const SEARCH_LIMIT = 40_000;

/**
 * @param {{ title: string, statuses: string[], lanes: Map<string,string>,
 *   transitions: {from:string,to:string,operation:string,label:string}[],
 *   current: string|undefined, allowedNow: Set<string>, dashed: Set<string> }} spec
 *   allowedNow holds "operation|to" for the moves allowed from the current state.
 */
export function stateDiagram(spec) {
  const layout = cachedLayout(spec.statuses, spec.transitions);
  const { boxes, width, height, W } = layout;

  const isNow = (t) => t.from === spec.current && spec.allowedNow.has(`${t.operation}|${t.to}`);
  const connected = new Set(spec.transitions.flatMap((t) => [t.from, t.to]));
  const edges = spec.transitions.map((t, i) => ({
    now: isNow(t),
    path: s("path", {
      d: layout.paths[i],
      class: `edge${isNow(t) ? " now" : ""}${spec.dashed.has(t.operation) ? " other-op" : ""}`,
      "marker-end": isNow(t) ? "url(#arrow-now)" : "url(#arrow)",
      dataset: { from: t.from, to: t.to },
    }, s("title", {}, `${t.from} → ${t.to}: ${t.label} (${t.operation})`)),
  }));

  const nodes = spec.statuses.map((status) => {
    const box = boxes.get(status);
    const lane = spec.lanes.get(status) ?? "unknown";
    const current = status === spec.current;
    const reachable = spec.transitions.some((t) => t.to === status && isNow(t));
    const cls = ["node", `c-${lane}`, current && "current", reachable && "reachable", !connected.has(status) && "system-only"].filter(Boolean).join(" ");
    return s("g", { class: cls, dataset: { status } },
      s("rect", { x: box.x, y: box.y, width: W, height: BOX_H, rx: 7 }),
      s("text", { x: box.x + W / 2, y: box.y + 17, "text-anchor": "middle", class: "status" }, status),
      s("text", { x: box.x + W / 2, y: box.y + 32, "text-anchor": "middle", class: "lane" }, lane.replace("_", " ")),
      s("title", {}, `${status}${current ? " (current)" : ""}: inbox status ${lane.replace("_", " ")}${connected.has(status) ? "" : "; no manual move"}`),
    );
  });

  const labels = layout.captions.map((c) => s("text", { x: c.x, y: c.y, class: "col-label", "text-anchor": c.anchor ?? "start" }, c.text));
  const moves = spec.transitions.filter(isNow);
  const desc = spec.current === undefined
    ? `${spec.transitions.length} manual moves between ${spec.statuses.length} statuses.`
    : `Current status ${spec.current}. Allowed now: ${moves.length ? moves.map((t) => `${t.to} (${t.label})`).join(", ") : "no status change"}.`;

  return s("svg", {
    viewBox: `0 0 ${width.toFixed(0)} ${height.toFixed(0)}`,
    role: "img",
    "aria-labelledby": "diagram-title diagram-desc",
    class: "diagram",
    dataset: { crossings: String(layout.crossings) },
  },
    s("title", { id: "diagram-title" }, spec.title),
    s("desc", { id: "diagram-desc" }, desc),
    s("defs", {}, marker("arrow", "arrow-head"), marker("arrow-now", "arrow-head now")),
    labels,
    edges.filter((e) => !e.now).map((e) => e.path),
    nodes,
    edges.filter((e) => e.now).map((e) => e.path),
  );
}

function marker(id, cls) {
  return s("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" },
    s("path", { d: "M0,0 L10,5 L0,10 z", class: cls }));
}

const longest = (statuses) => Math.max(0, ...statuses.map((status) => status.length));

/** A vendor's layout depends only on its statuses and moves: searched once per vendor. */
const layouts = new Map();
function cachedLayout(statuses, transitions) {
  const key = JSON.stringify([statuses, transitions.map((t) => [t.from, t.to, t.operation])]);
  if (!layouts.has(key)) layouts.set(key, layoutDiagram(statuses, transitions, longest(statuses)));
  return layouts.get(key);
}

/**
 * Places every status and routes every transition. Pure (no DOM), so it is the same
 * computation the page draws; returns boxes, one path per transition, the size, and how
 * many crossings the chosen layout has.
 */
export function layoutDiagram(statuses, transitions, labelLength) {
  const W = Math.max(118, labelLength * 7.4 + 18);
  const hasIn = new Set(transitions.map((t) => t.to));
  const hasOut = new Set(transitions.map((t) => t.from));
  const right = statuses.filter((st) => hasIn.has(st));
  const left = statuses.filter((st) => hasOut.has(st) && !hasIn.has(st));
  const system = statuses.filter((st) => !hasIn.has(st) && !hasOut.has(st));
  const indexed = transitions.map((t, key) => ({ ...t, key }));
  const busEdges = indexed.filter((t) => !hasIn.has(t.from));
  const arcEdges = indexed.filter((t) => hasIn.has(t.from) && t.from !== t.to);

  // Sources that reach the same targets share a lane; lanes listed in first-source order.
  const targetsOf = (st) => [...new Set(busEdges.filter((t) => t.from === st).map((t) => t.to))].sort().join("\n");
  const groups = [...new Set(left.map(targetsOf))];
  const groupOf = new Map(left.map((st) => [st, groups.indexOf(targetsOf(st))]));

  const rows = Math.max(left.length, right.length);
  const leftX = PAD;
  const firstLane = left.length ? leftX + W + COLUMN_GAP : PAD;
  const rightX = left.length ? firstLane + (groups.length - 1) * LANE_GAP + COLUMN_GAP : PAD;
  const top = PAD + 22; // column captions
  // The left column sits half a row off the right one, so a lane only ever has T
  // junctions: no source row lines up with a target row across the lane.
  const stagger = left.length && right.length && (rows - left.length) % 2 === (rows - right.length) % 2 ? ROW / 2 : 0;
  const columnY = (count, i, shift) => top + ((rows - count) * ROW) / 2 + i * ROW + (ROW - BOX_H) + shift;
  const place = (order, x, shift = 0) => new Map(order.map((st, i) => [st, { x, y: columnY(order.length, i, shift) }]));

  // ── Search: right column order (arcs), then left order and lane order (bus) ──
  let best = null;
  const combos = factorial(right.length) * factorial(left.length) * factorial(groups.length);
  const rightOrders = combos <= SEARCH_LIMIT ? permutations(right) : [right];
  const leftOrders = combos <= SEARCH_LIMIT ? permutations(left) : [left];
  const laneOrders = combos <= SEARCH_LIMIT ? permutations(groups.map((_, i) => i)) : [groups.map((_, i) => i)];
  for (const rightOrder of rightOrders) {
    const rightBoxes = place(rightOrder, rightX);
    const arcs = routeArcs(arcEdges, rightBoxes, W);
    const arcCrossings = countArcCrossings(arcs);
    if (best && arcCrossings > best.crossings) continue;
    for (const leftOrder of leftOrders) {
      const leftBoxes = place(leftOrder, leftX, stagger);
      for (const laneOrder of laneOrders) {
        const laneX = new Map(laneOrder.map((g, i) => [g, firstLane + i * LANE_GAP]));
        const bus = busEdges.map((t) => busRoute(leftBoxes.get(t.from), rightBoxes.get(t.to), laneX.get(groupOf.get(t.from)), W));
        const crossings = arcCrossings + countBusCrossings(bus);
        if (!best || crossings < best.crossings) best = { crossings, rightBoxes, leftBoxes, arcs, bus };
        if (best.crossings === 0) break;
      }
      if (best.crossings === 0) break;
    }
    if (best.crossings === 0) break;
  }

  const boxes = new Map([...best.leftBoxes, ...best.rightBoxes]);
  const arcWidth = Math.max(0, ...best.arcs.map((a) => a.rx));
  const columnsWidth = right.length ? rightX + W + arcWidth + PAD + 6 : left.length ? leftX + W + PAD : 0;
  const columnsBottom = rows ? top + rows * ROW + stagger : PAD;

  // ── The system-owned statuses: a row (or rows) underneath ──
  const captions = [];
  const perRow = Math.max(3, Math.floor((Math.max(columnsWidth, 3 * (W + 12)) - PAD) / (W + 12)));
  const systemTop = columnsBottom + (rows ? 30 : 22);
  system.forEach((st, i) => boxes.set(st, { x: PAD + (i % perRow) * (W + 12), y: systemTop + Math.floor(i / perRow) * (BOX_H + 12) }));
  if (left.length) captions.push({ x: leftX + W / 2, y: top - 6, text: "reviewer moves it from", anchor: "middle" });
  if (right.length) captions.push({ x: rightX + W / 2, y: top - 6, text: "reviewer sets", anchor: "middle" });
  if (system.length) captions.push({ x: PAD, y: systemTop - 8, text: rows ? "system-owned: no manual move" : "system-owned: no manual move in this API" });
  const systemRows = Math.ceil(system.length / perRow);
  const width = Math.max(columnsWidth, system.length ? PAD + Math.min(system.length, perRow) * (W + 12) : 0, 2 * PAD + W);
  const height = system.length ? systemTop + systemRows * (BOX_H + 12) + PAD - 12 : columnsBottom + PAD;

  const paths = new Array(transitions.length);
  best.bus.forEach((route, i) => (paths[busEdges[i].key] = route.d));
  best.arcs.forEach((arc) => (paths[arc.key] = arc.d));
  for (const t of indexed) if (t.from === t.to) paths[t.key] = selfLoop(boxes.get(t.from), W);
  return { boxes, paths, width, height, W, crossings: best.crossings, captions };
}

/**
 * Arcs on the right side of the right column. On each box the ends are ordered top to
 * bottom: arcs to boxes above (nearest first), then arcs to boxes below (farthest
 * first); two arcs between the same boxes nest by their order in the list. With the bulge
 * proportional to the span, arcs whose spans do not interleave never cross.
 */
function routeArcs(arcEdges, boxes, W) {
  const ends = new Map(); // box → [{ arc, side, distance, up, key }]
  const arcs = arcEdges.map((t) => ({ key: t.key, from: t.from, to: t.to }));
  for (const arc of arcs) {
    for (const [self, other, side] of [[arc.from, arc.to, "from"], [arc.to, arc.from, "to"]]) {
      const distance = boxes.get(other).y - boxes.get(self).y;
      if (!ends.has(self)) ends.set(self, []);
      ends.get(self).push({ arc, side, up: distance < 0, distance: Math.abs(distance) });
    }
  }
  for (const [status, list] of ends) {
    list.sort((a, b) => {
      if (a.up !== b.up) return a.up ? -1 : 1;
      if (a.up) return a.distance - b.distance || b.arc.key - a.arc.key;
      return b.distance - a.distance || a.arc.key - b.arc.key;
    });
    const box = boxes.get(status);
    const step = (BOX_H - 12) / Math.max(1, list.length - 1);
    list.forEach((end, i) => (end.arc[end.side] = { name: end.arc[end.side], y: list.length === 1 ? box.y + BOX_H / 2 : box.y + 6 + i * step }));
  }
  const x = [...boxes.values()][0]?.x + W;
  for (const arc of arcs) {
    const y1 = arc.from.y;
    const y2 = arc.to.y;
    const ry = Math.abs(y2 - y1) / 2;
    arc.rx = ARC_K * ry + 4;
    arc.span = [Math.min(y1, y2), Math.max(y1, y2)];
    arc.d = `M${(x + 2).toFixed(1)},${y1.toFixed(1)} A${arc.rx.toFixed(1)},${ry.toFixed(1)} 0 0 ${y2 > y1 ? 1 : 0} ${(x + 2).toFixed(1)},${y2.toFixed(1)}`;
  }
  return arcs;
}

/** Arcs on one side of one line cross exactly when their spans interleave. */
function countArcCrossings(arcs) {
  let n = 0;
  for (let i = 0; i < arcs.length; i++) {
    for (let j = i + 1; j < arcs.length; j++) {
      const [a1, a2] = arcs[i].span;
      const [b1, b2] = arcs[j].span;
      if ((a1 < b1 && b1 < a2 && a2 < b2) || (b1 < a1 && a1 < b2 && b2 < a2)) n++;
    }
  }
  return n;
}

/** From a left box's right side, along its lane, into a right box's left side; rounded corners. */
function busRoute(from, to, laneX, W) {
  const x1 = from.x + W;
  const y1 = from.y + BOX_H / 2;
  const x2 = to.x - 2;
  const y2 = to.y + BOX_H / 2;
  const segments = [[x1, y1, laneX, y1], [laneX, y1, laneX, y2], [laneX, y2, x2, y2]];
  if (Math.abs(y2 - y1) < 1) return { d: `M${x1.toFixed(1)},${y1.toFixed(1)} H${x2.toFixed(1)}`, segments };
  const r = Math.min(6, Math.abs(y2 - y1) / 2);
  const dir = y2 > y1 ? 1 : -1;
  const d = [
    `M${x1.toFixed(1)},${y1.toFixed(1)}`,
    `H${(laneX - r).toFixed(1)}`,
    `Q${laneX.toFixed(1)},${y1.toFixed(1)} ${laneX.toFixed(1)},${(y1 + dir * r).toFixed(1)}`,
    `V${(y2 - dir * r).toFixed(1)}`,
    `Q${laneX.toFixed(1)},${y2.toFixed(1)} ${(laneX + r).toFixed(1)},${y2.toFixed(1)}`,
    `H${x2.toFixed(1)}`,
  ].join(" ");
  return { d, segments };
}

/** Proper crossings between horizontal and vertical segments of different routes (shared runs are not crossings). */
function countBusCrossings(routes) {
  let n = 0;
  for (let i = 0; i < routes.length; i++) {
    for (let j = i + 1; j < routes.length; j++) {
      for (const a of routes[i].segments) for (const b of routes[j].segments) if (crosses(a, b) || crosses(b, a)) n++;
    }
  }
  return n;
}

/** A horizontal segment `h` and a vertical one `v` cross at an inner point of both. */
function crosses(h, v) {
  if (h[1] !== h[3] || v[0] !== v[2]) return false;
  const [hx1, hx2] = [Math.min(h[0], h[2]), Math.max(h[0], h[2])];
  const [vy1, vy2] = [Math.min(v[1], v[3]), Math.max(v[1], v[3])];
  return hx1 < v[0] && v[0] < hx2 && vy1 < h[1] && h[1] < vy2;
}

/** A small loop over the box's top right corner. */
function selfLoop(box, W) {
  const x1 = box.x + W - 40;
  const x2 = box.x + W - 14;
  const y = box.y - 1;
  return `M${x1.toFixed(1)},${y.toFixed(1)} C${(x1 - 4).toFixed(1)},${(y - 24).toFixed(1)} ${(x2 + 4).toFixed(1)},${(y - 24).toFixed(1)} ${x2.toFixed(1)},${(y - 2).toFixed(1)}`;
}

function permutations(items) {
  if (items.length <= 1) return [items];
  const out = [];
  items.forEach((item, i) => {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) out.push([item, ...rest]);
  });
  return out;
}

function factorial(n) {
  return n <= 1 ? 1 : n * factorial(n - 1);
}
