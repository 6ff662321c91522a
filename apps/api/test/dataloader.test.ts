import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatementCounter } from '../src/observability/instrumented-database';
import { aKnowledgeBase } from './support/knowledge-builder';
import { startTestApi, type TestApi } from './support/harness';

let t: TestApi;
let token: string;
const counter: StatementCounter = { count: 0, statements: [] };

beforeAll(async () => {
  t = await startTestApi({ statementCounter: counter, bundle: aKnowledgeBase().withChain(60).build() });
  token = await t.signIn({ sub: 'reader' });
});
afterAll(async () => {
  await t?.close();
});

const QUERY = `query ($n: Int!) {
  entities(first: $n) {
    edges { node {
      name aliases attributes { name value }
      out: relationships(direction: OUT, first: 5) { edges { node { type weight to { name aliases } } } }
      in: relationships(direction: IN, first: 5) { edges { node { type from { name attributes { name } } } } }
      usage { count }
      resources { confidence }
    } }
  }
}`;

async function statementsFor(n: number): Promise<number> {
  await t.gql('{ viewer { name } }', {}, { token }); // warm the viewer cache
  counter.count = 0;
  counter.statements = [];
  const r = await t.gql<{ entities: { edges: unknown[] } }>(QUERY, { n }, { token });
  expect(r.errors).toBeUndefined();
  expect(r.data!.entities.edges).toHaveLength(n);
  return counter.count;
}

describe('DataLoader batching', () => {
  it('runs a bounded number of SQL statements for 50 entities with attributes, aliases and relationships', async () => {
    const for5 = await statementsFor(5);
    const for50 = await statementsFor(50);
    expect(for50).toBe(for5);
    // listEntities, relationships OUT and IN, usage, resources, the entities at the other ends.
    expect(for50).toBeLessThanOrEqual(6);
  });
});
