import { Repeater } from 'graphql-yoga';
import type { ApiData } from '../data/ports';
import type { EventBus } from './event-bus';
import { isTerminal, messageChannel, resumeFilter, type StreamEvent } from './events';

/** How long a quiet stream waits before checking persisted events (covers lost bus messages). */
const POLL_MS = 2_000;

/**
 * The events of one message for one subscriber: persisted history after the client's last
 * token (`afterIndex`), then live events, each exactly once and in order, ending after the
 * terminal event. Subscribes before reading history; a gap in live events is filled from the
 * database, which always holds an event before the bus carries it.
 */
export function messageEventStream(deps: {
  data: ApiData;
  bus: EventBus;
  messageId: string;
  afterIndex: number | null;
  onStart?: () => void;
  onStop?: () => void;
}): AsyncIterable<StreamEvent> {
  const { data, bus, messageId, afterIndex } = deps;
  return new Repeater<StreamEvent>(async (push, stop) => {
    deps.onStart?.();
    let lastSeq = 0;
    let finished = false;
    let wake: (() => void) | null = null;
    const live: StreamEvent[] = [];
    const unsubscribe = await bus.subscribe(messageChannel(messageId), (payload) => {
      const events = (payload as { events?: StreamEvent[] }).events;
      if (!Array.isArray(events)) return;
      live.push(...events);
      wake?.();
    });

    const wanted = resumeFilter(afterIndex);
    const emit = async (event: StreamEvent): Promise<void> => {
      lastSeq = event.seq;
      if (isTerminal(event)) finished = true;
      if (wanted(event)) await push(event);
    };
    const deliver = async (events: StreamEvent[]): Promise<void> => {
      for (const event of events) {
        if (finished || event.seq <= lastSeq) continue;
        if (event.seq > lastSeq + 1) {
          // A gap: the missing events are already persisted.
          const missing = await data.messageEvents.list(messageId, lastSeq);
          for (const m of missing) {
            if (m.seq >= event.seq || finished) break;
            if (m.seq <= lastSeq) continue;
            await emit(m);
          }
          if (finished || event.seq <= lastSeq) continue;
        }
        await emit(event);
      }
    };

    try {
      await deliver(await data.messageEvents.list(messageId, 0));
      let stopped = false;
      void stop.then(() => {
        stopped = true;
        wake?.();
      });
      while (!finished && !stopped) {
        if (live.length === 0) {
          const woke = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), POLL_MS);
            wake = () => {
              clearTimeout(timer);
              resolve(true);
            };
          });
          wake = null;
          if (!woke && !stopped) await deliver(await data.messageEvents.list(messageId, lastSeq));
          continue;
        }
        await deliver(live.splice(0));
      }
      stop();
    } catch (error) {
      stop(error);
    } finally {
      await unsubscribe();
      deps.onStop?.();
    }
  });
}
