/**
 * What the API needs from persistence. The store's repositories and KnowledgeStore provide it;
 * `store-adapter.ts` wires them (and turns stream events into rows), so resolvers, the stream
 * runner and the job runner depend on this interface only.
 */
import type { DedupReview } from './dedup-review';
import type {
  ApiTokenRecord,
  ConversationRecord,
  JobPatch,
  JobRecord,
  KnowledgeStore,
  MembershipRecord,
  MessageRecord,
  MessageStatus,
  Page,
  UserRecord,
  WorkspaceRecord,
  WorkspaceRole,
} from '@rustygpt/store';
import type { StreamEvent } from '../streaming/events';

export type {
  ApiTokenRecord,
  ConversationRecord,
  JobRecord,
  JobState,
  MembershipRecord,
  MessageRecord,
  MessageStatus,
  Page,
  UserRecord,
  WorkspaceRecord,
  WorkspaceRole,
} from '@rustygpt/store';
export type { EntityUsage as UsageRecord, ImportSummary } from '@rustygpt/store';

/** One relationship row of a batched `relationshipsOf` read. */
export type RelationshipRow = Awaited<ReturnType<KnowledgeStore['relationshipsOf']>>[number];

/** Knowledge of one workspace: core's KnowledgePort plus the batch reads and writes the API uses. */
export type WorkspaceKnowledge = Pick<
  KnowledgeStore,
  | 'workspaceId'
  | 'getEntities'
  | 'getEntityByKey'
  | 'findByAlias'
  | 'traverse'
  | 'getRelationships'
  | 'relationshipsUnderPath'
  | 'searchEntitiesByVector'
  | 'resourcesForEntities'
  | 'getRun'
  | 'relationshipsOf'
  | 'usageOf'
  | 'versionsOf'
  | 'getResources'
  | 'countEntities'
  | 'listEntities'
  | 'upsertEntity'
  | 'updateEntity'
  | 'setAttributes'
  | 'deleteEntity'
  | 'mergeEntities'
  | 'upsertRelationships'
  | 'deleteRelationship'
  | 'upsertResource'
  | 'importBundle'
>;

/** Everything the API persists, across workspaces. */
export interface ApiData {
  knowledge(workspaceId: number): WorkspaceKnowledge;
  /** The duplicate review queue of a workspace. */
  dedup(workspaceId: number): DedupReview;
  users: {
    upsertIdentity(identity: {
      provider: string;
      subject: string;
      name: string | null;
      email: string | null;
      isAdmin?: boolean;
    }): Promise<UserRecord>;
    get(ids: string[]): Promise<UserRecord[]>;
    findByIdentity(provider: string, subject: string): Promise<UserRecord | null>;
  };
  workspaces: {
    ensure(slug: string, name: string): Promise<WorkspaceRecord>;
    list(): Promise<WorkspaceRecord[]>;
    membershipsOf(userId: string): Promise<MembershipRecord[]>;
    addMember(workspaceId: number, userId: string, role: WorkspaceRole): Promise<void>;
  };
  apiTokens: {
    create(input: {
      userId: string;
      name: string;
      hash: string;
      prefix: string;
      admin: boolean;
    }): Promise<ApiTokenRecord>;
    findActiveByHash(hash: string): Promise<ApiTokenRecord | null>;
    list(userId?: string): Promise<ApiTokenRecord[]>;
    revoke(id: string): Promise<boolean>;
  };
  conversations: {
    create(input: { userId: string; workspaceId: number; title: string }): Promise<ConversationRecord>;
    get(ids: string[]): Promise<ConversationRecord[]>;
    listByUser(userId: string, options: { first: number; offset: number }): Promise<Page<ConversationRecord>>;
  };
  messages: {
    create(input: {
      conversationId: string;
      userId: string;
      role: 'user' | 'assistant';
      content: string;
      status: MessageStatus;
    }): Promise<MessageRecord>;
    get(ids: string[]): Promise<MessageRecord[]>;
    listByConversations(conversationIds: string[]): Promise<MessageRecord[]>;
    update(
      id: string,
      patch: { content?: string; status?: MessageStatus; runId?: string | null },
    ): Promise<unknown>;
  };
  messageEvents: {
    /** Appends events (their `seq` already assigned) in one statement. */
    append(messageId: string, events: StreamEvent[]): Promise<void>;
    /** Events with seq greater than `afterSeq`, in order. */
    list(messageId: string, afterSeq: number): Promise<StreamEvent[]>;
  };
  jobs: {
    create(input: { kind: string; createdBy: string | null; total: number | null }): Promise<JobRecord>;
    get(id: string): Promise<JobRecord | null>;
    update(id: string, patch: JobPatch): Promise<JobRecord>;
    list(options: { first: number }): Promise<JobRecord[]>;
  };
  /** A cheap round trip for readiness. */
  ping(): Promise<void>;
}
