/**
 * Domain types of the knowledge graph, as every package sees them. Ids of graph rows are
 * numbers (bigint identity columns, well below 2^53); ids of user-owned rows (conversations,
 * messages, runs) are UUID strings so they cannot be guessed.
 */

/**
 * Lifecycle state of an entity (docs/LIFECYCLE.md): `active` and `inactive` entities are found by
 * alias and vector search; `archived` ones only by alias, so a reference can reactivate them.
 */
export type EntityState = 'active' | 'inactive' | 'archived';

/** A single attribute value as stored. */
export type AttributeScalar = string | number | boolean;
/** What an attribute holds: a scalar or a list of scalars (multi-valued attribute). */
export type AttributeValue = AttributeScalar | AttributeScalar[];

/** A node of the knowledge graph (a country, an element, a person...), as stored. */
export interface Entity {
  id: number;
  workspaceId: number;
  /** Stable key chosen by the importer, e.g. `element:Fe`; unique per workspace. */
  key: string;
  type: string;
  name: string;
  state: EntityState;
  /** Starts at 1 and grows by one on every change that writes an {@link EntityVersion}. */
  version: number;
  /** Other names the entity is matched by (its `name` matches too). */
  aliases: string[];
  attributes: Record<string, AttributeValue>;
  createdAt: Date;
  updatedAt: Date;
}

/** A directed, typed, weighted edge between two entities of one workspace. */
export interface Relationship {
  id: number;
  /** Entity id of the source. */
  fromId: number;
  /** Entity id of the target. */
  toId: number;
  type: string;
  /** Strength of the edge (1 unless given); traversal multiplies weights along a path. */
  weight: number;
  /** ltree path organising relationship types, e.g. `geo.borders`. */
  path: string;
}

/** A document about entities (a web page, a file, a note), with its text when known. */
export interface ExternalResource {
  id: number;
  workspaceId: number;
  /** Unique per workspace (http, https or file URI, or any identifier the importer chose). */
  uri: string;
  title: string | null;
  /** MIME type, `text/plain` unless given. */
  contentType: string;
  /** The text, chunked for search; null when only the uri is known. */
  text: string | null;
  /** sha256 (hex) of `text`; null without text. */
  contentHash: string | null;
  /** When the text was fetched from `uri`; null when it came with the import. */
  fetchedAt: Date | null;
}

/** Says that a resource is about an entity. */
export interface ResourceLink {
  resourceId: number;
  entityId: number;
  /** How sure the link is, in [0, 1] (1 unless given). */
  confidence: number;
}

/** One row of an entity's history, written by every change that bumps its version. */
export interface EntityVersion {
  id: number;
  entityId: number;
  /** The entity's version after this change. */
  version: number;
  /** What changed, e.g. `create`, `update:name,aliases`, `prune:archived`, `merge:12,15`. */
  change: string;
  /** Snapshot of the entity before the change (null on creation). */
  before: unknown;
  /** Snapshot of the entity after the change. */
  after: unknown;
  createdAt: Date;
}

/** A value with a similarity or relevance score (higher is better, cosine similarity in [-1, 1]). */
export interface Scored<T> {
  item: T;
  score: number;
}

/** Input of an entity upsert (the knowledge-bundle entity shape). */
export interface EntityInput {
  key: string;
  type: string;
  name: string;
  aliases?: string[];
  attributes?: Record<string, AttributeValue>;
  /** Lifecycle state (default `active` for new entities; omitted = keep the current state). */
  state?: EntityState;
}

/** Input of a relationship upsert; `from`/`to` are entity keys. */
export interface RelationshipInput {
  from: string;
  to: string;
  type: string;
  weight?: number;
  path?: string;
}

/** Input of a resource upsert with its entity links. */
export interface ResourceInput {
  uri: string;
  type?: string;
  title?: string;
  text?: string;
  entities?: { key: string; confidence?: number }[];
}

/** The knowledge-bundle import format (docs/knowledge-bundle.md). */
export interface KnowledgeBundle {
  entities?: EntityInput[];
  relationships?: RelationshipInput[];
  resources?: ResourceInput[];
}

/** One step of a reasoning trace, as persisted and drawn. */
export interface TraceStep {
  id: string;
  parentId: string | null;
  node: string;
  pass: number;
  order: number;
  startedAt: Date;
  durationMs: number;
  status: 'ok' | 'skipped' | 'error' | 'cancelled' | 'timeout';
  decision: string | null;
  reason: string | null;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  entityIds: number[];
  resourceIds: number[];
}

/** A persisted reasoning run: the question, the answer and the trace that produced it. */
export interface ReasoningRunRecord {
  /** UUID. */
  id: string;
  workspaceId: number;
  question: string;
  answer: string | null;
  status: 'running' | 'complete' | 'error' | 'cancelled';
  /** `name@hash` of the workflow that ran; the hash changes whenever the workflow's shape does. */
  workflowVersion: string;
  startedAt: Date;
  /** Wall-clock duration in milliseconds; null when not recorded. */
  durationMs: number | null;
  /** The user who asked, if known. */
  userId: string | null;
  /** The chat message this run answered, if any. */
  messageId: string | null;
  /** Trace steps in execution order. */
  steps: TraceStep[];
}
