/** One event of a message stream, as the API's MessageStreamEvent union delivers it. */
export type StreamEvent =
  | { __typename: 'TokenEvent'; content: string; index: number; seq: number }
  | {
      __typename: 'ControlEvent';
      type: 'THINKING' | 'COMPLETE' | 'ERROR' | 'INTERRUPTED' | 'MODEL_SWITCH';
      detail?: string | null;
      seq: number;
    }
  | { __typename: 'MetadataEvent'; tokenCount: number; modelName: string; promptTokens: number; seq: number }
  | { __typename: 'ErrorEvent'; code: string; message: string; retryInMs?: number | null; seq: number };

/** Where a streamed answer stands, as the chat shows it. */
export type StreamPhase = 'connecting' | 'thinking' | 'streaming' | 'complete' | 'interrupted' | 'error';

/** Everything the chat needs to render and resume a streaming answer. */
export interface StreamState {
  phase: StreamPhase;
  /** Token contents by index; a sparse record so replays and gaps are explicit. */
  tokens: Record<number, string>;
  /** Highest index received: the `after` argument when resuming. */
  lastIndex: number | null;
  model: string | null;
  tokenCount: number | null;
  error: { code: string; message: string; retryInMs: number | null } | null;
}

/** State before the first event arrives. */
export function initialStreamState(): StreamState {
  return { phase: 'connecting', tokens: {}, lastIndex: null, model: null, tokenCount: null, error: null };
}

/** True once the stream ended (no more events will come). */
export function isTerminal(phase: StreamPhase): boolean {
  return phase === 'complete' || phase === 'interrupted' || phase === 'error';
}

/** The answer text so far: tokens in index order. */
export function streamText(state: StreamState): string {
  return Object.keys(state.tokens)
    .map(Number)
    .sort((a, b) => a - b)
    .map((i) => state.tokens[i])
    .join('');
}

/**
 * Folds one event into the state. Tokens are deduplicated by index (a resumed or re-emitted
 * stream can repeat some), and nothing changes a stream that already ended.
 */
export function applyStreamEvent(state: StreamState, event: StreamEvent): StreamState {
  if (isTerminal(state.phase)) return state;
  switch (event.__typename) {
    case 'TokenEvent': {
      if (event.index in state.tokens) return state;
      return {
        ...state,
        phase: 'streaming',
        tokens: { ...state.tokens, [event.index]: event.content },
        lastIndex: state.lastIndex === null ? event.index : Math.max(state.lastIndex, event.index),
      };
    }
    case 'MetadataEvent':
      return { ...state, model: event.modelName, tokenCount: event.tokenCount };
    case 'ErrorEvent':
      return {
        ...state,
        phase: 'error',
        error: { code: event.code, message: event.message, retryInMs: event.retryInMs ?? null },
      };
    case 'ControlEvent':
      switch (event.type) {
        case 'THINKING':
          return state.phase === 'connecting' ? { ...state, phase: 'thinking' } : state;
        case 'COMPLETE':
          return { ...state, phase: 'complete' };
        case 'INTERRUPTED':
          return { ...state, phase: 'interrupted' };
        case 'ERROR':
          return {
            ...state,
            phase: 'error',
            error: state.error ?? { code: event.detail ?? 'INTERNAL', message: '', retryInMs: null },
          };
        case 'MODEL_SWITCH':
          return { ...state, model: event.detail ?? state.model };
      }
  }
  return state;
}
