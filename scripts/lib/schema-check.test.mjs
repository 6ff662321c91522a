import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH, compareSchemas, declaredBreaking, findBaseline, isDeclared } from './schema-check.mjs';

const v1 = /* GraphQL */ `
  type Query {
    entity(id: ID!): Entity
    search(text: String!, limit: Int): [Entity!]!
  }
  type Entity {
    id: ID!
    name: String!
    description: String
  }
`;

/** A fake git answering from a table of `args joined by space` -> stdout (missing key = failure). */
const fakeGit = (answers) => (args) => {
  const key = args.join(' ');
  return key in answers ? { ok: true, stdout: answers[key] } : { ok: false, stdout: '' };
};

describe('findBaseline', () => {
  it('uses the schema at the nearest v* tag when there is one', () => {
    const git = fakeGit({
      'describe --tags --abbrev=0 --match v*': 'v1.2.0\n',
      [`show v1.2.0:${SCHEMA_PATH}`]: v1,
      [`show HEAD:${SCHEMA_PATH}`]: 'type Query { other: Int }',
    });
    expect(findBaseline(git)).toEqual({ kind: 'tag', ref: 'v1.2.0', sdl: v1 });
  });

  it('passes when the release predates the schema file', () => {
    const git = fakeGit({
      'describe --tags --abbrev=0 --match v*': 'v0.1.0\n',
      'rev-parse --git-dir': '.git',
    });
    const b = findBaseline(git);
    expect(b.kind).toBe('none');
    expect(b.reason).toMatch(/release v0\.1\.0 has no/);
  });

  it('falls back to HEAD without a tag', () => {
    const git = fakeGit({ [`show HEAD:${SCHEMA_PATH}`]: v1, 'rev-parse --git-dir': '.git' });
    expect(findBaseline(git)).toEqual({ kind: 'head', ref: 'HEAD', sdl: v1 });
  });

  it('has nothing to compare with when the schema was never committed, or without git', () => {
    expect(findBaseline(fakeGit({ 'rev-parse --git-dir': '.git' }))).toMatchObject({
      kind: 'none',
      reason: expect.stringMatching(/not committed yet/),
    });
    expect(findBaseline(fakeGit({}))).toMatchObject({
      kind: 'none',
      reason: expect.stringMatching(/no git/),
    });
  });
});

describe('declaredBreaking', () => {
  it('reads BREAKING lines under ## Unreleased only', () => {
    const changelog = [
      '# Changelog',
      '## Unreleased',
      '- BREAKING: Entity.description - merged into `summary`; clients read summary',
      '* BREAKING: `Query.search.limit`',
      'BREAKING: Relationship',
      '- Added: something harmless',
      '## 0.1.0 - 2026-11-01',
      '- BREAKING: Query.old',
    ].join('\n');
    expect(declaredBreaking(changelog)).toEqual(['Entity.description', 'Query.search.limit', 'Relationship']);
  });

  it('accepts the keep-a-changelog heading form [Unreleased]', () => {
    expect(declaredBreaking('## [Unreleased]\n- BREAKING: A.b\n')).toEqual(['A.b']);
  });

  it('declares nothing without an Unreleased section', () => {
    expect(declaredBreaking('## 1.0.0\n- BREAKING: A.b\n')).toEqual([]);
  });
});

describe('isDeclared', () => {
  it('matches the exact path, a parent path, or the change type', () => {
    expect(isDeclared({ path: 'Entity.name', type: 'FIELD_REMOVED' }, ['Entity.name'])).toBe(true);
    expect(isDeclared({ path: 'Entity.name', type: 'FIELD_REMOVED' }, ['Entity'])).toBe(true);
    expect(isDeclared({ path: 'EntityX.name', type: 'FIELD_REMOVED' }, ['Entity'])).toBe(false);
    expect(isDeclared({ path: 'Entity.name', type: 'FIELD_REMOVED' }, ['Entity.names'])).toBe(false);
    expect(isDeclared({ type: 'SCHEMA_QUERY_TYPE_CHANGED' }, ['SCHEMA_QUERY_TYPE_CHANGED'])).toBe(true);
  });
});

describe('compareSchemas', () => {
  it('passes additions (non-breaking) without any declaration', async () => {
    const current = v1.replace('description: String', 'description: String\n    aliases: [String!]!');
    const r = await compareSchemas({ baseline: v1, current, changelog: '' });
    expect(r.ok).toBe(true);
    expect(r.changes).toEqual([expect.objectContaining({ level: 'NON_BREAKING', path: 'Entity.aliases' })]);
  });

  it('fails a removed field that the changelog does not declare', async () => {
    const current = v1.replace('    description: String\n', '');
    const r = await compareSchemas({ baseline: v1, current, changelog: '## Unreleased\n- Added: x\n' });
    expect(r.ok).toBe(false);
    expect(r.undeclared).toEqual([
      expect.objectContaining({ path: 'Entity.description', type: 'FIELD_REMOVED' }),
    ]);
  });

  it('passes the same removal once declared under Unreleased', async () => {
    const current = v1.replace('    description: String\n', '');
    const r = await compareSchemas({
      baseline: v1,
      current,
      changelog: '## Unreleased\n- BREAKING: Entity.description - use summary\n',
    });
    expect(r.ok).toBe(true);
    expect(r.changes[0]?.level).toBe('BREAKING');
  });

  it('fails a nullability tightening of an argument (a client sending null breaks)', async () => {
    const current = v1.replace('limit: Int', 'limit: Int!');
    const r = await compareSchemas({ baseline: v1, current, changelog: '' });
    expect(r.ok).toBe(false);
    expect(r.undeclared[0]?.path).toBe('Query.search.limit');
  });

  it('rejects SDL that does not build', async () => {
    await expect(
      compareSchemas({ baseline: v1, current: 'type Query { x: Nope }', changelog: '' }),
    ).rejects.toThrow(/Nope/);
  });
});
