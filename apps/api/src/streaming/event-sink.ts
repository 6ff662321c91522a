import type { ApiData } from '../data/ports';
import type { EventBus } from './event-bus';
import { messageChannel, type StreamEvent, type UnsequencedEvent } from './events';

/**
 * Numbers, persists, then publishes the events of one message. Persist-before-publish is what
 * lets a subscriber that reads history after subscribing miss nothing. Writes are group
 * committed: the first event goes out at once, events arriving during a write go in the next.
 */
export class EventSink {
  private seq = 0;
  private tokenIndex = 0;
  private pending: StreamEvent[] = [];
  private flushing: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(
    private readonly messageId: string,
    private readonly data: ApiData,
    private readonly bus: EventBus,
    private readonly onEvent: (event: StreamEvent) => void = () => undefined,
  ) {}

  /** Emits a token; its index is assigned here (0, 1, ...). */
  token(content: string): void {
    this.emit({ kind: 'token', content, index: this.tokenIndex++ });
  }

  get tokenCount(): number {
    return this.tokenIndex;
  }

  emit(event: UnsequencedEvent): void {
    const full = { ...event, seq: ++this.seq } as StreamEvent;
    this.onEvent(full);
    this.pending.push(full);
    this.flushing ??= this.flush();
  }

  /** Resolves when everything emitted so far is persisted and published; rethrows a write failure. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.failure) throw this.failure;
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        await this.data.messageEvents.append(this.messageId, batch);
        await this.bus.publish(messageChannel(this.messageId), { events: batch });
      }
    } catch (error) {
      this.failure = error;
      this.pending = [];
    } finally {
      this.flushing = null;
    }
  }
}
