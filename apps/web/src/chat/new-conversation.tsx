'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useI18n } from '@/i18n/i18n-provider';
import { Composer } from './composer';
import { CreateConversationMutation, SendMessageMutation } from './documents';
import { conversationHref } from './routes';
import { followStream } from './stream-storage';

/** Empty chat: the first question creates the conversation, then opens it. */
export function NewConversation() {
  const { t } = useI18n();
  const router = useRouter();
  const [, create] = useMutation(CreateConversationMutation);
  const [, send] = useMutation(SendMessageMutation);
  const [error, setError] = useState<string | null>(null);
  const onSend = async (question: string): Promise<boolean> => {
    setError(null);
    const created = await create({ title: question.slice(0, 80) });
    const id = created.data?.createConversation.id;
    if (!id) {
      setError(String(created.error?.graphQLErrors[0]?.extensions.code ?? 'NETWORK_ERROR'));
      return false;
    }
    const sent = await send({ conversationId: id, content: question });
    if (sent.error) setError(String(sent.error.graphQLErrors[0]?.extensions.code ?? 'NETWORK_ERROR'));
    if (sent.data) followStream(sent.data.sendMessage.id);
    router.push(conversationHref(id));
    return !sent.error;
  };
  return (
    <section className="chat-panel" aria-labelledby="new-chat-title">
      <div className="chat-empty">
        <h1 id="new-chat-title">{t('chat.welcome')}</h1>
        <p className="muted">{t('chat.welcomeHint')}</p>
        {error ? (
          <p role="alert" className="error-text">
            {t('chat.sendFailed', { code: error })}
          </p>
        ) : null}
      </div>
      <Composer onSend={onSend} />
    </section>
  );
}
