import { graphql } from '@/gql';

/** The viewer's conversations for the sidebar. */
export const ConversationsQuery = graphql(`
  query Conversations($first: Int!) {
    conversations(first: $first) {
      edges {
        node {
          id
          title
          updatedAt
        }
      }
    }
  }
`);

/** One conversation with its messages and each answer's sources. */
export const ConversationQuery = graphql(`
  query Conversation($id: ID!, $first: Int!) {
    conversation(id: $id) {
      id
      title
      messages(first: $first) {
        edges {
          node {
            id
            role
            status
            content
            createdAt
            run {
              id
            }
            citations {
              kind
              label
              uri
              entity {
                id
                name
                type
              }
            }
          }
        }
      }
    }
  }
`);

/** Starts a conversation. */
export const CreateConversationMutation = graphql(`
  mutation CreateConversation($title: String) {
    createConversation(title: $title) {
      id
      title
    }
  }
`);

/** Asks a question; the reply comes back at once with status STREAMING. */
export const SendMessageMutation = graphql(`
  mutation SendMessage($conversationId: ID!, $content: String!) {
    sendMessage(conversationId: $conversationId, content: $content) {
      id
      status
    }
  }
`);

/** Stops a streaming answer. */
export const CancelMessageMutation = graphql(`
  mutation CancelMessage($messageId: ID!) {
    cancelMessage(messageId: $messageId) {
      id
      status
    }
  }
`);

/** The events of an answer, resumable after the last token index seen. */
export const MessageStreamSubscription = graphql(`
  subscription MessageStream($messageId: ID!, $after: Int) {
    messageStream(messageId: $messageId, after: $after) {
      __typename
      ... on TokenEvent {
        content
        index
        seq
      }
      ... on ControlEvent {
        type
        detail
        seq
      }
      ... on MetadataEvent {
        tokenCount
        modelName
        promptTokens
        seq
      }
      ... on ErrorEvent {
        code
        message
        retryInMs
        seq
      }
    }
  }
`);
