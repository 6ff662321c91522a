/**
 * The shared state of the default reasoning workflow: each key is written by exactly one node
 * (or seeded by the reasoner) and read by the nodes that declare it as an input.
 */
import type { AttributeValue, Entity, ExternalResource, Relationship } from '@rustygpt/core';

/** One earlier turn of a conversation, for follow-up questions ("and its density?"). */
export interface ConversationTurn {
  question: string;
  answer: string;
  entityIds?: number[];
}

/** How an entity was recognised in the question. */
export type MentionMethod = 'exact' | 'stem' | 'fuzzy' | 'vector' | 'graph' | 'conversation' | 'passage';

/** An entity recognised in the question, with the span it covers and how sure we are. */
export interface Mention {
  text: string;
  /** Token range [start, end) in the question's tokens. */
  start: number;
  end: number;
  entity: Entity;
  score: number;
  method: MentionMethod;
  /** Other entities the same span could mean, best first. */
  alternatives: { entity: Entity; score: number }[];
  ambiguous: boolean;
}

/** A name-like span of the question that matched no entity. */
export interface UnresolvedSpan {
  text: string;
  start: number;
  end: number;
  /** Capitalised or quoted in the question: probably a proper name. */
  nameLike: boolean;
}

export interface Identification {
  tokens: string[];
  mentions: Mention[];
  unresolved: UnresolvedSpan[];
  /** Strategies tried, cheapest first (e.g. `exact`, `fuzzy`, `vector`). */
  strategies: string[];
}

/** A vocabulary name (attribute, relationship type or entity type) the question refers to. */
export interface TermMatch {
  name: string;
  score: number;
  /** Token positions of the question the match covers (first one orders relations). */
  positions: number[];
  method: 'lexical' | 'embedding';
}

export type AnswerKind = 'attribute' | 'entity' | 'list' | 'yesno' | 'count';

/** What the question asks for and with which vocabulary. */
export interface SlotFrame {
  kind: AnswerKind;
  attributes: TermMatch[];
  relationTypes: TermMatch[];
  entityTypes: TermMatch[];
  /** Mentions the answer is constrained by. */
  anchors: Mention[];
  /** Attribute facts already filled from the anchors themselves. */
  filled: Fact[];
  /** Human-readable descriptions of what is not resolved yet. */
  open: string[];
  /** Content words used by nothing else (candidate attribute values: "gas", "1999"). */
  freeWords: string[];
}

export type Fact =
  | { kind: 'attribute'; entity: Entity; name: string; value: AttributeValue }
  | { kind: 'relationship'; relationship: Relationship; from: Entity; to: Entity };

/** A passage retrieved from a resource, with its provenance. */
export interface Passage {
  resource: ExternalResource;
  text: string;
  score: number;
  source: 'linked' | 'vector' | 'fulltext' | 'fetched';
  entityId?: number;
}

/** What traversal resolved: the answer set and the facts that support it. */
export interface Resolution {
  /** Entities the answer is about (the final hop of the plan). */
  targets: Entity[];
  /** Attribute values asked for, per target. */
  values: { entity: Entity; name: string; value: AttributeValue }[];
  /** Yes/no outcome, when the question asks one and the graph decides it. */
  verdict: boolean | null;
  /** Facts on the answer paths (citations come from these). */
  facts: Fact[];
  /** Every entity id explored, used or not (pruning drops the unused ones). */
  explored: number[];
  /** How the plan was built, for the trace (e.g. `intersect(2) > discovered_by`). */
  plan: string;
}

export interface Retrieval {
  passages: Passage[];
  /** Entities linked to the retrieved passages that the question names. */
  entityIds: number[];
  fetched: string[];
}

export type Decision = 'stop' | 'deeper' | 'backtrack';

/** Meta-reasoning's verdict on a pass. */
export interface Assessment {
  decision: Decision;
  status: 'answered' | 'insufficient' | 'unknown';
  confidence: number;
  /** What is missing, in words, for "I don't know" answers and for the trace. */
  missing: string[];
  reason: string;
  /** An answer extracted from retrieved passages, when the graph alone could not answer. */
  passageAnswer: { text: string; passage: Passage; score: number } | null;
}

/** Facts kept for generation after pruning. */
export interface WorkingSet {
  facts: Fact[];
  passages: Passage[];
  dropped: { entities: number; facts: number };
}

export interface Citation {
  kind: 'entity' | 'relationship' | 'resource';
  id: number;
  label: string;
  uri?: string;
}

export interface DraftAnswer {
  text: string;
  /** The answer values themselves (names, attribute values, "yes"/"no"), empty when unknown. */
  items: string[];
  citations: Citation[];
  supported: boolean;
  generator: string;
}

/** Memory carried from one pass to the next (escalation feedback). */
export interface PassMemory {
  /** Strategy depth: 1 exact/direct, 2 fuzzy/vector/transitive, 3 external resources. */
  level: number;
  /** Entity ids meta-reasoning rejected (backtracking picks alternatives). */
  rejectedEntityIds: number[];
  passages: Passage[];
  retrievedEntityIds: number[];
  history: string[];
}

/** Run-scoped channel the generation node streams answer tokens into. */
export interface TokenSink {
  push(token: string): void;
}

/** State map of the default workflow. */
export interface ReasoningState {
  question: string;
  sink: TokenSink;
  conversation: ConversationTurn[];
  memory: PassMemory;
  identification: Identification;
  slots: SlotFrame;
  resolution: Resolution;
  retrieval: Retrieval;
  assessment: Assessment;
  workingSet: WorkingSet;
  answer: DraftAnswer;
}

export type ReasoningKey = keyof ReasoningState;
