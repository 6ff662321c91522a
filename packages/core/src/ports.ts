/**
 * Ports: the interfaces the reasoning engine and the API depend on. Adapters live in
 * packages/store (KnowledgeStore) and packages/models (Embedder, Generator); the reasoning
 * package imports only these types.
 */
import type {
  Entity,
  EntityState,
  ExternalResource,
  ReasoningRunRecord,
  Relationship,
  Scored,
} from './domain';

/** Turns texts into vectors. Vectors of different `modelId`s never mix. */
export interface Embedder {
  /** Stable id of the model (e.g. `builtin:glove-100d`, or a file name). */
  readonly modelId: string;
  readonly dims: number;
  /** sha256 of the model file (or of the built-in's source data), for re-basing decisions. */
  readonly fileHash: string;
  /**
   * Embeds `texts`: one vector of `dims` numbers per text, in the same order.
   * @throws CancelledError (`CANCELLED`) when `signal` fires.
   */
  embed(texts: string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
}

/** Streams text tokens for a prompt. */
export interface Generator {
  readonly modelName: string;
  /**
   * Streams the answer to `prompt` as text chunks; `maxTokens` caps its length. Leaving the loop
   * early stops generation.
   * @throws CancelledError (`CANCELLED`) when `signal` fires.
   */
  stream(prompt: string, options?: { signal?: AbortSignal; maxTokens?: number }): AsyncIterable<string>;
}

/** What a {@link ResourceFetcher} got: the text of the resource, ready to chunk. */
export interface FetchedResource {
  uri: string;
  /** MIME type without parameters, e.g. `text/html`. */
  contentType: string;
  /** The HTML `<title>`, or null. */
  title: string | null;
  /** Plain text (HTML reduced to its visible text). */
  text: string;
}

/** Fetches external resources (http, https, file) with timeouts, size limits and type checks. */
export interface ResourceFetcher {
  /**
   * Fetches `uri` and returns its text.
   * @throws ValidationError (`BAD_USER_INPUT`) for a bad URI, scheme, content type or size;
   * UnavailableError (`UNAVAILABLE`) when it cannot be read; TimeoutError (`TIMEOUT`);
   * CancelledError (`CANCELLED`) when `signal` fires.
   */
  fetch(uri: string, options?: { signal?: AbortSignal }): Promise<FetchedResource>;
}

/** One entry of the alias dictionary used for exact/alias matching. */
export interface AliasEntry {
  entityId: number;
  /** The alias or name as written. */
  alias: string;
  /** normalizeText(alias). */
  normalized: string;
  entityType: string;
  state: EntityState;
}

/** Which relationships of an entity to follow: outgoing (`out`), incoming (`in`) or `both`. */
export type Direction = 'out' | 'in' | 'both';

/** A relationship of an entity together with the entity at its other end. */
export interface Neighbour {
  relationship: Relationship;
  /** The entity at the other end. */
  entity: Entity;
  /** `out` when the relationship starts at the queried entity, `in` when it ends there. */
  direction: 'out' | 'in';
}

/** An entity reached by {@link KnowledgeReader.traverse}, with the best path to it. */
export interface TraversalHop {
  entityId: number;
  /** Hops from the nearest start entity (1 or more). */
  depth: number;
  /** Relationship ids from a start entity to this one. */
  viaRelationshipIds: number[];
  /** Product of weights along the path. */
  pathWeight: number;
}

/** The names used in a workspace, each with how often it occurs; the most frequent first. */
export interface Vocabulary {
  relationshipTypes: { type: string; path: string; count: number }[];
  attributeNames: { name: string; count: number }[];
  entityTypes: { type: string; count: number }[];
}

/** A resource chunk found by a search. */
export interface ChunkHit {
  resource: ExternalResource;
  /** Position of the chunk in its resource, from 0. */
  chunkIndex: number;
  /** The chunk's text. */
  text: string;
  /** Relevance, higher is better: cosine similarity for vector search, ts_rank for full text. */
  score: number;
}

/** Read side of the knowledge store, scoped to one workspace. */
export interface KnowledgeReader {
  readonly workspaceId: number;
  /** Entities of this workspace with the given ids; unknown ids are left out. */
  getEntities(ids: number[]): Promise<Entity[]>;
  /** The entity with this importer key, or null. */
  getEntityByKey(key: string): Promise<Entity | null>;
  /** Case- and accent-insensitive match on name or alias. */
  findByAlias(text: string): Promise<Entity[]>;
  /**
   * Alias dictionary (names and aliases), optionally only entries of entities changed after a
   * watermark. With `changedSince`, the entries of each returned entity replace all its previous
   * entries, and `removedEntityIds` lists entities deleted since then.
   */
  listAliases(options?: {
    changedSince?: number;
  }): Promise<{ entries: AliasEntry[]; watermark: number; removedEntityIds?: number[] }>;
  /** Relationships of one entity with the entity at the other end, highest weight first. */
  neighbours(
    entityId: number,
    options?: { direction?: Direction; types?: string[]; minWeight?: number; limit?: number },
  ): Promise<Neighbour[]>;
  /**
   * Relationships touching any of `entityIds`, without loading the entities at the other end: one
   * round trip for a whole traversal frontier. Optional: readers without it are walked with
   * `neighbours` (the reasoning engine checks for it).
   */
  relationshipsOf?(
    entityIds: number[],
    options?: {
      direction?: Direction;
      types?: string[];
      minWeight?: number;
      /** Rows in all. */
      limit?: number;
      /** Rows per entity of `entityIds` (its strongest), so one hub cannot crowd out the others. */
      perEntityLimit?: number;
    },
  ): Promise<{ relationship: Relationship; entityId: number; direction: 'out' | 'in' }[]>;
  /** k-hop traversal: recursive, depth-limited, cycle-guarded, best weight first. */
  traverse(
    startIds: number[],
    options: { depth: number; types?: string[]; minWeight?: number; limit?: number; direction?: Direction },
  ): Promise<TraversalHop[]>;
  /** Relationships of this workspace with the given ids; unknown ids are left out. */
  getRelationships(ids: number[]): Promise<Relationship[]>;
  /**
   * Relationships whose ltree path lies at or under `prefix` (e.g. `geo` finds `geo.borders`).
   * @throws ValidationError (`BAD_USER_INPUT`) when `prefix` is not a valid ltree path.
   */
  relationshipsUnderPath(prefix: string, options?: { limit?: number }): Promise<Relationship[]>;
  /** Names of relationship types, attributes and entity types present, with counts. */
  vocabulary(): Promise<Vocabulary>;
  /** Vector top-k over entity embeddings of one model. */
  searchEntitiesByVector(
    vector: Float32Array,
    options: { modelId: string; k: number; types?: string[]; states?: EntityState[] },
  ): Promise<Scored<Entity>[]>;
  /** Vector top-k over resource chunks of one model. */
  searchChunksByVector(vector: Float32Array, options: { modelId: string; k: number }): Promise<ChunkHit[]>;
  /** Postgres full-text search over resource chunks. */
  searchChunksFullText(query: string, options: { k: number }): Promise<ChunkHit[]>;
  /** Resources linked to any of `entityIds`, with the link's confidence, most confident first. */
  resourcesForEntities(
    entityIds: number[],
  ): Promise<{ resource: ExternalResource; entityId: number; confidence: number }[]>;
}

/** What the reasoning engine writes back: usage and traces. */
export interface KnowledgeRecorder {
  /** Batched reference tracking (usage_count, last_accessed). */
  trackReferences(entityIds: number[]): Promise<void>;
  /** Stores a run and its steps, replacing an earlier save of the same run id. */
  saveRun(run: ReasoningRunRecord): Promise<void>;
  /** A stored run with its steps in execution order, or null (also for an id that is not a UUID). */
  getRun(id: string): Promise<ReasoningRunRecord | null>;
}

/** Everything the reasoning engine needs from the store. */
export type KnowledgePort = KnowledgeReader & KnowledgeRecorder;
