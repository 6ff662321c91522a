/**
 * Domain types of the knowledge graph, as every package sees them. Ids of graph rows are
 * numbers (bigint identity columns, well below 2^53); ids of user-owned rows (conversations,
 * messages, runs) are UUID strings so they cannot be guessed.
 */

export type EntityState = 'active' | 'inactive' | 'archived';

/** A single attribute value as stored. */
export type AttributeScalar = string | number | boolean;
/** What an attribute holds: a scalar or a list of scalars (multi-valued attribute). */
export type AttributeValue = AttributeScalar | AttributeScalar[];

export interface Entity {
  id: number;
  workspaceId: number;
  /** Stable key chosen by the importer, e.g. `element:Fe`; unique per workspace. */
  key: string;
  type: string;
  name: string;
  state: EntityState;
  version: number;
  aliases: string[];
  attributes: Record<string, AttributeValue>;
  createdAt: Date;
  updatedAt: Date;
}

export interface Relationship {
  id: number;
  fromId: number;
  toId: number;
  type: string;
  weight: number;
  /** ltree path organising relationship types, e.g. `geo.borders`. */
  path: string;
}

export interface ExternalResource {
  id: number;
  workspaceId: number;
  uri: string;
  title: string | null;
  contentType: string;
  text: string | null;
  contentHash: string | null;
  fetchedAt: Date | null;
}

export interface ResourceLink {
  resourceId: number;
  entityId: number;
  confidence: number;
}

export interface EntityVersion {
  id: number;
  entityId: number;
  version: number;
  change: string;
  before: unknown;
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

export interface ReasoningRunRecord {
  id: string;
  workspaceId: number;
  question: string;
  answer: string | null;
  status: 'running' | 'complete' | 'error' | 'cancelled';
  workflowVersion: string;
  startedAt: Date;
  durationMs: number | null;
  userId: string | null;
  messageId: string | null;
  steps: TraceStep[];
}
