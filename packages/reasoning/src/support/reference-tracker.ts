/**
 * Batches reference tracking: entity ids used by answers are collected and written with one
 * `trackReferences` call per batch instead of one per question.
 */
import type { KnowledgeRecorder } from '@rustygpt/core';

export class ReferenceTracker {
  private pending = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly recorder: Pick<KnowledgeRecorder, 'trackReferences'>,
    private readonly batchSize = 64,
    private readonly flushDelayMs = 1000,
  ) {}

  /** Queues ids; flushes when the batch is full or after the delay. */
  add(ids: Iterable<number>): void {
    for (const id of ids) this.pending.add(id);
    if (this.pending.size >= this.batchSize) void this.flush();
    else if (this.pending.size > 0 && !this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushDelayMs);
      this.timer.unref?.();
    }
  }

  get queued(): number {
    return this.pending.size;
  }

  /** Writes everything queued; resolves when the store has it. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.size === 0) return this.inFlight;
    const ids = [...this.pending];
    this.pending = new Set();
    this.inFlight = this.inFlight
      .then(() => this.recorder.trackReferences(ids))
      .catch(() => {
        // Usage counts are best effort: a failed batch must not fail answers.
      });
    return this.inFlight;
  }
}
