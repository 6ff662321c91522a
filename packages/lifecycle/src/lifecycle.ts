/**
 * The lifecycle of one workspace behind one object: what the API, the reasoning engine and the
 * CLI call. It keeps a byte-bounded LRU of entity states so the per-request `ensureActive` check
 * costs no query for entities known to be active, and a query-rate meter that, with process memory
 * and entity counts, adapts the pruning policy.
 */
import type { Embedder, EntityState } from '@rustygpt/core';
import type { Database, KnowledgeStore } from '@rustygpt/store';
import {
  adaptPolicy,
  DEFAULT_PRUNING_POLICY,
  processMemory,
  RateMeter,
  type AdaptedPolicy,
  type LoadSignals,
  type PruningPolicy,
} from './adaptive';
import { ByteLru, type ByteLruStats } from './byte-lru';
import { consistencyJob } from './consistency';
import { Deduplicator, type DedupOptions } from './dedup';
import { Discovery } from './discovery';
import { runResumable, type JobProgress, type JobReport } from './jobs';
import { mergeEntities, rollbackMerge, type MergeOptions } from './merge';
import { planPrune, pruneJob, type PruneMode } from './pruning';
import { Reactivator, type ReactivationReport, type Reembed } from './reactivation';
import { stateCounts } from './sql/pruning';
import { decayWeights, inferRelationships, reinforce, type InferenceOptions } from './weights';

/** Options of a {@link Lifecycle}; every part has defaults. */
export interface LifecycleOptions {
  /** Thresholds and limits of duplicate detection. */
  dedup?: DedupOptions;
  /** Overrides of {@link DEFAULT_PRUNING_POLICY}, before load adaptation. */
  policy?: Partial<PruningPolicy>;
  /** Recompute vectors of reactivated entities in the request (e.g. models' indexEmbeddings). */
  reembed?: Reembed | null;
  /** Embeds staged mentions for dedup. */
  embedder?: Embedder | null;
  /** Bytes of entity states cached (default 1 MiB, ~16k entities). */
  stateCacheBytes?: number;
  /** Sightings before a discovered mention becomes an entity. */
  minSightings?: number;
  /** Relationships at least this heavy pull archived neighbours back on reactivation (default 0.5). */
  clusterMinWeight?: number;
}

/** Approximate bytes of one cached state entry (Map entry, key, value, LRU bookkeeping). */
const STATE_ENTRY_BYTES = 64;

/** Lifecycle services of one workspace (see module comment). */
export class Lifecycle {
  readonly dedup: Deduplicator;
  readonly discovery: Discovery;
  readonly reactivator: Reactivator;
  readonly basePolicy: PruningPolicy;
  private readonly states: ByteLru<number, EntityState>;
  private readonly queries = new RateMeter(60);

  constructor(
    readonly store: KnowledgeStore,
    private readonly options: LifecycleOptions = {},
  ) {
    this.dedup = new Deduplicator(store, options.dedup);
    this.discovery = new Discovery(store, this.dedup, {
      embedder: options.embedder ?? null,
      minSightings: options.minSightings,
    });
    this.reactivator = new Reactivator(store, {
      reembed: options.reembed ?? null,
      clusterMinWeight: options.clusterMinWeight,
    });
    this.basePolicy = { ...DEFAULT_PRUNING_POLICY, ...options.policy };
    this.states = new ByteLru(options.stateCacheBytes ?? 1 << 20, () => STATE_ENTRY_BYTES);
  }

  /** The database of the underlying store. */
  get db(): Database {
    return this.store.db;
  }

  /** Counts one query towards the load the pruning policy adapts to (call per answered request). */
  recordQuery(n = 1): void {
    this.queries.record(n);
  }

  /** Current load: process heap, active entities, recent query rate. */
  async loadSignals(): Promise<LoadSignals> {
    const counts = await stateCounts(this.db, this.store.workspaceId);
    return { ...processMemory(), activeEntities: counts.active, queriesPerMinute: this.queries.perMinute() };
  }

  /** The pruning policy adapted to the current load. */
  async policy(): Promise<AdaptedPolicy> {
    return adaptPolicy(this.basePolicy, await this.loadSignals());
  }

  /**
   * Makes sure referenced entities are live before they are used: archived or inactive ones among
   * `entityIds` are reactivated now (same request). Entities known active cost no query.
   */
  async ensureActive(entityIds: number[]): Promise<ReactivationReport | null> {
    const unknown = entityIds.filter((id) => this.states.get(id) !== 'active');
    if (unknown.length === 0) return null;
    const report = await this.reactivate(unknown);
    return report;
  }

  /** Reactivates entities (see Reactivator) and refreshes the state cache. */
  async reactivate(entityIds: number[]): Promise<ReactivationReport> {
    const report = await this.reactivator.reactivate(entityIds);
    const existing = await this.store.getEntities(entityIds);
    for (const e of existing) this.states.set(e.id, e.state);
    for (const id of report.cluster) this.states.set(id, 'inactive');
    return report;
  }

  /** Hit rate and size of the state cache. */
  cacheStats(): ByteLruStats {
    return this.states.stats();
  }

  /** Prunes (or only archives) in a resumable job; `dryRun` only counts. Respects `force` over idle waiting. */
  async prune(
    options: {
      dryRun?: boolean;
      mode?: PruneMode;
      force?: boolean;
      now?: Date;
      onProgress?: (p: JobProgress) => void;
      signal?: AbortSignal;
      jobId?: string;
    } = {},
  ): Promise<
    | { ran: false; reason: string; policy: AdaptedPolicy }
    | { ran: true; dryRun: true; plan: Awaited<ReturnType<typeof planPrune>>; policy: AdaptedPolicy }
    | { ran: true; dryRun: false; report: JobReport; policy: AdaptedPolicy }
  > {
    const adapted = await this.policy();
    if (options.dryRun) {
      const plan = await planPrune(this.store, adapted.policy, { mode: options.mode, now: options.now });
      return { ran: true, dryRun: true, plan, policy: adapted };
    }
    if (!adapted.runNow && !options.force) {
      return {
        ran: false,
        reason: `busy (${Math.round(this.queries.perMinute())} queries/min)`,
        policy: adapted,
      };
    }
    const now = options.now;
    const report = await runResumable(
      this.db,
      pruneJob(this.store, adapted.policy, {
        mode: options.mode,
        now: now ? () => now : undefined,
        clusterMinWeight: this.options.clusterMinWeight,
      }),
      { onProgress: options.onProgress, signal: options.signal, jobId: options.jobId },
    );
    this.states.clear();
    return { ran: true, dryRun: false, report, policy: adapted };
  }

  /** Runs the consistency check (and repairs with `fix`) as a resumable job. */
  consistency(
    options: {
      fix?: boolean;
      onProgress?: (p: JobProgress) => void;
      signal?: AbortSignal;
      jobId?: string;
    } = {},
  ): Promise<JobReport> {
    return runResumable(this.db, consistencyJob(this.store, { fix: options.fix }), options);
  }

  /** Merges duplicates (snapshot kept for rollback). */
  merge(keepId: number, mergeIds: number[], options?: MergeOptions) {
    this.states.clear();
    return mergeEntities(this.store, keepId, mergeIds, options);
  }

  /** Undoes a merge. */
  rollbackMerge(mergeId: number, options?: { force?: boolean }) {
    this.states.clear();
    return rollbackMerge(this.store, mergeId, options);
  }

  /** Relationships that contributed to an answer get heavier. */
  reinforce(relationshipIds: number[], rate?: number): Promise<number> {
    return reinforce(this.store, relationshipIds, rate);
  }

  /** Unused relationships get lighter. */
  decayWeights(
    factor: number,
    olderThan: Date,
    options?: { floor?: number; batchSize?: number },
  ): Promise<number> {
    return decayWeights(this.store, factor, olderThan, options);
  }

  /** Proposes (and writes) inferred relationships. */
  inferRelationships(options?: InferenceOptions) {
    return inferRelationships(this.store, options);
  }
}
