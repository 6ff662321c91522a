import type { Entity, KnowledgePort, Neighbour, TraversalHop } from '@rustygpt/core';
import type { Lifecycle } from '@rustygpt/lifecycle';

/** The part of a Lifecycle the wrapper needs (archived entities come back before they are used). */
export type Reactivation = Pick<Lifecycle, 'ensureActive'>;

/** Re-reads entities that were not active when read, after their reactivation. */
async function refreshed(target: KnowledgePort, life: Reactivation, entities: Entity[]): Promise<Entity[]> {
  const stale = entities.filter((e) => e.state !== 'active').map((e) => e.id);
  if (stale.length === 0) return entities;
  await life.ensureActive(stale);
  const fresh = new Map((await target.getEntities(stale)).map((e) => [e.id, e]));
  return entities.map((e) => fresh.get(e.id) ?? e);
}

/**
 * Wraps the KnowledgePort the reasoner reads so that archived or inactive entities it touches are
 * reactivated within the same request (reference tracking keeps used knowledge live).
 */
export function reactivatingKnowledge(target: KnowledgePort, life: Reactivation): KnowledgePort {
  const overrides: Partial<KnowledgePort> = {
    // The reasoner's alias index drops archived names; behind this port an archived entity comes
    // back when read, so its names stay matchable (listed as inactive until then).
    listAliases: async (options) => {
      const r = await target.listAliases(options);
      return {
        ...r,
        entries: r.entries.map((e) => (e.state === 'archived' ? { ...e, state: 'inactive' as const } : e)),
      };
    },
    getEntities: async (ids) => refreshed(target, life, await target.getEntities(ids)),
    findByAlias: async (text) => refreshed(target, life, await target.findByAlias(text)),
    getEntityByKey: async (key) => {
      const e = await target.getEntityByKey(key);
      return e ? ((await refreshed(target, life, [e]))[0] ?? e) : null;
    },
    neighbours: async (entityId, options) => {
      const hops: Neighbour[] = await target.neighbours(entityId, options);
      const entities = await refreshed(
        target,
        life,
        hops.map((h) => h.entity),
      );
      return hops.map((h, i) => ({ ...h, entity: entities[i] ?? h.entity }));
    },
    traverse: async (startIds, options) => {
      const hops: TraversalHop[] = await target.traverse(startIds, options);
      if (hops.length > 0) await life.ensureActive([...new Set(hops.map((h) => h.entityId))]);
      return hops;
    },
  };
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === 'string' && prop in overrides) return overrides[prop as keyof KnowledgePort];
      const value: unknown = Reflect.get(t, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}
