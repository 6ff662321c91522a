import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

/** A subscription a client started: its query, variables and the connection's init payload. */
export interface ReceivedSubscription {
  connection: number;
  query: string;
  variables: Record<string, unknown> | null;
}

/** How the server answers one subscription: these results, then `complete`, or a dropped connection. */
export interface ScriptedAnswer {
  results: unknown[];
  end: 'complete' | 'drop';
}

/** The graphql-transport-ws side of the API, answering every subscription from a script. */
export interface TestSocketServer {
  /** `connection_init` payloads, one per connection, in order. */
  inits: unknown[];
  subscriptions: ReceivedSubscription[];
  /** Closes every open connection normally and resolves once the server saw them close. */
  closeConnections: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Speaks graphql-transport-ws on `server` (the protocol graphql-ws clients use): acknowledges
 * each connection, then answers each subscription as `answer(subscription)` says.
 */
export function startSocketServer(
  server: Server,
  answer: (subscription: ReceivedSubscription) => ScriptedAnswer,
): TestSocketServer {
  const wss = new WebSocketServer({ server });
  const inits: unknown[] = [];
  const subscriptions: ReceivedSubscription[] = [];
  const sockets = new Set<WebSocket>();
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const connection = inits.length;
    const send = (message: object) => socket.send(JSON.stringify(message));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: string; type: string; payload?: unknown };
      if (message.type === 'connection_init') {
        inits.push(message.payload);
        send({ type: 'connection_ack' });
      } else if (message.type === 'subscribe') {
        const payload = message.payload as { query: string; variables?: Record<string, unknown> | null };
        const subscription = { connection, query: payload.query, variables: payload.variables ?? null };
        subscriptions.push(subscription);
        const { results, end } = answer(subscription);
        for (const result of results) send({ id: message.id, type: 'next', payload: result });
        if (end === 'complete') send({ id: message.id, type: 'complete' });
        else socket.terminate();
      }
    });
  });
  const closeConnections = () =>
    Promise.all(
      [...sockets].map(
        (socket) =>
          new Promise<void>((resolve) => {
            socket.once('close', () => resolve());
            socket.close(1000, 'bye');
          }),
      ),
    ).then(() => undefined);
  return {
    inits,
    subscriptions,
    closeConnections,
    close: async () => {
      await closeConnections();
      await new Promise<void>((resolve, reject) => wss.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
