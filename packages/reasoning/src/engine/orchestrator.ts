/**
 * Runs workflows: ready nodes concurrently (highest priority first), lazily (only nodes some
 * demanded key depends on), each under a timeout and the run's AbortSignal, pass after pass
 * while the workflow's escalation policy asks for a deeper strategy.
 */
import {
  context as otelContext,
  trace as otelTrace,
  SpanStatusCode,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { CancelledError, RustyError, TimeoutError, isRustyError, throwIfAborted } from '@rustygpt/core';
import type { TraceStep } from '@rustygpt/core';
import type { AnyNode } from './node';
import { summarizeKeys } from './summarize';
import { Trace, type OpenStep } from './trace';
import type { Workflow } from './workflow';

/** Options of an {@link Orchestrator}, shared by all its runs. */
export interface OrchestratorOptions {
  /** Time limit of a node without its own `timeoutMs` (default 10 s). */
  defaultTimeoutMs?: number;
  /** How many nodes may run at once (default unbounded). */
  concurrency?: number;
  /** OpenTelemetry tracer (default: the global one, a no-op until an SDK registers). */
  tracer?: Tracer;
}

/** Options of one {@link Orchestrator.run}. */
export interface RunOptions<S> {
  /** Seed of the first pass (must hold the workflow's seed keys). */
  seed: Partial<S>;
  /** Cancels the run; running nodes see it through their own signal. */
  signal?: AbortSignal;
  /** Trace to record into (default: a new one). */
  trace?: Trace;
  /** Called with every node step as it ends (for live DAG views). */
  onStep?: (step: TraceStep) => void;
}

/** The outcome of a completed {@link Orchestrator.run}. */
export interface RunResult<S> {
  /** State of the final pass. */
  state: Partial<S>;
  /** Passes run (1 without escalation). */
  passes: number;
  /** The recorded steps (run, passes, nodes). */
  trace: Trace;
  /** {@link Workflow.version} of the workflow that ran. */
  workflowVersion: string;
}

/** Schedules the nodes of a workflow. Stateless between runs: one orchestrator serves many. */
export class Orchestrator {
  private readonly defaultTimeoutMs: number;
  /** How many nodes of one pass may run at once. */
  readonly concurrency: number;
  private readonly tracer: Tracer;

  constructor(options: OrchestratorOptions = {}) {
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 10_000;
    this.concurrency = options.concurrency ?? Number.POSITIVE_INFINITY;
    this.tracer = options.tracer ?? otelTrace.getTracer('@rustygpt/reasoning');
  }

  /** Runs `workflow` to its goals; rejects with CancelledError/TimeoutError/the node's error. */
  async run<S>(workflow: Workflow<S>, options: RunOptions<S>): Promise<RunResult<S>> {
    const trace = options.trace ?? new Trace();
    const signal = options.signal ?? new AbortController().signal;
    const root = trace.begin('run', 0, null);
    root.setInputs({ workflow: workflow.version });
    const runSpan = this.tracer.startSpan('reasoning.run', {
      attributes: { 'rustygpt.run_id': trace.runId, 'rustygpt.workflow': workflow.version },
    });
    const spanContext = otelTrace.setSpan(otelContext.active(), runSpan);
    let seed: Partial<S> = { ...options.seed };
    const maxPasses = workflow.escalation?.maxPasses ?? 1;
    try {
      for (let pass = 1; ; pass++) {
        throwIfAborted(signal);
        const passStep = trace.begin('pass', pass, root.id);
        const state: Partial<S> = { ...seed };
        const done = new Set<string>();
        const runPass = new PassRunner(
          this,
          workflow,
          state,
          done,
          pass,
          passStep,
          trace,
          signal,
          spanContext,
          options.onStep,
        );
        try {
          const policy = workflow.escalation;
          if (policy && pass < maxPasses) {
            await runPass.demand([policy.control]);
            const decision = policy.decide(state, pass);
            if (decision.action === 'repeat') {
              await runPass.demand(decision.feedback);
              passStep.decide('repeat', `control ${String(policy.control)} asked for another pass`);
              passStep.end('ok');
              seed = policy.nextSeed(state, pass);
              continue;
            }
          }
          await runPass.demand(workflow.goals);
          passStep.decide('finish');
          passStep.end('ok');
          root.decide('complete', `${pass} pass(es)`);
          root.end('ok');
          runSpan.setAttribute('rustygpt.passes', pass);
          runSpan.end();
          return { state, passes: pass, trace, workflowVersion: workflow.version };
        } catch (error) {
          passStep.end(statusOf(error));
          throw error;
        }
      }
    } catch (error) {
      root.decide('failed', error instanceof Error ? error.message : String(error));
      root.end(statusOf(error));
      runSpan.setStatus({
        code: SpanStatusCode.ERROR,
        message: error instanceof Error ? error.message : String(error),
      });
      runSpan.end();
      throw error;
    }
  }

  /** @internal */
  runNode<S>(
    node: AnyNode<S>,
    state: Partial<S>,
    pass: number,
    step: OpenStep,
    signal: AbortSignal,
    parent: ReturnType<typeof otelContext.active>,
  ): Promise<{ outputs: Partial<S>; status: TraceStep['status'] }> {
    const timeoutMs = node.timeoutMs ?? this.defaultTimeoutMs;
    const span: Span = this.tracer.startSpan(
      `reasoning.node.${node.name}`,
      { attributes: { 'rustygpt.node': node.name, 'rustygpt.pass': pass } },
      parent,
    );
    const input = pick(state, node.inputs);
    step.setInputs(summarizeKeys(input, node.inputs));
    const timer = new AbortController();
    const handle = setTimeout(
      () =>
        timer.abort(
          new TimeoutError(`node ${node.name} exceeded ${timeoutMs} ms`, { node: node.name, timeoutMs }),
        ),
      timeoutMs,
    );
    const nodeSignal = AbortSignal.any([signal, timer.signal]);
    const aborted = new Promise<never>((_, reject) => {
      const fail = (): void => reject(abortError(nodeSignal));
      if (nodeSignal.aborted) fail();
      else nodeSignal.addEventListener('abort', fail, { once: true });
    });
    const work = Promise.resolve().then(() =>
      node.run({ input: input as Pick<S, keyof S>, pass, notes: step }, nodeSignal),
    );
    return Promise.race([work, aborted])
      .then((outputs) => {
        const missing = node.outputs.filter((k) => !(k in (outputs as object)));
        if (missing.length > 0) {
          throw new RustyError(
            'INTERNAL',
            `node ${node.name} did not produce ${missing.map(String).join(', ')}`,
          );
        }
        step.setOutputs(summarizeKeys(outputs as object, node.outputs));
        span.end();
        return { outputs: outputs as Partial<S>, status: 'ok' as const };
      })
      .catch((error: unknown) => {
        const status = signal.aborted ? 'cancelled' : statusOf(error);
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : String(error),
        });
        span.end();
        if (status !== 'cancelled' && node.fallback) {
          const outputs = node.fallback(input as Pick<S, keyof S>, error) as Partial<S>;
          step.decide('fallback', error instanceof Error ? error.message : String(error));
          step.setOutputs(summarizeKeys(outputs as object, node.outputs));
          return { outputs, status };
        }
        throw signal.aborted ? abortError(signal) : error;
      })
      .finally(() => {
        clearTimeout(handle);
        work.catch(() => undefined);
      });
  }
}

/** Runs the nodes of one pass on demand. */
class PassRunner<S> {
  constructor(
    private readonly orchestrator: Orchestrator,
    private readonly workflow: Workflow<S>,
    private readonly state: Partial<S>,
    private readonly done: Set<string>,
    private readonly pass: number,
    private readonly passStep: OpenStep,
    private readonly trace: Trace,
    private readonly signal: AbortSignal,
    private readonly spanContext: ReturnType<typeof otelContext.active>,
    private readonly onStep: ((step: TraceStep) => void) | undefined,
  ) {}

  /** Runs every node needed to produce `keys` (and not yet run in this pass). */
  async demand(keys: readonly (keyof S)[]): Promise<void> {
    const present = new Set(Object.keys(this.state) as (keyof S)[]);
    const pending = this.workflow.required(keys, present, this.done);
    const running = new Map<string, Promise<string>>();
    const { concurrency } = this.orchestrator;
    while (pending.size > 0 || running.size > 0) {
      throwIfAborted(this.signal);
      const ready = [...pending]
        .map((name) => this.workflow.node(name)!)
        .filter((node) => node.inputs.every((k) => k in this.state))
        .sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name));
      for (const node of ready) {
        if (running.size >= concurrency) break;
        pending.delete(node.name);
        running.set(node.name, this.start(node));
      }
      if (running.size === 0) {
        throw new RustyError(
          'INTERNAL',
          `cannot run ${[...pending].join(', ')}: inputs never became available`,
        );
      }
      const finished = await Promise.race(running.values());
      running.delete(finished);
    }
  }

  private async start(node: AnyNode<S>): Promise<string> {
    const step = this.trace.begin(node.name, this.pass, this.passStep.id);
    try {
      const { outputs, status } = await this.orchestrator.runNode(
        node,
        this.state,
        this.pass,
        step,
        this.signal,
        this.spanContext,
      );
      Object.assign(this.state, outputs);
      this.done.add(node.name);
      const ended = step.end(status);
      this.onStep?.(ended);
      return node.name;
    } catch (error) {
      step.decide(isRustyError(error) ? error.code.toLowerCase() : 'error', messageOf(error));
      const ended = step.end(this.signal.aborted ? 'cancelled' : statusOf(error));
      this.onStep?.(ended);
      throw error;
    }
  }
}

function pick<S>(state: Partial<S>, keys: readonly (keyof S)[]): Partial<S> {
  const out: Partial<S> = {};
  for (const k of keys) out[k] = state[k];
  return out;
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof RustyError) return reason;
  return new CancelledError(reason instanceof Error ? reason.message : 'operation cancelled');
}

function statusOf(error: unknown): TraceStep['status'] {
  if (error instanceof TimeoutError) return 'timeout';
  if (error instanceof CancelledError) return 'cancelled';
  return 'error';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
