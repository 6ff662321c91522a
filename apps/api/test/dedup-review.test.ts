import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aKnowledgeBase } from './support/knowledge-builder';
import { codesOf, startTestApi, type TestApi } from './support/harness';

// Two same-named cities with no agreeing evidence: a name alone sends a pair to review.
let t: TestApi;
let admin: string;
let reader: string;

const QUEUE = `query ($state: DedupCandidateState, $first: Int, $after: String) {
  dedupCandidates(state: $state, first: $first, after: $after) {
    edges { cursor node { id score reason state entity1 { name } entity2 { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const DECIDE = `mutation ($id: ID!, $d: DedupDecision!) {
  decideDedupCandidate(id: $id, decision: $d) { state mergeId kept { name aliases } }
}`;

interface QueueResult {
  dedupCandidates: {
    edges: { cursor: string; node: { id: string; state: string; entity1: { name: string } | null } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

beforeAll(async () => {
  const kb = aKnowledgeBase();
  for (const name of ['Springfield', 'Riverside', 'Franklin']) {
    kb.withEntity({ key: `${name.toLowerCase()}-il`, type: 'City', name });
    kb.withEntity({ key: `${name.toLowerCase()}-ma`, type: 'City', name });
  }
  t = await startTestApi({ bundle: kb.build() });
  admin = await t.signIn({ sub: 'root', email: 'admin@example.org' });
  reader = await t.signIn({ sub: 'reader' });
  // Queue the pairs the way ingestion does (the lifecycle Deduplicator's check).
  const entities = await t.api.services.data.knowledge(1).getEntities([1, 2, 3, 4, 5, 6]);
  await t.api.services.data.dedup(1).check(entities.map((e) => e.id));
});
afterAll(async () => {
  await t?.close();
});

async function queue(state = 'PENDING', first = 10, after: string | null = null) {
  const r = await t.gql<QueueResult>(QUEUE, { state, first, after }, { token: admin });
  expect(r.errors).toBeUndefined();
  return r.data!.dedupCandidates;
}

describe('duplicate review queue', () => {
  it('is admin-only: readers get FORBIDDEN, anonymous callers UNAUTHENTICATED', async () => {
    expect(codesOf(await t.gql(QUEUE, {}, { token: reader }))).toEqual(['FORBIDDEN']);
    expect(codesOf(await t.gql(QUEUE, {}, { token: null }))).toEqual(['UNAUTHENTICATED']);
    const pending = await queue();
    const id = pending.edges[0]!.node.id;
    expect(codesOf(await t.gql(DECIDE, { id, d: 'SEPARATE' }, { token: reader }))).toEqual(['FORBIDDEN']);
    expect(
      codesOf(await t.gql('mutation { rollbackMerge(mergeId: 1) { mergeId } }', {}, { token: reader })),
    ).toEqual(['FORBIDDEN']);
    // The reader's attempt changed nothing.
    expect((await queue()).edges.map((e) => e.node.id)).toContain(id);
  });

  it('lists the pending pairs with both entities, paged forward with cursors', async () => {
    const all = await queue();
    expect(all.edges).toHaveLength(3);
    for (const { node } of all.edges) expect(node.entity1?.name).toBeTruthy();
    const first = await queue('PENDING', 2);
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await queue('PENDING', 2, first.pageInfo.endCursor);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect([...first.edges, ...rest.edges].map((e) => e.node.id)).toEqual(all.edges.map((e) => e.node.id));
  });

  it('SEPARATE keeps both entities and moves the pair out of the pending queue for everyone', async () => {
    const before = await queue();
    const target = before.edges[0]!.node;
    const r = await t.gql<{ decideDedupCandidate: { state: string; mergeId: number | null } }>(
      DECIDE,
      { id: target.id, d: 'SEPARATE' },
      { token: admin },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.decideDedupCandidate).toMatchObject({ state: 'REJECTED', mergeId: null });
    expect((await queue()).edges.map((e) => e.node.id)).not.toContain(target.id);
    expect((await queue('REJECTED')).edges.map((e) => e.node.id)).toContain(target.id);
    // Deciding it again is refused (a conflict, reported as bad input), not a silent overwrite.
    const again = await t.gql(DECIDE, { id: target.id, d: 'MERGE' }, { token: admin });
    expect(codesOf(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.errors?.[0]?.message).toMatch(/already decided/);
  });

  it('MERGE merges the pair into one entity, and rollbackMerge restores both', async () => {
    const target = (await queue()).edges[0]!.node;
    const name = target.entity1!.name;
    const count = async () => {
      const r = await t.gql<{ entities: { edges: { node: { name: string } }[] } }>(
        '{ entities(first: 50) { edges { node { name } } } }',
        {},
        { token: admin },
      );
      return r.data!.entities.edges.filter((e) => e.node.name === name).length;
    };
    expect(await count()).toBe(2);
    const r = await t.gql<{
      decideDedupCandidate: { state: string; mergeId: number | null; kept: { name: string } | null };
    }>(DECIDE, { id: target.id, d: 'MERGE' }, { token: admin });
    expect(r.errors).toBeUndefined();
    const outcome = r.data!.decideDedupCandidate;
    expect(outcome.state).toBe('MERGED');
    expect(outcome.kept?.name).toBe(name);
    expect(outcome.mergeId).toEqual(expect.any(Number));
    expect(await count()).toBe(1);
    const undo = await t.gql<{ rollbackMerge: { restored: { name: string }[] } }>(
      'mutation ($m: Int!) { rollbackMerge(mergeId: $m) { mergeId restored { name } } }',
      { m: outcome.mergeId },
      { token: admin },
    );
    expect(undo.errors).toBeUndefined();
    expect(undo.data!.rollbackMerge.restored.map((e) => e.name)).toEqual([name]);
    expect(await count()).toBe(2);
  });

  it('answers NOT_FOUND for an unknown candidate and rejects ids of other types', async () => {
    const unknown = Buffer.from('DedupCandidate:99999').toString('base64');
    expect(codesOf(await t.gql(DECIDE, { id: unknown, d: 'SEPARATE' }, { token: admin }))).toEqual([
      'NOT_FOUND',
    ]);
    const entityId = Buffer.from('Entity:1').toString('base64');
    expect(codesOf(await t.gql(DECIDE, { id: entityId, d: 'SEPARATE' }, { token: admin }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});
