/**
 * Node 6, generation: the grounded answer with citations, streamed token by token into the
 * run's sink. A configured language model only rephrases the grounded facts; its output is
 * checked sentence by sentence (numbers and names must come from the facts) and replaced by the
 * deterministic template the moment it adds anything.
 */
import { isRustyError, throwIfAborted } from '@rustygpt/core';
import { defineNode, type AnyNode } from '../engine/node';
import { ungroundedTerms } from '../generation/grounding';
import { composeAnswer, describeFact, toTokens, type ComposedAnswer } from '../generation/template';
import type { ReasoningServices } from '../services';
import type { DraftAnswer, ReasoningState, TokenSink } from '../state';

/** Node name of generation, as it appears in traces and in `Workflow.node`. */
export const GENERATION = 'generation';

/** Creates the generation node (template only when no generator is configured). */
export function generationNode(
  services: ReasoningServices,
  options: { maxTokens?: number } = {},
): AnyNode<ReasoningState> {
  return defineNode<
    ReasoningState,
    'question' | 'slots' | 'resolution' | 'assessment' | 'workingSet' | 'sink',
    'answer'
  >({
    name: GENERATION,
    inputs: ['question', 'slots', 'resolution', 'assessment', 'workingSet', 'sink'],
    outputs: ['answer'],
    priority: 50,
    timeoutMs: 60_000,
    async run({ input, notes }, signal) {
      const composed = composeAnswer(input.slots, input.resolution, input.assessment, input.workingSet);
      notes.touch({
        entityIds: composed.citations.filter((c) => c.kind === 'entity').map((c) => c.id),
        resourceIds: composed.citations.filter((c) => c.kind === 'resource').map((c) => c.id),
      });
      const generator = services.generator;
      if (!generator || !composed.supported) {
        emit(input.sink, composed.text);
        notes.decide(
          'template',
          composed.supported ? 'deterministic template' : 'unsupported: explicit "I don\'t know"',
        );
        return { answer: draft(composed, 'template') };
      }
      const sources = [
        input.question,
        composed.text,
        ...input.workingSet.facts.map(describeFact),
        ...input.workingSet.passages.map((p) => p.text),
      ];
      const prompt = buildPrompt(input.question, sources.slice(1));
      const verified = await verifiedStream(
        generator.stream(prompt, { signal, maxTokens: options.maxTokens ?? 200 }),
        sources,
        input.sink,
        signal,
      );
      if (verified.text.trim() === '') {
        emit(input.sink, composed.text);
        notes.decide(
          'template-fallback',
          verified.rejected.length > 0
            ? `model added: ${verified.rejected.join(', ')}`
            : 'model produced nothing',
        );
        return { answer: draft(composed, 'template') };
      }
      notes.decide(
        verified.rejected.length > 0 ? 'model-truncated' : 'model',
        verified.rejected.length > 0
          ? `cut at unverified terms: ${verified.rejected.join(', ')}`
          : `phrased by ${generator.modelName}`,
      );
      return { answer: { ...draft(composed, generator.modelName), text: verified.text.trim() } };
    },
  });
}

function draft(composed: ComposedAnswer, generator: string): DraftAnswer {
  return {
    text: composed.text,
    items: composed.items,
    citations: composed.citations,
    supported: composed.supported,
    generator,
  };
}

function emit(sink: TokenSink, text: string): void {
  for (const token of toTokens(text)) sink.push(token);
}

/** The prompt: facts only, and the instruction to use nothing else. */
export function buildPrompt(question: string, facts: string[]): string {
  return [
    'Answer the question in one or two sentences using ONLY the facts below. Do not add any name or number that is not in the facts.',
    'Facts:',
    ...facts.map((f) => `- ${f}`),
    `Question: ${question}`,
    'Answer:',
  ].join('\n');
}

/** Streams model tokens one verified sentence at a time; stops at the first unverified sentence. */
async function verifiedStream(
  tokens: AsyncIterable<string>,
  sources: string[],
  sink: TokenSink,
  signal: AbortSignal,
): Promise<{ text: string; rejected: string[] }> {
  let pending = '';
  let accepted = '';
  const release = (sentence: string): string[] => {
    const bad = ungroundedTerms(sentence, sources);
    if (bad.length > 0) return bad;
    accepted += sentence;
    emit(sink, sentence);
    return [];
  };
  try {
    for await (const token of tokens) {
      throwIfAborted(signal);
      pending += token;
      const match = /^([\s\S]*?[.!?])(\s+)/.exec(pending);
      if (match) {
        const sentence = match[1]! + match[2]!;
        pending = pending.slice(sentence.length);
        const bad = release(sentence);
        if (bad.length > 0) return { text: accepted, rejected: bad };
      }
    }
  } catch (error) {
    if (isRustyError(error) && (error.code === 'CANCELLED' || error.code === 'TIMEOUT')) throw error;
    return { text: accepted, rejected: ['model error'] };
  }
  if (pending.trim()) {
    const bad = release(pending);
    if (bad.length > 0) return { text: accepted, rejected: bad };
  }
  return { text: accepted, rejected: [] };
}
