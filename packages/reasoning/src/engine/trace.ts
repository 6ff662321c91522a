/**
 * The trace of a run: a tree of steps (run -> pass -> node) with timings, decisions, summaries
 * and the ids each step touched. It is what gets persisted (ReasoningRunRecord.steps) and drawn.
 */
import { randomUUID } from 'node:crypto';
import type { TraceStep } from '@rustygpt/core';

/** A step being recorded; `end` freezes its duration and status. */
export interface OpenStep {
  readonly id: string;
  /** Records what the step decided and why (a later call replaces both). */
  decide(decision: string, reason?: string): void;
  /** Adds entity and resource ids to the step (kept once each, sorted at `end`). */
  touch(ids: { entityIds?: Iterable<number>; resourceIds?: Iterable<number> }): void;
  /** Replaces the step's summary of its inputs. */
  setInputs(inputs: Record<string, unknown>): void;
  /** Replaces the step's summary of its outputs. */
  setOutputs(outputs: Record<string, unknown>): void;
  /** Sets the status and the duration (ms since `begin`) and returns the finished step. */
  end(status: TraceStep['status']): TraceStep;
}

/** A drawable view of a trace: one vertex per step, edges parent -> child and data-flow. */
export interface TraceGraph {
  vertices: { id: string; node: string; pass: number; status: TraceStep['status']; durationMs: number }[];
  edges: { from: string; to: string; kind: 'contains' | 'precedes' }[];
}

/** Records the steps of one run. */
export class Trace {
  private readonly list: TraceStep[] = [];
  private order = 0;

  constructor(readonly runId: string = randomUUID()) {}

  /** Opens a step under `parentId` (null for the root). */
  begin(node: string, pass: number, parentId: string | null): OpenStep {
    const step: TraceStep = {
      id: randomUUID(),
      parentId,
      node,
      pass,
      order: this.order++,
      startedAt: new Date(),
      durationMs: 0,
      status: 'ok',
      decision: null,
      reason: null,
      inputs: {},
      outputs: {},
      entityIds: [],
      resourceIds: [],
    };
    const started = performance.now();
    const entityIds = new Set<number>();
    const resourceIds = new Set<number>();
    this.list.push(step);
    return {
      id: step.id,
      decide(decision, reason) {
        step.decision = decision;
        step.reason = reason ?? null;
      },
      touch(ids) {
        for (const id of ids.entityIds ?? []) entityIds.add(id);
        for (const id of ids.resourceIds ?? []) resourceIds.add(id);
      },
      setInputs(inputs) {
        step.inputs = inputs;
      },
      setOutputs(outputs) {
        step.outputs = outputs;
      },
      end(status) {
        step.status = status;
        step.durationMs = Math.round((performance.now() - started) * 1000) / 1000;
        step.entityIds = [...entityIds].sort((a, b) => a - b);
        step.resourceIds = [...resourceIds].sort((a, b) => a - b);
        return step;
      },
    };
  }

  /** Steps in the order they started. */
  steps(): TraceStep[] {
    return [...this.list];
  }

  /** Every entity id any step touched. */
  entityIds(): number[] {
    return [...new Set(this.list.flatMap((s) => s.entityIds))].sort((a, b) => a - b);
  }

  /** The run as a graph: containment (run/pass/node) and precedence between node steps of a pass. */
  toGraph(): TraceGraph {
    return traceToGraph(this.list);
  }
}

/** Builds the drawable graph of a list of persisted steps. */
export function traceToGraph(steps: readonly TraceStep[]): TraceGraph {
  const vertices = steps.map((s) => ({
    id: s.id,
    node: s.node,
    pass: s.pass,
    status: s.status,
    durationMs: s.durationMs,
  }));
  const edges: TraceGraph['edges'] = [];
  for (const s of steps) if (s.parentId) edges.push({ from: s.parentId, to: s.id, kind: 'contains' });
  const byParent = new Map<string, TraceStep[]>();
  for (const s of steps) {
    if (!s.parentId) continue;
    byParent.set(s.parentId, [...(byParent.get(s.parentId) ?? []), s]);
  }
  for (const children of byParent.values()) {
    const sorted = [...children].sort((a, b) => a.order - b.order);
    for (let i = 1; i < sorted.length; i++) {
      edges.push({ from: sorted[i - 1]!.id, to: sorted[i]!.id, kind: 'precedes' });
    }
  }
  return { vertices, edges };
}

/** Problems with a trace's structure (empty when it is a well-formed tree). */
export function checkTraceIntegrity(steps: readonly TraceStep[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const byId = new Map(steps.map((s) => [s.id, s]));
  let roots = 0;
  for (const s of steps) {
    if (ids.has(s.id)) problems.push(`duplicate step id ${s.id}`);
    ids.add(s.id);
    if (s.parentId === null) roots++;
    else {
      const parent = byId.get(s.parentId);
      if (!parent) problems.push(`step ${s.node} has unknown parent`);
      else if (parent.order >= s.order) problems.push(`step ${s.node} starts before its parent`);
    }
    if (s.durationMs < 0) problems.push(`step ${s.node} has a negative duration`);
  }
  if (steps.length > 0 && roots !== 1) problems.push(`expected one root step, found ${roots}`);
  return problems;
}
