import type {
  Entity,
  EntityVersion,
  ExternalResource,
  ReasoningRunRecord,
  Relationship,
} from '@rustygpt/core';
import DataLoader from 'dataloader';
import type { Viewer } from './auth/viewer';
import type { Citation } from './data/answer-engine';
import { citedIds } from './data/citations';
import type {
  ApiData,
  ConversationRecord,
  MessageRecord,
  RelationshipRow,
  UsageRecord,
  UserRecord,
  WorkspaceKnowledge,
} from './data/ports';

type Direction = 'out' | 'in' | 'both';

/** Per-request DataLoaders: every relation of the schema is read through one of these (no N+1). */
export interface Loaders {
  /** Entities visible to the viewer (any of their workspaces), by id. */
  entity: DataLoader<number, Entity | null>;
  /**
   * Relationships of entities, best weight first: with `perEntity`, at most that many per entity
   * (one statement per batch, paged in SQL), otherwise all of them.
   */
  relationships(
    direction: Direction,
    types: readonly string[] | undefined,
    options?: { minWeight?: number; perEntity?: number },
  ): DataLoader<number, RelationshipRow[]>;
  /** Relationships by id (any of the viewer's workspaces). */
  relationship: DataLoader<number, Relationship | null>;
  usage: DataLoader<number, UsageRecord | null>;
  versions: DataLoader<number, EntityVersion[]>;
  resourcesOf: DataLoader<number, { resource: ExternalResource; confidence: number }[]>;
  resource: DataLoader<number, ExternalResource | null>;
  conversation: DataLoader<string, ConversationRecord | null>;
  message: DataLoader<string, MessageRecord | null>;
  messagesOf: DataLoader<string, MessageRecord[]>;
  run: DataLoader<string, ReasoningRunRecord | null>;
  /** What the answer of a run (by run id) cites: entities and resources its generation used. */
  citations: DataLoader<string, Citation[]>;
  user: DataLoader<string, UserRecord | null>;
}

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

function groupBy<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** Creates a value on first use (most requests touch one or two loaders, or none). */
function memo<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** Creates the loaders of one request for `viewer` (no viewer: every loader sees nothing). */
export function createLoaders(data: ApiData, viewer: Viewer | null): Loaders {
  const workspaceIds = viewer?.memberships.map((m) => m.workspace.id) ?? [];
  const stores: WorkspaceKnowledge[] = workspaceIds.map((id) => data.knowledge(id));
  /** Which workspace each loaded entity lives in: relations are read from that workspace's store. */
  const home = new Map<number, WorkspaceKnowledge>();

  async function perWorkspace<T>(
    ids: readonly number[],
    read: (store: WorkspaceKnowledge, ids: number[]) => Promise<T[]>,
  ) {
    const groups = new Map<WorkspaceKnowledge, number[]>();
    for (const id of ids) {
      const store = home.get(id) ?? stores[0];
      if (!store) continue;
      const list = groups.get(store);
      if (list) list.push(id);
      else groups.set(store, [id]);
    }
    const results = await Promise.all([...groups].map(([store, list]) => read(store, list)));
    return results.flat();
  }

  const entity = memo(
    () =>
      new DataLoader<number, Entity | null>(async (ids) => {
        const found: Entity[] = [];
        let missing = [...ids];
        for (const store of stores) {
          if (missing.length === 0) break;
          const rows = await store.getEntities(missing);
          for (const row of rows) home.set(row.id, store);
          found.push(...rows);
          const seen = new Set(rows.map((r) => r.id));
          missing = missing.filter((id) => !seen.has(id));
        }
        return byKey(ids, found, (e) => e.id);
      }),
  );

  const relationshipLoaders = new Map<string, DataLoader<number, RelationshipRow[]>>();
  const conversation = memo(
    () =>
      new DataLoader<string, ConversationRecord | null>(async (ids) => {
        const rows = await data.conversations.get([...ids]);
        const visible = rows.filter((c) => c.userId === viewer?.user.id);
        return byKey(ids, visible, (c) => c.id);
      }),
  );
  const message = memo(
    () =>
      new DataLoader<string, MessageRecord | null>(async (ids) => {
        const rows = await data.messages.get([...ids]);
        return byKey(
          ids,
          rows.filter((m) => m.userId === viewer?.user.id),
          (m) => m.id,
        );
      }),
  );

  const relationship = memo(
    () =>
      new DataLoader<number, Relationship | null>(async (ids) => {
        const found: Relationship[] = [];
        let missing = [...ids];
        for (const store of stores) {
          if (missing.length === 0) break;
          const rows = await store.getRelationships(missing);
          found.push(...rows);
          const seen = new Set(rows.map((r) => r.id));
          missing = missing.filter((id) => !seen.has(id));
        }
        return byKey(ids, found, (r) => r.id);
      }),
  );
  const usage = memo(
    () =>
      new DataLoader<number, UsageRecord | null>(async (ids) =>
        byKey(ids, await perWorkspace(ids, (s, l) => s.usageOf(l)), (u) => u.entityId),
      ),
  );
  const versions = memo(
    () =>
      new DataLoader<number, EntityVersion[]>(async (ids) =>
        groupBy(ids, await perWorkspace(ids, (s, l) => s.versionsOf(l)), (v) => v.entityId),
      ),
  );
  const resourcesOf = memo(
    () =>
      new DataLoader<number, { resource: ExternalResource; confidence: number }[]>(async (ids) => {
        const rows = await perWorkspace(ids, (s, l) => s.resourcesForEntities(l));
        return groupBy(ids, rows, (r) => r.entityId).map((list) =>
          list.map((r) => ({ resource: r.resource, confidence: r.confidence })),
        );
      }),
  );
  const resource = memo(
    () =>
      new DataLoader<number, ExternalResource | null>(async (ids) => {
        const found: ExternalResource[] = [];
        for (const store of stores) found.push(...(await store.getResources([...ids])));
        return byKey(ids, found, (r) => r.id);
      }),
  );
  const messagesOf = memo(
    () =>
      new DataLoader<string, MessageRecord[]>(async (ids) => {
        const owned = (await conversation().loadMany(ids)).filter(
          (c): c is ConversationRecord => c !== null && !(c instanceof Error),
        );
        const rows = await data.messages.listByConversations(owned.map((c) => c.id));
        return groupBy(ids, rows, (m) => m.conversationId);
      }),
  );
  const run = memo(
    () =>
      new DataLoader<string, ReasoningRunRecord | null>(async (ids) => {
        const store = stores[0];
        if (!store || !viewer) return ids.map(() => null);
        const runs = await Promise.all(ids.map((id) => store.getRun(id)));
        return runs.map((r) =>
          r && r.userId === viewer.user.id && workspaceIds.includes(r.workspaceId) ? r : null,
        );
      }),
  );
  const citations = memo(
    () =>
      new DataLoader<string, Citation[]>(async (runIds) => {
        const runs = await loadAll(run(), runIds);
        const cited = runs.map(citedIds);
        const entities = await loadAll(entity(), [...new Set(cited.flatMap((c) => c.entityIds))]);
        const resources = await loadAll(resource(), [...new Set(cited.flatMap((c) => c.resourceIds))]);
        const entityById = new Map(entities.flatMap((e) => (e ? [[e.id, e] as const] : [])));
        const resourceById = new Map(resources.flatMap((r) => (r ? [[r.id, r] as const] : [])));
        return cited.map(({ entityIds, resourceIds }) => [
          ...entityIds.flatMap((id): Citation[] => {
            const e = entityById.get(id);
            return e ? [{ kind: 'entity', id, label: e.name, uri: null }] : [];
          }),
          ...resourceIds.flatMap((id): Citation[] => {
            const r = resourceById.get(id);
            return r ? [{ kind: 'resource', id, label: r.title ?? r.uri, uri: r.uri }] : [];
          }),
        ]);
      }),
  );
  const user = memo(
    () =>
      new DataLoader<string, UserRecord | null>(async (ids) =>
        byKey(ids, await data.users.get([...ids]), (u) => u.id),
      ),
  );

  return {
    get entity() {
      return entity();
    },
    relationships(direction, types, options = {}) {
      const { minWeight, perEntity } = options;
      const key = `${direction}|${types ? [...types].sort().join(',') : '*'}|${minWeight ?? ''}|${perEntity ?? ''}`;
      let loader = relationshipLoaders.get(key);
      if (!loader) {
        loader = new DataLoader<number, RelationshipRow[]>(async (ids) => {
          const rows = await perWorkspace(ids, (store, list) =>
            store.relationshipsOf(list, {
              direction,
              ...(types ? { types: [...types] } : {}),
              ...(minWeight === undefined ? {} : { minWeight }),
              ...(perEntity === undefined
                ? {}
                : { perEntityLimit: perEntity, limit: perEntity * list.length }),
            }),
          );
          return groupBy(ids, rows, (r) => r.entityId);
        });
        relationshipLoaders.set(key, loader);
      }
      return loader;
    },
    get relationship() {
      return relationship();
    },
    get usage() {
      return usage();
    },
    get versions() {
      return versions();
    },
    get resourcesOf() {
      return resourcesOf();
    },
    get resource() {
      return resource();
    },
    get conversation() {
      return conversation();
    },
    get message() {
      return message();
    },
    get messagesOf() {
      return messagesOf();
    },
    get run() {
      return run();
    },
    get citations() {
      return citations();
    },
    get user() {
      return user();
    },
  };
}

/** `loader.loadMany` that rethrows a failed key's error instead of returning it in the list. */
export async function loadAll<K, V>(
  loader: DataLoader<K, V | null>,
  ids: readonly K[],
): Promise<(V | null)[]> {
  const rows = await loader.loadMany(ids);
  return rows.map((row) => {
    if (row instanceof Error) throw row;
    return row;
  });
}

/**
 * The loaders of one request, created on first use: most operations (viewer, mutations,
 * subscriptions) read none, and building them all costs a few dozen closures. A class (not an
 * object with getters) so that copying the context, as envelop does, does not build them.
 */
class LazyLoaders implements Loaders {
  private built: Loaders | undefined;

  constructor(
    private readonly data: ApiData,
    private readonly viewer: Viewer | null,
  ) {}

  private get real(): Loaders {
    return (this.built ??= createLoaders(this.data, this.viewer));
  }

  get entity() {
    return this.real.entity;
  }
  relationships(...args: Parameters<Loaders['relationships']>) {
    return this.real.relationships(...args);
  }
  get relationship() {
    return this.real.relationship;
  }
  get usage() {
    return this.real.usage;
  }
  get versions() {
    return this.real.versions;
  }
  get resourcesOf() {
    return this.real.resourcesOf;
  }
  get resource() {
    return this.real.resource;
  }
  get conversation() {
    return this.real.conversation;
  }
  get message() {
    return this.real.message;
  }
  get messagesOf() {
    return this.real.messagesOf;
  }
  get run() {
    return this.real.run;
  }
  get citations() {
    return this.real.citations;
  }
  get user() {
    return this.real.user;
  }
}

/** {@link createLoaders}, deferred until a resolver first reads a loader. */
export function lazyLoaders(data: ApiData, viewer: Viewer | null): Loaders {
  return new LazyLoaders(data, viewer);
}
