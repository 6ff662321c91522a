/**
 * Conversation steps several streaming tests share: ask a question in a new conversation, and
 * follow an answer over graphql-ws while stopping it at its first token.
 */
import type { GqlResult, TestApi } from './harness';
import { MESSAGE_STREAM, wsClient, type StreamEventView } from './streams';

const SEND_MESSAGE =
  'mutation ($c: ID!, $q: String!) { sendMessage(conversationId: $c, content: $q) { id } }';

/** Starts a conversation as `token` and sends `question`; returns the answer's message id. */
export async function askInNewConversation(
  api: Pick<TestApi, 'gql'>,
  token: string,
  question: string,
): Promise<string> {
  const conv = await api.gql<{ createConversation: { id: string } }>(
    'mutation { createConversation { id } }',
    {},
    { token },
  );
  const sent = await api.gql<{ sendMessage: { id: string } }>(
    SEND_MESSAGE,
    { c: conv.data!.createConversation.id, q: question },
    { token },
  );
  if (sent.errors) throw new Error(`sendMessage failed: ${JSON.stringify(sent.errors)}`);
  return sent.data!.sendMessage.id;
}

/** What a stop at the first token produced: every event received, and the cancel mutation's reply. */
export interface StoppedStream {
  events: StreamEventView[];
  cancel: GqlResult<{ cancelMessage: { status: string } }>;
}

/** Follows message `id` to its end, sending `cancelMessage` as soon as the first token arrives. */
export async function streamStoppingAtFirstToken(
  api: Pick<TestApi, 'gql' | 'wsUrl'>,
  token: string,
  id: string,
): Promise<StoppedStream> {
  const client = wsClient(api.wsUrl, token);
  const events: StreamEventView[] = [];
  let cancel: StoppedStream['cancel'] | undefined;
  try {
    for await (const result of client.iterate({ query: MESSAGE_STREAM, variables: { id } })) {
      const event = (result.data as { messageStream: StreamEventView }).messageStream;
      events.push(event);
      if (!cancel && event.__typename === 'TokenEvent') {
        cancel = await api.gql<{ cancelMessage: { status: string } }>(
          'mutation ($id: ID!) { cancelMessage(messageId: $id) { status } }',
          { id },
          { token },
        );
      }
    }
  } finally {
    await client.dispose();
  }
  if (!cancel) throw new Error('the stream ended before its first token, so it was never stopped');
  return { events, cancel };
}
