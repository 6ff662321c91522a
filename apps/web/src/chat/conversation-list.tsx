'use client';

import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useQuery } from 'urql';
import { useI18n } from '@/i18n/i18n-provider';
import { ConversationsQuery } from './documents';
import { conversationHref, routeId } from './routes';

/** Sidebar: the viewer's conversations, newest first, and a button for a new one. */
export function ConversationList() {
  const { t } = useI18n();
  const params = useParams<{ id?: string }>();
  const currentId = params.id ? routeId(params.id) : null;
  const [{ data, fetching, error }] = useQuery({ query: ConversationsQuery, variables: { first: 50 } });
  const conversations = data?.conversations.edges.map((e) => e.node) ?? [];
  return (
    <aside className="conversation-list" aria-label={t('chat.conversations')}>
      <Link href="/chat" className="button primary new-chat">
        {t('chat.new')}
      </Link>
      <h2 className="sidebar-title">{t('chat.conversations')}</h2>
      {error ? <p className="error-text">{t('common.loadFailed')}</p> : null}
      {fetching && !data ? <p className="muted">{t('common.loading')}</p> : null}
      {data && conversations.length === 0 ? <p className="muted">{t('chat.noConversations')}</p> : null}
      <ul>
        {conversations.map((c) => (
          <li key={c.id}>
            <Link href={conversationHref(c.id)} aria-current={c.id === currentId ? 'page' : undefined}>
              {c.title || t('chat.untitled')}
            </Link>
          </li>
        ))}
      </ul>
    </aside>
  );
}
