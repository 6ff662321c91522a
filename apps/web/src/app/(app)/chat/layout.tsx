import type { ReactNode } from 'react';
import { ConversationList } from '@/chat/conversation-list';

/** Chat pages: conversation list beside the open conversation. */
export default function ChatLayout({ children }: { children: ReactNode }) {
  return (
    <div className="chat-layout">
      <ConversationList />
      {children}
    </div>
  );
}
