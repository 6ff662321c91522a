// Decision logic of scripts/check-schema.mjs: which schema to compare with, which breaking
// changes the changelog declares, and whether the change set passes. Git and files are passed
// in, so every branch is unit-tested without a repository.
import { diff } from '@graphql-inspector/core';
import { createRequire } from 'node:module';

// graphql through Node's resolver, so it is the same instance the inspector (resolved by Node)
// uses even under vitest, whose bundler would pick graphql's separate ESM build (instanceof fails).
const { buildSchema } = createRequire(import.meta.url)('graphql');

/** Repository-relative path of the SDL the API writes (and its drift test keeps current). */
export const SCHEMA_PATH = 'apps/api/schema.graphql';

/**
 * @typedef {(args: string[]) => {ok: boolean, stdout: string}} Git
 *   runs `git <args>` in the repository; ok is false when git fails or is absent
 * @typedef {{kind: 'tag' | 'head', ref: string, sdl: string} | {kind: 'none', reason: string}} Baseline
 */

/**
 * The schema of the previous release: at the nearest `v*` tag; without a tag, at HEAD (so the
 * check compares the working tree with the last commit); otherwise none, with the reason.
 * @param {Git} git
 * @returns {Baseline}
 */
export function findBaseline(git) {
  const tag = git(['describe', '--tags', '--abbrev=0', '--match', 'v*']);
  if (tag.ok && tag.stdout.trim() !== '') {
    const ref = tag.stdout.trim();
    const at = git(['show', `${ref}:${SCHEMA_PATH}`]);
    if (at.ok) return { kind: 'tag', ref, sdl: at.stdout };
    return { kind: 'none', reason: `release ${ref} has no ${SCHEMA_PATH}: the whole schema is new since it` };
  }
  const head = git(['show', `HEAD:${SCHEMA_PATH}`]);
  if (head.ok) return { kind: 'head', ref: 'HEAD', sdl: head.stdout };
  const repo = git(['rev-parse', '--git-dir']);
  if (!repo.ok) return { kind: 'none', reason: 'no git repository here: nothing to compare with' };
  return {
    kind: 'none',
    reason: `no v* tag and ${SCHEMA_PATH} is not committed yet: nothing to compare with`,
  };
}

/**
 * Breaking changes declared in CHANGELOG.md: lines `BREAKING: <Type.field>` (optionally as a list
 * item, optionally followed by ` - why`) under the `## Unreleased` heading, up to the next `## `.
 * @param {string} changelog
 * @returns {string[]}
 */
export function declaredBreaking(changelog) {
  /** @type {string[]} */
  const declared = [];
  let inUnreleased = false;
  for (const line of changelog.split(/\r?\n/)) {
    if (/^##\s/.test(line)) {
      inUnreleased = /^##\s+\[?unreleased\]?\s*$/i.test(line);
      continue;
    }
    if (!inUnreleased) continue;
    const match = /^\s*(?:[-*]\s+)?BREAKING:\s*`?([A-Za-z_][\w.]*)`?/.exec(line);
    if (match?.[1]) declared.push(match[1]);
  }
  return declared;
}

/**
 * True when a breaking change is covered by a declaration: its path equals a declared path or
 * lies under it (`Entity` covers `Entity.name`), or its change type is declared (`TYPE_REMOVED`).
 * @param {{path?: string, type: string}} change
 * @param {string[]} declared
 */
export function isDeclared(change, declared) {
  return declared.some(
    (d) =>
      d === change.type ||
      (change.path !== undefined && (change.path === d || change.path.startsWith(`${d}.`))),
  );
}

/**
 * Compares two SDL texts and decides: breaking changes fail unless declared in the changelog.
 * @param {{baseline: string, current: string, changelog: string}} input
 * @returns {Promise<{ok: boolean, changes: {level: string, path: string | undefined, type: string, message: string}[], undeclared: {path: string | undefined, type: string, message: string}[]}>}
 */
export async function compareSchemas({ baseline, current, changelog }) {
  const changes = (await diff(buildSchema(baseline), buildSchema(current))).map((c) => ({
    level: String(c.criticality.level),
    path: c.path,
    type: String(c.type),
    message: c.message,
  }));
  const declared = declaredBreaking(changelog);
  const undeclared = changes.filter((c) => c.level === 'BREAKING' && !isDeclared(c, declared));
  return { ok: undeclared.length === 0, changes, undeclared };
}
