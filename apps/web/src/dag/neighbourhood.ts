/** An entity drawn in the neighbourhood graph. */
export interface HoodNode {
  id: string;
  name: string;
  type: string;
  depth: number;
}

/** A relationship drawn in the neighbourhood graph. */
export interface HoodEdge {
  id: string;
  from: string;
  to: string;
  type: string;
  weight: number;
}

/** The growing neighbourhood: nodes and edges seen so far, and which nodes were expanded. */
export interface Neighbourhood {
  nodes: Map<string, HoodNode>;
  edges: Map<string, HoodEdge>;
  expanded: Set<string>;
  /** True once a merge had to drop nodes because of the cap. */
  truncated: boolean;
}

/** A traversal hop as the API returns it. */
export interface Hop {
  depth: number;
  entity: { id: string; name: string; type: string } | null;
  via: { id: string; type: string; weight: number; from: { id: string } | null; to: { id: string } | null }[];
}

/** A neighbourhood holding only its centre. */
export function startNeighbourhood(centre: { id: string; name: string; type: string }): Neighbourhood {
  return {
    nodes: new Map([[centre.id, { ...centre, depth: 0 }]]),
    edges: new Map(),
    expanded: new Set(),
    truncated: false,
  };
}

/**
 * Adds the hops of a traversal from `origin` (new nodes one ring further out than `origin`'s
 * depth plus their hop depth), keeping at most `maxNodes` nodes so huge neighbourhoods stay
 * drawable; edges are kept only between drawn nodes.
 */
export function mergeHops(
  hood: Neighbourhood,
  origin: string,
  hops: readonly Hop[],
  maxNodes: number,
): Neighbourhood {
  const nodes = new Map(hood.nodes);
  const edges = new Map(hood.edges);
  const base = nodes.get(origin)?.depth ?? 0;
  let truncated = hood.truncated;
  for (const hop of hops) {
    if (!hop.entity || nodes.has(hop.entity.id)) continue;
    if (nodes.size >= maxNodes) {
      truncated = true;
      continue;
    }
    nodes.set(hop.entity.id, { ...hop.entity, depth: base + hop.depth });
  }
  for (const hop of hops) {
    for (const rel of hop.via) {
      const from = rel.from?.id;
      const to = rel.to?.id;
      if (!from || !to || !nodes.has(from) || !nodes.has(to)) continue;
      edges.set(rel.id, { id: rel.id, from, to, type: rel.type, weight: rel.weight });
    }
  }
  return { nodes, edges, expanded: new Set([...hood.expanded, origin]), truncated };
}
