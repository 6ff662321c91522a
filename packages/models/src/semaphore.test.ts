import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 1));

describe('Semaphore', () => {
  it('never runs more than its limit at once and serves waiters in order', async () => {
    const sem = new Semaphore(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        sem.run(async () => {
          active += 1;
          peak = Math.max(peak, active);
          order.push(i);
          await tick();
          active -= 1;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('lets a waiter leave the queue when its signal fires', async () => {
    const sem = new Semaphore(1);
    let release!: () => void;
    const holder = sem.run(() => new Promise<void>((r) => (release = r)));
    const ac = new AbortController();
    const waiter = sem.run(async () => 'ran', ac.signal);
    expect(sem.queued).toBe(1);
    ac.abort();
    await expect(waiter).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(sem.queued).toBe(0);
    release();
    await holder;
    await expect(sem.run(async () => 'next')).resolves.toBe('next');
  });
});
