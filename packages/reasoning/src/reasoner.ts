/**
 * The library entry point: `createReasoner(ports).ask(question)` runs the current workflow,
 * streams the answer tokens while the run completes, and persists the trace through
 * KnowledgeRecorder.saveRun.
 */
import { randomUUID } from 'node:crypto';
import { CancelledError, isRustyError, type ReasoningRunRecord, type TraceStep } from '@rustygpt/core';
import { DEFAULT_WORKFLOW_NAME, defaultWorkflow, initialMemory } from './default-workflow';
import { Orchestrator, type OrchestratorOptions } from './engine/orchestrator';
import { Trace } from './engine/trace';
import type { Workflow } from './engine/workflow';
import { WorkflowRegistry } from './engine/workflow-registry';
import { toTokens } from './generation/template';
import {
  createServices,
  type ReasoningPorts,
  type ReasoningServices,
  type ReasoningThresholds,
} from './services';
import { TokenChannel } from './support/token-channel';
import type { Citation, ConversationTurn, ReasoningState } from './state';

/** Options of {@link createReasoner}: the ports plus workflow and tuning. */
export interface ReasonerOptions extends ReasoningPorts {
  /** A workflow, or a factory given the shared services (default: `defaultWorkflow`). */
  workflow?: Workflow<ReasoningState> | ((services: ReasoningServices) => Workflow<ReasoningState>);
  /** Node time limit, concurrency and tracer. */
  orchestrator?: OrchestratorOptions;
  /** Overrides of {@link DEFAULT_THRESHOLDS}. */
  thresholds?: Partial<ReasoningThresholds>;
  /** Save every run with saveRun (default true). */
  persist?: boolean;
}

/** Options of one question. */
export interface AskOptions {
  /** Cancels the run (it is saved with status `cancelled`). */
  signal?: AbortSignal;
  /** Earlier turns, oldest first, for follow-up questions. */
  conversation?: ConversationTurn[];
  /** Recorded with the run. */
  userId?: string | null;
  /** The chat message the run answers, recorded with the run. */
  messageId?: string | null;
  /** Called as each node step ends (live DAG views). */
  onStep?: (step: TraceStep) => void;
}

/** The answer to a question, with what supports it and how it was reached. */
export interface AskResult {
  /** Id of the run (a UUID; `getRun` loads it when runs are persisted). */
  runId: string;
  /** The answer text, or an explicit "I don't know: ..." */
  answer: string;
  /** The answer values (names, values, "yes"/"no", a count); empty for "I don't know". */
  items: string[];
  citations: Citation[];
  status: 'answered' | 'unknown';
  /** Meta-reasoning's confidence in the answer, in [0, 1]. */
  confidence: number;
  /** Entities the answer used (pass them back as `conversation[].entityIds` for follow-ups). */
  entityIds: number[];
  /** Every step of the run, in start order. */
  trace: TraceStep[];
  /** Passes the workflow ran (more when escalation went deeper). */
  passes: number;
  workflowVersion: string;
  /** `template`, or the chat model that phrased the answer. */
  generator: string;
  /** Wall-clock time of the run in milliseconds. */
  durationMs: number;
  /** The answer's tokens (a replay once the run is complete). */
  tokens: AsyncIterable<string>;
}

/** A run in progress: tokens as they are generated, and the final result. */
export interface AskStream {
  runId: string;
  tokens: AsyncIterable<string>;
  result: Promise<AskResult>;
}

/**
 * Answers questions over a knowledge graph with a published workflow, from {@link createReasoner}.
 * `ask` (and the `result` of `stream`) rejects with what the run threw: CancelledError (`CANCELLED`)
 * when the signal fires, TimeoutError (`TIMEOUT`) or a node's error when a node without fallback fails.
 */
export interface Reasoner {
  /** Answers a question (resolves when the run is complete and saved). */
  ask(question: string, options?: AskOptions): Promise<AskResult>;
  /** Answers a question, streaming tokens while the run completes. */
  stream(question: string, options?: AskOptions): AskStream;
  /** The workflow new runs use. */
  workflow(): Workflow<ReasoningState>;
  /** Publishes a new workflow version (runs in flight keep theirs). */
  setWorkflow(
    change: Workflow<ReasoningState> | ((current: Workflow<ReasoningState>) => Workflow<ReasoningState>),
  ): Workflow<ReasoningState>;
  /** The versions of the workflow published so far. */
  readonly registry: WorkflowRegistry<ReasoningState>;
  /** The ports and caches the nodes share. */
  readonly services: ReasoningServices;
  /** Flushes batched reference tracking. */
  close(): Promise<void>;
}

/**
 * Creates a reasoner over the given ports.
 * @example
 * ```ts
 * const reasoner = createReasoner({ store, embedder });
 * const { answer, citations } = await reasoner.ask('What is the capital of France?');
 * await reasoner.close();
 * ```
 */
export function createReasoner(options: ReasonerOptions): Reasoner {
  const services = createServices(options, options.thresholds ? { thresholds: options.thresholds } : {});
  const initial =
    typeof options.workflow === 'function'
      ? options.workflow(services)
      : (options.workflow ?? defaultWorkflow(services));
  const registry = new WorkflowRegistry<ReasoningState>([initial]);
  const orchestrator = new Orchestrator(options.orchestrator);
  const persist = options.persist ?? true;
  const name = initial.name;

  function stream(question: string, askOptions: AskOptions = {}): AskStream {
    const workflow = registry.get(name);
    const trace = new Trace(randomUUID());
    const channel = new TokenChannel();
    const started = new Date();
    const t0 = performance.now();
    const signal = askOptions.signal ?? new AbortController().signal;
    const result = (async (): Promise<AskResult> => {
      let status: ReasoningRunRecord['status'] = 'complete';
      let answerText: string | null = null;
      try {
        const run = await orchestrator.run(workflow, {
          seed: {
            question: question.trim(),
            conversation: askOptions.conversation ?? [],
            memory: initialMemory(),
            sink: channel,
          },
          signal,
          trace,
          ...(askOptions.onStep ? { onStep: askOptions.onStep } : {}),
        });
        const answer = run.state.answer!;
        const assessment = run.state.assessment!;
        answerText = answer.text;
        channel.end();
        const durationMs = performance.now() - t0;
        const out: AskResult = {
          runId: trace.runId,
          answer: answer.text,
          items: answer.items,
          citations: answer.citations,
          status: assessment.status === 'answered' ? 'answered' : 'unknown',
          confidence: assessment.confidence,
          entityIds: answer.citations.filter((c) => c.kind === 'entity').map((c) => c.id),
          trace: trace.steps(),
          passes: run.passes,
          workflowVersion: run.workflowVersion,
          generator: answer.generator,
          durationMs,
          tokens: replay(answer.text),
        };
        return out;
      } catch (error) {
        status =
          signal.aborted || (isRustyError(error) && error.code === 'CANCELLED') ? 'cancelled' : 'error';
        channel.fail(signal.aborted && !isRustyError(error) ? new CancelledError() : error);
        throw error;
      } finally {
        if (persist) {
          const record: ReasoningRunRecord = {
            id: trace.runId,
            workspaceId: services.store.workspaceId,
            question,
            answer: answerText,
            status,
            workflowVersion: workflow.version,
            startedAt: started,
            durationMs: performance.now() - t0,
            userId: askOptions.userId ?? null,
            messageId: askOptions.messageId ?? null,
            steps: trace.steps(),
          };
          await services.store.saveRun(record).catch(() => {
            // A run that cannot be saved is still answered; the trace is in the result.
          });
        }
      }
    })();
    return { runId: trace.runId, tokens: channel, result };
  }

  return {
    registry,
    services,
    stream,
    async ask(question, askOptions) {
      const { result, tokens } = stream(question, askOptions);
      // Nobody reads the live stream here: drain it so it cannot hold the run.
      void (async () => {
        try {
          for await (const _ of tokens) void _;
        } catch {
          // The result promise reports the error.
        }
      })();
      return result;
    },
    workflow: () => registry.get(name),
    setWorkflow(change) {
      const next = typeof change === 'function' ? change(registry.get(name)) : change;
      registry.publish(next.name === name ? next : next.with({ name }));
      return registry.get(name);
    },
    close: () => services.references.flush(),
  };
}

async function* replay(text: string): AsyncIterable<string> {
  for (const token of toTokens(text)) yield token;
}

export { DEFAULT_WORKFLOW_NAME };
