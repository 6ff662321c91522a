import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApi, type TestApi } from './support/harness';

let t: TestApi;

beforeAll(async () => {
  t = await startTestApi({ auth: 'local' });
});
afterAll(async () => {
  await t?.close();
});

function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local single-user mode', () => {
  it('treats requests without a credential as the local admin', async () => {
    const r = await t.gql('{ viewer { name isAdmin authenticatedBy } }');
    expect(r.data).toEqual({ viewer: { name: 'Local user', isAdmin: true, authenticatedBy: 'local' } });
  });

  it('refuses non-loopback Host headers (DNS rebinding)', async () => {
    expect(await getWithHost(`${t.base}/healthz`, 'localhost')).toBe(200);
    expect(await getWithHost(`${t.base}/healthz`, 'evil.example:4000')).toBe(403);
  });

  it('closes WebSocket connections from a foreign origin with 4403', async () => {
    const ws = new WebSocket(t.wsUrl, 'graphql-transport-ws', {
      headers: { origin: 'https://evil.example' },
    });
    const code = await new Promise<number>((resolve) => {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
      ws.on('close', (c) => resolve(c));
    });
    expect(code).toBe(4403);
  });
});
