/**
 * The reasoner end to end over the real store (embedded PGlite in memory): answers, streaming,
 * persisted traces, cancellation and replacing a node at runtime.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '@rustygpt/core';
import { IN_MEMORY, KnowledgeStore, openDatabase, type Database } from '@rustygpt/store';
import {
  createReasoner,
  defineNode,
  GENERATION,
  checkTraceIntegrity,
  traceToGraph,
  type ReasoningState,
} from '../src/index';
import { aChemistryBundle } from './support/chemistry-bundle';

let db: Database;
let store: KnowledgeStore;

beforeAll(async () => {
  db = await openDatabase({ dataDir: IN_MEMORY });
  store = new KnowledgeStore(db);
  await store.importBundle(aChemistryBundle());
});

afterAll(async () => {
  await db?.close();
});

describe('createReasoner over the real store', () => {
  it('answers one-hop, alias, multi-hop, constrained and unknown questions', async () => {
    const reasoner = createReasoner({ store });
    const cases: [string, string[]][] = [
      ['What is the atomic mass of iron?', ['55.845']],
      ['What is the melting point of Fe?', ['1811']],
      ['Who named the element discovered by Henry Cavendish?', ['Antoine Lavoisier']],
      ['Which elements did Humphry Davy discover?', ['Sodium', 'Potassium']],
      ['Who discovered the alkali metal in period 3?', ['Humphry Davy']],
      ['Is argon a noble gas?', ['yes']],
    ];
    for (const [question, items] of cases) {
      const result = await reasoner.ask(question);
      expect([question, [...result.items].sort()]).toEqual([question, [...items].sort()]);
      expect(result.citations.length).toBeGreaterThan(0);
    }
    const unknown = await reasoner.ask('What is the atomic mass of Vibranium?');
    expect(unknown.status).toBe('unknown');
    expect(unknown.answer).toMatch(/^I don't know: .*Vibranium/);
    expect(unknown.passes).toBe(3);
    await reasoner.close();
  });

  it('persists every run with a well-formed trace that can be redrawn', async () => {
    const reasoner = createReasoner({ store });
    const result = await reasoner.ask('Who discovered hydrogen?');
    const saved = await store.getRun(result.runId);
    expect(saved).toMatchObject({
      id: result.runId,
      status: 'complete',
      answer: result.answer,
      workflowVersion: result.workflowVersion,
    });
    expect(saved!.steps.map((s) => s.node)).toEqual(result.trace.map((s) => s.node));
    expect(checkTraceIntegrity(saved!.steps)).toEqual([]);
    const identification = saved!.steps.find((s) => s.node === 'entity-identification')!;
    expect(identification.entityIds.length).toBe(1);
    expect(identification.decision).toBe('identified');
    expect(traceToGraph(saved!.steps).edges.filter((e) => e.kind === 'precedes').length).toBeGreaterThan(3);
  });

  it('streams the answer tokens while the run completes', async () => {
    const reasoner = createReasoner({ store });
    const run = reasoner.stream('Which elements are noble gases?');
    const tokens: string[] = [];
    for await (const t of run.tokens) tokens.push(t);
    const result = await run.result;
    expect(tokens.join('')).toBe(result.answer);
    expect(result.items.sort()).toEqual(['Argon', 'Helium', 'Neon']);
  });

  it('cancels a run through its AbortSignal and records it as cancelled', async () => {
    const controller = new AbortController();
    const reasoner = createReasoner({ store });
    const run = reasoner.stream('Who named the element discovered by Henry Cavendish?', {
      signal: controller.signal,
    });
    controller.abort();
    await expect(run.result).rejects.toBeInstanceOf(CancelledError);
    await expect(
      (async () => {
        for await (const _ of run.tokens) void _;
      })(),
    ).rejects.toBeInstanceOf(CancelledError);
    expect((await store.getRun(run.runId))?.status).toBe('cancelled');
  });

  it('uses a replaced node for new runs only', async () => {
    const reasoner = createReasoner({ store });
    const before = reasoner.workflow().version;
    reasoner.setWorkflow((w) =>
      w.replaceNode(
        defineNode<ReasoningState, 'resolution' | 'sink', 'answer'>({
          name: GENERATION,
          inputs: ['resolution', 'sink'],
          outputs: ['answer'],
          priority: 50,
          run: async ({ input }) => {
            const names = input.resolution.targets.map((t) => t.name);
            input.sink.push(names.join(' & '));
            return {
              answer: {
                text: names.join(' & '),
                items: names,
                citations: [],
                supported: true,
                generator: 'terse',
              },
            };
          },
        }),
      ),
    );
    const result = await reasoner.ask('Who discovered hydrogen?');
    expect(result.answer).toBe('Henry Cavendish');
    expect(result.generator).toBe('terse');
    expect(result.workflowVersion).not.toBe(before);
  });

  it('backtracks from an ambiguous reading that leads nowhere to its alternative', async () => {
    await store.importBundle({
      entities: [
        { key: 'person:mercury', type: 'person', name: 'Mercury' },
        {
          key: 'element:Hg',
          type: 'element',
          name: 'Mercury',
          aliases: ['Hg'],
          attributes: { atomic_number: 80 },
        },
      ],
    });
    const reasoner = createReasoner({ store, persist: false });
    const result = await reasoner.ask('What is the atomic number of Mercury?');
    expect(result.items).toEqual(['80']);
    const metas = result.trace.filter((s) => s.node === 'meta-reasoning').map((s) => s.decision);
    expect(metas).toEqual(['backtrack', 'stop']);
  });
});
