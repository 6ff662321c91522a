import { describe, expect, it } from 'vitest';
import { INVALID_SPAN_CONTEXT, trace as otelTrace, type Tracer } from '@opentelemetry/api';
import { CancelledError, TimeoutError } from '@rustygpt/core';
import { defineNode, type AnyNode } from './node';
import { Orchestrator } from './orchestrator';
import { checkTraceIntegrity } from './trace';
import { Workflow } from './workflow';
import { WorkflowRegistry } from './workflow-registry';

interface S {
  input: number;
  left: number;
  right: number;
  sum: number;
  unused: number;
  level: number;
  verdict: 'enough' | 'more' | 'backtrack';
  feedback: number;
  rejected: number[];
}

const gate = (): { promise: Promise<void>; open: () => void } => {
  let open = (): void => undefined;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
};

function arithmetic(log: string[], overrides: { right?: AnyNode<S> } = {}): Workflow<S> {
  return Workflow.create<S>({
    name: 'arith',
    seeds: ['input'],
    goals: ['sum'],
    nodes: [
      defineNode<S, 'input', 'left'>({
        name: 'left',
        inputs: ['input'],
        outputs: ['left'],
        priority: 1,
        run: async ({ input }) => (log.push('left'), { left: input.input + 1 }),
      }),
      overrides.right ??
        defineNode<S, 'input', 'right'>({
          name: 'right',
          inputs: ['input'],
          outputs: ['right'],
          priority: 2,
          run: async ({ input }) => (log.push('right'), { right: input.input * 2 }),
        }),
      defineNode<S, 'left' | 'right', 'sum'>({
        name: 'sum',
        inputs: ['left', 'right'],
        outputs: ['sum'],
        priority: 0,
        run: async ({ input }) => (log.push('sum'), { sum: input.left + input.right }),
      }),
      defineNode<S, 'input', 'unused'>({
        name: 'unused',
        inputs: ['input'],
        outputs: ['unused'],
        priority: 9,
        run: async () => (log.push('unused'), { unused: 0 }),
      }),
    ],
  });
}

describe('Orchestrator', () => {
  it('runs only the nodes the goals need, in dependency order, ties by priority', async () => {
    const log: string[] = [];
    const result = await new Orchestrator({ concurrency: 1 }).run(arithmetic(log), { seed: { input: 3 } });
    expect(result.state.sum).toBe(4 + 6);
    expect(log).toEqual(['right', 'left', 'sum']);
    expect(result.trace.steps().map((s) => s.node)).toEqual(['run', 'pass', 'right', 'left', 'sum']);
    expect(checkTraceIntegrity(result.trace.steps())).toEqual([]);
  });

  it('runs independent ready nodes concurrently', async () => {
    const started: string[] = [];
    const both = gate();
    const waiting = (name: 'left' | 'right'): AnyNode<S> =>
      defineNode<S, 'input', 'left' | 'right'>({
        name,
        inputs: ['input'],
        outputs: [name],
        priority: 0,
        async run() {
          started.push(name);
          if (started.length === 2) both.open();
          await both.promise; // deadlocks unless both nodes are in flight together
          return { [name]: 1 } as Pick<S, 'left' | 'right'>;
        },
      });
    const w = arithmetic([]).replaceNode(waiting('left')).replaceNode(waiting('right'));
    const result = await new Orchestrator().run(w, { seed: { input: 0 } });
    expect(result.state.sum).toBe(2);
  });

  it('fails a node that exceeds its timeout, or uses its fallback', async () => {
    const stuck = defineNode<S, 'input', 'right'>({
      name: 'right',
      inputs: ['input'],
      outputs: ['right'],
      priority: 0,
      timeoutMs: 20,
      run: () => new Promise(() => undefined),
    });
    const orchestrator = new Orchestrator();
    await expect(
      orchestrator.run(arithmetic([], { right: stuck }), { seed: { input: 1 } }),
    ).rejects.toBeInstanceOf(TimeoutError);

    const withFallback = defineNode<S, 'input', 'right'>({
      name: 'right',
      inputs: ['input'],
      outputs: ['right'],
      priority: 0,
      timeoutMs: 20,
      run: () => new Promise(() => undefined),
      fallback: () => ({ right: 100 }),
    });
    const result = await orchestrator.run(arithmetic([], { right: withFallback }), { seed: { input: 1 } });
    expect(result.state.sum).toBe(102);
    const step = result.trace.steps().find((s) => s.node === 'right')!;
    expect(step.status).toBe('timeout');
    expect(step.decision).toBe('fallback');
  });

  it('cancels a run mid-way: the in-flight node sees the abort and later nodes never run', async () => {
    const log: string[] = [];
    const controller = new AbortController();
    let sawAbort = false;
    const slow = defineNode<S, 'input', 'right'>({
      name: 'right',
      inputs: ['input'],
      outputs: ['right'],
      priority: 0,
      run: (_ctx, signal) =>
        new Promise((_, reject) => {
          signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(new CancelledError());
          });
          setTimeout(() => controller.abort(), 5);
        }),
    });
    const run = new Orchestrator().run(arithmetic(log, { right: slow }), {
      seed: { input: 1 },
      signal: controller.signal,
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(sawAbort).toBe(true);
    expect(log).not.toContain('sum');
  });

  it('escalates pass after pass while the control key asks for more, then stops', async () => {
    const feedbackRuns: number[] = [];
    const w = Workflow.create<S>({
      name: 'escalating',
      seeds: ['level', 'rejected'],
      goals: ['sum'],
      nodes: [
        defineNode<S, 'level' | 'rejected', 'verdict'>({
          name: 'meta',
          inputs: ['level', 'rejected'],
          outputs: ['verdict'],
          priority: 0,
          run: async ({ input }) => ({
            verdict:
              input.level === 1 && input.rejected.length === 0
                ? 'backtrack'
                : input.level < 3
                  ? 'more'
                  : 'enough',
          }),
        }),
        defineNode<S, 'verdict' | 'level', 'feedback'>({
          name: 'rag',
          inputs: ['verdict', 'level'],
          outputs: ['feedback'],
          priority: 0,
          run: async ({ input }) => (feedbackRuns.push(input.level), { feedback: input.level * 10 }),
        }),
        defineNode<S, 'verdict' | 'level', 'sum'>({
          name: 'answer',
          inputs: ['verdict', 'level'],
          outputs: ['sum'],
          priority: 0,
          run: async ({ input }) => ({ sum: input.level }),
        }),
      ],
      escalation: {
        control: 'verdict',
        maxPasses: 5,
        decide: (state) =>
          state.verdict === 'enough'
            ? { action: 'finish' }
            : { action: 'repeat', feedback: state.verdict === 'more' ? ['feedback'] : [] },
        nextSeed: (state) => ({
          level: state.verdict === 'backtrack' ? state.level! : state.level! + 1,
          rejected: state.verdict === 'backtrack' ? [...state.rejected!, 7] : state.rejected!,
        }),
      },
    });
    const result = await new Orchestrator().run(w, { seed: { level: 1, rejected: [] } });
    expect(result.passes).toBe(4); // backtrack at level 1, then levels 1 -> 2 -> 3
    expect(result.state.sum).toBe(3);
    expect(feedbackRuns).toEqual([1, 2]);
    const passes = result.trace.steps().filter((s) => s.node === 'pass');
    expect(passes.map((p) => p.decision)).toEqual(['repeat', 'repeat', 'repeat', 'finish']);
    expect(checkTraceIntegrity(result.trace.steps())).toEqual([]);
  });

  it('keeps a run in flight on its workflow version while new runs get the replacement', async () => {
    const hold = gate();
    const registry = new WorkflowRegistry<S>([
      arithmetic([], {
        right: defineNode<S, 'input', 'right'>({
          name: 'right',
          inputs: ['input'],
          outputs: ['right'],
          priority: 0,
          run: async () => (await hold.promise, { right: 0 }),
        }),
      }),
    ]);
    const orchestrator = new Orchestrator();
    const first = orchestrator.run(registry.get('arith'), { seed: { input: 1 } });
    registry.update('arith', (w) =>
      w.replaceNode(
        defineNode<S, 'input', 'right'>({
          name: 'right',
          inputs: ['input'],
          outputs: ['right'],
          priority: 0,
          run: async () => ({ right: 1000 }),
        }),
      ),
    );
    const second = await orchestrator.run(registry.get('arith'), { seed: { input: 1 } });
    hold.open();
    expect((await first).state.sum).toBe(2);
    expect(second.state.sum).toBe(1002);
    expect((await first).workflowVersion).not.toBe(second.workflowVersion);
  });

  it('emits one OpenTelemetry span per node run', async () => {
    const names: string[] = [];
    const tracer = {
      startSpan(name: string) {
        names.push(name);
        return otelTrace.wrapSpanContext(INVALID_SPAN_CONTEXT);
      },
    } as unknown as Tracer;
    await new Orchestrator({ tracer }).run(arithmetic([]), { seed: { input: 1 } });
    expect(names.sort()).toEqual([
      'reasoning.node.left',
      'reasoning.node.right',
      'reasoning.node.sum',
      'reasoning.run',
    ]);
  });
});
