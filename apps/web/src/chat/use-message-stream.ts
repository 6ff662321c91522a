'use client';

import { print } from 'graphql';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSocket } from '@/graphql/api-provider';
import { MessageStreamSubscription } from './documents';
import { clearStreamState, loadStreamState, saveStreamState } from './stream-storage';
import {
  applyStreamEvent,
  initialStreamState,
  isTerminal,
  type StreamEvent,
  type StreamState,
} from './stream-state';

const QUERY = print(MessageStreamSubscription);
const RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000];

/** A followed stream and the means to stop following it. */
export interface MessageStream {
  state: StreamState;
  /** Stops following at once: the text freezes and the phase becomes `interrupted`. */
  stop: () => void;
}

/**
 * Follows a streaming answer over graphql-ws. When the connection drops, or the page was
 * reloaded, it resubscribes with `after` = the last token index seen (kept in sessionStorage),
 * so no token is lost; tokens the server repeats are ignored by index. `onEnd` fires once the
 * stream terminates on the server's word.
 */
export function useMessageStream(
  messageId: string,
  enabled: boolean,
  onEnd?: (state: StreamState) => void,
): MessageStream {
  const socket = useSocket();
  const [state, setState] = useState<StreamState>(initialStreamState);
  const onEndRef = useRef(onEnd);
  const stopRef = useRef<() => void>(() => undefined);
  useEffect(() => {
    onEndRef.current = onEnd;
  }, [onEnd]);

  useEffect(() => {
    if (!enabled) return;
    let current = loadStreamState(messageId);
    let stopped = false;
    let iterator: AsyncIterator<unknown> | null = null;
    setState(current);

    const halt = () => {
      stopped = true;
      void iterator?.return?.();
    };
    stopRef.current = () => {
      halt();
      current = { ...current, phase: 'interrupted' };
      clearStreamState(messageId);
      setState(current);
    };

    const follow = async () => {
      for (let attempt = 0; !stopped; attempt++) {
        const subscription = socket.iterate<{ messageStream: StreamEvent }>({
          query: QUERY,
          variables: { messageId, after: current.lastIndex },
        });
        iterator = subscription;
        try {
          for await (const result of subscription) {
            if (stopped) return;
            const event = result.data?.messageStream;
            if (result.errors?.length) {
              const error = result.errors[0]!;
              const code = String(error.extensions?.code ?? 'INTERNAL');
              current = {
                ...current,
                phase: 'error',
                error: { code, message: error.message, retryInMs: null },
              };
            } else if (event) {
              current = applyStreamEvent(current, event);
              attempt = 0;
            }
            saveStreamState(messageId, current);
            setState(current);
            if (isTerminal(current.phase)) break;
          }
          // The server ended the subscription without a terminal event: the answer is done.
          if (!stopped && !isTerminal(current.phase)) {
            current = { ...current, phase: 'complete' };
            setState(current);
          }
        } catch (error) {
          if (stopped) return;
          // A GraphQL error list is final; a closed socket is retried below.
          if (Array.isArray(error)) {
            const first = error[0] as { message?: string; extensions?: { code?: string } } | undefined;
            current = {
              ...current,
              phase: 'error',
              error: {
                code: first?.extensions?.code ?? 'INTERNAL',
                message: first?.message ?? '',
                retryInMs: null,
              },
            };
            setState(current);
          }
        }
        if (stopped) return;
        if (isTerminal(current.phase)) {
          clearStreamState(messageId);
          onEndRef.current?.(current);
          return;
        }
        const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    };
    void follow();
    return halt;
  }, [enabled, messageId, socket]);

  const stop = useCallback(() => stopRef.current(), []);
  return { state, stop };
}
