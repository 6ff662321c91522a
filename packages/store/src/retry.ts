import { isRustyError } from '@rustygpt/core';

/** SQLSTATEs of races a retry resolves: unique violation by a concurrent insert, serialisation, deadlock. */
const RETRYABLE = new Set(['23505', '40001', '40P01']);

/**
 * Re-runs a whole transaction when it lost a race with a concurrent writer (two upserts of the
 * same new key on a PostgreSQL server). Other errors, including version conflicts, pass through.
 */
export async function retryOnRace<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      const state = isRustyError(error) ? error.details.sqlState : undefined;
      if (i >= attempts || typeof state !== 'string' || !RETRYABLE.has(state)) throw error;
    }
  }
}
