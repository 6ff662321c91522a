// The duplicate review queue (admin): dedupCandidates, decideDedupCandidate, rollbackMerge.
import { ValidationError } from '@rustygpt/core';
import type { Entity } from '@rustygpt/core';
import type { DedupCandidate, RollbackResult } from '../data/dedup-review';
import { numericId, requireAdmin, workspaceOf } from './access';
import { builder } from './builder';
import { EntityRef } from './knowledge-types';

const DedupCandidateStateEnum = builder.enumType('DedupCandidateState', {
  values: {
    PENDING: { value: 'pending' },
    MERGED: { value: 'merged' },
    REJECTED: { value: 'rejected', description: 'Kept separate by a reviewer; not proposed again.' },
  } as const,
});

const DedupDecisionEnum = builder.enumType('DedupDecision', {
  values: {
    MERGE: { value: 'merge', description: 'Merge the pair into the older entity.' },
    SEPARATE: { value: 'separate', description: 'They are different things: keep both, stop proposing.' },
  } as const,
});

const DedupCandidateRef = builder.objectRef<DedupCandidate>('DedupCandidate').implement({
  description: 'A pair of entities that may be the same thing, waiting for (or after) review.',
  fields: (t) => ({
    id: t.globalID({ resolve: (c) => ({ type: 'DedupCandidate', id: String(c.id) }) }),
    score: t.exposeFloat('score', { description: 'Similarity, 0..1.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'The evidence behind the score.' }),
    state: t.field({ type: DedupCandidateStateEnum, resolve: (c) => c.state }),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.createdAt }),
    reviewedAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.reviewedAt }),
    entity1: t.field({ type: EntityRef, nullable: true, resolve: (c) => c.entity1 }),
    entity2: t.field({ type: EntityRef, nullable: true, resolve: (c) => c.entity2 }),
  }),
});

const DedupOutcomeRef = builder
  .objectRef<{ state: DedupCandidate['state']; mergeId: number | null; kept: Entity | null }>('DedupOutcome')
  .implement({
    description: 'What a review decision did.',
    fields: (t) => ({
      state: t.field({ type: DedupCandidateStateEnum, resolve: (o) => o.state }),
      mergeId: t.exposeInt('mergeId', { nullable: true, description: 'For rollbackMerge.' }),
      kept: t.field({ type: EntityRef, nullable: true, resolve: (o) => o.kept }),
    }),
  });

const RollbackResultRef = builder.objectRef<RollbackResult>('MergeRollback').implement({
  description: 'A merge undone: the kept entity as it was before, and the entities restored.',
  fields: (t) => ({
    mergeId: t.exposeInt('mergeId'),
    kept: t.field({ type: EntityRef, resolve: (r) => r.kept }),
    restored: t.field({ type: [EntityRef], resolve: (r) => r.restored }),
  }),
});

/** Keyset cursor of the queue (score, then id): stable while pairs are decided. */
function encodeCursor(c: { score: number; id: number }): string {
  return Buffer.from(`${c.score}:${c.id}`).toString('base64url');
}
function decodeCursor(cursor: string): { score: number; id: number } {
  const [score, id] = Buffer.from(cursor, 'base64url').toString().split(':').map(Number);
  if (score === undefined || id === undefined || !Number.isFinite(score) || !Number.isSafeInteger(id))
    throw new ValidationError('invalid cursor', 'after');
  return { score, id };
}

builder.queryFields((t) => ({
  dedupCandidates: t.connection({
    type: DedupCandidateRef,
    authScopes: { admin: true },
    description: 'The duplicate review queue of a workspace (admin), best score first.',
    args: {
      state: t.arg({ type: DedupCandidateStateEnum, defaultValue: 'pending' }),
      workspace: t.arg.string(),
    },
    complexity: (args) => ({ field: 1, multiplier: args.first ?? 20 }),
    resolve: async (_r, args, ctx) => {
      requireAdmin(ctx);
      if (args.last != null || args.before != null)
        throw new ValidationError('the review queue pages forward only (first/after)', 'last');
      const first = Math.min(Math.max(args.first ?? 20, 1), 100);
      const { id } = workspaceOf(ctx, args.workspace);
      const rows = await ctx.services.data.dedup(id).list({
        state: args.state ?? 'pending',
        first: first + 1,
        ...(args.after ? { after: decodeCursor(args.after) } : {}),
      });
      const page = rows.slice(0, first);
      for (const c of page) {
        if (c.entity1) ctx.loaders.entity.prime(c.entity1.id, c.entity1);
        if (c.entity2) ctx.loaders.entity.prime(c.entity2.id, c.entity2);
      }
      const edges = page.map((node) => ({ cursor: encodeCursor(node), node }));
      return {
        edges,
        pageInfo: {
          hasNextPage: rows.length > first,
          hasPreviousPage: args.after != null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      };
    },
  }),
}));

builder.mutationFields((t) => ({
  decideDedupCandidate: t.field({
    type: DedupOutcomeRef,
    authScopes: { admin: true },
    description:
      'Decides a queued pair (admin): MERGE merges it into the older entity, SEPARATE keeps both for good.',
    args: {
      id: t.arg.globalID({ required: true }),
      decision: t.arg({ type: DedupDecisionEnum, required: true }),
      workspace: t.arg.string(),
    },
    resolve: async (_r, args, ctx) => {
      const viewer = requireAdmin(ctx);
      const { id } = workspaceOf(ctx, args.workspace);
      const outcome = await ctx.services.data
        .dedup(id)
        .decide(numericId(args.id, 'DedupCandidate'), args.decision, viewer.user.id);
      const kept = outcome.keptId === null ? null : await ctx.loaders.entity.load(outcome.keptId);
      return { state: outcome.state, mergeId: outcome.mergeId, kept };
    },
  }),
  rollbackMerge: t.field({
    type: RollbackResultRef,
    authScopes: { admin: true },
    description: 'Undoes a merge (admin); refused when a restored key was reused or the kept entity changed.',
    args: { mergeId: t.arg.int({ required: true }), workspace: t.arg.string() },
    resolve: (_r, args, ctx) => {
      requireAdmin(ctx);
      const { id } = workspaceOf(ctx, args.workspace);
      return ctx.services.data.dedup(id).rollback(args.mergeId);
    },
  }),
}));
