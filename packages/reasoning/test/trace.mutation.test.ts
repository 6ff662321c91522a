/**
 * Tests written from mutants that survived mutation testing (docs/QUALITY.md): what a recorded
 * step holds (decision, inputs/outputs, touched ids, duration), the drawable graph of a trace and
 * each rule of `checkTraceIntegrity`, which the engine tests only see on well-formed traces.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TraceStep } from '@rustygpt/core';
import { checkTraceIntegrity, Trace, traceToGraph } from '../src/engine/trace';

/** A persisted step with defaults; override what the test is about. */
function aStep(overrides: Partial<TraceStep> & Pick<TraceStep, 'id' | 'order'>): TraceStep {
  return {
    parentId: null,
    node: `node-${overrides.id}`,
    pass: 1,
    startedAt: new Date(0),
    durationMs: 1,
    status: 'ok',
    decision: null,
    reason: null,
    inputs: {},
    outputs: {},
    entityIds: [],
    resourceIds: [],
    ...overrides,
  };
}

/** run -> pass -> three node steps, as the orchestrator records them. */
function aWellFormedTrace(): TraceStep[] {
  return [
    aStep({ id: 'run', order: 0, node: 'run', pass: 0 }),
    aStep({ id: 'pass', order: 1, node: 'pass', parentId: 'run' }),
    aStep({ id: 'a', order: 2, node: 'a', parentId: 'pass' }),
    aStep({ id: 'b', order: 3, node: 'b', parentId: 'pass' }),
    aStep({ id: 'c', order: 4, node: 'c', parentId: 'pass' }),
  ];
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Trace steps (from surviving mutants)', () => {
  it('shows a step that has not ended yet as ok, without duration, decision or ids', () => {
    const trace = new Trace('run-1');
    trace.begin('run', 0, null);
    const [open] = trace.steps();
    expect(open).toMatchObject({
      node: 'run',
      pass: 0,
      parentId: null,
      order: 0,
      status: 'ok',
      durationMs: 0,
      decision: null,
      reason: null,
      inputs: {},
      outputs: {},
      entityIds: [],
      resourceIds: [],
    });
  });

  it('records the decision with its reason, and a null reason when none is given', () => {
    const trace = new Trace();
    const withReason = trace.begin('meta', 1, null);
    withReason.decide('deeper', 'no fact for density');
    const withoutReason = trace.begin('pruning', 1, withReason.id);
    withoutReason.decide('pruned');
    expect(withReason.end('ok')).toMatchObject({ decision: 'deeper', reason: 'no fact for density' });
    expect(withoutReason.end('ok')).toMatchObject({ decision: 'pruned', reason: null });
  });

  it('keeps the inputs and outputs the orchestrator summarised', () => {
    const step = new Trace().begin('sum', 1, null);
    step.setInputs({ left: 'number', right: 'number' });
    step.setOutputs({ sum: 'number' });
    expect(step.end('ok')).toMatchObject({
      inputs: { left: 'number', right: 'number' },
      outputs: { sum: 'number' },
    });
  });

  it('records each touched id once, in numeric order, entities and resources apart', () => {
    const trace = new Trace();
    const step = trace.begin('traversal', 1, null);
    step.touch({ entityIds: [10, 9, 100] });
    step.touch({ entityIds: [9, 2], resourceIds: new Set([30, 4]) });
    step.touch({ resourceIds: [4, 11] });
    step.touch({});
    const ended = step.end('ok');
    expect(ended.entityIds).toEqual([2, 9, 10, 100]);
    expect(ended.resourceIds).toEqual([4, 11, 30]);
  });

  it('lists every entity id any step touched, once and in numeric order', () => {
    const trace = new Trace();
    const root = trace.begin('run', 0, null);
    const first = trace.begin('identification', 1, root.id);
    first.touch({ entityIds: [12, 3] });
    first.end('ok');
    const second = trace.begin('traversal', 1, root.id);
    second.touch({ entityIds: [3, 40, 5], resourceIds: [7] });
    second.end('ok');
    root.end('ok');
    expect(trace.entityIds()).toEqual([3, 5, 12, 40]);
  });

  it('measures the duration in milliseconds, rounded to the microsecond', () => {
    const now = vi.spyOn(performance, 'now');
    now.mockReturnValueOnce(1_000);
    const step = new Trace().begin('generation', 1, null);
    now.mockReturnValueOnce(1_012.3456789);
    expect(step.end('ok').durationMs).toBe(12.346);
  });

  it('ends a step with the status it is given', () => {
    const trace = new Trace();
    expect(trace.begin('slow', 1, null).end('timeout').status).toBe('timeout');
    expect(trace.steps().map((s) => s.status)).toEqual(['timeout']);
  });

  it('numbers steps in the order they start and keeps the run id', () => {
    const trace = new Trace('run-42');
    const root = trace.begin('run', 0, null);
    trace.begin('pass', 1, root.id);
    expect(trace.runId).toBe('run-42');
    expect(trace.steps().map((s) => [s.node, s.order, s.parentId])).toEqual([
      ['run', 0, null],
      ['pass', 1, root.id],
    ]);
  });
});

describe('traceToGraph (from surviving mutants)', () => {
  it('draws one vertex per step and containment edges from parent to child', () => {
    const graph = traceToGraph(aWellFormedTrace());
    expect(graph.vertices).toEqual([
      { id: 'run', node: 'run', pass: 0, status: 'ok', durationMs: 1 },
      { id: 'pass', node: 'pass', pass: 1, status: 'ok', durationMs: 1 },
      { id: 'a', node: 'a', pass: 1, status: 'ok', durationMs: 1 },
      { id: 'b', node: 'b', pass: 1, status: 'ok', durationMs: 1 },
      { id: 'c', node: 'c', pass: 1, status: 'ok', durationMs: 1 },
    ]);
    expect(graph.edges.filter((e) => e.kind === 'contains')).toEqual([
      { from: 'run', to: 'pass', kind: 'contains' },
      { from: 'pass', to: 'a', kind: 'contains' },
      { from: 'pass', to: 'b', kind: 'contains' },
      { from: 'pass', to: 'c', kind: 'contains' },
    ]);
  });

  it('chains the siblings of a parent by start order, even when listed out of order', () => {
    const [run, pass, a, b, c] = aWellFormedTrace();
    const graph = traceToGraph([run!, pass!, c!, a!, b!]);
    expect(graph.edges.filter((e) => e.kind === 'precedes')).toEqual([
      { from: 'a', to: 'b', kind: 'precedes' },
      { from: 'b', to: 'c', kind: 'precedes' },
    ]);
  });

  it('links the steps of one pass only, not an only child or steps of another pass', () => {
    const steps = [
      aStep({ id: 'run', order: 0, node: 'run', pass: 0 }),
      aStep({ id: 'p1', order: 1, node: 'pass', parentId: 'run' }),
      aStep({ id: 'x', order: 2, node: 'x', parentId: 'p1' }),
      aStep({ id: 'p2', order: 3, node: 'pass', pass: 2, parentId: 'run' }),
      aStep({ id: 'y', order: 4, node: 'y', pass: 2, parentId: 'p2' }),
    ];
    expect(traceToGraph(steps).edges.filter((e) => e.kind === 'precedes')).toEqual([
      { from: 'p1', to: 'p2', kind: 'precedes' },
    ]);
  });

  it('is what Trace.toGraph returns for the recorded steps', () => {
    const trace = new Trace();
    const root = trace.begin('run', 0, null);
    const first = trace.begin('left', 1, root.id);
    const second = trace.begin('right', 1, root.id);
    const graph = trace.toGraph();
    expect(graph.vertices.map((v) => v.node)).toEqual(['run', 'left', 'right']);
    expect(graph.edges).toEqual([
      { from: root.id, to: first.id, kind: 'contains' },
      { from: root.id, to: second.id, kind: 'contains' },
      { from: first.id, to: second.id, kind: 'precedes' },
    ]);
    expect(traceToGraph([])).toEqual({ vertices: [], edges: [] });
  });
});

describe('checkTraceIntegrity, rule by rule (from surviving mutants)', () => {
  it('accepts a well-formed tree and an empty trace', () => {
    expect(checkTraceIntegrity(aWellFormedTrace())).toEqual([]);
    expect(checkTraceIntegrity([])).toEqual([]);
  });

  it('reports a duplicate step id', () => {
    const steps = [...aWellFormedTrace(), aStep({ id: 'b', order: 5, node: 'again', parentId: 'pass' })];
    expect(checkTraceIntegrity(steps)).toEqual(['duplicate step id b']);
  });

  it('reports a step whose parent is not in the trace', () => {
    const steps = [...aWellFormedTrace(), aStep({ id: 'orphan', order: 5, node: 'lost', parentId: 'gone' })];
    expect(checkTraceIntegrity(steps)).toEqual(['step lost has unknown parent']);
  });

  it('reports a step that starts before, or together with, its parent', () => {
    const before = [
      aStep({ id: 'run', order: 1, node: 'run' }),
      aStep({ id: 'early', order: 0, node: 'early', parentId: 'run' }),
    ];
    expect(checkTraceIntegrity(before)).toEqual(['step early starts before its parent']);
    const together = [
      aStep({ id: 'run', order: 0, node: 'run' }),
      aStep({ id: 'same', order: 0, node: 'same', parentId: 'run' }),
    ];
    expect(checkTraceIntegrity(together)).toEqual(['step same starts before its parent']);
  });

  it('reports a negative duration but accepts a zero one', () => {
    const steps = aWellFormedTrace();
    steps[2] = { ...steps[2]!, durationMs: 0 };
    expect(checkTraceIntegrity(steps)).toEqual([]);
    steps[3] = { ...steps[3]!, durationMs: -0.5 };
    expect(checkTraceIntegrity(steps)).toEqual(['step b has a negative duration']);
  });

  it('reports a trace without a root or with several', () => {
    const cycle = [
      aStep({ id: 'x', order: 0, node: 'x', parentId: 'y' }),
      aStep({ id: 'y', order: 1, node: 'y', parentId: 'x' }),
    ];
    expect(checkTraceIntegrity(cycle)).toEqual([
      'step x starts before its parent',
      'expected one root step, found 0',
    ]);
    const twoRoots = [...aWellFormedTrace(), aStep({ id: 'second-run', order: 5, node: 'run' })];
    expect(checkTraceIntegrity(twoRoots)).toEqual(['expected one root step, found 2']);
  });
});
