import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';

/** What a test sees of a streamed message: events in arrival order, as plain objects. */
export interface StreamEventView {
  __typename: 'TokenEvent' | 'ControlEvent' | 'MetadataEvent' | 'ErrorEvent';
  seq: number;
  content?: string;
  index?: number;
  type?: string;
  tokenCount?: number;
  modelName?: string;
  code?: string;
  message?: string;
}

export const MESSAGE_STREAM = /* GraphQL */ `
  subscription Stream($id: ID!, $after: Int) {
    messageStream(messageId: $id, after: $after) {
      __typename
      ... on TokenEvent {
        seq
        content
        index
      }
      ... on ControlEvent {
        seq
        type
      }
      ... on MetadataEvent {
        seq
        tokenCount
        modelName
        promptTokens
      }
      ... on ErrorEvent {
        seq
        code
        message
        retryInMs
      }
    }
  }
`;

/** A graphql-ws client against the server (Node 20 has no global WebSocket: `ws` provides it). */
export function wsClient(wsUrl: string, token?: string, extra: { retryAttempts?: number } = {}): WsClient {
  return createWsClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    lazy: true,
    retryAttempts: extra.retryAttempts ?? 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
}

/** A graphql-sse client (distinct connections mode) against /graphql/stream. */
export function sseClient(sseUrl: string, token?: string) {
  return createSseClient({
    url: sseUrl,
    retryAttempts: 0,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

type Iterable = AsyncIterableIterator<{ data?: unknown; errors?: readonly unknown[] | undefined }>;

/** Reads a messageStream until its terminal event or `stopAfter` events (then returns the iterator). */
export async function collect(
  iterator: Iterable,
  options: { stopAfter?: (events: StreamEventView[]) => boolean } = {},
): Promise<StreamEventView[]> {
  const events: StreamEventView[] = [];
  for await (const result of iterator) {
    if (result.errors && result.errors.length > 0) throw new Error(JSON.stringify(result.errors));
    const event = (result.data as { messageStream: StreamEventView }).messageStream;
    events.push(event);
    if (options.stopAfter?.(events)) {
      await iterator.return?.();
      break;
    }
  }
  return events;
}

export function tokensOf(events: StreamEventView[]): { index: number; content: string }[] {
  return events
    .filter((e) => e.__typename === 'TokenEvent')
    .map((e) => ({ index: e.index!, content: e.content! }));
}

export function controlsOf(events: StreamEventView[]): string[] {
  return events.filter((e) => e.__typename === 'ControlEvent').map((e) => e.type!);
}
