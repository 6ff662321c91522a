import type { KnowledgeBundle, RelationshipInput } from '@rustygpt/core';
import type { Database } from './database';
import { referencePaths, throwIssues, validateBundleShape } from './bundle-schema';
import { writeEntities, type UpsertOutcome } from './entity-writes';
import {
  countRelationshipWrites,
  resolveKeys,
  resolveRelationship,
  type ResolvedRelationship,
} from './relationship-writes';
import { writeResources } from './resource-writes';

/** Counts of what an import did to one kind of row. */
export interface OutcomeCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** What `importBundle` reports. */
export interface ImportSummary {
  entities: OutcomeCounts;
  relationships: OutcomeCounts;
  resources: OutcomeCounts;
  durationMs: number;
}

/** Progress of a running import (for progress bars). */
export interface ImportProgress {
  phase: 'validate' | 'entities' | 'relationships' | 'resources' | 'done';
  done: number;
  total: number;
}

/** Options of {@link importBundle}. */
export interface ImportOptions {
  /** Called as each phase advances. */
  onProgress?: (progress: ImportProgress) => void;
  /** Rows per bulk statement (default 5,000). */
  batchSize?: number;
}

function counts(outcomes: UpsertOutcome[]): OutcomeCounts {
  const c: OutcomeCounts = { created: 0, updated: 0, unchanged: 0 };
  for (const o of outcomes) c[o] += 1;
  return c;
}

/** Validates a bundle without writing: throws ValidationError naming the JSON path of the first problem. */
export function validateBundle(input: unknown): KnowledgeBundle {
  const result = validateBundleShape(input);
  if (!result.ok) throwIssues(result.issues);
  return result.bundle;
}

/**
 * Imports a knowledge bundle into a workspace: validated first (nothing is written when any part
 * is invalid, including references to keys that are neither in the bundle nor in the store), then
 * written idempotently by key in ONE transaction with bulk statements. Importing the same bundle
 * twice changes nothing; a changed attribute updates its entity and writes one version row.
 */
export async function importBundle(
  db: Database,
  workspaceId: number,
  input: unknown,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const report = options.onProgress ?? (() => undefined);
  const batch = Math.max(1, options.batchSize ?? 5000);
  report({ phase: 'validate', done: 0, total: 1 });
  const shape = validateBundleShape(input);
  if (!shape.ok) throwIssues(shape.issues);
  const { bundle, missingKeys } = shape;
  const entities = bundle.entities ?? [];
  const relationships = bundle.relationships ?? [];
  const resources = bundle.resources ?? [];

  const summary = await db.transaction(async (tx) => {
    if (missingKeys.length > 0) {
      const known = await resolveKeys(tx, workspaceId, missingKeys);
      const paths = referencePaths(bundle);
      const unknown = missingKeys.filter((k) => !known.has(k));
      if (unknown.length > 0) {
        throwIssues(
          unknown
            .map((k) => ({
              path: paths.get(k) ?? '$',
              message: `unknown entity key ${JSON.stringify(k)} (not in the bundle nor in the store)`,
            }))
            .sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true })),
        );
      }
    }
    report({ phase: 'validate', done: 1, total: 1 });

    const entityOutcomes: UpsertOutcome[] = [];
    for (let i = 0; i < entities.length; i += batch) {
      const slice = entities.slice(i, i + batch).map((e, j) => ({ input: e, where: `$.entities[${i + j}]` }));
      const results = await writeEntities(tx, workspaceId, slice);
      entityOutcomes.push(...results.map((r) => r.outcome));
      report({ phase: 'entities', done: Math.min(i + batch, entities.length), total: entities.length });
    }

    const relOutcomes: UpsertOutcome[] = [];
    if (relationships.length > 0) {
      const ids = await resolveKeys(
        tx,
        workspaceId,
        relationships.flatMap((r: RelationshipInput) => [r.from, r.to]),
      );
      for (let i = 0; i < relationships.length; i += batch) {
        const resolved: ResolvedRelationship[] = relationships
          .slice(i, i + batch)
          .map((r, j) => resolveRelationship(r, ids, `$.relationships[${i + j}]`));
        relOutcomes.push(...(await countRelationshipWrites(tx, workspaceId, resolved)));
        report({
          phase: 'relationships',
          done: Math.min(i + batch, relationships.length),
          total: relationships.length,
        });
      }
    }

    const resourceOutcomes: UpsertOutcome[] = [];
    if (resources.length > 0) {
      const ids = await resolveKeys(
        tx,
        workspaceId,
        resources.flatMap((r) => (r.entities ?? []).map((l) => l.key)),
      );
      for (let i = 0; i < resources.length; i += batch) {
        const slice = resources.slice(i, i + batch).map((r) => ({
          input: r,
          links: r.entities?.map((l) => ({
            entityId: ids.get(l.key) as number,
            confidence: l.confidence ?? 1,
          })),
        }));
        const results = await writeResources(tx, workspaceId, slice);
        resourceOutcomes.push(...results.map((r) => r.outcome));
        report({ phase: 'resources', done: Math.min(i + batch, resources.length), total: resources.length });
      }
    }
    const summary: ImportSummary = {
      entities: counts(entityOutcomes),
      relationships: counts(relOutcomes),
      resources: counts(resourceOutcomes),
      durationMs: Math.round(performance.now() - started),
    };
    return summary;
  });
  // Fresh statistics after a large load, so the planner keeps choosing index scans.
  const written = summary.entities.created + summary.entities.updated + summary.relationships.created;
  if (written >= 5000)
    await db.exec(
      'ANALYZE entities; ANALYZE entity_aliases; ANALYZE relationships; ANALYZE entity_attribute_link',
    );
  report({ phase: 'done', done: 1, total: 1 });
  return summary;
}
