/**
 * An in-memory KnowledgePort for the nodes' unit tests ONLY (integration tests, evals and
 * benches use the real store). Small, obvious implementations of each read.
 */
import {
  normalizeText,
  tokenize,
  type AliasEntry,
  type ChunkHit,
  type Direction,
  type Embedder,
  type Entity,
  type ExternalResource,
  type KnowledgePort,
  type Neighbour,
  type ReasoningRunRecord,
  type Relationship,
  type Scored,
  type TraversalHop,
  type Vocabulary,
  type AttributeValue,
} from '@rustygpt/core';

interface Chunk {
  resource: ExternalResource;
  text: string;
  vector: Float32Array | null;
}

export class MemoryKnowledge implements KnowledgePort {
  readonly workspaceId = 1;
  readonly entities = new Map<number, Entity>();
  readonly relationships: Relationship[] = [];
  readonly resources: ExternalResource[] = [];
  readonly links: { resourceId: number; entityId: number; confidence: number }[] = [];
  readonly chunks: Chunk[] = [];
  readonly vectors = new Map<number, Float32Array>();
  readonly runs = new Map<string, ReasoningRunRecord>();
  readonly tracked: number[][] = [];
  readonly calls: string[] = [];
  private changes = new Map<number, number>();
  private version = 0;
  /** Artificial latency of every read (for cancellation/timeout tests). */
  delayMs = 0;

  constructor(readonly modelId = 'test:hash') {}

  private async tick(name: string): Promise<void> {
    this.calls.push(name);
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
  }

  addEntity(input: {
    key: string;
    type: string;
    name: string;
    aliases?: string[];
    attributes?: Record<string, AttributeValue>;
    state?: Entity['state'];
  }): Entity {
    const id = this.entities.size + 1;
    const entity: Entity = {
      id,
      workspaceId: 1,
      key: input.key,
      type: input.type,
      name: input.name,
      state: input.state ?? 'active',
      version: 1,
      aliases: input.aliases ?? [],
      attributes: input.attributes ?? {},
      createdAt: new Date(0),
      updatedAt: new Date(0),
    };
    this.entities.set(id, entity);
    this.changes.set(id, ++this.version);
    return entity;
  }

  updateEntity(id: number, patch: Partial<Pick<Entity, 'name' | 'aliases' | 'state' | 'attributes'>>): void {
    const e = this.entities.get(id)!;
    this.entities.set(id, { ...e, ...patch, version: e.version + 1 });
    this.changes.set(id, ++this.version);
  }

  relate(from: Entity, type: string, to: Entity, weight = 1, path = type): Relationship {
    const r: Relationship = {
      id: this.relationships.length + 1,
      fromId: from.id,
      toId: to.id,
      type,
      weight,
      path,
    };
    this.relationships.push(r);
    return r;
  }

  addResource(
    uri: string,
    title: string | null,
    text: string | null,
    entities: Entity[] = [],
    vector: Float32Array | null = null,
  ): ExternalResource {
    const r: ExternalResource = {
      id: this.resources.length + 1,
      workspaceId: 1,
      uri,
      title,
      contentType: 'text/plain',
      text,
      contentHash: null,
      fetchedAt: null,
    };
    this.resources.push(r);
    for (const e of entities) this.links.push({ resourceId: r.id, entityId: e.id, confidence: 0.9 });
    if (text) this.chunks.push({ resource: r, text, vector });
    return r;
  }

  /** Embeds every entity (name + type) with `embedder` for vector search. */
  async index(embedder: Embedder): Promise<void> {
    const list = [...this.entities.values()];
    const vectors = await embedder.embed(list.map((e) => `${e.name} ${e.type}`));
    list.forEach((e, i) => this.vectors.set(e.id, vectors[i]!));
    const chunkVectors = await embedder.embed(this.chunks.map((c) => c.text));
    this.chunks.forEach((c, i) => (c.vector = chunkVectors[i]!));
  }

  async getEntities(ids: number[]): Promise<Entity[]> {
    await this.tick('getEntities');
    return ids.flatMap((id) => (this.entities.has(id) ? [this.entities.get(id)!] : []));
  }

  async getEntityByKey(key: string): Promise<Entity | null> {
    await this.tick('getEntityByKey');
    return [...this.entities.values()].find((e) => e.key === key) ?? null;
  }

  async findByAlias(text: string): Promise<Entity[]> {
    await this.tick('findByAlias');
    const n = normalizeText(text);
    return [...this.entities.values()].filter((e) =>
      [e.name, ...e.aliases].some((a) => normalizeText(a) === n),
    );
  }

  async listAliases(
    options: { changedSince?: number } = {},
  ): Promise<{ entries: AliasEntry[]; watermark: number }> {
    await this.tick('listAliases');
    const since = options.changedSince ?? -1;
    const entries: AliasEntry[] = [];
    for (const e of this.entities.values()) {
      if ((this.changes.get(e.id) ?? 0) <= since) continue;
      for (const alias of [e.name, ...e.aliases]) {
        entries.push({
          entityId: e.id,
          alias,
          normalized: normalizeText(alias),
          entityType: e.type,
          state: e.state,
        });
      }
    }
    return { entries, watermark: this.version };
  }

  async neighbours(
    entityId: number,
    options: { direction?: Direction; types?: string[]; minWeight?: number; limit?: number } = {},
  ): Promise<Neighbour[]> {
    await this.tick('neighbours');
    const direction = options.direction ?? 'both';
    const out: Neighbour[] = [];
    for (const r of this.relationships) {
      if (options.types && !options.types.includes(r.type)) continue;
      if (options.minWeight !== undefined && r.weight < options.minWeight) continue;
      if (r.fromId === entityId && direction !== 'in')
        out.push({ relationship: r, entity: this.entities.get(r.toId)!, direction: 'out' });
      if (r.toId === entityId && direction !== 'out')
        out.push({ relationship: r, entity: this.entities.get(r.fromId)!, direction: 'in' });
    }
    return out.sort((a, b) => b.relationship.weight - a.relationship.weight).slice(0, options.limit ?? 1000);
  }

  async traverse(
    startIds: number[],
    options: { depth: number; types?: string[]; minWeight?: number; limit?: number; direction?: Direction },
  ): Promise<TraversalHop[]> {
    await this.tick('traverse');
    const seen = new Map<number, TraversalHop>();
    let frontier: TraversalHop[] = startIds.map((id) => ({
      entityId: id,
      depth: 0,
      viaRelationshipIds: [],
      pathWeight: 1,
    }));
    for (const h of frontier) seen.set(h.entityId, h);
    for (let d = 1; d <= options.depth; d++) {
      const next: TraversalHop[] = [];
      for (const hop of frontier) {
        for (const r of this.relationships) {
          if (options.types && !options.types.includes(r.type)) continue;
          const other = r.fromId === hop.entityId ? r.toId : r.toId === hop.entityId ? r.fromId : null;
          if (other === null || seen.has(other)) continue;
          const h = {
            entityId: other,
            depth: d,
            viaRelationshipIds: [...hop.viaRelationshipIds, r.id],
            pathWeight: hop.pathWeight * r.weight,
          };
          seen.set(other, h);
          next.push(h);
        }
      }
      frontier = next;
    }
    return [...seen.values()].slice(0, options.limit ?? 1000);
  }

  async getRelationships(ids: number[]): Promise<Relationship[]> {
    await this.tick('getRelationships');
    return this.relationships.filter((r) => ids.includes(r.id));
  }

  async relationshipsUnderPath(prefix: string): Promise<Relationship[]> {
    await this.tick('relationshipsUnderPath');
    return this.relationships.filter((r) => r.path === prefix || r.path.startsWith(`${prefix}.`));
  }

  async vocabulary(): Promise<Vocabulary> {
    await this.tick('vocabulary');
    const count = <T>(items: T[]): Map<T, number> => {
      const m = new Map<T, number>();
      for (const i of items) m.set(i, (m.get(i) ?? 0) + 1);
      return m;
    };
    const rel = count(this.relationships.map((r) => `${r.type}\u0000${r.path}`));
    return {
      relationshipTypes: [...rel].map(([k, n]) => ({
        type: k.split('\u0000')[0]!,
        path: k.split('\u0000')[1]!,
        count: n,
      })),
      attributeNames: [...count([...this.entities.values()].flatMap((e) => Object.keys(e.attributes)))].map(
        ([name, n]) => ({ name, count: n }),
      ),
      entityTypes: [...count([...this.entities.values()].map((e) => e.type))].map(([type, n]) => ({
        type,
        count: n,
      })),
    };
  }

  async searchEntitiesByVector(
    vector: Float32Array,
    options: { modelId: string; k: number; types?: string[]; states?: Entity['state'][] },
  ): Promise<Scored<Entity>[]> {
    await this.tick('searchEntitiesByVector');
    if (options.modelId !== this.modelId) return [];
    return [...this.vectors]
      .map(([id, v]) => ({ item: this.entities.get(id)!, score: cos(vector, v) }))
      .filter(
        (s) =>
          (!options.types || options.types.includes(s.item.type)) &&
          (!options.states || options.states.includes(s.item.state)),
      )
      .sort((a, b) => b.score - a.score)
      .slice(0, options.k);
  }

  async searchChunksByVector(
    vector: Float32Array,
    options: { modelId: string; k: number },
  ): Promise<ChunkHit[]> {
    await this.tick('searchChunksByVector');
    return this.chunks
      .filter((c) => c.vector)
      .map((c) => ({ resource: c.resource, chunkIndex: 0, text: c.text, score: cos(vector, c.vector!) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, options.k);
  }

  async searchChunksFullText(query: string, options: { k: number }): Promise<ChunkHit[]> {
    await this.tick('searchChunksFullText');
    const words = new Set(tokenize(query));
    return this.chunks
      .map((c) => ({
        resource: c.resource,
        chunkIndex: 0,
        text: c.text,
        score: tokenize(c.text).filter((t) => words.has(t)).length,
      }))
      .filter((h) => h.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, options.k);
  }

  async resourcesForEntities(
    entityIds: number[],
  ): Promise<{ resource: ExternalResource; entityId: number; confidence: number }[]> {
    await this.tick('resourcesForEntities');
    return this.links
      .filter((l) => entityIds.includes(l.entityId))
      .map((l) => ({
        resource: this.resources[l.resourceId - 1]!,
        entityId: l.entityId,
        confidence: l.confidence,
      }));
  }

  async trackReferences(entityIds: number[]): Promise<void> {
    this.tracked.push([...entityIds]);
  }

  async saveRun(run: ReasoningRunRecord): Promise<void> {
    this.runs.set(run.id, structuredClone(run));
  }

  async getRun(id: string): Promise<ReasoningRunRecord | null> {
    return this.runs.get(id) ?? null;
  }
}

function cos(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** A deterministic bag-of-words embedder (hashed words) for unit tests. */
export class HashEmbedder implements Embedder {
  readonly modelId = 'test:hash';
  readonly dims = 64;
  readonly fileHash = 'test';
  calls = 0;
  async embed(texts: string[]): Promise<Float32Array[]> {
    this.calls++;
    return texts.map((t) => {
      const v = new Float32Array(this.dims);
      for (const w of tokenize(t)) {
        let h = 2166136261;
        for (const ch of w) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
        v[Math.abs(h) % this.dims]! += 1;
      }
      return v;
    });
  }
}
