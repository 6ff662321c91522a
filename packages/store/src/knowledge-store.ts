import {
  ConflictError,
  NotFoundError,
  ValidationError,
  normalizeText,
  type AliasEntry,
  type AttributeValue,
  type ChunkHit,
  type Direction,
  type Entity,
  type EntityInput,
  type EntityState,
  type EntityVersion,
  type ExternalResource,
  type KnowledgeBundle,
  type KnowledgePort,
  type Neighbour,
  type ReasoningRunRecord,
  type Relationship,
  type RelationshipInput,
  type ResourceInput,
  type Scored,
  type TraversalHop,
  type Vocabulary,
} from '@rustygpt/core';
import { exportBundle } from './bundle-export';
import { importBundle, type ImportOptions, type ImportSummary } from './bundle-import';
import type { Database, Queryable } from './database';
import { EmbeddingModels, type EmbeddingModel } from './embedding-models';
import { ENTITY_COLUMNS, toEntity, type EntityRow } from './entity-rows';
import { loadEntitiesById, writeEntities, type UpsertOutcome } from './entity-writes';
import { rewireEntityReferences } from './entity-merges';
import * as graph from './graph-queries';
import { RELATIONSHIP_COLUMNS, toRelationship, type RelationshipRow } from './relationship-rows';
import { resolveKeys, resolveRelationship, writeRelationships } from './relationship-writes';
import { RESOURCE_COLUMNS, toResource, type ResourceRow } from './resource-rows';
import { writeResources } from './resource-writes';
import { retryOnRace } from './retry';
import { getRun, saveRun } from './run-records';
import { searchChunkVectors, searchEntityVectors, upsertVectors, type VectorRow } from './vector-store';

/** The default workspace every installation has (id 1, slug `default`). */
export const DEFAULT_WORKSPACE_ID = 1;

/** An upserted entity and what happened to it. */
export interface EntityUpsert {
  entity: Entity;
  outcome: UpsertOutcome;
}

/** Usage of one entity (reference_tracking). */
export interface EntityUsage {
  entityId: number;
  usageCount: number;
  lastAccessed: Date | null;
}

/** A chunk of a resource, as stored (for embedding jobs). */
export interface ResourceChunk {
  id: number;
  resourceId: number;
  chunkIndex: number;
  text: string;
}

interface ChunkRow extends ResourceRow {
  chunk_id: number;
  chunk_index: number;
  chunk_text: string;
  score: number;
}

function toChunkHit(r: ChunkRow): ChunkHit {
  return {
    resource: toResource(r),
    chunkIndex: Number(r.chunk_index),
    text: r.chunk_text,
    score: Number(r.score),
  };
}

/**
 * The knowledge graph of one workspace over any Database mode: implements the reasoning engine's
 * KnowledgePort plus the writes the API and importers need. Cheap to create; `forWorkspace`
 * returns a sibling scoped to another workspace on the same connection.
 */
export class KnowledgeStore implements KnowledgePort {
  readonly models: EmbeddingModels;

  constructor(
    readonly db: Database,
    readonly workspaceId: number = DEFAULT_WORKSPACE_ID,
  ) {
    this.models = new EmbeddingModels(db);
  }

  /** The same store scoped to another workspace. */
  forWorkspace(workspaceId: number): KnowledgeStore {
    return new KnowledgeStore(this.db, workspaceId);
  }

  // ------------------------------------------------------------------ entities (read)

  /** The entity with this id in this workspace, or null. */
  async getEntity(id: number): Promise<Entity | null> {
    return (await this.getEntities([id]))[0] ?? null;
  }

  /** Entities with the given ids, in the order of `ids`; unknown or other workspaces' ids are left out. */
  async getEntities(ids: number[]): Promise<Entity[]> {
    return loadEntitiesById(
      this.db,
      this.workspaceId,
      ids.filter((id) => Number.isSafeInteger(id)),
    );
  }

  /** The entity with this importer key, or null. */
  async getEntityByKey(key: string): Promise<Entity | null> {
    const rows = await this.db.query<EntityRow>(
      `SELECT ${ENTITY_COLUMNS} FROM entities e WHERE e.workspace_id = $1 AND e.key = $2`,
      [this.workspaceId, key],
    );
    return rows[0] ? toEntity(rows[0]) : null;
  }

  /** Entities whose name or an alias matches `text` ignoring case, accents and punctuation. */
  async findByAlias(text: string): Promise<Entity[]> {
    const normalized = normalizeText(text);
    if (normalized === '') return [];
    const rows = await this.db.query<EntityRow>(
      `SELECT ${ENTITY_COLUMNS} FROM entities e
        WHERE e.workspace_id = $1 AND e.id IN (SELECT entity_id FROM entity_aliases WHERE normalized = $2)
        ORDER BY (e.state = 'active') DESC, e.id`,
      [this.workspaceId, normalized],
    );
    return rows.map(toEntity);
  }

  /** Alias dictionary, whole or only entities changed after `changedSince` (see KnowledgeReader). */
  async listAliases(
    options: { changedSince?: number } = {},
  ): Promise<{ entries: AliasEntry[]; watermark: number; removedEntityIds: number[] }> {
    const since = options.changedSince ?? 0;
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{
        entity_id: number;
        alias: string;
        normalized: string;
        type: string;
        state: EntityState;
        seq: number;
      }>(
        `SELECT a.entity_id, a.alias, a.normalized, e.type, e.state, e.change_seq AS seq
           FROM entities e JOIN entity_aliases a ON a.entity_id = e.id
          WHERE e.workspace_id = $1 AND e.change_seq > $2
          ORDER BY a.entity_id, a.is_name DESC, a.position`,
        [this.workspaceId, since],
      );
      const removed =
        since > 0
          ? await tx.query<{ entity_id: number; seq: number }>(
              'SELECT entity_id, change_seq AS seq FROM entity_tombstones WHERE workspace_id = $1 AND change_seq > $2',
              [this.workspaceId, since],
            )
          : [];
      const marks = await tx.query<{ m: number | null }>(
        `SELECT greatest((SELECT max(change_seq) FROM entities WHERE workspace_id = $1),
                         (SELECT max(change_seq) FROM entity_tombstones WHERE workspace_id = $1)) AS m`,
        [this.workspaceId],
      );
      return {
        entries: rows.map((r) => ({
          entityId: Number(r.entity_id),
          alias: r.alias,
          normalized: r.normalized,
          entityType: r.type,
          state: r.state,
        })),
        watermark: Math.max(since, Number(marks[0]?.m ?? 0)),
        removedEntityIds: removed.map((r) => Number(r.entity_id)),
      };
    });
  }

  /** Number of entities, optionally only of the given types and states. */
  async countEntities(options: { types?: string[]; states?: EntityState[] } = {}): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM entities WHERE workspace_id = $1
         AND ($2::text[] IS NULL OR type = ANY($2::text[])) AND ($3::text[] IS NULL OR state = ANY($3::text[]))`,
      [this.workspaceId, options.types ?? null, options.states ?? null],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** A page of entities ordered by id. */
  async listEntities(options: {
    first: number;
    offset?: number;
    types?: string[];
    states?: EntityState[];
  }): Promise<Entity[]> {
    const rows = await this.db.query<EntityRow>(
      `SELECT ${ENTITY_COLUMNS} FROM entities e WHERE e.workspace_id = $1
         AND ($2::text[] IS NULL OR e.type = ANY($2::text[])) AND ($3::text[] IS NULL OR e.state = ANY($3::text[]))
       ORDER BY e.id LIMIT $4 OFFSET $5`,
      [
        this.workspaceId,
        options.types ?? null,
        options.states ?? null,
        Math.max(0, options.first),
        Math.max(0, options.offset ?? 0),
      ],
    );
    return rows.map(toEntity);
  }

  /** Entities whose name or alias contains `text` (normalised substring match), exact matches first. */
  async searchEntities(text: string, options: { limit?: number } = {}): Promise<Entity[]> {
    const normalized = normalizeText(text);
    if (normalized === '') return [];
    const rows = await this.db.query<EntityRow>(
      `SELECT ${ENTITY_COLUMNS} FROM entities e
         JOIN (SELECT entity_id, min(CASE WHEN normalized = $2 THEN 0 WHEN normalized LIKE $3 THEN 1 ELSE 2 END) AS rank
                 FROM entity_aliases WHERE normalized LIKE $4 GROUP BY entity_id) m ON m.entity_id = e.id
        WHERE e.workspace_id = $1
        ORDER BY m.rank, length(e.name), e.id LIMIT $5`,
      [
        this.workspaceId,
        normalized,
        `${likeEscape(normalized)}%`,
        `%${likeEscape(normalized)}%`,
        options.limit ?? 20,
      ],
    );
    return rows.map(toEntity);
  }

  /** History rows of the given entities, per entity oldest first. */
  async versionsOf(entityIds: number[]): Promise<EntityVersion[]> {
    if (entityIds.length === 0) return [];
    const rows = await this.db.query<{
      id: number;
      entity_id: number;
      version: number;
      change: string;
      before: unknown;
      after: unknown;
      created_at: Date;
    }>(
      `SELECT v.* FROM entity_versions v JOIN entities e ON e.id = v.entity_id
        WHERE e.workspace_id = $1 AND v.entity_id = ANY($2::bigint[]) ORDER BY v.entity_id, v.version, v.id`,
      [this.workspaceId, entityIds],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      entityId: Number(r.entity_id),
      version: Number(r.version),
      change: r.change,
      before: r.before,
      after: r.after,
      createdAt: new Date(r.created_at),
    }));
  }

  // ------------------------------------------------------------------ entities (write)

  /** Upserts one entity by key; aliases and attributes are written in the same transaction. */
  async upsertEntity(input: EntityInput, options: { expectedVersion?: number } = {}): Promise<EntityUpsert> {
    return retryOnRace(() =>
      this.db.transaction(async (tx) => {
        const [result] = await writeEntities(tx, this.workspaceId, [{ input, where: '$' }], {
          expectedVersions:
            options.expectedVersion === undefined
              ? undefined
              : new Map([[input.key, options.expectedVersion]]),
        });
        const entity = (await loadEntitiesById(tx, this.workspaceId, [result!.id]))[0] as Entity;
        return { entity, outcome: result!.outcome };
      }),
    );
  }

  /** Upserts many entities by key in bulk statements, in one transaction. */
  async upsertEntities(
    inputs: EntityInput[],
  ): Promise<{ id: number; key: string; outcome: UpsertOutcome }[]> {
    return retryOnRace(() =>
      this.db.transaction((tx) =>
        writeEntities(
          tx,
          this.workspaceId,
          inputs.map((input, i) => ({ input, where: `$[${i}]` })),
        ),
      ),
    );
  }

  /** Changes name/type/aliases/state of an entity; `expectedVersion` guards against lost updates. */
  async updateEntity(
    id: number,
    patch: { name?: string; type?: string; aliases?: string[]; state?: EntityState },
    expectedVersion?: number,
  ): Promise<Entity> {
    return this.modify(id, expectedVersion, (current) => ({
      key: current.key,
      type: patch.type ?? current.type,
      name: patch.name ?? current.name,
      aliases: patch.aliases ?? current.aliases,
      attributes: current.attributes,
      state: patch.state ?? current.state,
    }));
  }

  /** Sets attributes (a list value = multi-valued; null unsets); one version row per call that changes something. */
  async setAttributes(
    id: number,
    attributes: Record<string, AttributeValue | null>,
    expectedVersion?: number,
  ): Promise<Entity> {
    return this.modify(id, expectedVersion, (current) => {
      const merged = new Map<string, AttributeValue | null>([
        ...Object.entries(current.attributes),
        ...Object.entries(attributes),
      ]);
      const next = Object.fromEntries(
        [...merged].filter((e): e is [string, AttributeValue] => e[1] !== null),
      );
      return {
        key: current.key,
        type: current.type,
        name: current.name,
        aliases: current.aliases,
        attributes: next,
        state: current.state,
      };
    });
  }

  /** Removes one attribute (all its values). */
  async unsetAttribute(id: number, name: string): Promise<Entity> {
    return this.setAttributes(id, { [name]: null });
  }

  /** Sets an entity's lifecycle state (archived entities stay stored but drop out of default searches). */
  async setState(id: number, state: EntityState): Promise<Entity> {
    return this.updateEntity(id, { state });
  }

  private async modify(
    id: number,
    expectedVersion: number | undefined,
    change: (current: Entity) => EntityInput,
  ): Promise<Entity> {
    return this.db.transaction(async (tx) => {
      const current = (await loadEntitiesById(tx, this.workspaceId, [id]))[0];
      if (!current) throw new NotFoundError('entity', id);
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new ConflictError(`entity ${id} is at version ${current.version}, not ${expectedVersion}`, {
          id,
          version: current.version,
        });
      }
      await writeEntities(tx, this.workspaceId, [{ input: change(current), where: '$' }]);
      return (await loadEntitiesById(tx, this.workspaceId, [id]))[0] as Entity;
    });
  }

  /** Deletes an entity with its aliases, attributes, relationships, links and vectors. */
  async deleteEntity(id: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const rows = await tx.query('DELETE FROM entities WHERE id = $1 AND workspace_id = $2 RETURNING id', [
        id,
        this.workspaceId,
      ]);
      if (rows.length === 0) throw new NotFoundError('entity', id);
      await tx.query(
        `INSERT INTO entity_tombstones (entity_id, workspace_id) VALUES ($1, $2)
         ON CONFLICT (entity_id) DO UPDATE SET change_seq = nextval('knowledge_change_seq'), deleted_at = now()`,
        [id, this.workspaceId],
      );
    });
  }

  /**
   * Merges duplicates into `keepId`: their names and aliases become aliases of the kept entity,
   * their relationships, resource links and usage move over (duplicates collapse), then they are
   * deleted. One transaction.
   */
  async mergeEntities(keepId: number, mergeIds: number[]): Promise<Entity> {
    const others = [...new Set(mergeIds)].filter((id) => id !== keepId);
    return this.db.transaction(async (tx) => {
      const all = await loadEntitiesById(tx, this.workspaceId, [keepId, ...others]);
      const keep = all.find((e) => e.id === keepId);
      if (!keep) throw new NotFoundError('entity', keepId);
      const merged = all.filter((e) => e.id !== keepId);
      if (merged.length !== others.length) {
        const missing = others.find((id) => !merged.some((e) => e.id === id));
        throw new NotFoundError('entity', missing ?? 'unknown');
      }
      if (merged.length === 0) return keep;
      await rewireEntityReferences(tx, keepId, others);
      await tx.query('DELETE FROM entities WHERE id = ANY($1::bigint[])', [others]);
      await tx.query(
        `INSERT INTO entity_tombstones (entity_id, workspace_id) SELECT unnest($1::bigint[]), $2
         ON CONFLICT (entity_id) DO UPDATE SET change_seq = nextval('knowledge_change_seq'), deleted_at = now()`,
        [others, this.workspaceId],
      );
      await writeEntities(
        tx,
        this.workspaceId,
        [
          {
            input: { ...keep, aliases: [...keep.aliases, ...merged.flatMap((m) => [m.name, ...m.aliases])] },
            where: '$',
          },
        ],
        { change: `merge:${others.join(',')}` },
      );
      return (await loadEntitiesById(tx, this.workspaceId, [keepId]))[0] as Entity;
    });
  }

  // ------------------------------------------------------------------ relationships

  /** Relationships with the given ids, ordered by id; unknown ids are left out. */
  async getRelationships(ids: number[]): Promise<Relationship[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<RelationshipRow>(
      `SELECT ${RELATIONSHIP_COLUMNS} FROM relationships r WHERE r.workspace_id = $1 AND r.id = ANY($2::bigint[]) ORDER BY r.id`,
      [this.workspaceId, ids],
    );
    return rows.map(toRelationship);
  }

  /** Upserts one relationship by (from key, to key, type); validates weight and ltree path. */
  async upsertRelationship(
    input: RelationshipInput,
  ): Promise<{ relationship: Relationship; outcome: UpsertOutcome }> {
    const [one] = await this.upsertRelationshipsWithOutcome([input]);
    return one!;
  }

  /** Upserts many relationships in one statement and transaction. */
  async upsertRelationships(inputs: RelationshipInput[]): Promise<Relationship[]> {
    return (await this.upsertRelationshipsWithOutcome(inputs)).map((r) => r.relationship);
  }

  private async upsertRelationshipsWithOutcome(
    inputs: RelationshipInput[],
  ): Promise<{ relationship: Relationship; outcome: UpsertOutcome }[]> {
    return retryOnRace(() =>
      this.db.transaction(async (tx) => {
        const ids = await resolveKeys(
          tx,
          this.workspaceId,
          inputs.flatMap((r) => [r.from, r.to]),
        );
        const resolved = inputs.map((r, i) =>
          resolveRelationship(r, ids, inputs.length === 1 ? '$' : `$[${i}]`),
        );
        return writeRelationships(tx, this.workspaceId, resolved);
      }),
    );
  }

  /**
   * Deletes one relationship.
   * @throws NotFoundError (`NOT_FOUND`) when this workspace has no relationship with this id.
   */
  async deleteRelationship(id: number): Promise<void> {
    const rows = await this.db.query(
      'DELETE FROM relationships WHERE id = $1 AND workspace_id = $2 RETURNING id',
      [id, this.workspaceId],
    );
    if (rows.length === 0) throw new NotFoundError('relationship', id);
  }

  /**
   * Relationships of one entity with the entity at the other end, highest weight first (default
   * direction `both`, limit 100).
   */
  async neighbours(
    entityId: number,
    options: { direction?: Direction; types?: string[]; minWeight?: number; limit?: number } = {},
  ): Promise<Neighbour[]> {
    return graph.neighbours(this.db, this.workspaceId, entityId, options);
  }

  /**
   * Relationships touching any of `entityIds` in one statement (for DataLoader batching), best
   * weight first; `perEntityLimit` keeps the best N of each entity (see graph `relationshipsOf`).
   */
  async relationshipsOf(
    entityIds: number[],
    options: {
      direction?: Direction;
      types?: string[];
      minWeight?: number;
      limit?: number;
      perEntityLimit?: number;
    } = {},
  ): Promise<{ relationship: Relationship; entityId: number; direction: 'out' | 'in' }[]> {
    return graph.relationshipsOf(this.db, this.workspaceId, entityIds, options);
  }

  /**
   * k-hop traversal in one recursive query: at most 6 hops (`depth` is capped), no entity twice on
   * a path, the best path per reached entity (highest product of weights, then fewest hops); start
   * entities are not returned. Default limit 1,000.
   */
  async traverse(
    startIds: number[],
    options: { depth: number; types?: string[]; minWeight?: number; limit?: number; direction?: Direction },
  ): Promise<TraversalHop[]> {
    return graph.traverse(this.db, this.workspaceId, startIds, options);
  }

  /**
   * Relationships whose ltree path is `prefix` or lies under it, ordered by path (default limit 1,000).
   * @throws ValidationError (`BAD_USER_INPUT`) when `prefix` is not a valid ltree path.
   */
  async relationshipsUnderPath(prefix: string, options: { limit?: number } = {}): Promise<Relationship[]> {
    return graph.relationshipsUnderPath(this.db, this.workspaceId, prefix, options);
  }

  /** Relationship types (with paths), attribute names and entity types in use, most frequent first. */
  async vocabulary(): Promise<Vocabulary> {
    return graph.vocabulary(this.db, this.workspaceId);
  }

  // ------------------------------------------------------------------ resources and chunks

  /** Upserts a resource by uri: text is chunked for search; given entity links replace its links. */
  async upsertResource(
    input: ResourceInput,
  ): Promise<{ resource: ExternalResource; outcome: UpsertOutcome }> {
    return this.db.transaction(async (tx) => {
      const ids = await resolveKeys(
        tx,
        this.workspaceId,
        (input.entities ?? []).map((l) => l.key),
      );
      const links = input.entities?.map((l, i) => {
        const entityId = ids.get(l.key);
        if (entityId === undefined)
          throw new ValidationError(`unknown entity key ${JSON.stringify(l.key)}`, `$.entities[${i}].key`);
        const confidence = l.confidence ?? 1;
        if (!(confidence >= 0 && confidence <= 1))
          throw new ValidationError('confidence must be between 0 and 1', `$.entities[${i}].confidence`);
        return { entityId, confidence };
      });
      const [one] = await writeResources(tx, this.workspaceId, [{ input, links }]);
      return one!;
    });
  }

  /** Resources with the given ids, ordered by id; unknown ids are left out. */
  async getResources(ids: number[]): Promise<ExternalResource[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<ResourceRow>(
      `SELECT ${RESOURCE_COLUMNS} FROM external_resources res WHERE res.workspace_id = $1 AND res.id = ANY($2::bigint[]) ORDER BY res.id`,
      [this.workspaceId, ids],
    );
    return rows.map(toResource);
  }

  /** Resources linked to any of `entityIds`, with the link's confidence, most confident first. */
  async resourcesForEntities(
    entityIds: number[],
  ): Promise<{ resource: ExternalResource; entityId: number; confidence: number }[]> {
    if (entityIds.length === 0) return [];
    const rows = await this.db.query<ResourceRow & { entity_id: number; confidence_score: number }>(
      `SELECT ${RESOURCE_COLUMNS}, l.entity_id, l.confidence_score
         FROM entity_resource_link l JOIN external_resources res ON res.id = l.resource_id
        WHERE res.workspace_id = $1 AND l.entity_id = ANY($2::bigint[])
        ORDER BY l.confidence_score DESC, res.id`,
      [this.workspaceId, entityIds],
    );
    return rows.map((r) => ({
      resource: toResource(r),
      entityId: Number(r.entity_id),
      confidence: Number(r.confidence_score),
    }));
  }

  /** Chunks of resources (all of the workspace when `resourceIds` is omitted), for embedding. */
  async listChunks(
    options: { resourceIds?: number[]; afterId?: number; limit?: number } = {},
  ): Promise<ResourceChunk[]> {
    const rows = await this.db.query<{ id: number; resource_id: number; chunk_index: number; text: string }>(
      `SELECT c.id, c.resource_id, c.chunk_index, c.text FROM resource_chunks c
         JOIN external_resources res ON res.id = c.resource_id
        WHERE res.workspace_id = $1 AND ($2::bigint[] IS NULL OR c.resource_id = ANY($2::bigint[])) AND c.id > $3
        ORDER BY c.id LIMIT $4`,
      [this.workspaceId, options.resourceIds ?? null, options.afterId ?? 0, options.limit ?? 1000],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      resourceId: Number(r.resource_id),
      chunkIndex: Number(r.chunk_index),
      text: r.text,
    }));
  }

  /** Full-text search over resource chunks (english configuration, websearch syntax), ranked by ts_rank. */
  async searchChunksFullText(query: string, options: { k: number }): Promise<ChunkHit[]> {
    if (query.trim() === '') return [];
    const rows = await this.db.query<ChunkRow>(
      `SELECT ${RESOURCE_COLUMNS}, c.id AS chunk_id, c.chunk_index, c.text AS chunk_text, ts_rank(c.tsv, q) AS score
         FROM resource_chunks c
         JOIN external_resources res ON res.id = c.resource_id,
              websearch_to_tsquery('english', $2) AS q
        WHERE res.workspace_id = $1 AND c.tsv @@ q
        ORDER BY score DESC, c.id LIMIT $3`,
      [this.workspaceId, query, Math.max(1, options.k)],
    );
    return rows.map(toChunkHit);
  }

  // ------------------------------------------------------------------ embeddings

  /** Registers an embedding model (see EmbeddingModels.register). */
  registerModel(input: { name: string; dims: number; fileHash: string }): Promise<EmbeddingModel> {
    return this.models.register(input);
  }

  /** The embedding model queries use now, or null before one is activated. */
  getActiveModel(): Promise<EmbeddingModel | null> {
    return this.models.getActive();
  }

  /**
   * Makes model `id` the active one and retires the previous one, atomically.
   * @throws NotFoundError (`NOT_FOUND`) for an unknown model id.
   */
  setActiveModel(id: number): Promise<EmbeddingModel> {
    return this.models.setActive(id);
  }

  /**
   * Builds the model's HNSW indexes if missing (see EmbeddingModels.ensureIndex); call after bulk loads.
   * @throws ValidationError (`BAD_USER_INPUT`) when `dims` is outside [1, 2000] or not the model's;
   * NotFoundError (`NOT_FOUND`) for an unknown model.
   */
  ensureModelIndex(modelId: number, dims: number): Promise<void> {
    return this.models.ensureIndex(modelId, dims);
  }

  /** Deletes all vectors, indexes and queued jobs of a model (all workspaces); returns vectors deleted. */
  deleteModelVectors(modelId: number): Promise<{ entities: number; chunks: number }> {
    return this.models.deleteVectors(modelId);
  }

  /** Stores entity vectors of a model in bulk (one transaction); returns how many rows were written. */
  async upsertEntityEmbeddings(model: string | number, rows: VectorRow[]): Promise<number> {
    return this.db.transaction(async (tx) =>
      upsertVectors(tx, this.workspaceId, await this.models.require(model, tx), 'entity', rows),
    );
  }

  /** Stores chunk vectors of a model in bulk (one transaction). */
  async upsertChunkEmbeddings(model: string | number, rows: VectorRow[]): Promise<number> {
    return this.db.transaction(async (tx) =>
      upsertVectors(tx, this.workspaceId, await this.models.require(model, tx), 'chunk', rows),
    );
  }

  /** Content hashes of stored entity vectors, to embed only what changed. */
  async entityEmbeddingHashes(model: string | number, entityIds?: number[]): Promise<Map<number, string>> {
    const m = await this.models.require(model);
    const rows = await this.db.query<{ entity_id: number; content_hash: string }>(
      `SELECT ee.entity_id, ee.content_hash FROM entity_embeddings ee JOIN entities e ON e.id = ee.entity_id
        WHERE ee.model_id = $1 AND e.workspace_id = $2 AND ($3::bigint[] IS NULL OR ee.entity_id = ANY($3::bigint[]))`,
      [m.id, this.workspaceId, entityIds ?? null],
    );
    return new Map(rows.map((r) => [Number(r.entity_id), r.content_hash]));
  }

  /** Content hashes of stored chunk vectors. */
  async chunkEmbeddingHashes(model: string | number): Promise<Map<number, string>> {
    const m = await this.models.require(model);
    const rows = await this.db.query<{ chunk_id: number; content_hash: string }>(
      `SELECT ce.chunk_id, ce.content_hash FROM chunk_embeddings ce
         JOIN resource_chunks c ON c.id = ce.chunk_id JOIN external_resources res ON res.id = c.resource_id
        WHERE ce.model_id = $1 AND res.workspace_id = $2`,
      [m.id, this.workspaceId],
    );
    return new Map(rows.map((r) => [Number(r.chunk_id), r.content_hash]));
  }

  /** Vector top-k over entities of one model (by name or id); archived entities are left out unless asked for. */
  async searchEntitiesByVector(
    vector: Float32Array,
    options: {
      modelId: string | number;
      k: number;
      types?: string[];
      states?: EntityState[];
      efSearch?: number;
    },
  ): Promise<Scored<Entity>[]> {
    return this.db.transaction(async (tx) => {
      const model = await this.models.require(options.modelId, tx);
      const rows = await searchEntityVectors(tx, this.workspaceId, model, vector, {
        k: options.k,
        types: options.types,
        states: options.states ?? ['active', 'inactive'],
        efSearch: options.efSearch,
      });
      return rows.map((row) => ({ item: toEntity(row), score: Number(row.score) }));
    });
  }

  /**
   * Vector top-k over resource chunks of one model (by name or id), score = cosine similarity.
   * @throws NotFoundError (`NOT_FOUND`) for an unknown model.
   */
  async searchChunksByVector(
    vector: Float32Array,
    options: { modelId: string | number; k: number },
  ): Promise<ChunkHit[]> {
    return this.db.transaction(async (tx) => {
      const model = await this.models.require(options.modelId, tx);
      const hits = await searchChunkVectors(tx, this.workspaceId, model, vector, { k: options.k });
      if (hits.length === 0) return [];
      const rows = await tx.query<ChunkRow>(
        `SELECT ${RESOURCE_COLUMNS}, c.id AS chunk_id, c.chunk_index, c.text AS chunk_text, 0::float8 AS score
           FROM resource_chunks c JOIN external_resources res ON res.id = c.resource_id WHERE c.id = ANY($1::bigint[])`,
        [hits.map((h) => h.id)],
      );
      const byId = new Map(rows.map((r) => [Number(r.chunk_id), r]));
      return hits.flatMap((h) => {
        const row = byId.get(h.id);
        return row ? [toChunkHit({ ...row, score: h.score })] : [];
      });
    });
  }

  // ------------------------------------------------------------------ usage and runs

  /** Counts uses of entities (one statement; duplicates count twice; unknown ids are ignored). */
  async trackReferences(entityIds: number[]): Promise<void> {
    if (entityIds.length === 0) return;
    await this.db.query(
      `INSERT INTO reference_tracking (entity_id, usage_count, last_accessed)
       SELECT e.id, x.n, now() FROM (SELECT id, count(*) AS n FROM unnest($1::bigint[]) AS id GROUP BY id) x
         JOIN entities e ON e.id = x.id AND e.workspace_id = $2
       ON CONFLICT (entity_id) DO UPDATE
         SET usage_count = reference_tracking.usage_count + EXCLUDED.usage_count, last_accessed = EXCLUDED.last_accessed`,
      [entityIds.filter((id) => Number.isSafeInteger(id)), this.workspaceId],
    );
  }

  /** Usage counters of the given entities (0 and null when never used), ordered by id. */
  async usageOf(entityIds: number[]): Promise<EntityUsage[]> {
    if (entityIds.length === 0) return [];
    const rows = await this.db.query<{ entity_id: number; usage_count: number; last_accessed: Date | null }>(
      `SELECT e.id AS entity_id, coalesce(t.usage_count, 0) AS usage_count, t.last_accessed
         FROM entities e LEFT JOIN reference_tracking t ON t.entity_id = e.id
        WHERE e.workspace_id = $1 AND e.id = ANY($2::bigint[]) ORDER BY e.id`,
      [this.workspaceId, entityIds],
    );
    return rows.map((r) => ({
      entityId: Number(r.entity_id),
      usageCount: Number(r.usage_count),
      lastAccessed: r.last_accessed ? new Date(r.last_accessed) : null,
    }));
  }

  /** Stores a run and its steps in one transaction, replacing an earlier save of the same run id. */
  async saveRun(run: ReasoningRunRecord): Promise<void> {
    await this.db.transaction((tx) => saveRun(tx, this.workspaceId, run));
  }

  /** A stored run of this workspace with its steps in execution order, or null (also for a non-UUID id). */
  async getRun(id: string): Promise<ReasoningRunRecord | null> {
    return getRun(this.db, this.workspaceId, id);
  }

  // ------------------------------------------------------------------ bundles

  /** Imports a knowledge bundle into this workspace (see importBundle). */
  importBundle(bundle: unknown, options: ImportOptions = {}): Promise<ImportSummary> {
    return retryOnRace(() => importBundle(this.db, this.workspaceId, bundle, options));
  }

  /** Exports this workspace as a knowledge bundle. */
  exportBundle(q: Queryable = this.db): Promise<KnowledgeBundle> {
    return exportBundle(q, this.workspaceId);
  }
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
