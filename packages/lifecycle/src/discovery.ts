/**
 * Dynamic discovery: mentions found while ingesting resources or answering that match no entity
 * are staged, validated (shape, then dedup against existing entities), and then created, merged
 * into the entity they duplicate (as an alias), or created and queued for review.
 */
import { normalizeText, toLtreeLabel, type AttributeValue, type Embedder } from '@rustygpt/core';
import type { KnowledgeStore } from '@rustygpt/store';
import type { Deduplicator } from './dedup';
import * as sql from './sql/staging';
import { upsertCandidate } from './sql/dedup';

/** A mention of something that may be an entity. */
export interface Mention {
  text: string;
  type?: string;
  /** Where it was seen (`ingest:<uri>`, `answer:<runId>`). */
  source: string;
  attributes?: Record<string, AttributeValue>;
}

export interface DiscoveryOptions {
  /** Sightings needed before a mention becomes an entity (default 1). */
  minSightings?: number;
  defaultType?: string;
  /** Used to embed mentions for the vector part of dedup (optional). */
  embedder?: Embedder | null;
}

/** What validating the staging area did. */
export interface DiscoveryReport {
  created: number[];
  merged: { stagedId: number; entityId: number }[];
  review: number[];
  rejected: { stagedId: number; reason: string }[];
}

const STOPWORDS = new Set([
  'the',
  'a',
  'an',
  'it',
  'this',
  'that',
  'he',
  'she',
  'they',
  'we',
  'you',
  'i',
  'what',
  'who',
]);
const TYPE = /^[A-Za-z][A-Za-z0-9_ -]{0,63}$/;

/** Why a mention cannot become an entity, or null when it can. */
export function invalidMention(m: {
  text: string;
  type: string;
  attributes: Record<string, AttributeValue>;
}): string | null {
  const n = normalizeText(m.text);
  if (n.length < 2) return 'too short';
  if (m.text.length > 256) return 'too long';
  if (!/\p{L}/u.test(n)) return 'no letters';
  if (STOPWORDS.has(n)) return 'stopword';
  if (!TYPE.test(m.type)) return 'invalid type';
  for (const [k, v] of Object.entries(m.attributes)) {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (typeof x === 'number' && !Number.isFinite(x)) return `attribute ${k} is not finite`;
      if (typeof x === 'string' && x.length > 4096) return `attribute ${k} is too long`;
    }
  }
  return null;
}

/** Stable key of a discovered entity: `discovered:<type>:<normalised name>`. */
export function discoveredKey(type: string, normalized: string): string {
  return `discovered:${toLtreeLabel(type).toLowerCase()}:${normalized.replace(/ /g, '_')}`;
}

/** The staging area of one workspace. */
export class Discovery {
  private readonly minSightings: number;
  private readonly defaultType: string;
  private readonly embedder: Embedder | null;

  constructor(
    private readonly store: KnowledgeStore,
    private readonly dedup: Deduplicator,
    options: DiscoveryOptions = {},
  ) {
    this.minSightings = Math.max(1, options.minSightings ?? 1);
    this.defaultType = options.defaultType ?? 'Thing';
    this.embedder = options.embedder ?? null;
  }

  /** Stages mentions that match no entity by name or alias; returns the known ones' entity ids. */
  async stage(mentions: Mention[]): Promise<{ known: Map<string, number[]>; staged: sql.StagedRow[] }> {
    const known = new Map<string, number[]>();
    const fresh: Parameters<typeof sql.upsertStaged>[2] = [];
    const seen = new Set<string>();
    for (const m of mentions) {
      const normalized = normalizeText(m.text ?? '');
      if (normalized === '') continue;
      const type = m.type ?? this.defaultType;
      // Known when a name or alias matches an entity of the same type (or any type when none is given);
      // the same name with another type is a homonym and is staged as a new entity.
      const matches = (await this.store.findByAlias(m.text)).filter(
        (e) => m.type === undefined || normalizeText(e.type) === normalizeText(type),
      );
      if (matches.length > 0) {
        known.set(
          m.text,
          matches.map((e) => e.id),
        );
        continue;
      }
      const id = `${normalized}\u0000${type}`;
      if (seen.has(id)) continue;
      seen.add(id);
      fresh.push({
        mention: m.text.slice(0, 512),
        normalized,
        type,
        source: m.source,
        attributes: m.attributes ?? {},
      });
    }
    const staged = await sql.upsertStaged(this.store.db, this.store.workspaceId, fresh);
    return { known, staged };
  }

  /** Validates pending mentions (oldest first, up to `limit`) and acts on the dedup decision. */
  async process(options: { limit?: number } = {}): Promise<DiscoveryReport> {
    const report: DiscoveryReport = { created: [], merged: [], review: [], rejected: [] };
    const db = this.store.db;
    const pending = await sql.pendingStaged(
      db,
      this.store.workspaceId,
      this.minSightings,
      options.limit ?? 100,
    );
    const vectors =
      this.embedder && pending.length > 0 ? await this.embedder.embed(pending.map((p) => p.mention)) : [];
    for (const [i, row] of pending.entries()) {
      const invalid = invalidMention({ text: row.mention, type: row.type, attributes: row.attributes });
      if (invalid) {
        await sql.resolveStaged(db, row.id, 'rejected', null, null, invalid);
        report.rejected.push({ stagedId: row.id, reason: invalid });
        continue;
      }
      const profile = { type: row.type, name: row.mention, aliases: [], attributes: row.attributes };
      const [best] = await this.dedup.matches(profile, { vector: vectors[i] ?? null });
      if (best && best.decision === 'merge') {
        const target = best.entity;
        await this.store.updateEntity(target.id, { aliases: [...target.aliases, row.mention] });
        const missing = Object.fromEntries(
          Object.entries(row.attributes).filter(([k]) => !(k in target.attributes)),
        );
        if (Object.keys(missing).length > 0) await this.store.setAttributes(target.id, missing);
        await sql.resolveStaged(
          db,
          row.id,
          'merged',
          target.id,
          best.comparison.score,
          best.comparison.reason,
        );
        report.merged.push({ stagedId: row.id, entityId: target.id });
        continue;
      }
      const { entity } = await this.store.upsertEntity({
        key: discoveredKey(row.type, row.normalized),
        type: row.type,
        name: row.mention,
        attributes: row.attributes,
      });
      if (best && best.decision === 'review') {
        const candidate = await upsertCandidate(
          db,
          this.store.workspaceId,
          entity.id,
          best.entity.id,
          best.comparison.score,
          best.comparison.reason,
        );
        await sql.resolveStaged(
          db,
          row.id,
          'review',
          entity.id,
          best.comparison.score,
          best.comparison.reason,
        );
        if (candidate !== null) report.review.push(candidate);
      } else {
        await sql.resolveStaged(
          db,
          row.id,
          'created',
          entity.id,
          best?.comparison.score ?? null,
          best?.comparison.reason ?? 'no match',
        );
      }
      report.created.push(entity.id);
    }
    return report;
  }

  /** Staged mentions, optionally of one state. */
  list(state?: sql.StagedState): Promise<sql.StagedRow[]> {
    return sql.listStaged(this.store.db, this.store.workspaceId, state);
  }
}
