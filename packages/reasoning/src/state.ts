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

/** What entity identification found in the question (state key `identification`). */
export interface Identification {
  /** The question's normalised tokens; mention and span positions index into them. */
  tokens: string[];
  /** Entities recognised, one per span. */
  mentions: Mention[];
  /** Spans that matched no entity. */
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

/**
 * The shape of answer a question asks for: an attribute value, one entity, a list of entities,
 * yes or no, or a number of things.
 */
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

/** A statement from the graph an answer rests on: an entity's attribute value, or a relationship. */
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

/** Passages found by RAG integration in a deeper pass (state key `retrieval`). */
export interface Retrieval {
  passages: Passage[];
  /** Entities linked to the retrieved passages that the question names. */
  entityIds: number[];
  /** URIs of text-less linked resources the fetcher was asked for (failed fetches included). */
  fetched: string[];
}

/**
 * What meta-reasoning wants next: `stop` (answer or say "I don't know"), `deeper` (another pass
 * at the next strategy level), `backtrack` (another pass at the same level, trying the other
 * readings of ambiguous mentions).
 */
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

/** A source an answer cites: an entity, a relationship or a resource, by id. */
export interface Citation {
  kind: 'entity' | 'relationship' | 'resource';
  /** Id of the entity, relationship or resource. */
  id: number;
  /** Readable name: the entity's name, `from type to`, or the resource's title (else its URI). */
  label: string;
  /** The resource's URI (resources only). */
  uri?: string;
}

/** The answer generation produced (state key `answer`). */
export interface DraftAnswer {
  /** The answer as streamed to the user. */
  text: string;
  /** The answer values themselves (names, attribute values, "yes"/"no"), empty when unknown. */
  items: string[];
  citations: Citation[];
  /** False for an explicit "I don't know". */
  supported: boolean;
  /** `template` for the deterministic text, else the chat model's name. */
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
  /** Appends a piece of the streamed answer (a word with the whitespace after it). */
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

/** A key of the default workflow's state; node inputs and outputs are lists of these. */
export type ReasoningKey = keyof ReasoningState;
