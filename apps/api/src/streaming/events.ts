/** Control signals of a message stream (the event types of the original SSE design). */
export type ControlType = 'THINKING' | 'COMPLETE' | 'ERROR' | 'INTERRUPTED' | 'MODEL_SWITCH';

/**
 * One event of a message's stream. `seq` orders every event of a message (1, 2, ...); token
 * events also carry `index`, the position of the token in the answer (0, 1, ...), which is what
 * a client passes back as `after` to resume.
 */
export type StreamEvent =
  | { kind: 'token'; seq: number; content: string; index: number }
  | { kind: 'control'; seq: number; type: ControlType; detail: string | null }
  | { kind: 'metadata'; seq: number; tokenCount: number; modelName: string; promptTokens: number }
  | { kind: 'error'; seq: number; code: string; message: string; retryInMs: number | null };

/** An event before the sink numbers it. */
export type UnsequencedEvent = StreamEvent extends infer E
  ? E extends StreamEvent
    ? Omit<E, 'seq'>
    : never
  : never;

/** True for the events after which a message's stream ends. */
export function isTerminal(event: StreamEvent): boolean {
  return (
    event.kind === 'control' &&
    (event.type === 'COMPLETE' || event.type === 'ERROR' || event.type === 'INTERRUPTED')
  );
}

/**
 * Decides which events a resuming client still needs, given the index of the last token it
 * received (`null`: everything). Tokens up to that index and the control events that preceded
 * them are dropped; metadata, errors and terminal events always pass. Stateful: feed events in
 * seq order.
 */
export function resumeFilter(afterIndex: number | null): (event: StreamEvent) => boolean {
  let resumed = afterIndex === null;
  return (event) => {
    if (resumed) return true;
    if (event.kind === 'token') {
      if (event.index <= (afterIndex ?? -1)) return false;
      resumed = true;
      return true;
    }
    if (event.kind === 'control' && !isTerminal(event)) return false;
    return true;
  };
}

/** Pub/sub channel carrying a message's events between API processes. */
export function messageChannel(messageId: string): string {
  return `rustygpt:message:${messageId}`;
}

/** Channel on which any process asks the process running a message to stop it. */
export const CANCEL_CHANNEL = 'rustygpt:message-cancel';

/** Pub/sub channel carrying a job's progress. */
export function jobChannel(jobId: string): string {
  return `rustygpt:job:${jobId}`;
}
