import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { cacheExchange, Client, fetchExchange, subscriptionExchange } from 'urql';
import type { TokenSource } from './token-source';

/** Where the API lives, as seen from the browser. */
export interface ApiEndpoints {
  httpUrl: string;
  wsUrl: string;
}

/** Derives the WebSocket URL from the API's HTTP URL (same path, ws/wss scheme). */
export function endpointsFor(apiUrl: string): ApiEndpoints {
  const url = new URL(apiUrl);
  const ws = new URL(url.toString());
  ws.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return { httpUrl: url.toString(), wsUrl: ws.toString() };
}

/** graphql-ws client that authenticates each (re)connection with a fresh token. */
export function createSocketClient(endpoints: ApiEndpoints, tokens: TokenSource): WsClient {
  return createWsClient({
    url: endpoints.wsUrl,
    lazy: true,
    lazyCloseTimeout: 3_000,
    retryAttempts: 8,
    shouldRetry: () => true,
    connectionParams: async () => ({ authorization: `Bearer ${await tokens.get()}` }),
  });
}

/**
 * urql client for the API: queries and mutations over HTTP with the Bearer token added by a
 * custom fetch (urql's fetchOptions cannot await), subscriptions over graphql-ws.
 */
export function createApiClient(endpoints: ApiEndpoints, tokens: TokenSource, socket: WsClient): Client {
  const authorizedFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${await tokens.get()}`);
    return fetch(input, { ...init, headers });
  };
  return new Client({
    url: endpoints.httpUrl,
    fetch: authorizedFetch,
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = socket.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
}
