/** Helpers to run one node (or the default nodes up to one) against the in-memory fake. */
import type { Embedder, Generator, ResourceFetcher } from '@rustygpt/core';
import type { AnyNode } from '../../src/engine/node';
import { initialMemory } from '../../src/default-workflow';
import { entityIdentificationNode } from '../../src/nodes/entity-identification';
import { metaReasoningNode } from '../../src/nodes/meta-reasoning';
import { relationshipTraversalNode } from '../../src/nodes/relationship-traversal';
import { slotResolutionNode } from '../../src/nodes/slot-resolution';
import { createServices, type ReasoningServices } from '../../src/services';
import type { PassMemory, ReasoningState } from '../../src/state';
import type { MemoryKnowledge } from './memory-knowledge';

export interface RecordedNotes {
  decision: string | null;
  reason: string | null;
  entityIds: number[];
  resourceIds: number[];
}

/** Runs `node` once with `input`; returns its outputs and what it noted for the trace. */
export async function runNode<K extends keyof ReasoningState>(
  node: AnyNode<ReasoningState>,
  input: Partial<ReasoningState>,
  signal: AbortSignal = new AbortController().signal,
): Promise<{ output: Pick<ReasoningState, K>; notes: RecordedNotes }> {
  const notes: RecordedNotes = { decision: null, reason: null, entityIds: [], resourceIds: [] };
  const output = await node.run(
    {
      input: input as ReasoningState,
      pass: 1,
      notes: {
        decide(decision, reason) {
          notes.decision = decision;
          notes.reason = reason ?? null;
        },
        touch(ids) {
          notes.entityIds.push(...(ids.entityIds ?? []));
          notes.resourceIds.push(...(ids.resourceIds ?? []));
        },
      },
    },
    signal,
  );
  return { output: output as Pick<ReasoningState, K>, notes };
}

export function servicesFor(
  kb: MemoryKnowledge,
  ports: { embedder?: Embedder; generator?: Generator; fetcher?: ResourceFetcher } = {},
): ReasoningServices {
  return createServices({ store: kb, ...ports });
}

/** Seed state for one question at a strategy level. */
export function seed(question: string, memory: Partial<PassMemory> = {}): Partial<ReasoningState> {
  const tokens: string[] = [];
  return {
    question,
    conversation: [],
    memory: { ...initialMemory(), ...memory },
    sink: { push: (t) => void tokens.push(t) },
  };
}

/** Runs identification, slot resolution, traversal and meta-reasoning for a question. */
export async function upTo(
  services: ReasoningServices,
  question: string,
  until: 'identification' | 'slots' | 'resolution' | 'assessment',
  memory: Partial<PassMemory> = {},
): Promise<Partial<ReasoningState>> {
  const state: Partial<ReasoningState> = seed(question, memory);
  const steps: [AnyNode<ReasoningState>, keyof ReasoningState][] = [
    [entityIdentificationNode(services), 'identification'],
    [slotResolutionNode(services), 'slots'],
    [relationshipTraversalNode(services), 'resolution'],
    [metaReasoningNode(services), 'assessment'],
  ];
  for (const [node, key] of steps) {
    Object.assign(state, (await runNode(node, state)).output);
    if (key === until) break;
  }
  return state;
}
