/**
 * The default reasoning workflow: identification -> slot resolution -> traversal ->
 * meta-reasoning -> pruning -> generation, with RAG integration as the feedback of a deeper pass.
 * Each pass raises the strategy level while meta-reasoning finds the context insufficient.
 */
import { Workflow, type EscalationPolicy } from './engine/workflow';
import { entityIdentificationNode } from './nodes/entity-identification';
import { generationNode } from './nodes/generation';
import { MAX_LEVEL, metaReasoningNode } from './nodes/meta-reasoning';
import { pruningNode } from './nodes/pruning';
import { ragIntegrationNode } from './nodes/rag-integration';
import { relationshipTraversalNode } from './nodes/relationship-traversal';
import { slotResolutionNode } from './nodes/slot-resolution';
import type { ReasoningServices } from './services';
import type { PassMemory, ReasoningState } from './state';

/** Name of the default workflow. */
export const DEFAULT_WORKFLOW_NAME = 'default';

/** Level 1 passes: exact matching and direct links; the RAG feedback starts from level 2. */
export const RAG_FROM_LEVEL = 2;

/** A fresh pass memory for a new question. */
export function initialMemory(): PassMemory {
  return { level: 1, rejectedEntityIds: [], passages: [], retrievedEntityIds: [], history: [] };
}

/** Escalation of the default workflow, driven by the meta-reasoning node's assessment. */
export function defaultEscalation(maxPasses = 4): EscalationPolicy<ReasoningState> {
  return {
    control: 'assessment',
    maxPasses,
    decide(state) {
      const assessment = state.assessment!;
      if (assessment.decision === 'stop') return { action: 'finish' };
      const level = state.memory!.level;
      const wantsRetrieval = assessment.decision === 'deeper' && level >= RAG_FROM_LEVEL;
      return { action: 'repeat', feedback: wantsRetrieval ? ['retrieval'] : [] };
    },
    nextSeed(state) {
      const memory = state.memory!;
      const assessment = state.assessment!;
      const backtrack = assessment.decision === 'backtrack';
      const ambiguous = backtrack
        ? (state.slots?.anchors ?? []).filter((a) => a.ambiguous).map((a) => a.entity.id)
        : [];
      const retrieval = state.retrieval;
      return {
        question: state.question!,
        conversation: state.conversation!,
        sink: state.sink!,
        memory: {
          level: backtrack ? memory.level : Math.min(MAX_LEVEL, memory.level + 1),
          rejectedEntityIds: [...memory.rejectedEntityIds, ...ambiguous],
          passages: retrieval ? retrieval.passages : memory.passages,
          retrievedEntityIds: [...new Set([...memory.retrievedEntityIds, ...(retrieval?.entityIds ?? [])])],
          history: [...memory.history, assessment.decision],
        },
      };
    },
  };
}

/** Builds the default workflow over the shared services. */
export function defaultWorkflow(
  services: ReasoningServices,
  options: { maxPasses?: number } = {},
): Workflow<ReasoningState> {
  return Workflow.create<ReasoningState>({
    name: DEFAULT_WORKFLOW_NAME,
    seeds: ['question', 'conversation', 'memory', 'sink'],
    goals: ['answer'],
    nodes: [
      entityIdentificationNode(services),
      slotResolutionNode(services),
      relationshipTraversalNode(services),
      metaReasoningNode(services),
      pruningNode(services),
      generationNode(services),
      ragIntegrationNode(services),
    ],
    escalation: defaultEscalation(options.maxPasses),
  });
}
