import { RustyError, ValidationError } from '@rustygpt/core';
import type { Logger } from 'pino';
import type { ApiData, JobRecord } from '../data/ports';
import type { EventBus } from '../streaming/event-bus';
import { jobChannel } from '../streaming/events';

/** What a lifecycle job receives: where to report progress and when to stop. */
export interface JobContext {
  signal: AbortSignal;
  progress(processed: number, total: number | null, message?: string): void;
}

/** A lifecycle job kind (re-embed, re-base, prune, ...), registered by the composition root. */
export interface JobDefinition {
  kind: string;
  description: string;
  run(ctx: JobContext): Promise<{ message?: string } | undefined>;
}

/** Job records travel as JSON on the bus; dates are revived here. */
export function reviveJob(raw: unknown): JobRecord {
  const r = raw as Record<string, unknown>;
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    ...(r as unknown as JobRecord),
    createdAt: new Date(r.createdAt as string),
    startedAt: date(r.startedAt),
    finishedAt: date(r.finishedAt),
  };
}

/** Runs lifecycle jobs in this process, persisting and publishing their progress; safe to interrupt. */
export class JobRunner {
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: { data: ApiData; bus: EventBus; logger: Logger }) {}

  register(definition: JobDefinition): void {
    this.definitions.set(definition.kind, definition);
  }

  kinds(): JobDefinition[] {
    return [...this.definitions.values()];
  }

  /** Queues a job and starts it at once; returns its record. */
  async trigger(kind: string, createdBy: string | null): Promise<JobRecord> {
    const definition = this.definitions.get(kind);
    if (!definition) {
      throw new ValidationError(
        `unknown job kind ${JSON.stringify(kind)}; known: ${[...this.definitions.keys()].join(', ')}`,
        'kind',
      );
    }
    const job = await this.deps.data.jobs.create({ kind, createdBy, total: null });
    const controller = new AbortController();
    this.running.set(job.id, controller);
    void this.execute(job, definition, controller.signal).finally(() => this.running.delete(job.id));
    return job;
  }

  async cancel(jobId: string): Promise<boolean> {
    const controller = this.running.get(jobId);
    if (!controller) return false;
    controller.abort(new RustyError('CANCELLED', 'job cancelled'));
    return true;
  }

  /** Interrupts running jobs (their state becomes `cancelled`). */
  async shutdown(): Promise<void> {
    for (const c of this.running.values()) c.abort(new RustyError('CANCELLED', 'server shutting down'));
    while (this.running.size > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private async publish(job: JobRecord): Promise<void> {
    await this.deps.bus.publish(jobChannel(job.id), job);
  }

  private async execute(job: JobRecord, definition: JobDefinition, signal: AbortSignal): Promise<void> {
    const { data, logger } = this.deps;
    let current = await data.jobs.update(job.id, { state: 'running', startedAt: new Date() });
    await this.publish(current);
    let lastWrite = 0;
    let chain: Promise<void> = Promise.resolve();
    const ctx: JobContext = {
      signal,
      progress: (processed, total, message) => {
        const now = Date.now();
        if (now - lastWrite < 200 && (total === null || processed < total)) return;
        lastWrite = now;
        const progress = total && total > 0 ? Math.min(1, processed / total) : 0;
        chain = chain.then(async () => {
          current = await data.jobs.update(job.id, { processed, total, progress, message: message ?? null });
          await this.publish(current);
        });
      },
    };
    try {
      const outcome = await definition.run(ctx);
      await chain;
      current = await data.jobs.update(job.id, {
        state: 'succeeded',
        progress: 1,
        finishedAt: new Date(),
        message: outcome?.message ?? current.message,
      });
    } catch (error) {
      await chain.catch(() => undefined);
      const cancelled = signal.aborted;
      if (!cancelled) logger.error({ err: error, jobId: job.id, kind: job.kind }, 'job failed');
      current = await data.jobs.update(job.id, {
        state: cancelled ? 'cancelled' : 'failed',
        finishedAt: new Date(),
        error: error instanceof RustyError ? error.message : cancelled ? 'cancelled' : 'job failed',
      });
    }
    await this.publish(current);
  }
}
