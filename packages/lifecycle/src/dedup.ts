/**
 * Duplicate detection and review. Every new or staged entity is compared with existing ones
 * (normalised names and aliases, embedding cosine when vectors exist, shared attribute values);
 * thresholds decide: merge at once, queue the pair for a human (dedup_candidates), or keep apart.
 * Review goes through `listCandidates` and `decide`, which the GraphQL layer and CLI call.
 */
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  normalizeText,
  tokenize,
  type Entity,
} from '@rustygpt/core';
import { parseVector, type KnowledgeStore } from '@rustygpt/store';
import { mergeEntities, type MergeResult } from './merge';
import {
  assertThresholds,
  compareEntities,
  decide,
  DEFAULT_DEDUP_THRESHOLDS,
  type Comparison,
  type DedupDecision,
  type DedupThresholds,
  type EntityProfile,
} from './similarity';
import * as sql from './sql/dedup';
import { activeModelId } from './sql/pruning';

/** Options of the {@link Deduplicator}. */
export interface DedupOptions {
  /** Score thresholds (default {@link DEFAULT_DEDUP_THRESHOLDS}). */
  thresholds?: DedupThresholds;
  /** Candidates compared per entity (default 10). */
  maxCandidates?: number;
  /** Attribute values shared by more entities than this are not evidence (default 25). */
  maxGroupSize?: number;
  /** Vector neighbours looked at when a vector exists (default 5). */
  vectorNeighbours?: number;
}

/** One compared candidate. */
export interface Match {
  entity: Entity;
  comparison: Comparison;
  decision: DedupDecision;
}

/** What a dedup pass did. */
export interface DedupReport {
  merged: MergeResult[];
  queued: number[];
  separate: number;
}

/** A review-queue entry with both entities loaded. */
export interface DedupCandidate extends sql.CandidateRow {
  entity1: Entity | null;
  entity2: Entity | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Detects duplicates of one workspace and runs the review queue. */
export class Deduplicator {
  readonly thresholds: DedupThresholds;
  private readonly maxCandidates: number;
  private readonly maxGroupSize: number;
  private readonly vectorNeighbours: number;

  constructor(
    private readonly store: KnowledgeStore,
    options: DedupOptions = {},
  ) {
    this.thresholds = assertThresholds(options.thresholds ?? DEFAULT_DEDUP_THRESHOLDS);
    this.maxCandidates = options.maxCandidates ?? 10;
    this.maxGroupSize = options.maxGroupSize ?? 25;
    this.vectorNeighbours = options.vectorNeighbours ?? 5;
  }

  /**
   * Compares a profile (an entity, or a staged mention with an optional vector) with the existing
   * entities that could be the same thing; best match first.
   */
  async matches(
    profile: EntityProfile,
    options: { entityId?: number; vector?: Float32Array | null } = {},
  ): Promise<Match[]> {
    const db = this.store.db;
    const ws = this.store.workspaceId;
    const self = options.entityId ?? null;
    const full = [profile.name, ...profile.aliases].map(normalizeText).filter((n) => n !== '');
    // Candidates by whole name or alias, and by any longer word of the name ("Iron (element)" finds "Iron").
    const words = tokenize(profile.name).filter((w) => w.length >= 3);
    const names = [...new Set([...full, ...words])];
    const ids = new Set(await sql.entitiesByNormalizedNames(db, ws, names, self, this.maxCandidates));
    if (self !== null) {
      for (const s of await sql.entitiesSharingAttributes(db, self, this.maxGroupSize, this.maxCandidates))
        ids.add(s.id);
    } else {
      const pairs = Object.entries(profile.attributes).flatMap(([name, v]) =>
        (Array.isArray(v) ? v : [v]).map((value) => ({ name, value })),
      );
      for (const id of await sql.entitiesWithAttributeValues(
        db,
        ws,
        pairs,
        this.maxGroupSize,
        this.maxCandidates,
      ))
        ids.add(id);
    }
    const model = await activeModelId(db);
    let vector = options.vector ?? null;
    if (!vector && model !== null && self !== null) {
      const text = await sql.entityVectorText(db, model, self);
      vector = text ? parseVector(text) : null;
    }
    const cosines = new Map<number, number>();
    if (model !== null && vector && this.vectorNeighbours > 0) {
      const near = await this.store.searchEntitiesByVector(vector, {
        modelId: model,
        k: this.vectorNeighbours + 1,
        states: ['active', 'inactive', 'archived'],
      });
      for (const n of near) {
        if (n.item.id === self) continue;
        ids.add(n.item.id);
        cosines.set(n.item.id, n.score);
      }
    }
    if (model !== null && self !== null) {
      const missing = [...ids].filter((id) => !cosines.has(id));
      for (const [id, c] of await sql.pairCosines(db, model, self, missing)) cosines.set(id, c);
    }
    const entities = await this.store.getEntities([...ids]);
    return entities
      .map((entity) => {
        const comparison = compareEntities(profile, entity, cosines.get(entity.id) ?? null);
        return { entity, comparison, decision: decide(comparison, this.thresholds) };
      })
      .sort((a, b) => b.comparison.score - a.comparison.score || a.entity.id - b.entity.id);
  }

  /**
   * Checks entities against the rest: auto-merges clear duplicates into the older entity, queues
   * likely ones for review, leaves homonyms and the rest apart. Pairs a reviewer rejected stay apart.
   */
  async check(entityIds: number[], options: { decidedBy?: string } = {}): Promise<DedupReport> {
    const report: DedupReport = { merged: [], queued: [], separate: 0 };
    const gone = new Set<number>();
    for (const id of entityIds) {
      if (gone.has(id)) continue;
      const [entity] = await this.store.getEntities([id]);
      if (!entity) continue;
      const rejected = await sql.rejectedPairs(this.store.db, id);
      const matches = (await this.matches(entity, { entityId: id })).filter(
        (m) =>
          !gone.has(m.entity.id) &&
          !rejected.has(`${Math.min(id, m.entity.id)}:${Math.max(id, m.entity.id)}`),
      );
      const best = matches[0];
      if (!best || best.decision === 'separate') {
        report.separate += 1;
        continue;
      }
      if (best.decision === 'merge') {
        const [keep, drop] = id < best.entity.id ? [id, best.entity.id] : [best.entity.id, id];
        try {
          const result = await mergeEntities(this.store, keep, [drop], {
            decidedBy: options.decidedBy ?? 'auto',
          });
          report.merged.push(result);
          gone.add(drop);
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
        }
        continue;
      }
      const candidate = await sql.upsertCandidate(
        this.store.db,
        this.store.workspaceId,
        id,
        best.entity.id,
        best.comparison.score,
        best.comparison.reason,
      );
      if (candidate !== null && !report.queued.includes(candidate)) report.queued.push(candidate);
    }
    return report;
  }

  /** The review queue (default: pending, best score first), with both entities. */
  async listCandidates(
    options: { state?: sql.CandidateState; first?: number; after?: { score: number; id: number } } = {},
  ): Promise<DedupCandidate[]> {
    const rows = await sql.listCandidates(this.store.db, this.store.workspaceId, {
      state: options.state ?? 'pending',
      first: options.first ?? 50,
      after: options.after,
    });
    const entities = await this.store.getEntities([
      ...new Set(rows.flatMap((r) => [r.entityId1, r.entityId2])),
    ]);
    const byId = new Map(entities.map((e) => [e.id, e]));
    return rows.map((r) => ({
      ...r,
      entity1: byId.get(r.entityId1) ?? null,
      entity2: byId.get(r.entityId2) ?? null,
    }));
  }

  /**
   * A reviewer's decision on a queued pair: `merge` (into `keepId`, default the older entity) or
   * `reject` (they stay apart and are not proposed again). Returns the merge when one happened.
   */
  async decide(
    candidateId: number,
    decision: 'merge' | 'reject',
    options: { reviewer?: string | null; keepId?: number } = {},
  ): Promise<{ candidateId: number; state: sql.CandidateState; merge: MergeResult | null }> {
    const reviewer = options.reviewer && UUID.test(options.reviewer) ? options.reviewer : null;
    const candidate = await this.store.db.transaction((tx) =>
      sql.lockCandidate(tx, this.store.workspaceId, candidateId),
    );
    if (!candidate) throw new NotFoundError('dedup candidate', candidateId);
    if (candidate.state !== 'pending')
      throw new ConflictError(`dedup candidate ${candidateId} was already decided (${candidate.state})`);
    if (decision === 'reject') {
      await sql.setCandidateState(this.store.db, candidateId, 'rejected', reviewer);
      return { candidateId, state: 'rejected', merge: null };
    }
    const keep = options.keepId ?? Math.min(candidate.entityId1, candidate.entityId2);
    if (keep !== candidate.entityId1 && keep !== candidate.entityId2)
      throw new ValidationError('keepId must be one of the pair', 'keepId');
    const drop = keep === candidate.entityId1 ? candidate.entityId2 : candidate.entityId1;
    // The merge deletes the duplicate and, with it, this candidate row (cascade); the merge record keeps the decision.
    await sql.setCandidateState(this.store.db, candidateId, 'merged', reviewer);
    const merge = await mergeEntities(this.store, keep, [drop], {
      decidedBy: options.reviewer ?? 'reviewer',
      allowTypeMismatch: true,
    }).catch(async (error: unknown) => {
      await sql.setCandidateState(this.store.db, candidateId, 'pending', null);
      throw error;
    });
    return { candidateId, state: 'merged', merge };
  }
}
