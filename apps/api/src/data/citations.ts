import type { ReasoningRunRecord } from '@rustygpt/core';

/** The generation node's name in traces: its step records what the answer was composed from. */
const GENERATION_NODE = 'generation';

/** What a saved run cites, before labels are read: entity and resource ids, each once, in order. */
export interface CitedIds {
  entityIds: number[];
  resourceIds: number[];
}

/**
 * The sources a saved answer cites, read from its run's generation step(s) (the trace keeps the
 * ids of the entities and resources the answer was composed from), so a stored message shows
 * the same sources as the live answer without storing them twice.
 */
export function citedIds(run: Pick<ReasoningRunRecord, 'steps'> | null): CitedIds {
  const entityIds = new Set<number>();
  const resourceIds = new Set<number>();
  if (!run) return { entityIds: [], resourceIds: [] };
  const steps = run.steps.filter((s) => s.node === GENERATION_NODE).sort((a, b) => a.order - b.order);
  for (const step of steps) {
    for (const id of step.entityIds) entityIds.add(id);
    for (const id of step.resourceIds) resourceIds.add(id);
  }
  return { entityIds: [...entityIds], resourceIds: [...resourceIds] };
}
