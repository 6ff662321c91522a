import { UnavailableError, isRustyError } from '@rustygpt/core';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { AnswerEngine, ConversationTurn } from '../data/answer-engine';
import type { ApiData, MessageRecord } from '../data/ports';
import type { ApiMetrics } from '../observability/metrics';
import type { EventBus } from './event-bus';
import { EventSink } from './event-sink';
import { CANCEL_CHANNEL } from './events';

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Runs the reasoning DAG for assistant messages in the background and streams each run's
 * events (THINKING, tokens, metadata, COMPLETE | ERROR | INTERRUPTED) through an EventSink.
 * Cancellation can come from any process: it travels on the bus to the one running it.
 */
export class MessageRunner {
  private readonly running = new Map<string, Running>();
  private unsubscribe: (() => Promise<void>) | null = null;
  private accepting = true;

  constructor(
    private readonly deps: {
      data: ApiData;
      bus: EventBus;
      engine: AnswerEngine;
      logger: Logger;
      metrics: ApiMetrics;
      /** Pause before each token after the first (RUSTYGPT_STREAM_TOKEN_DELAY_MS; 0: none). */
      tokenDelayMs?: number;
    },
  ) {}

  /** Listens for cancellations published by other processes. */
  async start(): Promise<void> {
    this.unsubscribe = await this.deps.bus.subscribe(CANCEL_CHANNEL, (payload) => {
      const id = (payload as { messageId?: unknown }).messageId;
      if (typeof id === 'string') this.running.get(id)?.controller.abort();
    });
  }

  get activeCount(): number {
    return this.running.size;
  }

  /** Starts answering `question` into the assistant `message`; returns at once. */
  launch(
    message: MessageRecord,
    question: string,
    workspaceId: number,
    conversation: ConversationTurn[] = [],
  ): void {
    if (!this.accepting) throw new UnavailableError('the server is shutting down; retry on another instance');
    const controller = new AbortController();
    // Start on the next turn of the event loop: the mutation's response goes out first.
    const done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run(message, question, workspaceId, conversation, controller.signal))
      .finally(() => {
        this.running.delete(message.id);
      });
    this.running.set(message.id, { controller, done });
  }

  /** Asks whichever process runs `messageId` to stop it. */
  async cancel(messageId: string): Promise<void> {
    const local = this.running.get(messageId);
    if (local) {
      local.controller.abort();
      await local.done;
      return;
    }
    await this.deps.bus.publish(CANCEL_CHANNEL, { messageId });
  }

  /** Stops accepting runs, waits up to `graceMs` for running ones, then interrupts the rest. */
  async shutdown(graceMs: number): Promise<void> {
    this.accepting = false;
    const all = [...this.running.values()];
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled(all.map((r) => r.done)), grace]);
    clearTimeout(timer);
    for (const r of this.running.values()) r.controller.abort();
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
    await this.unsubscribe?.();
  }

  private async run(
    message: MessageRecord,
    question: string,
    workspaceId: number,
    conversation: ConversationTurn[],
    signal: AbortSignal,
  ) {
    const { data, bus, engine, logger, metrics } = this.deps;
    const sink = new EventSink(message.id, data, bus, (e) => metrics.streamEvents.inc({ kind: e.kind }));
    let content = '';
    let status: 'complete' | 'cancelled' | 'error' = 'complete';
    let runId: string | null = null;
    /** Terminal control event, emitted only after the message row holds its final state. */
    let terminal: 'COMPLETE' | 'ERROR' | 'INTERRUPTED' = 'COMPLETE';
    let terminalDetail: string | null = null;
    sink.emit({ kind: 'control', type: 'THINKING', detail: null });
    try {
      const stream = engine.ask({
        question,
        workspaceId,
        userId: message.userId,
        messageId: message.id,
        signal,
      });
      stream.result.catch(() => undefined); // observed below; avoid an unhandled rejection meanwhile
      const delayMs = this.deps.tokenDelayMs ?? 0;
      for await (const token of stream.tokens) {
        if (signal.aborted) break;
        if (delayMs > 0 && sink.tokenCount > 0) await sleep(delayMs, undefined, { signal });
        content += token;
        sink.token(token);
      }
      if (signal.aborted) throw signal.reason ?? new Error('aborted');
      const result = await stream.result;
      runId = result.runId;
      content = result.answer || content;
      sink.emit({
        kind: 'metadata',
        tokenCount: sink.tokenCount,
        modelName: result.modelName,
        promptTokens: result.promptTokens,
      });
    } catch (error) {
      if (signal.aborted) {
        status = 'cancelled';
        terminal = 'INTERRUPTED';
        terminalDetail = 'cancelled';
      } else {
        status = 'error';
        const code = isRustyError(error) ? error.code : 'INTERNAL';
        const safe =
          isRustyError(error) && error.code !== 'INTERNAL'
            ? error.message
            : 'The answer could not be generated.';
        const retryInMs = code === 'UNAVAILABLE' || code === 'TIMEOUT' ? 5_000 : null;
        logger.error({ err: error, messageId: message.id }, 'message run failed');
        sink.emit({ kind: 'error', code, message: safe, retryInMs });
        terminal = 'ERROR';
        terminalDetail = code;
      }
    }
    try {
      await data.messages.update(message.id, { content, status, ...(runId ? { runId } : {}) });
    } catch (error) {
      logger.error({ err: error, messageId: message.id }, 'could not save message');
    }
    sink.emit({ kind: 'control', type: terminal, detail: terminalDetail });
    try {
      await sink.drain();
    } catch (error) {
      logger.error({ err: error, messageId: message.id }, 'could not persist message events');
    }
  }
}
