/**
 * Database loss: the API runs against the wire-protocol server (`rustygpt db serve`). When the
 * database goes away, /readyz fails and requests get a clear UNAVAILABLE error instead of an
 * internal one; when it comes back, the same API process recovers without a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, importBundle } from '@rustygpt/store';
import { afterAll, describe, expect, it } from 'vitest';
import { errorCodes, postGraphQL } from './support/graphql';
import { startCli, stopAll, waitForHttp, type Cli } from './support/processes';

const DB_PORT = 5451;
const API_PORT = 4201;
const dir = mkdtempSync('/tmp/lifecycle-dbloss-');
const dataDir = join(dir, 'data');
const api = `http://127.0.0.1:${API_PORT}`;
const QUERY = { query: '{ entities(first: 3) { edges { node { name } } } }' };

afterAll(async () => {
  await stopAll('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

async function serveDb(): Promise<Cli> {
  const db = startCli(['db', 'serve', '--port', String(DB_PORT), '--data-dir', dataDir], {});
  await db.waitFor(/DATABASE_URL=/);
  return db;
}

describe('database loss and return', () => {
  it('fails readiness with UNAVAILABLE errors while the database is down and recovers without an API restart', async () => {
    const seed = await openDatabase({ dataDir });
    await importBundle(seed, 1, {
      entities: [
        { key: 'a', type: 'Thing', name: 'Alpha' },
        { key: 'b', type: 'Thing', name: 'Beta' },
      ],
    });
    await seed.close();

    let db = await serveDb();
    const server = startCli(['serve', '--port', String(API_PORT)], {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${DB_PORT}/postgres?sslmode=disable`,
      RUSTYGPT_EMBEDDING_MODEL: 'none',
      RUSTYGPT_DEMO_BUNDLE: join(dir, 'none.json'),
    });
    await waitForHttp(`${api}/readyz`, (s) => s === 200);
    const ok = await postGraphQL(`${api}/graphql`, QUERY);
    expect(ok.status).toBe(200);
    expect(JSON.stringify(ok.body?.data)).toContain('Alpha');

    db.child.kill('SIGKILL');
    await db.exited;
    await waitForHttp(`${api}/readyz`, (s) => s === 503, 30_000);
    const down = await postGraphQL(`${api}/graphql`, QUERY);
    expect(down.status).toBeLessThan(600);
    expect(errorCodes(down).length).toBeGreaterThan(0);
    const ext = down.body?.errors?.[0]?.extensions ?? {};
    // A client must be able to tell "try again later" from a bug.
    expect(ext.code === 'UNAVAILABLE' || ext.reason === 'UNAVAILABLE').toBe(true);
    expect(String(down.body?.errors?.[0]?.message)).not.toMatch(/ECONNREFUSED|SELECT|stack/i);
    expect(server.child.exitCode).toBeNull();

    db = await serveDb();
    await waitForHttp(`${api}/readyz`, (s) => s === 200, 60_000);
    const back = await postGraphQL(`${api}/graphql`, QUERY);
    expect(back.status).toBe(200);
    expect(errorCodes(back)).toEqual([]);
    expect(JSON.stringify(back.body?.data)).toContain('Beta');
    expect(server.child.exitCode).toBeNull();
  });
});
