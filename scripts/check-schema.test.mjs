import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// End to end: the script against a scratch git repository (never this one), so the git plumbing
// (describe, show at a tag or HEAD) is exercised for real.
const script = new URL('./check-schema.mjs', import.meta.url).pathname;
const v1 = 'type Query {\n  entity(id: ID!): Entity\n}\ntype Entity {\n  id: ID!\n  name: String!\n}\n';

let repo = '';
// Inside a git hook, git exports GIT_DIR/GIT_INDEX_FILE for the real repository: drop every GIT_*
// variable so nothing here can touch this repository's index.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
const git = (...args) =>
  execFileSync(
    'git',
    ['-c', 'user.email=q@example.com', '-c', 'user.name=q', '-c', 'core.hooksPath=/dev/null', ...args],
    { cwd: repo, env, encoding: 'utf8' },
  );
const write = (path, text) => {
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), text);
};
const check = () => {
  const r = spawnSync(process.execPath, [script, `--root=${repo}`], { env, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'quality-schema-'));
  git('init', '-q');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('scripts/check-schema.mjs', () => {
  it('passes with a message when the schema was never committed', () => {
    write('apps/api/schema.graphql', v1);
    expect(check()).toEqual({
      status: 0,
      out: expect.stringMatching(/pass \(no v\* tag .* not committed yet/),
    });
  });

  it('compares the working tree with HEAD before the first release and fails an undeclared removal', () => {
    write('apps/api/schema.graphql', v1);
    git('add', '.');
    git('commit', '-qm', 'schema');
    write('apps/api/schema.graphql', v1.replace('  name: String!\n', ''));
    const r = check();
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/against HEAD/);
    expect(r.out).toMatch(/BREAKING: Entity\.name/);
  });

  it('compares with the last v* tag, and passes once CHANGELOG.md declares the break', () => {
    write('apps/api/schema.graphql', v1);
    git('add', '.');
    git('commit', '-qm', 'release');
    git('tag', 'v1.0.0');
    write('apps/api/schema.graphql', v1.replace('  name: String!\n', '  label: String!\n'));
    git('commit', '-qam', 'rename, committed after the release');
    expect(check().status).toBe(1);
    write('CHANGELOG.md', '# Changelog\n\n## Unreleased\n\n- BREAKING: Entity.name - renamed to label\n');
    const r = check();
    expect(r.out).toMatch(/against release v1\.0\.0/);
    expect(r.status).toBe(0);
  });

  it('fails when the committed schema was deleted from the working tree', () => {
    write('apps/api/schema.graphql', v1);
    git('add', '.');
    git('commit', '-qm', 'schema');
    rmSync(join(repo, 'apps/api/schema.graphql'));
    expect(check()).toEqual({ status: 1, out: expect.stringMatching(/not in the working tree/) });
  });
});
