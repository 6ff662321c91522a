import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Cross-process publish/subscribe for stream events. `subscribe` resolves only once the
 * subscription is active, so a subscriber that then reads persisted events cannot miss one
 * published in between (events are persisted before they are published).
 */
export interface EventBus {
  subscribe(channel: string, handler: (payload: unknown) => void): Promise<() => Promise<void>>;
  publish(channel: string, payload: unknown): Promise<void>;
  close(): Promise<void>;
  readonly kind: 'memory' | 'redis';
}

/** In-process bus (one API process). */
export function createMemoryEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    kind: 'memory',
    async subscribe(channel, handler) {
      emitter.on(channel, handler);
      return async () => {
        emitter.off(channel, handler);
      };
    },
    async publish(channel, payload) {
      // Copy like the wire would, so a subscriber cannot mutate the publisher's objects.
      emitter.emit(channel, structuredClone(payload));
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** Redis bus: one publishing and one subscribing connection per process, channels ref-counted. */
export async function createRedisEventBus(url: string, logger: Logger): Promise<EventBus> {
  const options = { lazyConnect: true, maxRetriesPerRequest: 3, enableAutoPipelining: true };
  const pub = new Redis(url, options);
  const sub = new Redis(url, { ...options, enableAutoPipelining: false });
  for (const [name, client] of [
    ['publish', pub],
    ['subscribe', sub],
  ] as const) {
    client.on('error', (error: Error) => logger.warn({ err: error, client: name }, 'redis connection error'));
  }
  await Promise.all([pub.connect(), sub.connect()]);
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  const pendingSubscribe = new Map<string, Promise<unknown>>();
  sub.on('message', (channel: string, message: string) => {
    const set = handlers.get(channel);
    if (!set || set.size === 0) return;
    let payload: unknown;
    try {
      payload = JSON.parse(message);
    } catch {
      logger.warn({ channel }, 'dropping malformed bus message');
      return;
    }
    for (const handler of set) handler(payload);
  });
  return {
    kind: 'redis',
    async subscribe(channel, handler) {
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        pendingSubscribe.set(channel, sub.subscribe(channel));
      }
      set.add(handler);
      await pendingSubscribe.get(channel);
      return async () => {
        const current = handlers.get(channel);
        if (!current) return;
        current.delete(handler);
        if (current.size === 0) {
          handlers.delete(channel);
          pendingSubscribe.delete(channel);
          await sub.unsubscribe(channel).catch(() => undefined);
        }
      };
    },
    async publish(channel, payload) {
      await pub.publish(channel, JSON.stringify(payload));
    },
    async close() {
      handlers.clear();
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
