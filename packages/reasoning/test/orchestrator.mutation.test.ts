/**
 * Tests written from mutants that survived mutation testing (docs/QUALITY.md): the orchestrator's
 * concurrency limit (the other tests only exercise 1 and unbounded), the escalation cap, the
 * priority tie-break, what the trace and the OpenTelemetry spans record for passes and failing
 * nodes, and the errors a caller sees.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  SpanStatusCode,
  trace as otelTrace,
  type Attributes,
  type AttributeValue,
  type Span,
  type SpanStatus,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import { CancelledError, NotFoundError, RustyError, TimeoutError } from '@rustygpt/core';
import { defineNode, type AnyNode } from '../src/engine/node';
import { Orchestrator } from '../src/engine/orchestrator';
import { checkTraceIntegrity, Trace } from '../src/engine/trace';
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

interface Chain {
  input: number;
  left: number;
  right: number;
  sum: number;
  verdict: 'more' | 'enough';
}

type ChainNode = AnyNode<Chain>;

/** What a test node may set; its `run` and `fallback` read and return loose partial states. */
interface NodeOverrides {
  priority?: number;
  timeoutMs?: number;
  run?: (input: Partial<Chain>, signal: AbortSignal) => Promise<Partial<Chain>>;
  fallback?: () => Partial<Chain>;
}

/** A node of the `Chain` state; by default its `run` writes 1 to each of its `outputs`. */
function aNode(
  name: string,
  inputs: (keyof Chain)[],
  outputs: (keyof Chain)[],
  overrides: NodeOverrides = {},
): ChainNode {
  const {
    run = async (): Promise<Partial<Chain>> => Object.fromEntries(outputs.map((k) => [k, 1])),
    fallback,
    ...rest
  } = overrides;
  return {
    name,
    inputs,
    outputs,
    priority: 0,
    ...rest,
    run: (ctx, signal) => run(ctx.input, signal) as Promise<Chain>,
    ...(fallback ? { fallback: () => fallback() as Chain } : {}),
  };
}

/** input -> left, right -> sum, with `right` replaceable. */
function sumWorkflow(right: ChainNode = aNode('right', ['input'], ['right'])): Workflow<Chain> {
  return Workflow.create<Chain>({
    name: 'sum',
    seeds: ['input'],
    goals: ['sum'],
    nodes: [
      aNode('left', ['input'], ['left']),
      right,
      aNode('sum', ['left', 'right'], ['sum'], {
        run: async (input) => ({ sum: input.left! + input.right! }),
      }),
    ],
  });
}

/** The step of `node` in a trace (`run` and `pass` included). */
function stepOf(trace: Trace, node: string): ReturnType<Trace['steps']>[number] {
  const step = trace.steps().find((s) => s.node === node);
  if (!step) throw new Error(`no step ${node}`);
  return step;
}

describe('Orchestrator escalation cap (from surviving mutants)', () => {
  /** A workflow whose policy asks for another pass every time. */
  function neverSatisfied(maxPasses: number, decided: number[]): Workflow<Chain> {
    return Workflow.create<Chain>({
      name: 'never-satisfied',
      seeds: ['input'],
      goals: ['sum'],
      nodes: [
        aNode('meta', ['input'], ['verdict'], { run: async () => ({ verdict: 'more' }) }),
        aNode('sum', ['verdict', 'input'], ['sum'], {
          run: async (input) => ({ sum: input.input! }),
        }),
      ],
      escalation: {
        control: 'verdict',
        maxPasses,
        decide: (_state, pass) => (decided.push(pass), { action: 'repeat', feedback: [] }),
        nextSeed: (state) => ({ input: state.input! + 1 }),
      },
    });
  }

  it('stops after maxPasses even when the policy keeps asking for more, and the last pass finishes', async () => {
    const decided: number[] = [];
    const result = await new Orchestrator().run(neverSatisfied(3, decided), { seed: { input: 10 } });
    expect(result.passes).toBe(3);
    expect(decided).toEqual([1, 2]); // the last pass is not asked: it always finishes
    expect(result.state.sum).toBe(12);
    const passes = result.trace.steps().filter((s) => s.node === 'pass');
    expect(passes.map((p) => [p.pass, p.decision, p.status])).toEqual([
      [1, 'repeat', 'ok'],
      [2, 'repeat', 'ok'],
      [3, 'finish', 'ok'],
    ]);
    expect(passes[0]!.reason).toBe('control verdict asked for another pass');
    expect(checkTraceIntegrity(result.trace.steps())).toEqual([]);
  });

  it('runs a single pass when maxPasses is 1', async () => {
    const decided: number[] = [];
    const result = await new Orchestrator().run(neverSatisfied(1, decided), { seed: { input: 10 } });
    expect(result.passes).toBe(1);
    expect(decided).toEqual([]);
    expect(result.state.sum).toBe(10);
  });
});

describe('Orchestrator priority tie-break (from surviving mutants)', () => {
  it('starts ready nodes by priority, highest first, then by name', async () => {
    const started: string[] = [];
    const leaf = (name: string, priority: number, output: keyof Chain): ChainNode =>
      aNode(name, ['input'], [output], {
        priority,
        run: async () => (started.push(name), { [output]: 1 }),
      });
    // `required` finds them as a-low, d-top, b-low and they are declared b-low, d-top, a-low:
    // neither order is the expected one
    const workflow = Workflow.create<Chain>({
      name: 'fan-in',
      seeds: ['input'],
      goals: ['sum'],
      nodes: [
        leaf('b-low', 1, 'left'),
        leaf('d-top', 5, 'right'),
        leaf('a-low', 1, 'verdict'),
        aNode('sum', ['left', 'right', 'verdict'], ['sum']),
      ],
    });
    await new Orchestrator({ concurrency: 1 }).run(workflow, { seed: { input: 0 } });
    expect(started).toEqual(['d-top', 'a-low', 'b-low']);
  });

  it('puts a negative priority after a zero one', async () => {
    const started: string[] = [];
    const leaf = (name: string, priority: number, output: keyof Chain): ChainNode =>
      aNode(name, ['input'], [output], {
        priority,
        run: async () => (started.push(name), { [output]: 1 }),
      });
    const workflow = Workflow.create<Chain>({
      name: 'fan-in',
      seeds: ['input'],
      goals: ['sum'],
      nodes: [leaf('first', 0, 'left'), leaf('later', -2, 'right'), aNode('sum', ['left', 'right'], ['sum'])],
    });
    await new Orchestrator({ concurrency: 1 }).run(workflow, { seed: { input: 0 } });
    expect(started).toEqual(['first', 'later']);
  });
});

describe('Orchestrator failures as the caller and the trace see them (from surviving mutants)', () => {
  it('rejects a node that returns without one of its declared outputs', async () => {
    const forgetful = aNode('right', ['input'], ['right', 'verdict'], {
      run: async () => ({ right: 1 }),
    });
    const run = new Orchestrator().run(sumWorkflow(forgetful), { seed: { input: 1 } });
    await expect(run).rejects.toThrow(RustyError);
    await expect(run).rejects.toMatchObject({
      code: 'INTERNAL',
      message: 'node right did not produce verdict',
    });
  });

  it('names every missing output, and a fallback can stand in for them', async () => {
    const empty = aNode('right', ['input'], ['right', 'verdict'], {
      run: async () => ({}),
    });
    await expect(new Orchestrator().run(sumWorkflow(empty), { seed: { input: 1 } })).rejects.toThrow(
      'node right did not produce right, verdict',
    );
    const rescued = aNode('right', ['input'], ['right', 'verdict'], {
      run: async () => ({}),
      fallback: () => ({ right: 5, verdict: 'enough' }),
    });
    const result = await new Orchestrator().run(sumWorkflow(rescued), { seed: { input: 1 } });
    expect(result.state.sum).toBe(6);
    expect(stepOf(result.trace, 'right')).toMatchObject({
      status: 'error',
      decision: 'fallback',
      reason: 'node right did not produce right, verdict',
    });
  });

  it('tells which nodes cannot run when the seed lacks a key they need', async () => {
    const run = new Orchestrator().run(sumWorkflow(), { seed: {} });
    await expect(run).rejects.toMatchObject({
      code: 'INTERNAL',
      message: 'cannot run sum, right, left: inputs never became available',
    });
  });

  it('records a failing node with its error code or "error", the message, and an error status', async () => {
    const boom = aNode('right', ['input'], ['right'], {
      run: async () => {
        throw new Error('boom');
      },
    });
    const trace = new Trace();
    await expect(new Orchestrator().run(sumWorkflow(boom), { seed: { input: 1 }, trace })).rejects.toThrow(
      'boom',
    );
    expect(stepOf(trace, 'right')).toMatchObject({ status: 'error', decision: 'error', reason: 'boom' });
    expect(stepOf(trace, 'run')).toMatchObject({ status: 'error', decision: 'failed', reason: 'boom' });
    expect(stepOf(trace, 'pass').status).toBe('error');

    const missing = aNode('right', ['input'], ['right'], {
      run: async () => {
        throw new NotFoundError('entity', 7);
      },
    });
    const notFound = new Trace();
    await expect(
      new Orchestrator().run(sumWorkflow(missing), { seed: { input: 1 }, trace: notFound }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(stepOf(notFound, 'right')).toMatchObject({
      status: 'error',
      decision: 'not_found',
      reason: 'entity 7 not found',
    });
  });

  it('records a thrown non-Error by its string form', async () => {
    const odd = aNode('right', ['input'], ['right'], {
      run: () => Promise.reject('plain string'),
    });
    const trace = new Trace();
    await expect(new Orchestrator().run(sumWorkflow(odd), { seed: { input: 1 }, trace })).rejects.toBe(
      'plain string',
    );
    expect(stepOf(trace, 'right')).toMatchObject({
      status: 'error',
      decision: 'error',
      reason: 'plain string',
    });
    expect(stepOf(trace, 'run')).toMatchObject({ decision: 'failed', reason: 'plain string' });
  });

  it('names the node and its limit in a timeout, and records the step as timed out', async () => {
    const stuck = aNode('right', ['input'], ['right'], {
      timeoutMs: 15,
      run: () => new Promise(() => undefined),
    });
    const trace = new Trace();
    const run = new Orchestrator().run(sumWorkflow(stuck), { seed: { input: 1 }, trace });
    await expect(run).rejects.toBeInstanceOf(TimeoutError);
    await expect(run).rejects.toMatchObject({
      message: 'node right exceeded 15 ms',
      details: { node: 'right', timeoutMs: 15 },
    });
    expect(stepOf(trace, 'right')).toMatchObject({ status: 'timeout', decision: 'timeout' });
    expect(stepOf(trace, 'run').status).toBe('timeout');
  });

  it('uses the orchestrator default time limit for a node without its own', async () => {
    const stuck = aNode('right', ['input'], ['right'], { run: () => new Promise(() => undefined) });
    await expect(
      new Orchestrator({ defaultTimeoutMs: 10 }).run(sumWorkflow(stuck), { seed: { input: 1 } }),
    ).rejects.toThrow('node right exceeded 10 ms');
  });

  it('passes on a CancelledError a node raises itself, without its fallback', async () => {
    let fellBack = false;
    const cancelled = aNode('right', ['input'], ['right'], {
      run: async () => {
        throw new CancelledError('generator stopped');
      },
      fallback: () => ((fellBack = true), { right: 0 }),
    });
    const trace = new Trace();
    await expect(
      new Orchestrator().run(sumWorkflow(cancelled), { seed: { input: 1 }, trace }),
    ).rejects.toThrow('generator stopped');
    expect(fellBack).toBe(false);
    expect(stepOf(trace, 'right')).toMatchObject({ status: 'cancelled', decision: 'cancelled' });
    expect(stepOf(trace, 'run').status).toBe('cancelled');
  });

  it('does not fall back when the run is cancelled while a node with a fallback is running', async () => {
    const controller = new AbortController();
    let fellBack = false;
    const slow = aNode('right', ['input'], ['right'], {
      run: (_input, signal) =>
        new Promise((_, reject) => {
          signal.addEventListener('abort', () => reject(new Error('aborted inside the node')));
          controller.abort(new Error('client went away'));
        }),
      fallback: () => ((fellBack = true), { right: 0 }),
    });
    const trace = new Trace();
    const run = new Orchestrator().run(sumWorkflow(slow), {
      seed: { input: 1 },
      signal: controller.signal,
      trace,
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    await expect(run).rejects.toThrow('client went away');
    expect(fellBack).toBe(false);
    expect(stepOf(trace, 'right').status).toBe('cancelled');
  });

  it('reports a cancellation without an Error reason as "operation cancelled"', async () => {
    const controller = new AbortController();
    const slow = aNode('right', ['input'], ['right'], {
      run: () => new Promise(() => controller.abort('user pressed stop')),
    });
    const run = new Orchestrator().run(sumWorkflow(slow), { seed: { input: 1 }, signal: controller.signal });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    await expect(run).rejects.toThrow(/^operation cancelled$/);
  });

  it('passes on a domain error given as the abort reason unchanged', async () => {
    const controller = new AbortController();
    const reason = new TimeoutError('request deadline', { deadlineMs: 50 });
    const slow = aNode('right', ['input'], ['right'], {
      run: () => new Promise(() => controller.abort(reason)),
    });
    await expect(
      new Orchestrator().run(sumWorkflow(slow), { seed: { input: 1 }, signal: controller.signal }),
    ).rejects.toBe(reason);
  });

  it('marks a node cancelled, not ok, when the run is cancelled as its step opens', async () => {
    const controller = new AbortController();
    /** A trace whose recording of the `right` step coincides with the client leaving. */
    class CancelAtRight extends Trace {
      override begin(node: string, pass: number, parentId: string | null): ReturnType<Trace['begin']> {
        if (node === 'right') controller.abort(new Error('client went away'));
        return super.begin(node, pass, parentId);
      }
    }
    const trace = new CancelAtRight();
    const steps: string[] = [];
    const run = new Orchestrator({ concurrency: 1 }).run(sumWorkflow(), {
      seed: { input: 1 },
      signal: controller.signal,
      trace,
      onStep: (s) => steps.push(`${s.node}:${s.status}`),
    });
    await expect(run).rejects.toThrow('client went away');
    expect(steps).toEqual(['left:ok', 'right:cancelled']);
  });

  it('stops the node timer once the node is done, so its signal never fires afterwards', async () => {
    let seen: AbortSignal | undefined;
    const quick = aNode('right', ['input'], ['right'], {
      timeoutMs: 10,
      run: async (_input, signal) => ((seen = signal), { right: 2 }),
    });
    const result = await new Orchestrator().run(sumWorkflow(quick), { seed: { input: 1 } });
    expect(result.state.sum).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 30)); // past the 10 ms limit
    expect(seen?.aborted).toBe(false);
  });
});

describe('Orchestrator trace and telemetry of a run (from surviving mutants)', () => {
  interface RecordedSpan {
    name: string;
    attributes: Attributes;
    status: SpanStatus | null;
    ended: boolean;
  }

  /** A tracer that keeps every span it starts. */
  function recordingTracer(spans: RecordedSpan[]): Tracer {
    const startSpan = (name: string, options?: { attributes?: Attributes }): Span => {
      const recorded: RecordedSpan = {
        name,
        attributes: { ...options?.attributes },
        status: null,
        ended: false,
      };
      spans.push(recorded);
      const span = {
        setAttribute(key: string, value: AttributeValue) {
          recorded.attributes[key] = value;
          return span;
        },
        setStatus(status: SpanStatus) {
          recorded.status = status;
          return span;
        },
        end() {
          recorded.ended = true;
        },
        spanContext: () =>
          otelTrace.wrapSpanContext({ traceId: '', spanId: '', traceFlags: 0 }).spanContext(),
        isRecording: () => true,
      };
      return span as unknown as Span;
    };
    return { startSpan } as unknown as Tracer;
  }

  afterEach(() => {
    otelTrace.disable();
  });

  it('records the workflow version on the run step and "complete" with the pass count', async () => {
    const workflow = sumWorkflow();
    const result = await new Orchestrator().run(workflow, { seed: { input: 1 } });
    expect(stepOf(result.trace, 'run')).toMatchObject({
      inputs: { workflow: workflow.version },
      status: 'ok',
      decision: 'complete',
      reason: '1 pass(es)',
    });
    expect(stepOf(result.trace, 'pass')).toMatchObject({ status: 'ok', decision: 'finish' });
  });

  it('gives the run span the run id, workflow and pass count, and each node span its node and pass', async () => {
    const spans: RecordedSpan[] = [];
    const workflow = sumWorkflow();
    const trace = new Trace('run-7');
    await new Orchestrator({ tracer: recordingTracer(spans) }).run(workflow, { seed: { input: 1 }, trace });
    const run = spans.find((s) => s.name === 'reasoning.run')!;
    expect(run.attributes).toEqual({
      'rustygpt.run_id': 'run-7',
      'rustygpt.workflow': workflow.version,
      'rustygpt.passes': 1,
    });
    expect(run).toMatchObject({ status: null, ended: true });
    expect(spans.find((s) => s.name === 'reasoning.node.right')).toMatchObject({
      attributes: { 'rustygpt.node': 'right', 'rustygpt.pass': 1 },
      status: null,
      ended: true,
    });
  });

  it('marks the failing node span and the run span as errors with the message', async () => {
    const spans: RecordedSpan[] = [];
    const boom = aNode('right', ['input'], ['right'], {
      run: async () => {
        throw new Error('boom');
      },
    });
    await expect(
      new Orchestrator({ tracer: recordingTracer(spans) }).run(sumWorkflow(boom), { seed: { input: 1 } }),
    ).rejects.toThrow('boom');
    const error = { code: SpanStatusCode.ERROR, message: 'boom' };
    expect(spans.find((s) => s.name === 'reasoning.node.right')).toMatchObject({
      status: error,
      ended: true,
    });
    expect(spans.find((s) => s.name === 'reasoning.run')).toMatchObject({ status: error, ended: true });
  });

  it('takes its default tracer from the global provider, under the package name', async () => {
    const spans: RecordedSpan[] = [];
    const scopes: string[] = [];
    const provider: TracerProvider = {
      getTracer: (name: string) => (scopes.push(name), recordingTracer(spans)),
    };
    otelTrace.setGlobalTracerProvider(provider);
    await new Orchestrator().run(sumWorkflow(), { seed: { input: 1 } });
    expect(scopes).toContain('@rustygpt/reasoning');
    expect(spans.map((s) => s.name)).toContain('reasoning.run');
  });
});
