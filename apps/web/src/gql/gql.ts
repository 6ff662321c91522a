/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Conversations($first: Int!) {\n    conversations(first: $first) {\n      edges {\n        node {\n          id\n          title\n          updatedAt\n        }\n      }\n    }\n  }\n": typeof types.ConversationsDocument,
    "\n  query Conversation($id: ID!, $first: Int!) {\n    conversation(id: $id) {\n      id\n      title\n      messages(first: $first) {\n        edges {\n          node {\n            id\n            role\n            status\n            content\n            createdAt\n            run {\n              id\n            }\n            citations {\n              kind\n              label\n              uri\n              entity {\n                id\n                name\n                type\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConversationDocument,
    "\n  mutation CreateConversation($title: String) {\n    createConversation(title: $title) {\n      id\n      title\n    }\n  }\n": typeof types.CreateConversationDocument,
    "\n  mutation SendMessage($conversationId: ID!, $content: String!) {\n    sendMessage(conversationId: $conversationId, content: $content) {\n      id\n      status\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  mutation CancelMessage($messageId: ID!) {\n    cancelMessage(messageId: $messageId) {\n      id\n      status\n    }\n  }\n": typeof types.CancelMessageDocument,
    "\n  subscription MessageStream($messageId: ID!, $after: Int) {\n    messageStream(messageId: $messageId, after: $after) {\n      __typename\n      ... on TokenEvent {\n        content\n        index\n        seq\n      }\n      ... on ControlEvent {\n        type\n        detail\n        seq\n      }\n      ... on MetadataEvent {\n        tokenCount\n        modelName\n        promptTokens\n        seq\n      }\n      ... on ErrorEvent {\n        code\n        message\n        retryInMs\n        seq\n      }\n    }\n  }\n": typeof types.MessageStreamDocument,
    "\n  query Workflow {\n    workflow {\n      name\n      version\n      nodes {\n        name\n        inputs\n        outputs\n        priority\n      }\n      edges {\n        from\n        to\n        key\n      }\n    }\n  }\n": typeof types.WorkflowDocument,
    "\n  query ReasoningRun($id: ID!) {\n    workflow {\n      nodes {\n        name\n      }\n      edges {\n        from\n        to\n        key\n      }\n    }\n    reasoningRun(id: $id) {\n      id\n      question\n      answer\n      status\n      durationMs\n      startedAt\n      workflowVersion\n      steps {\n        id\n        node\n        order\n        pass\n        parentId\n        status\n        decision\n        reason\n        durationMs\n        startedAt\n        entityIds\n        entities {\n          id\n          name\n          type\n        }\n      }\n    }\n  }\n": typeof types.ReasoningRunDocument,
    "\n  query Traverse($from: [ID!]!, $depth: Int!, $first: Int!) {\n    traverse(from: $from, depth: $depth, first: $first) {\n      depth\n      pathWeight\n      entity {\n        id\n        name\n        type\n      }\n      via {\n        id\n        type\n        weight\n        from {\n          id\n        }\n        to {\n          id\n        }\n      }\n    }\n  }\n": typeof types.TraverseDocument,
    "\n  query EntityHeader($id: ID!) {\n    entity(id: $id) {\n      id\n      name\n      type\n    }\n  }\n": typeof types.EntityHeaderDocument,
    "\n  query SearchEntities($text: String!, $first: Int!) {\n    searchEntities(text: $text, first: $first) {\n      score\n      matchedBy\n      entity {\n        id\n        key\n        name\n        type\n        state\n      }\n    }\n  }\n": typeof types.SearchEntitiesDocument,
    "\n  query Entity($id: ID!) {\n    viewer {\n      id\n      isAdmin\n    }\n    entity(id: $id) {\n      id\n      key\n      name\n      type\n      state\n      version\n      aliases\n      createdAt\n      updatedAt\n      attributes {\n        name\n        values\n      }\n      usage {\n        count\n        lastAccessed\n      }\n      versions {\n        version\n        change\n        createdAt\n      }\n      resources {\n        confidence\n        resource {\n          id\n          uri\n          title\n          contentType\n        }\n      }\n      relationships(first: 100) {\n        edges {\n          node {\n            id\n            type\n            path\n            weight\n            from {\n              id\n              name\n            }\n            to {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.EntityDocument,
    "\n  query SimilarEntities($id: ID!, $first: Int!) {\n    similarEntities(id: $id, first: $first) {\n      score\n      matchedBy\n      entity {\n        id\n        key\n        name\n        type\n        state\n      }\n    }\n  }\n": typeof types.SimilarEntitiesDocument,
    "\n  mutation UpdateEntity($id: ID!, $patch: EntityPatch!, $expectedVersion: Int) {\n    updateEntity(id: $id, patch: $patch, expectedVersion: $expectedVersion) {\n      id\n      name\n      type\n      state\n      aliases\n      version\n    }\n  }\n": typeof types.UpdateEntityDocument,
    "\n  mutation MergeEntities($keep: ID!, $merge: [ID!]!) {\n    mergeEntities(keep: $keep, merge: $merge) {\n      id\n      name\n      aliases\n      version\n    }\n  }\n": typeof types.MergeEntitiesDocument,
    "\n  query ViewerRole {\n    viewer {\n      id\n      isAdmin\n    }\n  }\n": typeof types.ViewerRoleDocument,
    "\n  query DedupCandidates($first: Int!, $after: String) {\n    dedupCandidates(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          score\n          reason\n          entity1 {\n            id\n            key\n            name\n            type\n          }\n          entity2 {\n            id\n            key\n            name\n            type\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.DedupCandidatesDocument,
    "\n  mutation DecideDedupCandidate($id: ID!, $decision: DedupDecision!) {\n    decideDedupCandidate(id: $id, decision: $decision) {\n      state\n      mergeId\n      kept {\n        id\n        key\n        name\n        type\n      }\n    }\n  }\n": typeof types.DecideDedupCandidateDocument,
    "\n  mutation RollbackMerge($mergeId: Int!) {\n    rollbackMerge(mergeId: $mergeId) {\n      mergeId\n      kept {\n        id\n        name\n      }\n      restored {\n        id\n        name\n      }\n    }\n  }\n": typeof types.RollbackMergeDocument,
};
const documents: Documents = {
    "\n  query Conversations($first: Int!) {\n    conversations(first: $first) {\n      edges {\n        node {\n          id\n          title\n          updatedAt\n        }\n      }\n    }\n  }\n": types.ConversationsDocument,
    "\n  query Conversation($id: ID!, $first: Int!) {\n    conversation(id: $id) {\n      id\n      title\n      messages(first: $first) {\n        edges {\n          node {\n            id\n            role\n            status\n            content\n            createdAt\n            run {\n              id\n            }\n            citations {\n              kind\n              label\n              uri\n              entity {\n                id\n                name\n                type\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ConversationDocument,
    "\n  mutation CreateConversation($title: String) {\n    createConversation(title: $title) {\n      id\n      title\n    }\n  }\n": types.CreateConversationDocument,
    "\n  mutation SendMessage($conversationId: ID!, $content: String!) {\n    sendMessage(conversationId: $conversationId, content: $content) {\n      id\n      status\n    }\n  }\n": types.SendMessageDocument,
    "\n  mutation CancelMessage($messageId: ID!) {\n    cancelMessage(messageId: $messageId) {\n      id\n      status\n    }\n  }\n": types.CancelMessageDocument,
    "\n  subscription MessageStream($messageId: ID!, $after: Int) {\n    messageStream(messageId: $messageId, after: $after) {\n      __typename\n      ... on TokenEvent {\n        content\n        index\n        seq\n      }\n      ... on ControlEvent {\n        type\n        detail\n        seq\n      }\n      ... on MetadataEvent {\n        tokenCount\n        modelName\n        promptTokens\n        seq\n      }\n      ... on ErrorEvent {\n        code\n        message\n        retryInMs\n        seq\n      }\n    }\n  }\n": types.MessageStreamDocument,
    "\n  query Workflow {\n    workflow {\n      name\n      version\n      nodes {\n        name\n        inputs\n        outputs\n        priority\n      }\n      edges {\n        from\n        to\n        key\n      }\n    }\n  }\n": types.WorkflowDocument,
    "\n  query ReasoningRun($id: ID!) {\n    workflow {\n      nodes {\n        name\n      }\n      edges {\n        from\n        to\n        key\n      }\n    }\n    reasoningRun(id: $id) {\n      id\n      question\n      answer\n      status\n      durationMs\n      startedAt\n      workflowVersion\n      steps {\n        id\n        node\n        order\n        pass\n        parentId\n        status\n        decision\n        reason\n        durationMs\n        startedAt\n        entityIds\n        entities {\n          id\n          name\n          type\n        }\n      }\n    }\n  }\n": types.ReasoningRunDocument,
    "\n  query Traverse($from: [ID!]!, $depth: Int!, $first: Int!) {\n    traverse(from: $from, depth: $depth, first: $first) {\n      depth\n      pathWeight\n      entity {\n        id\n        name\n        type\n      }\n      via {\n        id\n        type\n        weight\n        from {\n          id\n        }\n        to {\n          id\n        }\n      }\n    }\n  }\n": types.TraverseDocument,
    "\n  query EntityHeader($id: ID!) {\n    entity(id: $id) {\n      id\n      name\n      type\n    }\n  }\n": types.EntityHeaderDocument,
    "\n  query SearchEntities($text: String!, $first: Int!) {\n    searchEntities(text: $text, first: $first) {\n      score\n      matchedBy\n      entity {\n        id\n        key\n        name\n        type\n        state\n      }\n    }\n  }\n": types.SearchEntitiesDocument,
    "\n  query Entity($id: ID!) {\n    viewer {\n      id\n      isAdmin\n    }\n    entity(id: $id) {\n      id\n      key\n      name\n      type\n      state\n      version\n      aliases\n      createdAt\n      updatedAt\n      attributes {\n        name\n        values\n      }\n      usage {\n        count\n        lastAccessed\n      }\n      versions {\n        version\n        change\n        createdAt\n      }\n      resources {\n        confidence\n        resource {\n          id\n          uri\n          title\n          contentType\n        }\n      }\n      relationships(first: 100) {\n        edges {\n          node {\n            id\n            type\n            path\n            weight\n            from {\n              id\n              name\n            }\n            to {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.EntityDocument,
    "\n  query SimilarEntities($id: ID!, $first: Int!) {\n    similarEntities(id: $id, first: $first) {\n      score\n      matchedBy\n      entity {\n        id\n        key\n        name\n        type\n        state\n      }\n    }\n  }\n": types.SimilarEntitiesDocument,
    "\n  mutation UpdateEntity($id: ID!, $patch: EntityPatch!, $expectedVersion: Int) {\n    updateEntity(id: $id, patch: $patch, expectedVersion: $expectedVersion) {\n      id\n      name\n      type\n      state\n      aliases\n      version\n    }\n  }\n": types.UpdateEntityDocument,
    "\n  mutation MergeEntities($keep: ID!, $merge: [ID!]!) {\n    mergeEntities(keep: $keep, merge: $merge) {\n      id\n      name\n      aliases\n      version\n    }\n  }\n": types.MergeEntitiesDocument,
    "\n  query ViewerRole {\n    viewer {\n      id\n      isAdmin\n    }\n  }\n": types.ViewerRoleDocument,
    "\n  query DedupCandidates($first: Int!, $after: String) {\n    dedupCandidates(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          score\n          reason\n          entity1 {\n            id\n            key\n            name\n            type\n          }\n          entity2 {\n            id\n            key\n            name\n            type\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.DedupCandidatesDocument,
    "\n  mutation DecideDedupCandidate($id: ID!, $decision: DedupDecision!) {\n    decideDedupCandidate(id: $id, decision: $decision) {\n      state\n      mergeId\n      kept {\n        id\n        key\n        name\n        type\n      }\n    }\n  }\n": types.DecideDedupCandidateDocument,
    "\n  mutation RollbackMerge($mergeId: Int!) {\n    rollbackMerge(mergeId: $mergeId) {\n      mergeId\n      kept {\n        id\n        name\n      }\n      restored {\n        id\n        name\n      }\n    }\n  }\n": types.RollbackMergeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Conversations($first: Int!) {\n    conversations(first: $first) {\n      edges {\n        node {\n          id\n          title\n          updatedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Conversations($first: Int!) {\n    conversations(first: $first) {\n      edges {\n        node {\n          id\n          title\n          updatedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Conversation($id: ID!, $first: Int!) {\n    conversation(id: $id) {\n      id\n      title\n      messages(first: $first) {\n        edges {\n          node {\n            id\n            role\n            status\n            content\n            createdAt\n            run {\n              id\n            }\n            citations {\n              kind\n              label\n              uri\n              entity {\n                id\n                name\n                type\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Conversation($id: ID!, $first: Int!) {\n    conversation(id: $id) {\n      id\n      title\n      messages(first: $first) {\n        edges {\n          node {\n            id\n            role\n            status\n            content\n            createdAt\n            run {\n              id\n            }\n            citations {\n              kind\n              label\n              uri\n              entity {\n                id\n                name\n                type\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateConversation($title: String) {\n    createConversation(title: $title) {\n      id\n      title\n    }\n  }\n"): (typeof documents)["\n  mutation CreateConversation($title: String) {\n    createConversation(title: $title) {\n      id\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($conversationId: ID!, $content: String!) {\n    sendMessage(conversationId: $conversationId, content: $content) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessage($conversationId: ID!, $content: String!) {\n    sendMessage(conversationId: $conversationId, content: $content) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelMessage($messageId: ID!) {\n    cancelMessage(messageId: $messageId) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation CancelMessage($messageId: ID!) {\n    cancelMessage(messageId: $messageId) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageStream($messageId: ID!, $after: Int) {\n    messageStream(messageId: $messageId, after: $after) {\n      __typename\n      ... on TokenEvent {\n        content\n        index\n        seq\n      }\n      ... on ControlEvent {\n        type\n        detail\n        seq\n      }\n      ... on MetadataEvent {\n        tokenCount\n        modelName\n        promptTokens\n        seq\n      }\n      ... on ErrorEvent {\n        code\n        message\n        retryInMs\n        seq\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MessageStream($messageId: ID!, $after: Int) {\n    messageStream(messageId: $messageId, after: $after) {\n      __typename\n      ... on TokenEvent {\n        content\n        index\n        seq\n      }\n      ... on ControlEvent {\n        type\n        detail\n        seq\n      }\n      ... on MetadataEvent {\n        tokenCount\n        modelName\n        promptTokens\n        seq\n      }\n      ... on ErrorEvent {\n        code\n        message\n        retryInMs\n        seq\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Workflow {\n    workflow {\n      name\n      version\n      nodes {\n        name\n        inputs\n        outputs\n        priority\n      }\n      edges {\n        from\n        to\n        key\n      }\n    }\n  }\n"): (typeof documents)["\n  query Workflow {\n    workflow {\n      name\n      version\n      nodes {\n        name\n        inputs\n        outputs\n        priority\n      }\n      edges {\n        from\n        to\n        key\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReasoningRun($id: ID!) {\n    workflow {\n      nodes {\n        name\n      }\n      edges {\n        from\n        to\n        key\n      }\n    }\n    reasoningRun(id: $id) {\n      id\n      question\n      answer\n      status\n      durationMs\n      startedAt\n      workflowVersion\n      steps {\n        id\n        node\n        order\n        pass\n        parentId\n        status\n        decision\n        reason\n        durationMs\n        startedAt\n        entityIds\n        entities {\n          id\n          name\n          type\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReasoningRun($id: ID!) {\n    workflow {\n      nodes {\n        name\n      }\n      edges {\n        from\n        to\n        key\n      }\n    }\n    reasoningRun(id: $id) {\n      id\n      question\n      answer\n      status\n      durationMs\n      startedAt\n      workflowVersion\n      steps {\n        id\n        node\n        order\n        pass\n        parentId\n        status\n        decision\n        reason\n        durationMs\n        startedAt\n        entityIds\n        entities {\n          id\n          name\n          type\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Traverse($from: [ID!]!, $depth: Int!, $first: Int!) {\n    traverse(from: $from, depth: $depth, first: $first) {\n      depth\n      pathWeight\n      entity {\n        id\n        name\n        type\n      }\n      via {\n        id\n        type\n        weight\n        from {\n          id\n        }\n        to {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Traverse($from: [ID!]!, $depth: Int!, $first: Int!) {\n    traverse(from: $from, depth: $depth, first: $first) {\n      depth\n      pathWeight\n      entity {\n        id\n        name\n        type\n      }\n      via {\n        id\n        type\n        weight\n        from {\n          id\n        }\n        to {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EntityHeader($id: ID!) {\n    entity(id: $id) {\n      id\n      name\n      type\n    }\n  }\n"): (typeof documents)["\n  query EntityHeader($id: ID!) {\n    entity(id: $id) {\n      id\n      name\n      type\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchEntities($text: String!, $first: Int!) {\n    searchEntities(text: $text, first: $first) {\n      score\n      matchedBy\n      entity {\n        id\n        key\n        name\n        type\n        state\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchEntities($text: String!, $first: Int!) {\n    searchEntities(text: $text, first: $first) {\n      score\n      matchedBy\n      entity {\n        id\n        key\n        name\n        type\n        state\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Entity($id: ID!) {\n    viewer {\n      id\n      isAdmin\n    }\n    entity(id: $id) {\n      id\n      key\n      name\n      type\n      state\n      version\n      aliases\n      createdAt\n      updatedAt\n      attributes {\n        name\n        values\n      }\n      usage {\n        count\n        lastAccessed\n      }\n      versions {\n        version\n        change\n        createdAt\n      }\n      resources {\n        confidence\n        resource {\n          id\n          uri\n          title\n          contentType\n        }\n      }\n      relationships(first: 100) {\n        edges {\n          node {\n            id\n            type\n            path\n            weight\n            from {\n              id\n              name\n            }\n            to {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Entity($id: ID!) {\n    viewer {\n      id\n      isAdmin\n    }\n    entity(id: $id) {\n      id\n      key\n      name\n      type\n      state\n      version\n      aliases\n      createdAt\n      updatedAt\n      attributes {\n        name\n        values\n      }\n      usage {\n        count\n        lastAccessed\n      }\n      versions {\n        version\n        change\n        createdAt\n      }\n      resources {\n        confidence\n        resource {\n          id\n          uri\n          title\n          contentType\n        }\n      }\n      relationships(first: 100) {\n        edges {\n          node {\n            id\n            type\n            path\n            weight\n            from {\n              id\n              name\n            }\n            to {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SimilarEntities($id: ID!, $first: Int!) {\n    similarEntities(id: $id, first: $first) {\n      score\n      matchedBy\n      entity {\n        id\n        key\n        name\n        type\n        state\n      }\n    }\n  }\n"): (typeof documents)["\n  query SimilarEntities($id: ID!, $first: Int!) {\n    similarEntities(id: $id, first: $first) {\n      score\n      matchedBy\n      entity {\n        id\n        key\n        name\n        type\n        state\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateEntity($id: ID!, $patch: EntityPatch!, $expectedVersion: Int) {\n    updateEntity(id: $id, patch: $patch, expectedVersion: $expectedVersion) {\n      id\n      name\n      type\n      state\n      aliases\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateEntity($id: ID!, $patch: EntityPatch!, $expectedVersion: Int) {\n    updateEntity(id: $id, patch: $patch, expectedVersion: $expectedVersion) {\n      id\n      name\n      type\n      state\n      aliases\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeEntities($keep: ID!, $merge: [ID!]!) {\n    mergeEntities(keep: $keep, merge: $merge) {\n      id\n      name\n      aliases\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation MergeEntities($keep: ID!, $merge: [ID!]!) {\n    mergeEntities(keep: $keep, merge: $merge) {\n      id\n      name\n      aliases\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ViewerRole {\n    viewer {\n      id\n      isAdmin\n    }\n  }\n"): (typeof documents)["\n  query ViewerRole {\n    viewer {\n      id\n      isAdmin\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DedupCandidates($first: Int!, $after: String) {\n    dedupCandidates(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          score\n          reason\n          entity1 {\n            id\n            key\n            name\n            type\n          }\n          entity2 {\n            id\n            key\n            name\n            type\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query DedupCandidates($first: Int!, $after: String) {\n    dedupCandidates(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          score\n          reason\n          entity1 {\n            id\n            key\n            name\n            type\n          }\n          entity2 {\n            id\n            key\n            name\n            type\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideDedupCandidate($id: ID!, $decision: DedupDecision!) {\n    decideDedupCandidate(id: $id, decision: $decision) {\n      state\n      mergeId\n      kept {\n        id\n        key\n        name\n        type\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DecideDedupCandidate($id: ID!, $decision: DedupDecision!) {\n    decideDedupCandidate(id: $id, decision: $decision) {\n      state\n      mergeId\n      kept {\n        id\n        key\n        name\n        type\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RollbackMerge($mergeId: Int!) {\n    rollbackMerge(mergeId: $mergeId) {\n      mergeId\n      kept {\n        id\n        name\n      }\n      restored {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RollbackMerge($mergeId: Int!) {\n    rollbackMerge(mergeId: $mergeId) {\n      mergeId\n      kept {\n        id\n        name\n      }\n      restored {\n        id\n        name\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;