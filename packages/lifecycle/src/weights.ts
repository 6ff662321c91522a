/**
 * Dynamic relationship weights and relationship inference. Traversals that contributed to an
 * answer raise their relationships' weights (`reinforce`); relationships nobody used for a while
 * decay (`decayWeights`). Inference proposes relationships between entities sharing selective
 * attribute values or lying close in embedding space, with the evidence strength as weight.
 */
import { ValidationError } from '@rustygpt/core';
import { parseVector, type KnowledgeStore } from '@rustygpt/store';
import * as sql from './sql/weights';
import { activeModelId } from './sql/pruning';

export type { Proposal } from './sql/weights';

/** Raises weights of used relationships by `rate` of their distance to 1 (default 0.1). */
export async function reinforce(
  store: KnowledgeStore,
  relationshipIds: number[],
  rate = 0.1,
): Promise<number> {
  if (!(rate > 0 && rate <= 1)) throw new ValidationError('rate must be in (0, 1]', 'rate');
  const ids = relationshipIds.filter((id) => Number.isSafeInteger(id));
  return sql.reinforce(store.db, store.workspaceId, ids, rate);
}

/**
 * Multiplies by `factor` the weights of relationships unused since `olderThan`, in batches of
 * `batchSize` ids (short transactions), never below `floor`; once per period. Returns how many decayed.
 */
export async function decayWeights(
  store: KnowledgeStore,
  factor: number,
  olderThan: Date,
  options: { floor?: number; batchSize?: number } = {},
): Promise<number> {
  if (!(factor > 0 && factor < 1)) throw new ValidationError('factor must be in (0, 1)', 'factor');
  if (Number.isNaN(olderThan.getTime())) throw new ValidationError('olderThan must be a date', 'olderThan');
  const range = await sql.relationshipIdRange(store.db, store.workspaceId);
  if (!range) return 0;
  const step = Math.max(1, options.batchSize ?? 5000);
  let n = 0;
  for (let from = range.min; from <= range.max; from += step) {
    n += await sql.decayRange(
      store.db,
      store.workspaceId,
      from,
      from + step - 1,
      factor,
      olderThan,
      options.floor ?? 0.05,
    );
  }
  return n;
}

/** Options of {@link inferRelationships}. */
export interface InferenceOptions {
  /** Attribute values held by more entities than this are not evidence (default 25). */
  maxGroupSize?: number;
  /** Attribute values two entities must share to be proposed a relationship (default 1). */
  minShared?: number;
  /** Vector neighbours per entity (0 = skip embedding proximity; default 3). */
  neighbours?: number;
  /** Cosine needed for a proximity relationship (default 0.85). */
  minCosine?: number;
  /** Entities scanned for proximity (default 2,000). */
  maxEntities?: number;
  /** Proposals at most (default 10,000). */
  limit?: number;
  /** Write the proposals (default true); false returns them only. */
  apply?: boolean;
}

/** Proposals made and, when applied, the relationship ids written. */
export interface InferenceReport {
  proposals: sql.Proposal[];
  written: number[];
}

/** Proposes (and by default writes) inferred relationships; see module comment. */
export async function inferRelationships(
  store: KnowledgeStore,
  options: InferenceOptions = {},
): Promise<InferenceReport> {
  const limit = options.limit ?? 10_000;
  const proposals: sql.Proposal[] = [];
  const pairs = await sql.sharedAttributePairs(store.db, store.workspaceId, {
    maxGroupSize: options.maxGroupSize ?? 25,
    minShared: options.minShared ?? 1,
    limit,
  });
  for (const p of pairs) {
    const confidence = Math.min(0.9, (0.9 * p.shared) / Math.max(1, Math.min(p.attrsA, p.attrsB)));
    proposals.push({
      fromId: p.a,
      toId: p.b,
      type: 'shares_attributes',
      path: 'inferred.shared_attributes',
      weight: Math.round(confidence * 1000) / 1000,
      evidence: `shared ${p.names.join(', ')}`,
    });
  }
  const k = options.neighbours ?? 3;
  const model = k > 0 ? await activeModelId(store.db) : null;
  if (model !== null) {
    const minCosine = options.minCosine ?? 0.85;
    const seen = new Set(proposals.map((p) => `${p.fromId}:${p.toId}`));
    const found: { a: number; b: number; cos: number }[] = [];
    let after = 0;
    let scanned = 0;
    while (scanned < (options.maxEntities ?? 2000)) {
      const page = await sql.embeddedEntities(store.db, store.workspaceId, model, after, 200);
      if (page.length === 0) break;
      for (const e of page) {
        const near = await store.searchEntitiesByVector(parseVector(e.vector), { modelId: model, k: k + 1 });
        for (const n of near) {
          if (n.item.id === e.id || n.score < minCosine) continue;
          const [a, b] = e.id < n.item.id ? [e.id, n.item.id] : [n.item.id, e.id];
          if (seen.has(`${a}:${b}`)) continue;
          seen.add(`${a}:${b}`);
          found.push({ a, b, cos: n.score });
        }
      }
      scanned += page.length;
      after = page[page.length - 1]?.id ?? after;
    }
    const related = await sql.relatedPairs(store.db, found);
    for (const f of found) {
      if (related.has(`${f.a}:${f.b}`)) continue;
      proposals.push({
        fromId: f.a,
        toId: f.b,
        type: 'similar_to',
        path: 'inferred.embedding',
        weight: Math.round(f.cos * 1000) / 1000,
        evidence: `cosine ${f.cos.toFixed(3)}`,
      });
    }
  }
  const capped = proposals.slice(0, limit);
  const written =
    options.apply === false ? [] : await sql.insertProposals(store.db, store.workspaceId, capped);
  return { proposals: capped, written };
}
