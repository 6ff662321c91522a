import type { Link } from './layout';

/** A trace step as the run graph needs it. */
export interface TraceStep {
  id: string;
  node: string;
  pass: number;
  order: number;
  parentId?: string | null;
  status: string;
  decision?: string | null;
  reason?: string | null;
  durationMs: number;
  entities: { id: string; name: string; type: string }[];
}

/** Nodes and edges of a run's graph: one node per step, data edges within each pass. */
export interface RunGraph {
  steps: TraceStep[];
  links: (Link & { label: string })[];
}

/**
 * Turns a trace into a graph: the run and its passes form the spine (parent → child), and
 * within a pass the workflow's data edges connect the node steps that actually ran, so the
 * drawing shows what fed what, pass after pass.
 */
export function buildRunGraph(
  steps: readonly TraceStep[],
  workflowEdges: readonly { from: string; to: string; key: string }[],
): RunGraph {
  const ordered = [...steps].sort((a, b) => a.pass - b.pass || a.order - b.order);
  const links: RunGraph['links'] = [];
  const byParent = new Map<string, TraceStep[]>();
  for (const step of ordered) {
    if (!step.parentId) continue;
    const siblings = byParent.get(step.parentId) ?? [];
    siblings.push(step);
    byParent.set(step.parentId, siblings);
  }
  const ids = new Set(ordered.map((s) => s.id));
  for (const [parentId, children] of byParent) {
    if (!ids.has(parentId)) continue;
    const byNode = new Map(children.map((c) => [c.node, c]));
    const fed = new Set<string>();
    for (const edge of workflowEdges) {
      const from = byNode.get(edge.from);
      const to = byNode.get(edge.to);
      if (!from || !to) continue;
      if (links.some((l) => l.from === from.id && l.to === to.id)) continue;
      links.push({ from: from.id, to: to.id, label: edge.key });
      fed.add(to.id);
    }
    for (const child of children) {
      if (!fed.has(child.id)) links.push({ from: parentId, to: child.id, label: '' });
    }
  }
  return { steps: ordered, links };
}
