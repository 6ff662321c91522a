/** The chemistry test knowledge base as a knowledge bundle, for integration tests on the real store. */
import type { KnowledgeBundle } from '@rustygpt/core';
import { aChemistryKnowledgeBase } from './chemistry-kb';

export function aChemistryBundle(): KnowledgeBundle {
  const { kb } = aChemistryKnowledgeBase();
  const key = (id: number): string => kb.entities.get(id)!.key;
  return {
    entities: [...kb.entities.values()].map((e) => ({
      key: e.key,
      type: e.type,
      name: e.name,
      aliases: e.aliases,
      attributes: e.attributes,
    })),
    relationships: kb.relationships.map((r) => ({
      from: key(r.fromId),
      to: key(r.toId),
      type: r.type,
      weight: r.weight,
      path: r.path,
    })),
    resources: kb.resources.map((r) => ({
      uri: r.uri,
      title: r.title ?? undefined,
      text: r.text ?? undefined,
      entities: kb.links
        .filter((l) => l.resourceId === r.id)
        .map((l) => ({ key: key(l.entityId), confidence: l.confidence })),
    })),
  };
}
