import { ConflictError } from '@rustygpt/core';
import { describe, expect, it } from 'vitest';
import { retryOnRace } from './retry';

describe('retryOnRace', () => {
  it('re-runs a transaction that lost a unique-key race, then succeeds', async () => {
    let calls = 0;
    const result = await retryOnRace(async () => {
      calls += 1;
      if (calls < 3) throw new ConflictError('duplicate', { sqlState: '23505' });
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('does not retry version conflicts or other errors, and gives up after the last attempt', async () => {
    let calls = 0;
    const stale = new ConflictError('entity is at version 2, not 1');
    await expect(
      retryOnRace(async () => {
        calls += 1;
        throw stale;
      }),
    ).rejects.toBe(stale);
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      retryOnRace(async () => {
        calls += 1;
        throw new ConflictError('race', { sqlState: '40001' });
      }, 2),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(calls).toBe(2);
  });
});
