/**
 * The in-memory active set: recently used entities and their neighbourhoods, so follow-up
 * questions about the same part of the graph skip the store. Entries expire after a short TTL
 * and are dropped as soon as the alias dictionary reports their entity changed.
 */
import type { Entity, KnowledgeReader, Relationship } from '@rustygpt/core';
import { Lru } from './lru';

/** A relationship seen from one of its ends, without the other end loaded. */
export interface Edge {
  relationship: Relationship;
  /** The entity the edge was asked for. */
  entityId: number;
  /** The entity at the other end. */
  otherId: number;
  direction: 'out' | 'in';
}

/** Edges kept per entity (strongest first): a hub's list is cut here, never another entity's. */
const EDGE_LIMIT_PER_ENTITY = 50_000;

interface Timed<T> {
  value: T;
  at: number;
}

export class GraphCache {
  private readonly entities: Lru<number, Timed<Entity>>;
  private readonly edgeLists: Lru<number, Timed<Edge[]>>;
  hits = 0;
  misses = 0;

  constructor(
    capacity = 5_000,
    private readonly ttlMs = 5_000,
    private readonly edgeLimitPerEntity = EDGE_LIMIT_PER_ENTITY,
  ) {
    this.entities = new Lru(capacity);
    this.edgeLists = new Lru(capacity);
  }

  /**
   * Every edge of each id (both directions; up to `edgeLimitPerEntity` per id, strongest first),
   * in one store round trip for the ids not in memory. Uses `relationshipsOf` when the reader has
   * it, else `neighbours` per id (whose entities then warm the entity cache).
   */
  async edges(
    store: Pick<KnowledgeReader, 'neighbours' | 'relationshipsOf'>,
    ids: number[],
  ): Promise<Map<number, Edge[]>> {
    const now = Date.now();
    const out = new Map<number, Edge[]>();
    const missing: number[] = [];
    for (const id of new Set(ids)) {
      const hit = this.edgeLists.get(id);
      if (hit && now - hit.at < this.ttlMs) out.set(id, hit.value);
      else missing.push(id);
    }
    this.hits += out.size;
    this.misses += missing.length;
    if (missing.length > 0) {
      const fetched = new Map<number, Edge[]>(missing.map((id) => [id, []]));
      if (store.relationshipsOf) {
        // The cut is per entity: under one limit for the batch a hub would crowd out the rest.
        const rows = await store.relationshipsOf(missing, {
          direction: 'both',
          perEntityLimit: this.edgeLimitPerEntity,
          limit: this.edgeLimitPerEntity * missing.length,
        });
        for (const row of rows) {
          const otherId = row.direction === 'out' ? row.relationship.toId : row.relationship.fromId;
          fetched.get(row.entityId)?.push({ ...row, otherId });
        }
      } else {
        await Promise.all(
          missing.map(async (id) => {
            const list = await store.neighbours(id, { direction: 'both', limit: this.edgeLimitPerEntity });
            for (const n of list) this.entities.set(n.entity.id, { value: n.entity, at: now });
            fetched.set(
              id,
              list.map((n) => ({
                relationship: n.relationship,
                entityId: id,
                otherId: n.entity.id,
                direction: n.direction,
              })),
            );
          }),
        );
      }
      for (const [id, list] of fetched) {
        this.edgeLists.set(id, { value: list, at: now });
        out.set(id, list);
      }
    }
    return out;
  }

  /** Entities by id, from memory where fresh, else one store call for the rest. */
  async getEntities(store: Pick<KnowledgeReader, 'getEntities'>, ids: number[]): Promise<Entity[]> {
    if (ids.length === 0) return [];
    const now = Date.now();
    const found = new Map<number, Entity>();
    const missing: number[] = [];
    for (const id of new Set(ids)) {
      const hit = this.entities.get(id);
      if (hit && now - hit.at < this.ttlMs) found.set(id, hit.value);
      else missing.push(id);
    }
    this.hits += found.size;
    this.misses += missing.length;
    if (missing.length > 0) {
      for (const e of await store.getEntities(missing)) {
        found.set(e.id, e);
        this.entities.set(e.id, { value: e, at: now });
      }
    }
    return ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
  }

  /** Forgets changed entities and every neighbourhood (a change may touch any of them). */
  invalidate(entityIds: Iterable<number>): void {
    let any = false;
    for (const id of entityIds) {
      this.entities.delete(id);
      any = true;
    }
    if (any) {
      for (const key of this.edgeLists.keys()) this.edgeLists.delete(key);
    }
  }
}
