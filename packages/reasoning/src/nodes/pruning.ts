/**
 * Node 5, pruning: keeps in the working set only the facts and passages the answer uses, drops
 * what traversal explored but did not use, refreshes the in-memory LRU active set, and queues
 * the used entities for batched reference tracking.
 */
import { defineNode, type AnyNode } from '../engine/node';
import type { ReasoningServices } from '../services';
import type { Fact, ReasoningState, WorkingSet } from '../state';

/** Node name of pruning, as it appears in traces and in `Workflow.node`. */
export const PRUNING = 'pruning';

/** Creates the pruning node. */
export function pruningNode(services: ReasoningServices): AnyNode<ReasoningState> {
  return defineNode<ReasoningState, 'resolution' | 'assessment' | 'memory', 'workingSet'>({
    name: PRUNING,
    inputs: ['resolution', 'assessment', 'memory'],
    outputs: ['workingSet'],
    priority: 60,
    timeoutMs: 2_000,
    async run({ input, notes }) {
      const { resolution, assessment } = input;
      const answered = assessment.status === 'answered';
      const facts: Fact[] = answered && !assessment.passageAnswer ? dedupe(resolution.facts) : [];
      const used = new Set<number>();
      for (const f of facts) {
        if (f.kind === 'attribute') used.add(f.entity.id);
        else {
          used.add(f.from.id);
          used.add(f.to.id);
        }
      }
      const passages = assessment.passageAnswer ? [assessment.passageAnswer.passage] : [];
      for (const p of passages) if (p.entityId) used.add(p.entityId);
      const droppedEntities = resolution.explored.filter((id) => !used.has(id)).length;
      const now = Date.now();
      for (const id of used) services.activeSet.set(id, now);
      services.references.add(used);
      const workingSet: WorkingSet = {
        facts,
        passages,
        dropped: { entities: droppedEntities, facts: resolution.facts.length - facts.length },
      };
      notes.touch({ entityIds: used, resourceIds: passages.map((p) => p.resource.id) });
      notes.decide(
        'pruned',
        `kept ${facts.length} fact(s), ${used.size} entit(ies); dropped ${droppedEntities} explored entit(ies)`,
      );
      return { workingSet };
    },
  });
}

function dedupe(facts: Fact[]): Fact[] {
  const seen = new Set<string>();
  return facts.filter((f) => {
    const key = f.kind === 'attribute' ? `a:${f.entity.id}:${f.name}` : `r:${f.relationship.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
