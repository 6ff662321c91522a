/**
 * Mutation-testing gate for the generation node: what the trace records for each path
 * (template, fallback, model, truncated), the prompt and token cap given to the model, and how
 * the model's stream is cut into verified sentences.
 */
import { describe, expect, it } from 'vitest';
import { CancelledError, type Generator } from '@rustygpt/core';
import { buildPrompt, generationNode } from '../src/nodes/generation';
import { pruningNode } from '../src/nodes/pruning';
import type { ReasoningServices } from '../src/services';
import type { DraftAnswer, ReasoningState } from '../src/state';
import { aChemistryKnowledgeBase } from './support/chemistry-kb';
import { runNode, servicesFor, upTo, type RecordedNotes } from './support/run-node';

/** A model that yields the given chunks as they are, then optionally fails. */
class ChunkedGenerator implements Generator {
  readonly modelName = 'chunked';
  readonly calls: { prompt: string; maxTokens: number | undefined }[] = [];
  constructor(
    private readonly chunks: string[],
    private readonly failWith: Error | null = null,
  ) {}
  async *stream(prompt: string, options?: { maxTokens?: number }): AsyncIterable<string> {
    this.calls.push({ prompt, maxTokens: options?.maxTokens });
    for (const chunk of this.chunks) yield chunk;
    if (this.failWith) throw this.failWith;
  }
}

async function generate(
  question: string,
  services: ReasoningServices,
  options: { maxTokens?: number } = {},
  memory = {},
): Promise<{ answer: DraftAnswer; tokens: string[]; notes: RecordedNotes }> {
  const state: Partial<ReasoningState> = await upTo(services, question, 'assessment', memory);
  Object.assign(state, (await runNode<'workingSet'>(pruningNode(services), state)).output);
  const tokens: string[] = [];
  state.sink = { push: (t) => void tokens.push(t) };
  const { output, notes } = await runNode<'answer'>(generationNode(services, options), state);
  return { answer: output.answer, tokens, notes };
}

const withModel = (generator: Generator) => servicesFor(aChemistryKnowledgeBase().kb, { generator });

describe('generation node (mutation gate)', () => {
  it('records the template decision and the cited entities when no model is configured', async () => {
    const { kb, e } = aChemistryKnowledgeBase();
    const { notes, answer } = await generate('Who discovered hydrogen?', servicesFor(kb));
    expect(notes).toMatchObject({ decision: 'template', reason: 'deterministic template' });
    expect(answer).toMatchObject({ generator: 'template', supported: true });
    expect(notes.entityIds).toEqual(expect.arrayContaining([e.hydrogen.id, e.cavendish.id]));
    expect(notes.entityIds).toEqual(answer.citations.filter((c) => c.kind === 'entity').map((c) => c.id));
    expect(notes.resourceIds).toEqual([]);
  });

  it('never asks the model about an unsupported answer and says so in the trace', async () => {
    const generator = new ChunkedGenerator(['Vibranium weighs 42. ']);
    const { notes, answer, tokens } = await generate(
      'What is the atomic mass of Vibranium?',
      withModel(generator),
      {},
      { level: 3 },
    );
    expect(generator.calls).toEqual([]);
    expect(notes).toMatchObject({ decision: 'template', reason: 'unsupported: explicit "I don\'t know"' });
    expect(answer.generator).toBe('template');
    expect(tokens.join('')).toBe(answer.text);
  });

  it('gives the model the facts-only prompt and a 200-token cap unless told otherwise', async () => {
    const generator = new ChunkedGenerator(['Henry Cavendish discovered Hydrogen.']);
    await generate('Who discovered hydrogen?', withModel(generator));
    const [call] = generator.calls;
    expect(call?.maxTokens).toBe(200);
    const lines = call!.prompt.split('\n');
    expect(lines[0]).toBe(
      'Answer the question in one or two sentences using ONLY the facts below. Do not add any name or number that is not in the facts.',
    );
    expect(lines[1]).toBe('Facts:');
    expect(lines[2]).toMatch(/^- Henry Cavendish\./);
    expect(lines).toContain('- Hydrogen discovered by Henry Cavendish');
    expect(lines.at(-2)).toBe('Question: Who discovered hydrogen?');
    expect(lines.at(-1)).toBe('Answer:');
    expect(lines.filter((l) => l === '- Who discovered hydrogen?')).toEqual([]);

    const capped = new ChunkedGenerator(['Henry Cavendish discovered Hydrogen.']);
    await generate('Who discovered hydrogen?', withModel(capped), { maxTokens: 17 });
    expect(capped.calls[0]?.maxTokens).toBe(17);
  });

  it('buildPrompt lists each fact on its own dash line, in order', () => {
    expect(buildPrompt('Q?', ['a', 'b'])).toBe(
      [
        'Answer the question in one or two sentences using ONLY the facts below. Do not add any name or number that is not in the facts.',
        'Facts:',
        '- a',
        '- b',
        'Question: Q?',
        'Answer:',
      ].join('\n'),
    );
  });

  it('records the model name when every sentence is grounded, and trims the answer', async () => {
    const generator = new ChunkedGenerator(['Hydrogen was discovered ', 'by Henry Cavendish.', '  ']);
    const { notes, answer, tokens } = await generate('Who discovered hydrogen?', withModel(generator));
    expect(notes).toMatchObject({ decision: 'model', reason: 'phrased by chunked' });
    expect(answer).toMatchObject({
      generator: 'chunked',
      text: 'Hydrogen was discovered by Henry Cavendish.',
    });
    expect(tokens.join('')).toBe('Hydrogen was discovered by Henry Cavendish.  ');
  });

  it('streams each verified sentence as soon as the next one starts, and cuts at the first bad one', async () => {
    const generator = new ChunkedGenerator([
      'Henry Cavendish discovered it. ',
      'Hydrogen was discovered by Henry Cavendish. ',
      'Marie Curie helped in 1898.',
    ]);
    const { notes, answer, tokens } = await generate('Who discovered hydrogen?', withModel(generator));
    expect(notes.decision).toBe('model-truncated');
    expect(notes.reason).toMatch(/^cut at unverified terms: /);
    expect(notes.reason).toMatch(/Curie|1898/);
    expect(answer.text).toBe('Henry Cavendish discovered it. Hydrogen was discovered by Henry Cavendish.');
    expect(tokens.join('')).toBe(
      'Henry Cavendish discovered it. Hydrogen was discovered by Henry Cavendish. ',
    );
  });

  it('splits sentences inside one chunk and keeps the whitespace after each', async () => {
    const generator = new ChunkedGenerator(['Henry Cavendish found it!  Marie Curie did not? No.']);
    const { answer, notes, tokens } = await generate('Who discovered hydrogen?', withModel(generator));
    expect(notes.decision).toBe('model-truncated');
    expect(answer.text).toBe('Henry Cavendish found it!');
    expect(tokens.join('')).toBe('Henry Cavendish found it!  ');
  });

  it('checks an unfinished last sentence too', async () => {
    const generator = new ChunkedGenerator(['Henry Cavendish found it. ', 'Then Marie Curie']);
    const { answer, notes } = await generate('Who discovered hydrogen?', withModel(generator));
    expect(notes.decision).toBe('model-truncated');
    expect(notes.reason).toContain('Curie');
    expect(answer.text).toBe('Henry Cavendish found it.');
  });

  it('falls back to the template, naming what the model added, when its first sentence is ungrounded', async () => {
    const generator = new ChunkedGenerator(['Marie Curie found it in 1898. ']);
    const { notes, answer, tokens } = await generate('Who discovered hydrogen?', withModel(generator));
    expect(notes.decision).toBe('template-fallback');
    expect(notes.reason).toMatch(/^model added: /);
    expect(notes.reason).toMatch(/Curie/);
    expect(answer.generator).toBe('template');
    expect(tokens.join('')).toBe(answer.text);
    expect(answer.text).toMatch(/^Henry Cavendish\./);
  });

  it('falls back when the model produces nothing or only whitespace', async () => {
    for (const chunks of [[], ['   ', '\n']]) {
      const { notes, answer } = await generate(
        'Who discovered hydrogen?',
        withModel(new ChunkedGenerator(chunks)),
      );
      expect(notes).toMatchObject({ decision: 'template-fallback', reason: 'model produced nothing' });
      expect(answer.generator).toBe('template');
    }
  });

  it('keeps verified sentences when the model fails midway, and falls back when it fails at once', async () => {
    const partial = new ChunkedGenerator(['Henry Cavendish found it. ', 'And'], new Error('socket closed'));
    const kept = await generate('Who discovered hydrogen?', withModel(partial));
    expect(kept.notes).toMatchObject({
      decision: 'model-truncated',
      reason: 'cut at unverified terms: model error',
    });
    expect(kept.answer.text).toBe('Henry Cavendish found it.');

    const none = await generate(
      'Who discovered hydrogen?',
      withModel(new ChunkedGenerator([], new Error('boom'))),
    );
    expect(none.notes).toMatchObject({ decision: 'template-fallback', reason: 'model added: model error' });
  });

  it('lets cancellation through instead of falling back', async () => {
    const generator = new ChunkedGenerator(['Henry'], new CancelledError('stopped'));
    await expect(generate('Who discovered hydrogen?', withModel(generator))).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });

  it('stops reading the model once the run is aborted', async () => {
    const services = withModel(new ChunkedGenerator(['Henry Cavendish found it. ', 'More.']));
    const state: Partial<ReasoningState> = await upTo(services, 'Who discovered hydrogen?', 'assessment');
    Object.assign(state, (await runNode<'workingSet'>(pruningNode(services), state)).output);
    state.sink = { push: () => undefined };
    const controller = new AbortController();
    controller.abort();
    await expect(runNode(generationNode(services), state, controller.signal)).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});
