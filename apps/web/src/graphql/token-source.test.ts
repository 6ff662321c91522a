import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startJsonServer, type JsonReply, type TestServer } from '../../test/support/http-server';
import { TokenSource } from './token-source';

/** What `/api/token` answers next; by default a token valid for `validForMs`. */
let replies: JsonReply[] = [];
let minted = 0;
let validForMs = 5 * 60_000;
let server: TestServer;

const tokenEndpoint = () => `${server.origin}/api/token`;
const tokenRequests = () => server.requests.filter((r) => r.path === '/api/token').length;

beforeEach(async () => {
  replies = [];
  minted = 0;
  validForMs = 5 * 60_000;
  server = await startJsonServer(
    () =>
      replies.shift() ?? {
        status: 200,
        body: { token: `tok-${++minted}`, expiresAt: Date.now() + validForMs },
      },
  );
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await server.close();
});

describe('TokenSource', () => {
  it('fetches a token without caching and reuses it while it is valid', async () => {
    const tokens = new TokenSource(tokenEndpoint());
    expect(await tokens.get()).toBe('tok-1');
    expect(await tokens.get()).toBe('tok-1');
    expect(tokenRequests()).toBe(1);
    // fetch's `cache: 'no-store'` asks every cache on the way not to answer from storage
    expect(server.requests[0]!.headers).toMatchObject({ 'cache-control': 'no-cache', pragma: 'no-cache' });
  });

  it('fetches a new token once the cached one is within the refresh margin of expiring', async () => {
    validForMs = 30_000;
    const tokens = new TokenSource(tokenEndpoint(), 60_000);
    expect(await tokens.get()).toBe('tok-1');
    expect(await tokens.get()).toBe('tok-2');
    expect(tokenRequests()).toBe(2);
  });

  it('shares one request between callers asking at the same time', async () => {
    const tokens = new TokenSource(tokenEndpoint());
    expect(await Promise.all([tokens.get(), tokens.get(), tokens.get()])).toEqual([
      'tok-1',
      'tok-1',
      'tok-1',
    ]);
    expect(tokenRequests()).toBe(1);
  });

  it('sends a signed-out visitor to sign in and back to the current page', async () => {
    const assign = vi.fn();
    vi.stubGlobal('window', { location: { pathname: '/chat/a=b', assign } });
    replies.push({ status: 401, body: { error: 'UNAUTHENTICATED' } });
    await expect(new TokenSource(tokenEndpoint()).get()).rejects.toThrow('signed out');
    expect(assign).toHaveBeenCalledWith('/signin?callbackUrl=%2Fchat%2Fa%3Db');
  });

  it('fails with the status of any other error, and tries again on the next call', async () => {
    replies.push({ status: 500, body: { error: 'RUSTYGPT_JWT_SECRET is not configured' } });
    const tokens = new TokenSource(tokenEndpoint());
    await expect(tokens.get()).rejects.toThrow('token endpoint answered 500');
    expect(await tokens.get()).toBe('tok-1');
  });
});
