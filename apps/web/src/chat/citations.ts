/** A source an answer drew on, linked to its entity page. */
export interface Citation {
  id: string;
  name: string;
  type: string;
}

interface StepLike {
  node: string;
  entities: { id: string; name: string; type: string }[];
}

/**
 * The entities an answer cites: those the generation step used (what the answer was composed
 * from), or, for runs without one, every entity the trace touched. Deduplicated, in order.
 */
export function citationsOf(steps: readonly StepLike[] | null | undefined): Citation[] {
  if (!steps) return [];
  const generation = steps.filter((s) => s.node === 'generation');
  const source = generation.some((s) => s.entities.length > 0) ? generation : steps;
  const seen = new Map<string, Citation>();
  for (const step of source) {
    for (const entity of step.entities) {
      if (!seen.has(entity.id)) seen.set(entity.id, { id: entity.id, name: entity.name, type: entity.type });
    }
  }
  return [...seen.values()];
}
