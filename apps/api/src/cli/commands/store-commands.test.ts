import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMigrations } from '@rustygpt/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../main';
import { SETTINGS } from '../settings';

const dir = mkdtempSync(join(tmpdir(), 'store-cli-test-'));
const saved = { dataDir: process.env.RUSTYGPT_DATA_DIR, url: process.env.DATABASE_URL };

/** Runs the CLI in process and captures what it prints. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'rustygpt', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('store CLI commands', () => {
  beforeAll(() => {
    process.env.RUSTYGPT_DATA_DIR = join(dir, 'data');
    delete process.env.DATABASE_URL;
  });
  afterAll(() => {
    if (saved.dataDir === undefined) delete process.env.RUSTYGPT_DATA_DIR;
    else process.env.RUSTYGPT_DATA_DIR = saved.dataDir;
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates, ingests a bundle twice idempotently and shows entities', async () => {
    const migrated = await run('migrate');
    expect(migrated.code).toBe(0);
    expect(migrated.out).toContain(`${loadMigrations().length} applied, 0 already up to date`);
    expect((await run('migrate')).out).toContain(`0 applied, ${loadMigrations().length} already up to date`);

    const bundle = join(dir, 'bundle.json');
    writeFileSync(
      bundle,
      JSON.stringify({
        entities: [
          {
            key: 'planet:mars',
            type: 'Planet',
            name: 'Mars',
            aliases: ['the Red Planet'],
            attributes: { moons: 2 },
          },
          { key: 'star:sun', type: 'Star', name: 'Sun' },
        ],
        relationships: [{ from: 'planet:mars', to: 'star:sun', type: 'orbits', path: 'astro.orbits' }],
      }),
    );
    const first = await run('ingest', bundle);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/entities 2 created, 0 updated, 0 unchanged; relationships 1 created/);
    expect(first.err).toMatch(/entities: 2\/2/); // plain progress lines when not a TTY
    const second = await run('ingest', bundle);
    expect(second.out).toMatch(/entities 0 created, 0 updated, 2 unchanged/);

    const search = await run('entities', 'search', 'red planet');
    expect(search.out).toMatch(/planet:mars\s+Mars\s+\[Planet\]/);
    const show = await run('entities', 'show', 'planet:mars', '--json');
    const shown = JSON.parse(show.out) as {
      attributes: unknown;
      relationships: { otherKey: string; direction: string }[];
    };
    expect(shown.attributes).toEqual({ moons: 2 });
    expect(shown.relationships).toMatchObject([{ otherKey: 'star:sun', direction: 'out' }]);
    const missing = await run('entities', 'show', 'planet:vulcan');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/NOT_FOUND/);
  });

  it('rejects an invalid bundle with its JSON path and exit code 2', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ relationships: [{ from: 'planet:mars', to: 'planet:vulcan', type: 'x' }] }),
    );
    const r = await run('ingest', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/\$\.relationships\[0\]\.to: unknown entity key "planet:vulcan"/);
    const notJson = join(dir, 'bad.txt');
    writeFileSync(notJson, '{ nope');
    expect((await run('ingest', notJson)).err).toMatch(/not valid JSON/);
  });

  it('writes an example config documenting every setting', async () => {
    const printed = await run('config', '--stdout');
    for (const s of SETTINGS) expect(printed.out).toContain(`${s.name}=`);
    const out = join(dir, 'example.env');
    expect((await run('config', '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('# ---- Database');
    expect((await run('config', '--out', out)).code).toBe(2);
    expect(existsSync(out)).toBe(true);
  });
});
