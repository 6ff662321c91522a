/**
 * Test worlds: one in-memory database per test file, a fresh workspace per test, and a builder
 * that writes a small graph with usage history and vectors:
 * `aGraph().withEntity('city:paris', { name: 'Paris' }).usedDaysAgo('city:paris', 40).build(store)`.
 */
import { randomUUID } from 'node:crypto';
import type { AttributeValue, EntityState } from '@rustygpt/core';
import { createRepositories, IN_MEMORY, KnowledgeStore, openDatabase, type Database } from '@rustygpt/store';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** Opens an in-memory database with every migration applied. */
export async function openTestDatabase(): Promise<Database> {
  return openDatabase({ dataDir: IN_MEMORY });
}

/** A KnowledgeStore over a brand-new workspace of `db`. */
export async function freshStore(db: Database): Promise<KnowledgeStore> {
  const slug = `t-${randomUUID().slice(0, 8)}`;
  const w = await createRepositories(db).workspaces.ensure(slug, slug);
  return new KnowledgeStore(db, w.id);
}

/** What a test file sees of its world: one database, and the store of this test's own workspace. */
export interface TestWorld {
  readonly db: Database;
  readonly store: KnowledgeStore;
}

/**
 * Registers the hooks every lifecycle test file needs (open the database once, a fresh workspace
 * before each test, close at the end) and returns the world they keep up to date.
 */
export function useTestWorld(): TestWorld {
  let db: Database | undefined;
  let store: KnowledgeStore | undefined;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    store = await freshStore(ready(db, 'db'));
  });
  return {
    get db() {
      return ready(db, 'db');
    },
    get store() {
      return ready(store, 'store');
    },
  };
}

function ready<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`test world: ${name} is used outside a test`);
  return value;
}

interface EntitySpec {
  key: string;
  type: string;
  name: string;
  aliases: string[];
  attributes: Record<string, AttributeValue>;
  state?: EntityState;
}

/** Builds a graph in a store; `build` returns the ids by key. */
export class GraphBuilder {
  private readonly entities: EntitySpec[] = [];
  private readonly relationships: { from: string; to: string; type: string; weight: number }[] = [];
  private readonly usage = new Map<string, { daysAgo: number; count: number }>();
  private readonly created = new Map<string, number>();
  private readonly vectors = new Map<string, number[]>();
  private readonly resources: { uri: string; text: string; keys: string[] }[] = [];

  withEntity(
    key: string,
    o: {
      type?: string;
      name?: string;
      aliases?: string[];
      attributes?: Record<string, AttributeValue>;
      state?: EntityState;
    } = {},
  ): this {
    this.entities.push({
      key,
      type: o.type ?? 'Thing',
      name: o.name ?? key.replace(/^.*:/, ''),
      aliases: o.aliases ?? [],
      attributes: o.attributes ?? {},
      ...(o.state ? { state: o.state } : {}),
    });
    return this;
  }

  withRelationship(from: string, to: string, type: string, weight = 1): this {
    this.relationships.push({ from, to, type, weight });
    return this;
  }

  withResource(uri: string, text: string, keys: string[]): this {
    this.resources.push({ uri, text, keys });
    return this;
  }

  /** Last used `daysAgo` days ago, `count` uses. */
  usedDaysAgo(key: string, daysAgo: number, count = 1): this {
    this.usage.set(key, { daysAgo, count });
    return this;
  }

  /** Created `daysAgo` days ago (never used). */
  createdDaysAgo(key: string, daysAgo: number): this {
    this.created.set(key, daysAgo);
    return this;
  }

  /** A vector under the test model (see `withModel`). */
  withVector(key: string, vector: number[]): this {
    this.vectors.set(key, vector);
    return this;
  }

  async build(store: KnowledgeStore, model?: string): Promise<Map<string, number>> {
    await store.importBundle({
      entities: this.entities,
      relationships: this.relationships,
      resources: this.resources.map((r) => ({
        uri: r.uri,
        text: r.text,
        entities: r.keys.map((key) => ({ key })),
      })),
    });
    const ids = new Map<string, number>();
    for (const e of this.entities) ids.set(e.key, (await store.getEntityByKey(e.key))!.id);
    const id = (key: string) => ids.get(key) as number;
    for (const [key, days] of this.created) {
      await store.db.query(
        `UPDATE entities SET created_at = now() - make_interval(days => $2) WHERE id = $1`,
        [id(key), days],
      );
    }
    for (const [key, u] of this.usage) {
      await store.db.query(
        `INSERT INTO reference_tracking (entity_id, usage_count, last_accessed) VALUES ($1, $2, now() - make_interval(days => $3))
         ON CONFLICT (entity_id) DO UPDATE SET usage_count = EXCLUDED.usage_count, last_accessed = EXCLUDED.last_accessed`,
        [id(key), u.count, u.daysAgo],
      );
      await store.db.query(
        `UPDATE entities SET created_at = now() - make_interval(days => $2) WHERE id = $1`,
        [id(key), u.daysAgo + 1],
      );
    }
    if (this.vectors.size > 0) {
      if (!model) throw new Error('withVector needs a model name in build()');
      await store.upsertEntityEmbeddings(
        model,
        [...this.vectors].map(([key, v]) => ({ id: id(key), vector: v, contentHash: `h:${key}` })),
      );
    }
    return ids;
  }
}

export const aGraph = () => new GraphBuilder();

/** Registers and activates a small test embedding model; returns its name. */
export async function withActiveModel(store: KnowledgeStore, name: string, dims = 4): Promise<number> {
  const m = await store.registerModel({ name, dims, fileHash: `hash:${name}` });
  await store.setActiveModel(m.id);
  return m.id;
}
