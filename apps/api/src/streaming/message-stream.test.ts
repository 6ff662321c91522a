import { describe, expect, it } from 'vitest';
import type { ApiData } from '../data/ports';
import { createMemoryEventBus } from './event-bus';
import { EventSink } from './event-sink';
import { messageChannel, type StreamEvent } from './events';
import { messageEventStream } from './message-stream';

/** In-memory message_events table (unit tests of the stream logic only). */
function eventTable() {
  const rows: StreamEvent[] = [];
  const data = {
    messageEvents: {
      async append(_id: string, events: StreamEvent[]) {
        rows.push(...events);
      },
      async list(_id: string, afterSeq: number) {
        return rows.filter((e) => e.seq > afterSeq);
      },
    },
  } as unknown as ApiData;
  return { rows, data };
}

async function drain(stream: AsyncIterable<StreamEvent>): Promise<number[]> {
  const seqs: number[] = [];
  for await (const e of stream) seqs.push(e.seq);
  return seqs;
}

describe('EventSink', () => {
  it('numbers events, persists each before publishing it, and group-commits', async () => {
    const { rows, data } = eventTable();
    const bus = createMemoryEventBus();
    const published: number[][] = [];
    await bus.subscribe(messageChannel('m'), (p) => {
      const seqs = (p as { events: StreamEvent[] }).events.map((e) => e.seq);
      // Everything published is already in the table.
      expect(seqs.every((s) => rows.some((r) => r.seq === s))).toBe(true);
      published.push(seqs);
    });
    const sink = new EventSink('m', data, bus);
    sink.emit({ kind: 'control', type: 'THINKING', detail: null });
    sink.token('a');
    sink.token('b');
    await sink.drain();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows.filter((r) => r.kind === 'token').map((r) => (r as { index: number }).index)).toEqual([0, 1]);
    // The first event went alone; the two emitted during its write went together.
    expect(published).toEqual([[1], [2, 3]]);
  });
});

describe('messageEventStream', () => {
  it('replays history, then live events, and fills a gap in the live feed from the table', async () => {
    const { rows, data } = eventTable();
    const bus = createMemoryEventBus();
    rows.push({ kind: 'control', seq: 1, type: 'THINKING', detail: null });
    const stream = drain(messageEventStream({ data, bus, messageId: 'm', afterIndex: null }));
    await new Promise((r) => setTimeout(r, 20));
    // seq 2 is persisted but its bus message is lost; seq 3 and 4 arrive live.
    rows.push({ kind: 'token', seq: 2, content: 'x', index: 0 });
    const live: StreamEvent[] = [
      { kind: 'token', seq: 3, content: 'y', index: 1 },
      { kind: 'control', seq: 4, type: 'COMPLETE', detail: null },
    ];
    rows.push(...live);
    await bus.publish(messageChannel('m'), { events: live });
    expect(await stream).toEqual([1, 2, 3, 4]);
  });

  it('skips tokens the client already has when resuming, and duplicates from the bus', async () => {
    const { rows, data } = eventTable();
    const bus = createMemoryEventBus();
    rows.push(
      { kind: 'control', seq: 1, type: 'THINKING', detail: null },
      { kind: 'token', seq: 2, content: 'x', index: 0 },
      { kind: 'token', seq: 3, content: 'y', index: 1 },
    );
    const stream = drain(messageEventStream({ data, bus, messageId: 'm', afterIndex: 0 }));
    await new Promise((r) => setTimeout(r, 20));
    const end: StreamEvent = { kind: 'control', seq: 4, type: 'COMPLETE', detail: null };
    rows.push(end);
    await bus.publish(messageChannel('m'), { events: [rows[2]!, end] });
    expect(await stream).toEqual([3, 4]);
  });
});
