'use client';

import type { Client as WsClient } from 'graphql-ws';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createApiClient, createSocketClient, endpointsFor } from './client';
import { TokenSource } from './token-source';

const SocketContext = createContext<WsClient | null>(null);

/** Provides the urql client and the raw graphql-ws client (for resumable streams). */
export function ApiProvider({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const [clients] = useState(() => {
    const endpoints = endpointsFor(apiUrl);
    const tokens = new TokenSource();
    const socket = createSocketClient(endpoints, tokens);
    return { socket, client: createApiClient(endpoints, tokens, socket) };
  });
  return (
    <SocketContext.Provider value={clients.socket}>
      <Provider value={clients.client}>{children}</Provider>
    </SocketContext.Provider>
  );
}

/** The graphql-ws client, for subscriptions the caller resumes itself. */
export function useSocket(): WsClient {
  const socket = useContext(SocketContext);
  if (!socket) throw new Error('useSocket must be used inside <ApiProvider>');
  return socket;
}
