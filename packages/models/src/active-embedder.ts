/**
 * Picks the embedder that matches the workspace's active embedding model, so queries keep
 * working across a re-base: before the switch they use the old model, after it the new one
 * (loaded on first need: built-ins by name, anything else only if it is the configured model).
 */
import { UnavailableError, type Embedder } from '@rustygpt/core';
import type { KnowledgeStore } from '@rustygpt/store';
import { builtinModelId, createEmbedder } from './embedder-factory';

function isBuiltin(name: string): boolean {
  try {
    return builtinModelId(name) !== null;
  } catch {
    return false;
  }
}

/** Options of {@link ActiveEmbedder}. */
export interface ActiveEmbedderOptions {
  /** The configured embedder (RUSTYGPT_EMBEDDING_MODEL), used while no model is active. */
  configured?: Embedder;
  /** Loads an embedder by spec (default: createEmbedder). */
  load?: (spec: string) => Promise<Embedder>;
}

/**
 * Hands out the embedder of the workspace's active model, so queries keep working across a
 * re-base (see the module comment). Loaded embedders are kept until {@link ActiveEmbedder.dispose}.
 */
export class ActiveEmbedder {
  private readonly loaded = new Map<string, Promise<Embedder>>();

  constructor(
    private readonly store: KnowledgeStore,
    private readonly options: ActiveEmbedderOptions = {},
  ) {
    if (options.configured) this.loaded.set(options.configured.modelId, Promise.resolve(options.configured));
  }

  /**
   * The embedder of the active model (or the configured one before any model is active).
   * @throws UnavailableError (`UNAVAILABLE`) when no model is active or configured, or when the
   * active model is neither a built-in nor the configured one.
   */
  async current(): Promise<Embedder> {
    const active = await this.store.getActiveModel();
    const name = active?.name ?? this.options.configured?.modelId;
    if (!name) throw new UnavailableError('no embedding model is active or configured');
    let embedder = this.loaded.get(name);
    if (!embedder) {
      if (!isBuiltin(name)) {
        throw new UnavailableError(
          `the active embedding model ${name} is not the configured one; set RUSTYGPT_EMBEDDING_MODEL to its file`,
        );
      }
      embedder = (this.options.load ?? createEmbedder)(name);
      embedder.catch(() => this.loaded.delete(name));
      this.loaded.set(name, embedder);
    }
    return embedder;
  }

  /**
   * Runs a query with the active model's embedder; if a re-base switched models while it ran
   * (so the old vectors may already be gone), runs it again with the new one.
   */
  async run<T>(query: (embedder: Embedder) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const embedder = await this.current();
      const result = await query(embedder);
      const now = (await this.store.getActiveModel())?.name ?? embedder.modelId;
      if (now === embedder.modelId || attempt >= 2) return result;
    }
  }

  /** Every embedder loaded so far. */
  async all(): Promise<Embedder[]> {
    return Promise.all(this.loaded.values());
  }

  /** Releases every loaded embedder that holds a model. */
  async dispose(): Promise<void> {
    for (const e of await Promise.allSettled(this.loaded.values())) {
      if (e.status !== 'fulfilled') continue;
      const d: unknown = (e.value as { dispose?: unknown }).dispose;
      if (typeof d === 'function') await (d as () => Promise<void>).call(e.value);
    }
    this.loaded.clear();
  }
}
