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
  embed(texts: string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
}

/** Streams text tokens for a prompt. */
export interface Generator {
  readonly modelName: string;
  stream(prompt: string, options?: { signal?: AbortSignal; maxTokens?: number }): AsyncIterable<string>;
}

export interface FetchedResource {
  uri: string;
  contentType: string;
  title: string | null;
  text: string;
}

/** Fetches external resources (http, https, file) with timeouts, size limits and type checks. */
export interface ResourceFetcher {
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

export type Direction = 'out' | 'in' | 'both';

export interface Neighbour {
  relationship: Relationship;
  /** The entity at the other end. */
  entity: Entity;
  direction: 'out' | 'in';
}

export interface TraversalHop {
  entityId: number;
  depth: number;
  /** Relationship ids from a start entity to this one. */
  viaRelationshipIds: number[];
  /** Product of weights along the path. */
  pathWeight: number;
}

export interface Vocabulary {
  relationshipTypes: { type: string; path: string; count: number }[];
  attributeNames: { name: string; count: number }[];
  entityTypes: { type: string; count: number }[];
}

export interface ChunkHit {
  resource: ExternalResource;
  chunkIndex: number;
  text: string;
  score: number;
}

/** Read side of the knowledge store, scoped to one workspace. */
export interface KnowledgeReader {
  readonly workspaceId: number;
  getEntities(ids: number[]): Promise<Entity[]>;
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
    options?: { direction?: Direction; types?: string[]; minWeight?: number; limit?: number },
  ): Promise<{ relationship: Relationship; entityId: number; direction: 'out' | 'in' }[]>;
  /** k-hop traversal: recursive, depth-limited, cycle-guarded, best weight first. */
  traverse(
    startIds: number[],
    options: { depth: number; types?: string[]; minWeight?: number; limit?: number; direction?: Direction },
  ): Promise<TraversalHop[]>;
  getRelationships(ids: number[]): Promise<Relationship[]>;
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
  resourcesForEntities(
    entityIds: number[],
  ): Promise<{ resource: ExternalResource; entityId: number; confidence: number }[]>;
}

/** What the reasoning engine writes back: usage and traces. */
export interface KnowledgeRecorder {
  /** Batched reference tracking (usage_count, last_accessed). */
  trackReferences(entityIds: number[]): Promise<void>;
  saveRun(run: ReasoningRunRecord): Promise<void>;
  getRun(id: string): Promise<ReasoningRunRecord | null>;
}

/** Everything the reasoning engine needs from the store. */
export type KnowledgePort = KnowledgeReader & KnowledgeRecorder;
