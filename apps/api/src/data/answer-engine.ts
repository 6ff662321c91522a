import type { Embedder, ResourceFetcher } from '@rustygpt/core';

/**
 * What the API needs from the reasoning engine, in the API's terms. `reasoner-adapter.ts`
 * implements it over @rustygpt/reasoning.
 */

export interface Citation {
  /** What `id` names: an entity, a relationship or a resource. */
  kind: 'entity' | 'relationship' | 'resource';
  id: number;
  label: string;
  uri: string | null;
}

/** An earlier turn of the conversation, for follow-up questions. */
export interface ConversationTurn {
  question: string;
  answer: string;
  entityIds?: number[];
}

/** A finished answer with what it cites and the run (trace) that produced it. */
export interface AnswerResult {
  answer: string;
  citations: Citation[];
  runId: string;
  /** Entities the answer used (follow-up questions resolve pronouns against them). */
  entityIds: number[];
  modelName: string;
  promptTokens: number;
}

/** A running answer: tokens as they are generated, and the final result. */
export interface AnswerStream {
  tokens: AsyncIterable<string>;
  /** Resolves after the token stream ends (rejects with the run's error). */
  result: Promise<AnswerResult>;
}

/** A node of the DAG as the API shows it. */
export interface WorkflowNodeInfo {
  name: string;
  inputs: string[];
  outputs: string[];
  priority: number;
}

/** The DAG the engine runs, for drawing it. */
export interface WorkflowInfo {
  name: string;
  version: string;
  nodes: WorkflowNodeInfo[];
  /** `to` reads `key`, which `from` writes. */
  edges: { from: string; to: string; key: string }[];
}

/** Answers questions over one workspace's knowledge. */
export interface AnswerEngine {
  ask(input: {
    question: string;
    workspaceId: number;
    userId: string | null;
    messageId: string | null;
    signal: AbortSignal;
    conversation?: ConversationTurn[];
  }): AnswerStream;
  workflow(): WorkflowInfo;
  /** Names of registered nodes and whether the models are loaded (readiness). */
  readiness(): Promise<{ modelsLoaded: boolean; nodes: string[]; detail: string | null }>;
  /** The embedder the engine uses (search and similarity use the same model); null without one. */
  readonly embedder: Embedder | null;
  readonly fetcher: ResourceFetcher | null;
  /** Embedding cache counters for the hit-rate metric; null without an embedder. */
  embeddingCacheStats(): { hits: number; misses: number } | null;
  close(): Promise<void>;
}
