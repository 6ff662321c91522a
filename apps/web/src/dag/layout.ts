/** A node placed on the canvas. */
export interface Placed {
  id: string;
  x: number;
  y: number;
}

/** A directed edge between two node ids. */
export interface Link {
  from: string;
  to: string;
}

/**
 * Longest-path layering of a DAG: each node's layer is one more than its deepest predecessor,
 * so data flows left to right. Edges that would close a cycle are ignored.
 */
export function layers(ids: readonly string[], links: readonly Link[]): Map<string, number> {
  const preds = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const l of links) if (preds.has(l.to) && preds.has(l.from)) preds.get(l.to)!.push(l.from);
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const value = Math.max(-1, ...(preds.get(id) ?? []).map(visit)) + 1;
    visiting.delete(id);
    layer.set(id, value);
    return value;
  };
  ids.forEach(visit);
  return layer;
}

/**
 * Positions nodes in columns by layer, stacking nodes of a layer vertically. Long chains wrap
 * into bands of `wrapAfter` columns so the drawing keeps a readable aspect ratio.
 */
export function layeredLayout(
  ids: readonly string[],
  links: readonly Link[],
  spacing = { x: 260, y: 130 },
  wrapAfter = Number.POSITIVE_INFINITY,
): Placed[] {
  const layer = layers(ids, links);
  const rowInLayer = new Map<number, number>();
  const rowsPerBand = Math.max(
    1,
    ...[...layer.values()].map((l) => ids.filter((id) => layer.get(id) === l).length),
  );
  const bandHeight = (rowsPerBand + 1) * spacing.y;
  return ids.map((id) => {
    const column = layer.get(id) ?? 0;
    const row = rowInLayer.get(column) ?? 0;
    rowInLayer.set(column, row + 1);
    const band = Number.isFinite(wrapAfter) ? Math.floor(column / wrapAfter) : 0;
    const x = (Number.isFinite(wrapAfter) ? column % wrapAfter : column) * spacing.x;
    // Odd layers sit half a row lower, so edges that skip a layer do not run through nodes.
    return { id, x, y: band * bandHeight + row * spacing.y + (column % 2) * (spacing.y / 2) };
  });
}

/** Places nodes on concentric rings by hop distance (the neighbourhood view). */
export function radialLayout(depthOf: ReadonlyMap<string, number>, ringGap = 240): Placed[] {
  const byDepth = new Map<number, string[]>();
  for (const [id, depth] of depthOf) {
    const ring = byDepth.get(depth) ?? [];
    ring.push(id);
    byDepth.set(depth, ring);
  }
  const placed: Placed[] = [];
  for (const [depth, ids] of byDepth) {
    if (depth === 0) {
      ids.forEach((id, i) => placed.push({ id, x: i * 60, y: 0 }));
      continue;
    }
    const radius = depth * ringGap + Math.max(0, ids.length - 12) * 6;
    ids.forEach((id, i) => {
      const angle = (2 * Math.PI * i) / ids.length + depth * 0.35;
      placed.push({ id, x: Math.round(radius * Math.cos(angle)), y: Math.round(radius * Math.sin(angle)) });
    });
  }
  return placed;
}
