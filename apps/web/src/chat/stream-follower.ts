import { print } from 'graphql';
import type { Client as WsClient } from 'graphql-ws';
import { MessageStreamSubscription } from './documents';
import { clearStreamState, loadStreamState, saveStreamState } from './stream-storage';
import { applyStreamEvent, isTerminal, type StreamEvent, type StreamState } from './stream-state';

const QUERY = print(MessageStreamSubscription);
const RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000];

/** The part of the graphql-ws client that following a stream needs. */
export type StreamSocket = Pick<WsClient, 'iterate'>;

/** What to follow and whom to tell. */
export interface FollowOptions {
  socket: StreamSocket;
  messageId: string;
  /** Receives every new state, starting with the one restored from sessionStorage. */
  onState: (state: StreamState) => void;
  /** Fires once the stream terminates on the server's word. */
  onEnd: (state: StreamState) => void;
  /** Waits before resubscribing after a dropped connection; a timer unless given. */
  wait?: (ms: number) => Promise<void>;
}

/** A stream being followed. */
export interface StreamFollower {
  /** Stops quietly (the component went away): no more states, the saved tokens stay for a resume. */
  halt: () => void;
  /** Stops following at once: the text freezes and the phase becomes `interrupted`. */
  stop: () => void;
  /** Settles once following ended: the stream terminated, or it was halted or stopped. */
  done: Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Follows a streaming answer over graphql-ws. When the connection drops, or the page was
 * reloaded, it resubscribes with `after` = the last token index seen (kept in sessionStorage),
 * so no token is lost; tokens the server repeats are ignored by index. Reconnection backs off
 * from 250 ms to 4 s and starts over once an event arrives; a GraphQL error list is final.
 */
export function followMessageStream({
  socket,
  messageId,
  onState,
  onEnd,
  wait = sleep,
}: FollowOptions): StreamFollower {
  let current = loadStreamState(messageId);
  let stopped = false;
  let iterator: AsyncIterator<unknown> | null = null;
  onState(current);

  const halt = () => {
    stopped = true;
    void iterator?.return?.();
  };
  const stop = () => {
    halt();
    current = { ...current, phase: 'interrupted' };
    clearStreamState(messageId);
    onState(current);
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
          onState(current);
          if (isTerminal(current.phase)) break;
        }
        // The server ended the subscription without a terminal event: the answer is done.
        if (!stopped && !isTerminal(current.phase)) {
          current = { ...current, phase: 'complete' };
          onState(current);
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
          onState(current);
        }
      }
      if (stopped) return;
      if (isTerminal(current.phase)) {
        clearStreamState(messageId);
        onEnd(current);
        return;
      }
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!;
      await wait(delay);
    }
  };
  return { halt, stop, done: follow() };
}
