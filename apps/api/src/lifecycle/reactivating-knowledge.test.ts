import { Lifecycle } from '@rustygpt/lifecycle';
import { createReasoner } from '@rustygpt/reasoning';
import { IN_MEMORY, KnowledgeStore, openDatabase, type Database } from '@rustygpt/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aKnowledgeBase } from '../../test/support/knowledge-builder';
import { reactivatingKnowledge } from './reactivating-knowledge';

let db: Database;
let store: KnowledgeStore;

beforeAll(async () => {
  db = await openDatabase({ dataDir: IN_MEMORY });
  store = new KnowledgeStore(db, 1);
  await store.importBundle(aKnowledgeBase().withCountry('France', { capital: 'Paris' }).build());
});
afterAll(async () => {
  await db?.close();
});

describe('reactivatingKnowledge', () => {
  it('reactivates an archived entity the reasoner reads and still answers the question', async () => {
    const lifecycle = new Lifecycle(store);
    await db.query("UPDATE entities SET created_at = now() - interval '200 days'");
    await lifecycle.prune({ force: true });
    expect((await store.getEntityByKey('country:france'))?.state).toBe('archived');

    const reasoner = createReasoner({ store: reactivatingKnowledge(store, lifecycle), persist: false });
    const result = await reasoner.ask('What is the capital of France?');
    await reasoner.close();

    expect(result.answer).toContain('Paris');
    expect((await store.getEntityByKey('country:france'))?.state).toBe('active');
  });
});
