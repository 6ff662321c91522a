import { KnowledgeStore, createRepositories, type Database } from '@rustygpt/store';
import type { StreamEvent } from '../streaming/events';
import { createDedupReview, type DedupReview } from './dedup-review';
import type { ApiData, WorkspaceKnowledge } from './ports';

/** The API's data port over @rustygpt/store: repositories plus one KnowledgeStore per workspace. */
export function createApiData(db: Database): ApiData {
  const repos = createRepositories(db);
  const stores = new Map<number, KnowledgeStore>();
  const storeOf = (workspaceId: number): KnowledgeStore => {
    let store = stores.get(workspaceId);
    if (!store) {
      store = new KnowledgeStore(db, workspaceId);
      stores.set(workspaceId, store);
    }
    return store;
  };
  const reviews = new Map<number, DedupReview>();
  return {
    knowledge(workspaceId: number): WorkspaceKnowledge {
      return storeOf(workspaceId);
    },
    dedup(workspaceId: number): DedupReview {
      let review = reviews.get(workspaceId);
      if (!review) {
        review = createDedupReview(storeOf(workspaceId));
        reviews.set(workspaceId, review);
      }
      return review;
    },
    users: repos.users,
    workspaces: repos.workspaces,
    apiTokens: {
      create: (input) => repos.apiTokens.createHashed(input),
      findActiveByHash: (hash) => repos.apiTokens.findActiveByHash(hash),
      list: (userId) => repos.apiTokens.list(userId),
      revoke: (id) => repos.apiTokens.revoke(id),
    },
    conversations: {
      create: (input) => repos.conversations.create(input),
      get: (ids) => repos.conversations.get(ids),
      listByUser: (userId, options) => repos.conversations.listByUser(userId, options),
    },
    messages: repos.messages,
    messageEvents: {
      append: (messageId, events) =>
        repos.messageEvents.append(
          messageId,
          events.map((e) => ({ seq: e.seq, kind: e.kind, payload: e })),
        ),
      list: async (messageId, afterSeq) =>
        (await repos.messageEvents.list(messageId, afterSeq)).map((row) => ({
          ...(row.payload as StreamEvent),
          seq: row.seq,
        })),
    },
    jobs: {
      create: (input) => repos.jobs.create(input),
      get: (id) => repos.jobs.get(id),
      update: (id, patch) => repos.jobs.update(id, patch),
      list: (options) => repos.jobs.list(options),
    },
    async ping() {
      await db.query('SELECT 1');
    },
  };
}
