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

/** The seq to resume after, given the last token index a client received (`null`: from the start). */
export function resumeSeq(history: StreamEvent[], afterIndex: number | null): number {
  if (afterIndex === null) return 0;
  let seq = 0;
  for (const event of history) {
    if (event.kind === 'token' && event.index <= afterIndex) seq = Math.max(seq, event.seq);
  }
  return seq;
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
