import { openDatabase, type Database } from '@rustygpt/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintApiToken } from '../src/auth/api-token';
import { Authenticator, LOCAL_IDENTITY } from '../src/auth/viewer';
import { loadConfig } from '../src/config';
import { createApiData } from '../src/data/store-adapter';
import type { ApiData } from '../src/data/ports';

// The request path asks `peek` first (no promise, no I/O) and only falls back to `authenticate`.
// Both must agree on every kind of credential.
describe('Authenticator.peek', () => {
  let db: Database;
  let data: ApiData;
  let secret: string;
  const tokenMode = () =>
    loadConfig({
      RUSTYGPT_DATA_DIR: 'memory://',
      RUSTYGPT_JWT_SECRET: 'peek-secret-peek-secret-peek-secret-01',
    });

  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    data = createApiData(db);
    const user = await data.users.upsertIdentity({ ...LOCAL_IDENTITY, subject: 'peek', isAdmin: false });
    const minted = mintApiToken();
    await data.apiTokens.create({
      userId: user.id,
      name: 'peek',
      hash: minted.hash,
      prefix: minted.prefix,
      admin: false,
    });
    secret = minted.secret;
  });
  afterAll(async () => db?.close());

  it('answers null without a credential when auth is required, and rejects a malformed header', () => {
    const auth = new Authenticator(tokenMode(), data);
    expect(auth.peek(undefined)).toBeNull();
    expect(auth.peek('  ')).toBeNull();
    expect(() => auth.peek('Basic abc')).toThrow(/Bearer <token>/);
  });

  it('knows a credential only once authenticate has loaded it, until the cache expires', async () => {
    const auth = new Authenticator(tokenMode(), data, { cacheTtlMs: 60_000 });
    const header = `Bearer ${secret}`;
    expect(auth.peek(header)).toBeUndefined();
    const viewer = await auth.authenticate(header);
    expect(viewer?.via).toBe('api-token');
    expect(auth.peek(header)).toBe(viewer);
    expect(auth.peek(`bearer   ${secret}`)).toBe(viewer); // same credential, other spelling
    auth.invalidate();
    expect(auth.peek(header)).toBeUndefined();

    const expiring = new Authenticator(tokenMode(), data, { cacheTtlMs: -1 });
    await expiring.authenticate(header);
    expect(expiring.peek(header)).toBeUndefined();
  });

  it('caches the local viewer in local mode', async () => {
    const auth = new Authenticator(loadConfig({ RUSTYGPT_DATA_DIR: 'memory://' }), data, {
      cacheTtlMs: 60_000,
    });
    expect(auth.peek(null)).toBeUndefined();
    const local = await auth.authenticate(null);
    expect(local?.via).toBe('local');
    expect(auth.peek(null)).toBe(local);
  });

  it('does not cache refusals', async () => {
    const auth = new Authenticator(tokenMode(), data, { cacheTtlMs: 60_000 });
    const unknown = `Bearer ${mintApiToken().secret}`;
    await expect(auth.authenticate(unknown)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(auth.peek(unknown)).toBeUndefined();
  });
});
