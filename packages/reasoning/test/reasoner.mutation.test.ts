/**
 * The reasoner's own contract over the in-memory knowledge port (test/support): what a result and a
 * saved run hold, how failures and cancellation are recorded, workflow replacement and options.
 * The end-to-end behaviour over the real store is in reasoner.integration.test.ts.
 */
import { CancelledError, NotFoundError, type TraceStep } from '@rustygpt/core';
import { describe, expect, it } from 'vitest';
import { createReasoner, defineNode, GENERATION, type ReasoningState } from '../src/index';
import { aChemistryKnowledgeBase } from './support/chemistry-kb';

/** A generation node that answers with fixed text and citations, or throws `fails`. */
function scriptedGeneration(
  answer: { text: string; citations?: { kind: 'entity' | 'resource'; id: number }[] },
  fails?: Error,
) {
  return defineNode<ReasoningState, 'resolution' | 'sink', 'answer'>({
    name: GENERATION,
    inputs: ['resolution', 'sink'],
    outputs: ['answer'],
    priority: 50,
    run: async ({ input }) => {
      if (fails) throw fails;
      input.sink.push(answer.text);
      return {
        answer: {
          text: answer.text,
          items: [answer.text],
          citations: (answer.citations ?? []).map((c) => ({ ...c, label: `#${c.id}` })) as never,
          supported: true,
          generator: 'scripted',
        },
      };
    },
  });
}

async function drain(tokens: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const t of tokens) out.push(t);
  return out;
}

describe('createReasoner (in-memory knowledge)', () => {
  it('answers with status, items, entity citations, replayable tokens and a saved run', async () => {
    const { kb, e } = aChemistryKnowledgeBase();
    const reasoner = createReasoner({ store: kb });
    const result = await reasoner.ask('  Who discovered hydrogen?  ', { userId: 'u-1', messageId: 'm-1' });
    expect(result.status).toBe('answered');
    expect(result.items).toEqual(['Henry Cavendish']);
    expect(result.entityIds).toContain(e.cavendish.id);
    expect(result.entityIds).toEqual(result.citations.filter((c) => c.kind === 'entity').map((c) => c.id));
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect((await drain(result.tokens)).join('')).toBe(result.answer);

    const saved = kb.runs.get(result.runId)!;
    expect(saved).toMatchObject({
      id: result.runId,
      workspaceId: 1,
      question: '  Who discovered hydrogen?  ',
      answer: result.answer,
      status: 'complete',
      workflowVersion: result.workflowVersion,
      userId: 'u-1',
      messageId: 'm-1',
    });
    expect(saved.durationMs).toBeGreaterThanOrEqual(0);
    expect(saved.steps.map((s) => s.node)).toEqual(result.trace.map((s) => s.node));
    // The question reached the nodes trimmed.
    const identification = result.trace.find((s) => s.node === 'entity-identification')!;
    expect(JSON.stringify(identification.inputs)).toContain('"Who discovered hydrogen?"');
    await reasoner.close();
  });

  it('says unknown for what the graph does not hold, and records user and message as null by default', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const reasoner = createReasoner({ store: kb });
    const result = await reasoner.ask('What is the atomic mass of Vibranium?');
    expect(result.status).toBe('unknown');
    expect(result.entityIds).toEqual([]);
    expect(kb.runs.get(result.runId)).toMatchObject({ userId: null, messageId: null, status: 'complete' });
  });

  it('keeps only entity citations in entityIds', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const reasoner = createReasoner({ store: kb });
    reasoner.setWorkflow((w) =>
      w.replaceNode(
        scriptedGeneration({
          text: 'x',
          citations: [
            { kind: 'resource', id: 7 },
            { kind: 'entity', id: 3 },
          ],
        }),
      ),
    );
    expect((await reasoner.ask('Who discovered hydrogen?')).entityIds).toEqual([3]);
  });

  it('saves nothing when persist is false', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const reasoner = createReasoner({ store: kb, persist: false });
    await reasoner.ask('Who discovered hydrogen?');
    expect(kb.runs.size).toBe(0);
  });

  it('reports each step as it ends to onStep', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const reasoner = createReasoner({ store: kb });
    const seen: TraceStep[] = [];
    const result = await reasoner.ask('Who discovered hydrogen?', { onStep: (s) => seen.push(s) });
    const ran = result.trace.filter((s) => s.status !== 'skipped').map((s) => s.node);
    expect(seen.map((s) => s.node)).toEqual(expect.arrayContaining(['entity-identification', GENERATION]));
    expect(ran).toEqual(expect.arrayContaining(seen.map((s) => s.node)));
  });

  it('passes earlier turns of a conversation to the nodes', async () => {
    const { kb, e } = aChemistryKnowledgeBase();
    const reasoner = createReasoner({ store: kb });
    const followUp = await reasoner.ask('Who discovered it?', {
      conversation: [{ question: 'What is hydrogen?', answer: 'Hydrogen', entityIds: [e.hydrogen.id] }],
    });
    expect(followUp.items).toEqual(['Henry Cavendish']);
  });

  it('applies threshold overrides', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const strict = createReasoner({ store: kb, thresholds: { answer: 1.01 } });
    expect((await strict.ask('Who discovered hydrogen?')).status).toBe('unknown');
  });

  it('records a failing node as an error, rethrows it, and fails the token stream with it', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const failure = new NotFoundError('chat model', 'm-1');
    const reasoner = createReasoner({ store: kb });
    reasoner.setWorkflow((w) => w.replaceNode(scriptedGeneration({ text: '' }, failure)));
    const run = reasoner.stream('Who discovered hydrogen?');
    await expect(run.result).rejects.toBe(failure);
    await expect(drain(run.tokens)).rejects.toBe(failure);
    expect(kb.runs.get(run.runId)).toMatchObject({ status: 'error', answer: null });
    // ask drains its own stream: the failure surfaces once, as the rejection of ask.
    await expect(reasoner.ask('Who discovered hydrogen?')).rejects.toBe(failure);
  });

  it('records a run that throws CANCELLED without a signal as cancelled', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const reasoner = createReasoner({ store: kb });
    reasoner.setWorkflow((w) => w.replaceNode(scriptedGeneration({ text: '' }, new CancelledError())));
    const run = reasoner.stream('Who discovered hydrogen?');
    await expect(run.result).rejects.toBeInstanceOf(CancelledError);
    expect(kb.runs.get(run.runId)?.status).toBe('cancelled');
  });

  it('turns a plain error after the signal fired into CancelledError on the token stream', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const controller = new AbortController();
    const plain = new Error('socket closed');
    const reasoner = createReasoner({ store: kb });
    reasoner.setWorkflow((w) =>
      w.replaceNode(
        defineNode<ReasoningState, 'resolution' | 'sink', 'answer'>({
          name: GENERATION,
          inputs: ['resolution', 'sink'],
          outputs: ['answer'],
          priority: 50,
          run: async () => {
            controller.abort();
            throw plain;
          },
        }),
      ),
    );
    const run = reasoner.stream('Who discovered hydrogen?', { signal: controller.signal });
    await expect(run.result).rejects.toBeDefined();
    await expect(drain(run.tokens)).rejects.toBeInstanceOf(CancelledError);
    expect(kb.runs.get(run.runId)?.status).toBe('cancelled');
  });

  it('publishes a replacement workflow under the reasoner’s workflow name, from a value or a function', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const reasoner = createReasoner({ store: kb });
    const name = reasoner.workflow().name;
    const renamed = reasoner
      .workflow()
      .replaceNode(scriptedGeneration({ text: 'from a value' }))
      .with({ name: 'elsewhere' });
    const published = reasoner.setWorkflow(renamed);
    expect(published.name).toBe(name);
    expect(reasoner.workflow()).toBe(published);
    expect((await reasoner.ask('Who discovered hydrogen?')).answer).toBe('from a value');
    expect(reasoner.registry.versions(name).length).toBe(2);

    const sameName = reasoner.workflow().replaceNode(scriptedGeneration({ text: 'same name' }));
    expect(reasoner.setWorkflow(sameName).version).toBe(sameName.version);
  });

  it('builds its first workflow from a factory given the shared services', async () => {
    const { kb } = aChemistryKnowledgeBase();
    let given: unknown;
    const reasoner = createReasoner({
      store: kb,
      workflow: (services) => {
        given = services;
        return createReasoner({ store: kb })
          .workflow()
          .replaceNode(scriptedGeneration({ text: 'factory' }));
      },
    });
    expect(given).toBe(reasoner.services);
    expect((await reasoner.ask('Who discovered hydrogen?')).answer).toBe('factory');
  });

  it('flushes the entities it used to the store on close', async () => {
    const { kb, e } = aChemistryKnowledgeBase();
    const reasoner = createReasoner({ store: kb });
    await reasoner.ask('Who discovered hydrogen?');
    await reasoner.close();
    expect(kb.tracked.flat()).toContain(e.hydrogen.id);
  });
});
