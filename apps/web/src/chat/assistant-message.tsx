'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useMutation } from 'urql';
import type { ConversationQuery as ConversationQueryResult } from '@/gql/graphql';
import { useI18n } from '@/i18n/i18n-provider';
import type { MessageKey } from '@/i18n/dictionary';
import { Markdown } from '@/markdown/markdown';
import { citationItems } from './citations';
import { CancelMessageMutation } from './documents';
import { runHref } from './routes';
import { isTerminal, streamText, type StreamPhase } from './stream-state';
import { hasUnfinishedStream } from './stream-storage';
import { useMessageStream } from './use-message-stream';

type MessageNode = NonNullable<ConversationQueryResult['conversation']>['messages']['edges'][number]['node'];

const PHASE_LABEL: Record<StreamPhase, MessageKey> = {
  connecting: 'stream.thinking',
  thinking: 'stream.thinking',
  streaming: 'stream.streaming',
  complete: 'stream.complete',
  interrupted: 'stream.interrupted',
  error: 'stream.error',
};

/** The phase a stored (not streaming) message is in. */
function storedPhase(status: MessageNode['status']): StreamPhase {
  switch (status) {
    case 'CANCELLED':
      return 'interrupted';
    case 'ERROR':
      return 'error';
    case 'PENDING':
      return 'thinking';
    case 'STREAMING':
      return 'streaming';
    default:
      return 'complete';
  }
}

/**
 * One answer: streamed token by token while it is being written (with a thinking indicator
 * and a stop button), then the stored text with its sources, its reasoning graph, and, when
 * it failed or was stopped, the error code and a retry.
 */
export function AssistantMessage({
  message,
  onStreamEnd,
  onRetry,
}: {
  message: MessageNode;
  onStreamEnd: () => void;
  onRetry: (() => void) | null;
}) {
  const { t } = useI18n();
  // A stream this tab was following before a reload is finished from where it stopped, even
  // when the server has completed it meanwhile (it replays the events after our last token).
  // Once followed, a stream stays on screen as received (a stop freezes it).
  const serverLive = message.status === 'STREAMING' || message.status === 'PENDING';
  const [following, setFollowing] = useState(() => hasUnfinishedStream(message.id));
  useEffect(() => {
    if (serverLive) setFollowing(true);
  }, [serverLive]);
  const live = serverLive || following;
  const { state: stream, stop } = useMessageStream(message.id, live, onStreamEnd);
  const [, cancel] = useMutation(CancelMessageMutation);
  const [stopping, setStopping] = useState(false);
  // While following (and after a stop or error) the streamed tokens are shown; once the
  // stream completed, the stored message is the truth.
  const showStream = live && !(stream.phase === 'complete' && !serverLive && message.content !== '');
  const phase = showStream ? stream.phase : storedPhase(message.status);
  const text = showStream ? streamText(stream) : message.content || streamText(stream);
  const citations = citationItems(message.citations);
  const waiting = phase === 'connecting' || phase === 'thinking';
  const error = phase === 'error' ? (stream.error ?? { code: 'ERROR', message: '', retryInMs: null }) : null;

  return (
    <article
      className={`message assistant phase-${phase}`}
      aria-busy={showStream && !isTerminal(phase)}
      data-testid="assistant-message"
      data-phase={phase}
    >
      <h3 className="visually-hidden">{t('chat.assistant')}</h3>
      {waiting ? (
        <p className="thinking" role="status" data-testid="thinking">
          <span className="dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {t('stream.thinking')}
        </p>
      ) : null}
      <div className="message-body" data-testid="answer-text">
        <Markdown source={text} />
        {phase === 'streaming' ? <span className="caret" aria-hidden="true" /> : null}
      </div>
      <div className="message-meta">
        <span className={`badge badge-${phase}`} data-testid="message-status">
          {t(PHASE_LABEL[phase])}
        </span>
        {showStream && !isTerminal(phase) ? (
          <button
            type="button"
            className="button danger small"
            disabled={stopping}
            data-testid="stop-button"
            onClick={() => {
              setStopping(true);
              stop();
              void cancel({ messageId: message.id }).finally(() => setStopping(false));
            }}
          >
            {stopping ? t('stream.stopping') : t('stream.stop')}
          </button>
        ) : null}
        {message.run ? (
          <Link href={runHref(message.run.id)} className="small-link" data-testid="run-link">
            {t('chat.reasoningGraph')}
          </Link>
        ) : null}
      </div>
      {error ? (
        <div role="alert" className="error-box" data-testid="message-error">
          <strong>{t('stream.errorCode', { code: error.code })}</strong>
          {error.message ? <span> {error.message}</span> : null}
          {onRetry ? (
            <button type="button" className="button small" onClick={onRetry}>
              {t('common.retry')}
            </button>
          ) : null}
        </div>
      ) : null}
      {phase === 'interrupted' && onRetry ? (
        <button type="button" className="button small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
      {citations.length > 0 && !(showStream && !isTerminal(phase)) ? (
        <section className="citations" aria-label={t('chat.sources')}>
          <h4>{t('chat.sources')}</h4>
          <ol>
            {citations.map((c) => (
              <li key={c.key}>
                {c.href && !c.external ? (
                  <Link href={c.href} data-testid="citation">
                    {c.label}
                  </Link>
                ) : c.href ? (
                  <a href={c.href} target="_blank" rel="noopener noreferrer" data-testid="citation">
                    {c.label}
                  </a>
                ) : (
                  <span data-testid="citation">{c.label}</span>
                )}
                {c.type ? <span className="muted"> ({c.type})</span> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  );
}
