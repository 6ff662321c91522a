/**
 * Tests written from mutants that survived mutation testing (docs/QUALITY.md): which facts and
 * passages pruning keeps for each kind of assessment, which entities count as used (active set,
 * usage tracking, trace), the drop counts, duplicate facts, and how the node is wired into the
 * default workflow.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Entity, ExternalResource, Relationship } from '@rustygpt/core';
import { defaultWorkflow, initialMemory } from '../src/default-workflow';
import { pruningNode } from '../src/nodes/pruning';
import { createServices, type ReasoningServices } from '../src/services';
import type { Assessment, Fact, Passage, ReasoningState, Resolution } from '../src/state';
import { MemoryKnowledge } from './support/memory-knowledge';
import { runNode } from './support/run-node';

function anEntity(id: number, name = `entity ${id}`): Entity {
  return {
    id,
    workspaceId: 1,
    key: `test:${id}`,
    type: 'thing',
    name,
    state: 'active',
    version: 1,
    aliases: [],
    attributes: {},
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
}

function anAttribute(entityId: number, name: string, value: string | number = 1): Fact {
  return { kind: 'attribute', entity: anEntity(entityId), name, value };
}

function aRelationship(id: number, fromId: number, toId: number): Fact {
  const relationship: Relationship = {
    id,
    fromId,
    toId,
    type: 'linked_to',
    weight: 1,
    path: 'test.linked_to',
  };
  return { kind: 'relationship', relationship, from: anEntity(fromId), to: anEntity(toId) };
}

function aPassage(resourceId: number, entityId?: number): Passage {
  const resource: ExternalResource = {
    id: resourceId,
    workspaceId: 1,
    uri: `https://example.org/${resourceId}`,
    title: null,
    contentType: 'text/plain',
    text: 'Sodium was isolated by Davy in 1807.',
    contentHash: null,
    fetchedAt: null,
  };
  return {
    resource,
    text: 'Sodium was isolated by Davy in 1807.',
    score: 0.8,
    source: 'linked',
    ...(entityId === undefined ? {} : { entityId }),
  };
}

/** Pruning's inputs: what traversal resolved and how meta-reasoning judged it. */
class PruningInput {
  private facts: Fact[] = [];
  private explored: number[] = [];
  private assessment: Assessment = {
    decision: 'stop',
    status: 'answered',
    confidence: 0.9,
    missing: [],
    reason: 'answered from the graph',
    passageAnswer: null,
  };

  withFacts(...facts: Fact[]): this {
    this.facts = facts;
    return this;
  }

  withExplored(...ids: number[]): this {
    this.explored = ids;
    return this;
  }

  judged(status: Assessment['status']): this {
    this.assessment = { ...this.assessment, status, decision: status === 'answered' ? 'stop' : 'deeper' };
    return this;
  }

  answeredFromPassage(passage: Passage): this {
    this.assessment = {
      ...this.assessment,
      status: 'answered',
      passageAnswer: { text: 'Davy', passage, score: 0.7 },
    };
    return this;
  }

  build(): Partial<ReasoningState> {
    const resolution: Resolution = {
      targets: [],
      values: [],
      verdict: null,
      facts: this.facts,
      explored: this.explored,
      plan: 'test',
    };
    return { resolution, assessment: this.assessment, memory: initialMemory() };
  }
}

const pruningInput = (): PruningInput => new PruningInput();

async function prune(
  input: Partial<ReasoningState>,
  services: ReasoningServices = createServices({ store: new MemoryKnowledge() }),
): ReturnType<typeof runNode<'workingSet'>> {
  return runNode<'workingSet'>(pruningNode(services), input);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('pruning keeps what the answer uses (from surviving mutants)', () => {
  it('keeps the graph facts of an answer and counts the explored entities it does not use', async () => {
    const facts = [anAttribute(1, 'atomic_number', 11), aRelationship(50, 1, 2)];
    const { output, notes } = await prune(
      pruningInput()
        .withFacts(...facts)
        .withExplored(1, 2, 3, 4)
        .build(),
    );
    expect(output.workingSet).toEqual({ facts, passages: [], dropped: { entities: 2, facts: 0 } });
    expect(notes.decision).toBe('pruned');
    expect(notes.reason).toBe('kept 2 fact(s), 2 entit(ies); dropped 2 explored entit(ies)');
  });

  it('uses the entity of an attribute fact and both ends of a relationship fact', async () => {
    const { notes } = await prune(
      pruningInput()
        .withFacts(anAttribute(7, 'density'), aRelationship(60, 8, 9))
        .withExplored(7, 8, 9, 10)
        .build(),
    );
    expect([...notes.entityIds].sort((a, b) => a - b)).toEqual([7, 8, 9]);
    expect(notes.resourceIds).toEqual([]);
  });

  it('keeps no fact of an answer that is not "answered", and counts them all as dropped', async () => {
    for (const status of ['insufficient', 'unknown'] as const) {
      const { output, notes } = await prune(
        pruningInput()
          .withFacts(anAttribute(1, 'density'), aRelationship(50, 1, 2))
          .withExplored(1, 2)
          .judged(status)
          .build(),
      );
      expect(output.workingSet).toEqual({ facts: [], passages: [], dropped: { entities: 2, facts: 2 } });
      expect(notes.entityIds).toEqual([]);
      expect(notes.reason).toBe('kept 0 fact(s), 0 entit(ies); dropped 2 explored entit(ies)');
    }
  });

  it('keeps only the passage of an answer read from a passage, not the graph facts', async () => {
    const passage = aPassage(300, 1);
    const { output, notes } = await prune(
      pruningInput()
        .withFacts(anAttribute(2, 'density'), aRelationship(50, 2, 3))
        .withExplored(1, 2, 3)
        .answeredFromPassage(passage)
        .build(),
    );
    expect(output.workingSet).toEqual({ facts: [], passages: [passage], dropped: { entities: 2, facts: 2 } });
    expect(notes.entityIds).toEqual([1]);
    expect(notes.resourceIds).toEqual([300]);
  });

  it('uses no entity for a passage that is linked to none', async () => {
    const { output, notes } = await prune(
      pruningInput().withExplored(5).answeredFromPassage(aPassage(301)).build(),
    );
    expect(output.workingSet.passages).toHaveLength(1);
    expect(output.workingSet.dropped.entities).toBe(1);
    expect(notes.entityIds).toEqual([]);
    expect(notes.resourceIds).toEqual([301]);
  });

  it('keeps one copy of a repeated fact but distinct attributes and relationships', async () => {
    const density = anAttribute(1, 'density', 0.97);
    const mass = anAttribute(1, 'atomic_mass', 22.99);
    const otherDensity = anAttribute(2, 'density', 0.86);
    const link = aRelationship(50, 1, 2);
    const otherLink = aRelationship(51, 1, 2);
    const { output, notes } = await prune(
      pruningInput()
        .withFacts(
          density,
          mass,
          anAttribute(1, 'density', 0.97),
          otherDensity,
          link,
          aRelationship(50, 1, 2),
          otherLink,
        )
        .withExplored(1, 2)
        .build(),
    );
    expect(output.workingSet.facts).toEqual([density, mass, otherDensity, link, otherLink]);
    expect(output.workingSet.dropped).toEqual({ entities: 0, facts: 2 });
    expect(notes.reason).toBe('kept 5 fact(s), 2 entit(ies); dropped 0 explored entit(ies)');
  });

  it('refreshes the active set with the used entities only, stamped now, and queues them for tracking', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
    const kb = new MemoryKnowledge();
    const services = createServices({ store: kb });
    await prune(
      pruningInput()
        .withFacts(aRelationship(50, 1, 2))
        .withExplored(1, 2, 3)
        .build(),
      services,
    );
    expect(services.activeSet.keys().sort()).toEqual([1, 2]);
    expect(services.activeSet.get(1)).toBe(1_700_000_000_000);
    expect(services.references.queued).toBe(2);
    await services.references.flush();
    expect(kb.tracked).toEqual([[1, 2]]);
  });
});

describe('pruning in the default workflow (from surviving mutants)', () => {
  it('reads the resolution and the assessment and is the node generation gets its working set from', () => {
    const services = createServices({ store: new MemoryKnowledge() });
    const workflow = defaultWorkflow(services);
    expect(workflow.producerOf('workingSet')).toBe('pruning'); // the step name traces show
    const into = workflow.edges.filter((e) => e.to === 'pruning').map((e) => String(e.key));
    expect(into.sort()).toEqual(['assessment', 'resolution']);
    expect(workflow.edges.some((e) => e.from === 'pruning' && e.key === 'workingSet')).toBe(true);
  });
});
