import { describe, expect, it } from 'vitest';
import type { Generator } from '@rustygpt/core';
import { aChemistryKnowledgeBase } from '../../test/support/chemistry-kb';
import { runNode, servicesFor, upTo } from '../../test/support/run-node';
import type { ReasoningServices } from '../services';
import type { DraftAnswer, ReasoningState } from '../state';
import { generationNode } from './generation';
import { pruningNode } from './pruning';

class ScriptedGenerator implements Generator {
  readonly modelName = 'scripted';
  prompts: string[] = [];
  constructor(private readonly text: string) {}
  async *stream(prompt: string): AsyncIterable<string> {
    this.prompts.push(prompt);
    for (const t of this.text.match(/\S+\s*/g) ?? []) yield t;
  }
}

async function generate(
  question: string,
  services: ReasoningServices,
  memory = {},
): Promise<{ answer: DraftAnswer; tokens: string[] }> {
  const state: Partial<ReasoningState> = await upTo(services, question, 'assessment', memory);
  Object.assign(state, (await runNode<'workingSet'>(pruningNode(services), state)).output);
  const tokens: string[] = [];
  state.sink = { push: (t) => void tokens.push(t) };
  const { output } = await runNode<'answer'>(generationNode(services), state);
  return { answer: output.answer, tokens };
}

describe('generation', () => {
  it('composes a grounded template answer with citations and streams it as tokens', async () => {
    const { kb, e } = aChemistryKnowledgeBase();
    const { answer, tokens } = await generate(
      'Who named the element discovered by Henry Cavendish?',
      servicesFor(kb),
    );
    expect(answer.items).toEqual(['Antoine Lavoisier']);
    expect(answer.text).toMatch(
      /^Antoine Lavoisier\. Based on: Hydrogen discovered by Henry Cavendish; Hydrogen named by Antoine Lavoisier\./,
    );
    expect(
      answer.citations
        .filter((c) => c.kind === 'entity')
        .map((c) => c.id)
        .sort(),
    ).toEqual([e.hydrogen.id, e.cavendish.id, e.lavoisier.id].sort());
    expect(answer.citations.filter((c) => c.kind === 'relationship')).toHaveLength(2);
    expect(tokens.join('')).toBe(answer.text);
    expect(tokens.length).toBeGreaterThan(5);
  });

  it('answers "I don\'t know" naming what is missing', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const { answer } = await generate('What is the atomic mass of Vibranium?', servicesFor(kb), { level: 3 });
    expect(answer.supported).toBe(false);
    expect(answer.text).toMatch(/^I don't know: .*"Vibranium"/);
    expect(answer.items).toEqual([]);
  });

  it('lets a language model phrase the facts when it adds nothing', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const generator = new ScriptedGenerator('Hydrogen was discovered by Henry Cavendish.');
    const { answer, tokens } = await generate('Who discovered hydrogen?', servicesFor(kb, { generator }));
    expect(answer.text).toBe('Hydrogen was discovered by Henry Cavendish.');
    expect(answer.generator).toBe('scripted');
    expect(tokens.join('')).toBe('Hydrogen was discovered by Henry Cavendish.');
    expect(generator.prompts[0]).toContain('Hydrogen discovered by Henry Cavendish');
  });

  it('falls back to the template when the model adds a name or number', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const generator = new ScriptedGenerator('Hydrogen was discovered by Marie Curie in 1898.');
    const { answer, tokens } = await generate('Who discovered hydrogen?', servicesFor(kb, { generator }));
    expect(answer.generator).toBe('template');
    expect(answer.text).toMatch(/^Henry Cavendish\./);
    expect(tokens.join('')).not.toContain('Curie');
  });
});
