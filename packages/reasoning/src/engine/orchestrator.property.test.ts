import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defineNode, type AnyNode } from './node';
import { Orchestrator } from './orchestrator';
import { checkTraceIntegrity } from './trace';
import { Workflow } from './workflow';

type S = Record<string, number>;

/** Random DAG: node i writes k<i> and reads a subset of earlier keys (or the seed). */
const dagArbitrary = fc.integer({ min: 1, max: 9 }).chain((n) =>
  fc.record({
    inputs: fc.tuple(
      ...Array.from({ length: n }, (_, i) => fc.subarray(Array.from({ length: i }, (_, j) => j))),
    ),
    priorities: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n, maxLength: n }),
    delays: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    goals: fc.subarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: 1 },
    ),
    order: fc.shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: n, maxLength: n },
    ),
    concurrency: fc.integer({ min: 1, max: 4 }),
  }),
);

describe('Orchestrator (property)', () => {
  it('runs every needed node exactly once, after its inputs, and records a well-formed trace', async () => {
    await fc.assert(
      fc.asyncProperty(dagArbitrary, async ({ inputs, priorities, delays, goals, order, concurrency }) => {
        const runs: string[] = [];
        const finished = new Set<string>();
        const nodes: AnyNode<S>[] = order.map((i) => {
          const reads = inputs[i]!.length > 0 ? inputs[i]!.map((j) => `k${j}`) : ['seed'];
          return defineNode<S, string, string>({
            name: `n${i}`,
            inputs: reads,
            outputs: [`k${i}`],
            priority: priorities[i]!,
            async run({ input }) {
              for (const key of reads) {
                if (key !== 'seed' && !finished.has(`n${key.slice(1)}`))
                  throw new Error(`n${i} ran before ${key}`);
              }
              runs.push(`n${i}`);
              for (let t = 0; t < delays[i]!; t++) await new Promise((r) => setImmediate(r));
              finished.add(`n${i}`);
              return { [`k${i}`]: reads.reduce((sum, k) => sum + (input[k] ?? 0), 1) };
            },
          });
        });
        const workflow = Workflow.create<S>({
          name: 'random',
          seeds: ['seed'],
          goals: goals.map((g) => `k${g}`),
          nodes,
        });

        const needed = new Set<number>();
        const visit = (i: number): void => {
          if (needed.has(i)) return;
          needed.add(i);
          for (const j of inputs[i]!) visit(j);
        };
        goals.forEach(visit);

        const result = await new Orchestrator({ concurrency }).run(workflow, { seed: { seed: 0 } });
        expect([...runs].sort()).toEqual([...needed].map((i) => `n${i}`).sort());
        expect(new Set(runs).size).toBe(runs.length);
        const steps = result.trace.steps();
        expect(checkTraceIntegrity(steps)).toEqual([]);
        const nodeSteps = steps.filter((s) => s.node.startsWith('n'));
        expect(nodeSteps.map((s) => s.node).sort()).toEqual([...runs].sort());
        const pass = steps.find((s) => s.node === 'pass')!;
        expect(nodeSteps.every((s) => s.parentId === pass.id && s.status === 'ok')).toBe(true);
        for (const g of goals) expect(result.state[`k${g}`]).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });
});
