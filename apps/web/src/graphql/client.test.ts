import { print } from 'graphql';
import { gql, type Client } from 'urql';
import { WebSocket } from 'ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSocketServer, type TestSocketServer } from '../../test/support/graphql-ws-server';
import { startJsonServer, type TestServer } from '../../test/support/http-server';
import { createApiClient, createSocketClient, endpointsFor, type ApiEndpoints } from './client';
import { TokenSource } from './token-source';

const ViewerQuery = gql`
  query Viewer($first: Int!) {
    viewer {
      id
    }
  }
`;
const TickSubscription = gql`
  subscription Tick($from: Int!) {
    tick(from: $from)
  }
`;

describe('endpointsFor', () => {
  it('talks WebSocket on the same host and path as HTTP', () => {
    expect(endpointsFor('http://localhost:4000/graphql')).toEqual({
      httpUrl: 'http://localhost:4000/graphql',
      wsUrl: 'ws://localhost:4000/graphql',
    });
  });

  it('uses secure WebSockets for an https API', () => {
    expect(endpointsFor('https://api.example.org/graphql?x=1').wsUrl).toBe(
      'wss://api.example.org/graphql?x=1',
    );
  });

  it('rejects an API URL that is not absolute', () => {
    expect(() => endpointsFor('/graphql')).toThrow(TypeError);
  });
});

describe('API client', () => {
  let http: TestServer;
  let ws: TestSocketServer;
  let endpoints: ApiEndpoints;
  let tokens: TokenSource;
  let minted = 0;
  let dropFirst = false;

  /** The first `count` results of a subscription through the urql client. */
  const firstResults = (client: Client, from: number, count: number) =>
    new Promise<unknown[]>((resolve) => {
      const received: unknown[] = [];
      const { unsubscribe } = client.subscription(TickSubscription, { from }).subscribe((result) => {
        received.push(result.error ?? result.data);
        if (received.length === count) {
          unsubscribe();
          resolve(received);
        }
      });
    });

  beforeEach(async () => {
    minted = 0;
    dropFirst = false;
    // Tokens that are already within the refresh margin: every use fetches the next one.
    http = await startJsonServer((request) =>
      request.path === '/api/token'
        ? { status: 200, body: { token: `tok-${++minted}`, expiresAt: Date.now() } }
        : { status: 200, body: { data: { viewer: { __typename: 'User', id: 'u1' } } } },
    );
    // Two ticks counting from `from`; the first connection drops after its first tick when `dropFirst`.
    ws = startSocketServer(http.server, ({ connection, variables }) => {
      const from = Number(variables?.from);
      return dropFirst && connection === 0
        ? { results: [{ data: { tick: from } }], end: 'drop' }
        : { results: [{ data: { tick: from } }, { data: { tick: from + 1 } }], end: 'complete' };
    });
    endpoints = endpointsFor(`${http.origin}/graphql`);
    tokens = new TokenSource(`${http.origin}/api/token`);
    // Node 20 has no global WebSocket; browsers do. `ws` implements the same API.
    vi.stubGlobal('WebSocket', WebSocket);
  });

  afterEach(async () => {
    vi.unstubAllGlobals();
    await ws.close();
    await http.close();
  });

  it('posts queries with a Bearer token and returns their data', async () => {
    const socket = createSocketClient(endpoints, tokens);
    const client = createApiClient(endpoints, tokens, socket);
    const result = await client.query(ViewerQuery, { first: 1 }).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual({ viewer: { __typename: 'User', id: 'u1' } });
    const [request] = http.requests.filter((r) => r.path === '/graphql');
    expect(request).toMatchObject({
      method: 'POST',
      headers: { authorization: 'Bearer tok-1', 'content-type': 'application/json' },
    });
    expect(JSON.parse(request!.body)).toMatchObject({ operationName: 'Viewer', variables: { first: 1 } });
    await socket.dispose();
  });

  it('runs subscriptions over the socket, authenticating each new connection with a fresh token', async () => {
    const socket = createSocketClient(endpoints, tokens);
    const client = createApiClient(endpoints, tokens, socket);
    const ticks = await firstResults(client, 7, 2);
    expect(ticks).toEqual([{ tick: 7 }, { tick: 8 }]);
    expect(ws.subscriptions).toEqual([
      { connection: 0, query: expect.stringContaining('subscription Tick'), variables: { from: 7 } },
    ]);

    // the API closed the connection; the next subscription opens another, with another token
    const closed = new Promise((resolve) => socket.on('closed', resolve));
    await ws.closeConnections();
    await closed;
    const resumed: unknown[] = [];
    for await (const result of socket.iterate({ query: print(TickSubscription), variables: { from: 1 } })) {
      resumed.push(result.data);
    }
    expect(resumed).toEqual([{ tick: 1 }, { tick: 2 }]);
    expect(ws.inits).toEqual([{ authorization: 'Bearer tok-1' }, { authorization: 'Bearer tok-2' }]);
    await socket.dispose();
  });

  it('resubscribes on a new, freshly authenticated connection when the API drops the socket', async () => {
    dropFirst = true;
    const socket = createSocketClient(endpoints, tokens);
    const client = createApiClient(endpoints, tokens, socket);
    // graphql-ws waits a randomised 1.3-4 s before its first retry
    expect(await firstResults(client, 1, 3)).toEqual([{ tick: 1 }, { tick: 1 }, { tick: 2 }]);
    expect(ws.inits).toEqual([{ authorization: 'Bearer tok-1' }, { authorization: 'Bearer tok-2' }]);
    expect(ws.subscriptions.map((s) => s.connection)).toEqual([0, 1]);
    await socket.dispose();
  }, 15_000);
});
