'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useSocket } from '@/graphql/api-provider';
import { followMessageStream } from './stream-follower';
import { initialStreamState, type StreamState } from './stream-state';

/** A followed stream and the means to stop following it. */
export interface MessageStream {
  state: StreamState;
  /** Stops following at once: the text freezes and the phase becomes `interrupted`. */
  stop: () => void;
}

/**
 * Follows a streaming answer over graphql-ws (see `followMessageStream`: resumes after a
 * dropped connection or a reload without losing or repeating tokens). `onEnd` fires once the
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
    const follower = followMessageStream({
      socket,
      messageId,
      onState: setState,
      onEnd: (ended) => onEndRef.current?.(ended),
    });
    stopRef.current = follower.stop;
    return follower.halt;
  }, [enabled, messageId, socket]);

  const stop = useCallback(() => stopRef.current(), []);
  return { state, stop };
}
