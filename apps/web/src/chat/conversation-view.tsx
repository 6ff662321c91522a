'use client';

import { useCallback, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '@/i18n/i18n-provider';
import { Markdown } from '@/markdown/markdown';
import { AssistantMessage } from './assistant-message';
import { Composer } from './composer';
import { ConversationQuery, SendMessageMutation } from './documents';
import { followStream } from './stream-storage';

/** A conversation: its messages (answers stream live) and the question box. */
export function ConversationView({ id }: { id: string }) {
  const { t } = useI18n();
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: ConversationQuery,
    variables: { id, first: 200 },
  });
  const [, send] = useMutation(SendMessageMutation);
  const [failed, setFailed] = useState<{ question: string; code: string } | null>(null);
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  const ask = async (question: string): Promise<boolean> => {
    setFailed(null);
    const result = await send({ conversationId: id, content: question });
    if (result.error) {
      setFailed({
        question,
        code: String(result.error.graphQLErrors[0]?.extensions.code ?? 'NETWORK_ERROR'),
      });
    }
    if (result.data) followStream(result.data.sendMessage.id);
    refresh();
    return !result.error;
  };

  if (error && !data) {
    return (
      <section className="chat-panel">
        <p role="alert" className="error-text">
          {t('common.loadFailed')}{' '}
          <button type="button" className="button small" onClick={refresh}>
            {t('common.retry')}
          </button>
        </p>
      </section>
    );
  }
  const conversation = data?.conversation;
  if (data && !conversation) {
    return (
      <section className="chat-panel">
        <p role="alert">{t('chat.notFound')}</p>
      </section>
    );
  }
  const messages = conversation?.messages.edges.map((e) => e.node) ?? [];
  const streaming = messages.some((m) => m.status === 'STREAMING' || m.status === 'PENDING');
  return (
    <section className="chat-panel" aria-labelledby="conversation-title">
      <h1 id="conversation-title" className="conversation-title">
        {conversation?.title ?? (fetching ? t('common.loading') : '')}
      </h1>
      <div className="messages" role="log" aria-label={t('chat.messages')}>
        {messages.map((message, i) => {
          if (message.role !== 'ASSISTANT') {
            return (
              <article key={message.id} className="message user" data-testid="user-message">
                <h3 className="visually-hidden">{t('chat.you')}</h3>
                <Markdown source={message.content} />
              </article>
            );
          }
          const question = messages
            .slice(0, i)
            .reverse()
            .find((m) => m.role === 'USER')?.content;
          return (
            <AssistantMessage
              key={message.id}
              message={message}
              onStreamEnd={refresh}
              onRetry={question && !streaming ? () => void ask(question) : null}
            />
          );
        })}
      </div>
      {failed ? (
        <div role="alert" className="error-box" data-testid="send-error">
          <span>{t('chat.sendFailed', { code: failed.code })}</span>
          <button type="button" className="button small" onClick={() => void ask(failed.question)}>
            {t('common.retry')}
          </button>
        </div>
      ) : null}
      <Composer onSend={ask} disabled={streaming} />
    </section>
  );
}
