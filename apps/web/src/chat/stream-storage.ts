import { initialStreamState, type StreamState } from './stream-state';

const PREFIX = 'rustygpt:stream:';

/** Restores the tokens seen before a reload, so the stream resumes `after` the last one. */
export function loadStreamState(messageId: string): StreamState {
  try {
    const raw = window.sessionStorage.getItem(PREFIX + messageId);
    if (!raw) return initialStreamState();
    const saved = JSON.parse(raw) as Pick<StreamState, 'tokens' | 'lastIndex'>;
    return { ...initialStreamState(), tokens: saved.tokens, lastIndex: saved.lastIndex };
  } catch {
    return initialStreamState();
  }
}

/** Remembers the tokens received so far (cleared when the stream ends). */
export function saveStreamState(messageId: string, state: StreamState): void {
  try {
    window.sessionStorage.setItem(
      PREFIX + messageId,
      JSON.stringify({ tokens: state.tokens, lastIndex: state.lastIndex }),
    );
  } catch {
    // Storage full or disabled: resuming falls back to replaying from the start.
  }
}

/** Forgets a finished stream. */
export function clearStreamState(messageId: string): void {
  try {
    window.sessionStorage.removeItem(PREFIX + messageId);
  } catch {
    // ignore
  }
}

/** True when this tab was following the message's stream and had not seen it end (a reload). */
export function hasUnfinishedStream(messageId: string): boolean {
  try {
    return window.sessionStorage.getItem(PREFIX + messageId) !== null;
  } catch {
    return false;
  }
}

/** Marks a reply this tab just asked for as followed, so its stream is shown from the start. */
export function followStream(messageId: string): void {
  saveStreamState(messageId, initialStreamState());
}
