import { ConversationView } from '@/chat/conversation-view';
import { routeId } from '@/chat/routes';

/** One conversation. */
export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const conversationId = routeId(id);
  return <ConversationView key={conversationId} id={conversationId} />;
}
