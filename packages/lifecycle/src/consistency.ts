/**
 * The consistency check: verifies the lifecycle's invariants (archived entities out of the index,
 * names matchable, vectors of the right size, sane weights, ...) and optionally repairs them. Runs
 * as a resumable job, one check per short transaction.
 */
import type { KnowledgeStore } from '@rustygpt/store';
import type { ResumableJob } from './jobs';
import { CHECKS } from './sql/consistency';

export { CHECKS as CONSISTENCY_CHECKS } from './sql/consistency';

/** The consistency job of a workspace; counts are `<check>` (found) and `<check>_fixed`. */
export function consistencyJob(
  store: KnowledgeStore,
  options: { fix?: boolean; limit?: number } = {},
): ResumableJob {
  const limit = options.limit ?? 10_000;
  return {
    kind: 'consistency',
    key: `workspace:${store.workspaceId}:${options.fix ? 'fix' : 'check'}`,
    total: async () => CHECKS.length,
    async batch(tx, cursor) {
      const check = CHECKS[cursor];
      if (!check) return { cursor, processed: 0, done: true };
      const found = await check.find(tx, store.workspaceId, limit);
      const counts: Record<string, number> = { [check.name]: found.length };
      if (options.fix && found.length > 0) {
        await check.fix(tx, store.workspaceId, found);
        counts[`${check.name}_fixed`] = found.length;
      }
      return { cursor: cursor + 1, processed: 1, counts, done: cursor + 1 >= CHECKS.length };
    },
  };
}
