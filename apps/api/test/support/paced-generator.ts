import type { Generator } from '@rustygpt/core';
import { throwIfAborted } from '@rustygpt/core';

/**
 * A test double of the chat model (the Generator port), used only where a test needs an answer
 * that is still streaming when it acts (cancel mid-stream, a subscriber joining a live stream on
 * another instance). It phrases the grounded facts of the prompt, one word every `delayMs`, so
 * the engine's verification accepts them; everything else on the path (DAG, runner, event
 * persistence, bus, transports) is the real thing.
 */
export function pacedEchoGenerator(delayMs: number): Generator {
  return {
    modelName: 'paced-echo (test)',
    async *stream(prompt, options = {}) {
      const facts = prompt
        .split('\n')
        .filter((line) => line.startsWith('- '))
        .map((line) =>
          line
            .slice(2)
            .trim()
            .replace(/[.!?]*$/, '.'),
        );
      const words = facts.join(' ').split(/\s+/).filter(Boolean);
      const max = options.maxTokens ?? 200;
      for (const [i, word] of words.slice(0, max).entries()) {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        throwIfAborted(options.signal);
        yield i === words.length - 1 ? word : `${word} `;
      }
    },
  };
}
