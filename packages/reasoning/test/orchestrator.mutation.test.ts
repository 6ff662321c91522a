/**
 * Tests written from mutants that survived mutation testing (docs/QUALITY.md): the orchestrator's
 * concurrency limit, which the other tests only exercise at 1 and unbounded.
 */
import { describe, expect, it } from 'vitest';
import { defineNode, type AnyNode } from '../src/engine/node';
import { Orchestrator } from '../src/engine/orchestrator';
import { Workflow } from '../src/engine/workflow';

interface S {
  input: number;
  a: number;
  b: number;
  c: number;
  total: number;
}

/** Three independent nodes that record how many of them run at the same time. */
function fanOut(peak: { now: number; max: number }): Workflow<S> {
  const leaf = (name: 'a' | 'b' | 'c'): AnyNode<S> =>
    defineNode<S, 'input', typeof name>({
      name,
      inputs: ['input'],
      outputs: [name],
      priority: 0,
      run: async ({ input }) => {
        peak.now += 1;
        peak.max = Math.max(peak.max, peak.now);
        await new Promise((resolve) => setTimeout(resolve, 5));
        peak.now -= 1;
        return { [name]: input.input } as Pick<S, typeof name>;
      },
    }) as AnyNode<S>;
  return Workflow.create<S>({
    name: 'fan-out',
    seeds: ['input'],
    goals: ['total'],
    nodes: [
      leaf('a'),
      leaf('b'),
      leaf('c'),
      defineNode<S, 'a' | 'b' | 'c', 'total'>({
        name: 'total',
        inputs: ['a', 'b', 'c'],
        outputs: ['total'],
        priority: 0,
        run: async ({ input }) => ({ total: input.a + input.b + input.c }),
      }),
    ],
  });
}

describe('Orchestrator concurrency (from surviving mutants)', () => {
  it('keeps the configured concurrency', () => {
    expect(new Orchestrator({ concurrency: 2 }).concurrency).toBe(2);
    expect(new Orchestrator().concurrency).toBe(Number.POSITIVE_INFINITY);
  });

  it('never runs more ready nodes at once than the limit, and still runs them all', async () => {
    const peak = { now: 0, max: 0 };
    const result = await new Orchestrator({ concurrency: 2 }).run(fanOut(peak), { seed: { input: 2 } });
    expect(result.state.total).toBe(6);
    expect(peak.max).toBe(2);
  });

  it('runs all ready nodes together when unbounded', async () => {
    const peak = { now: 0, max: 0 };
    await new Orchestrator().run(fanOut(peak), { seed: { input: 1 } });
    expect(peak.max).toBe(3);
  });
});
