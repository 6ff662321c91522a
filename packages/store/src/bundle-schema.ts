import { ValidationError, assertLtreePath, type KnowledgeBundle } from '@rustygpt/core';
import { z } from 'zod';

const nonBlank = (what: string) => z.string().refine((s) => s.trim() !== '', `${what} must not be empty`);

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const ltreePath = z.string().superRefine((value, ctx) => {
  try {
    assertLtreePath(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'invalid ltree path' });
  }
});

const entitySchema = z.strictObject({
  key: nonBlank('key'),
  type: nonBlank('type'),
  name: nonBlank('name'),
  aliases: z.array(z.string()).optional(),
  attributes: z.record(nonBlank('attribute name'), z.union([scalar, z.array(scalar)])).optional(),
  state: z.enum(['active', 'inactive', 'archived']).optional(),
});

const relationshipSchema = z.strictObject({
  from: nonBlank('from'),
  to: nonBlank('to'),
  type: nonBlank('type'),
  weight: z.number().optional(),
  path: ltreePath.optional(),
});

const resourceSchema = z.strictObject({
  uri: z.string().min(1),
  type: z.string().min(1).optional(),
  title: z.string().optional(),
  text: z.string().optional(),
  entities: z
    .array(z.strictObject({ key: z.string().min(1), confidence: z.number().min(0).max(1).optional() }))
    .optional(),
});

/** The zod schema of a knowledge bundle (docs/knowledge-bundle.md); cross-references are checked separately. */
export const knowledgeBundleSchema = z.object({
  $schema: z.string().optional(),
  version: z.literal(1).optional(),
  entities: z.array(entitySchema).optional(),
  relationships: z.array(relationshipSchema).optional(),
  resources: z.array(resourceSchema).optional(),
});

/** `['relationships', 12, 'to']` -> `$.relationships[12].to`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

/** zod reports a bad record key as "Invalid key in record" and nests the key's own message: use that. */
function issueMessage(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
}

/** One problem found in a bundle. */
export interface BundleIssue {
  path: string;
  message: string;
}

/** Result of validating a bundle: the typed bundle, or every problem with its JSON path. */
export type BundleValidation =
  { ok: true; bundle: KnowledgeBundle; missingKeys: string[] } | { ok: false; issues: BundleIssue[] };

/**
 * Validates a bundle's shape (types, finite weights, ltree labels) and its internal consistency
 * (duplicate entity keys, duplicate relationships, duplicate resource URIs). Keys referenced but not
 * defined in the bundle are returned as `missingKeys`: the importer checks them against the store.
 */
export function validateBundleShape(input: unknown): BundleValidation {
  const parsed = knowledgeBundleSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: jsonPath(i.path), message: issueMessage(i) })),
    };
  }
  const bundle = parsed.data;
  const issues: BundleIssue[] = [];
  const keys = new Map<string, number>();
  (bundle.entities ?? []).forEach((e, i) => {
    const first = keys.get(e.key);
    if (first !== undefined)
      issues.push({
        path: `$.entities[${i}].key`,
        message: `duplicate key ${JSON.stringify(e.key)} (first at $.entities[${first}])`,
      });
    else keys.set(e.key, i);
  });
  const missing = new Set<string>();
  const note = (key: string) => {
    if (!keys.has(key)) missing.add(key);
  };
  const rels = new Map<string, number>();
  (bundle.relationships ?? []).forEach((r, i) => {
    note(r.from);
    note(r.to);
    const id = JSON.stringify([r.from, r.to, r.type.trim()]);
    const first = rels.get(id);
    if (first !== undefined)
      issues.push({
        path: `$.relationships[${i}]`,
        message: `duplicate relationship (first at $.relationships[${first}])`,
      });
    else rels.set(id, i);
  });
  const uris = new Map<string, number>();
  (bundle.resources ?? []).forEach((r, i) => {
    const first = uris.get(r.uri);
    if (first !== undefined)
      issues.push({
        path: `$.resources[${i}].uri`,
        message: `duplicate uri (first at $.resources[${first}])`,
      });
    else uris.set(r.uri, i);
    (r.entities ?? []).forEach((l) => note(l.key));
  });
  if (issues.length > 0) return { ok: false, issues };
  const { entities, relationships, resources } = bundle;
  return {
    ok: true,
    bundle: {
      ...(entities ? { entities } : {}),
      ...(relationships ? { relationships } : {}),
      ...(resources ? { resources } : {}),
    },
    missingKeys: [...missing],
  };
}

/** Where each key is referenced, to name the first JSON path of an unknown key. */
export function referencePaths(bundle: KnowledgeBundle): Map<string, string> {
  const out = new Map<string, string>();
  const add = (key: string, path: string) => {
    if (!out.has(key)) out.set(key, path);
  };
  (bundle.relationships ?? []).forEach((r, i) => {
    add(r.from, `$.relationships[${i}].from`);
    add(r.to, `$.relationships[${i}].to`);
  });
  (bundle.resources ?? []).forEach((r, i) =>
    (r.entities ?? []).forEach((l, j) => add(l.key, `$.resources[${i}].entities[${j}].key`)),
  );
  return out;
}

/** Throws a ValidationError naming the first issue (and counting the rest). */
export function throwIssues(issues: BundleIssue[]): never {
  const first = issues[0] as BundleIssue;
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  throw new ValidationError(`${first.message}${more}`, first.path, { issues: issues.slice(0, 50) });
}
