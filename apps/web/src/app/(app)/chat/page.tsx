import { NewConversation } from '@/chat/new-conversation';

/** A new conversation. */
export default function ChatPage() {
  return <NewConversation />;
}
