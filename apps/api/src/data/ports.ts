/**
 * What the API needs from persistence, in the API's own terms. One adapter
 * (`store-adapter.ts`) implements it over @rustygpt/store; resolvers and the stream runner see
 * only this, so a change in the store touches one file.
 */
import type {
  AttributeValue,
  Direction,
  Entity,
  EntityInput,
  EntityVersion,
  ExternalResource,
  KnowledgeBundle,
  KnowledgePort,
  Relationship,
  RelationshipInput,
  ResourceInput,
} from '@rustygpt/core';
import type { StreamEvent } from '../streaming/events';

export interface UserRecord {
  id: string;
  provider: string;
  subject: string;
  name: string | null;
  email: string | null;
  isAdmin: boolean;
  createdAt: Date;
}

export interface WorkspaceRecord {
  id: number;
  slug: string;
  name: string;
}

export type WorkspaceRole = 'member' | 'admin';

export interface MembershipRecord {
  workspace: WorkspaceRecord;
  role: WorkspaceRole;
}

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  admin: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface ConversationRecord {
  id: string;
  userId: string;
  workspaceId: number;
  title: string;
  createdAt: Date;
  updatedAt: Date;
}

export type MessageStatus = 'pending' | 'streaming' | 'complete' | 'error' | 'cancelled';

export interface MessageRecord {
  id: string;
  conversationId: string;
  userId: string;
  role: 'user' | 'assistant';
  content: string;
  status: MessageStatus;
  runId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobRecord {
  id: string;
  kind: string;
  state: JobState;
  /** Fraction done in [0, 1]. */
  progress: number;
  processed: number;
  total: number | null;
  message: string | null;
  error: string | null;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** A page of rows ordered by creation, newest first, with an opaque cursor for the next page. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}

export interface UsageRecord {
  entityId: number;
  usageCount: number;
  lastAccessed: Date | null;
}

export interface RelationshipRow {
  relationship: Relationship;
  /** The entity the row was asked for. */
  entityId: number;
  direction: 'out' | 'in';
}

/** Knowledge of one workspace: core's read port plus the writes and batch reads the API needs. */
export interface WorkspaceKnowledge extends KnowledgePort {
  /** Relationships touching any of `entityIds` (one statement for all ids: DataLoader batches). */
  relationshipsOf(
    entityIds: number[],
    options: { direction: Direction; types?: string[] },
  ): Promise<RelationshipRow[]>;
  usageOf(entityIds: number[]): Promise<UsageRecord[]>;
  versionsOf(entityIds: number[]): Promise<EntityVersion[]>;
  getResources(ids: number[]): Promise<ExternalResource[]>;
  countEntities(): Promise<number>;
  listEntities(options: { first: number; offset: number; types?: string[] }): Promise<Entity[]>;
  upsertEntity(input: EntityInput): Promise<Entity>;
  updateEntity(
    id: number,
    patch: { name?: string; type?: string; aliases?: string[]; state?: Entity['state'] },
    expectedVersion?: number,
  ): Promise<Entity>;
  setAttributes(id: number, attributes: Record<string, AttributeValue | null>): Promise<Entity>;
  deleteEntity(id: number): Promise<void>;
  mergeEntities(keepId: number, mergeIds: number[]): Promise<Entity>;
  upsertRelationships(inputs: RelationshipInput[]): Promise<Relationship[]>;
  deleteRelationship(id: number): Promise<void>;
  upsertResource(input: ResourceInput): Promise<ExternalResource>;
  importBundle(
    bundle: KnowledgeBundle,
  ): Promise<{ entities: number; relationships: number; resources: number }>;
}

/** Everything the API persists, across workspaces. */
export interface ApiData {
  knowledge(workspaceId: number): WorkspaceKnowledge;
  users: {
    upsertIdentity(identity: {
      provider: string;
      subject: string;
      name: string | null;
      email: string | null;
      isAdmin?: boolean;
    }): Promise<UserRecord>;
    get(ids: string[]): Promise<UserRecord[]>;
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
    ): Promise<void>;
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
    update(
      id: string,
      patch: Partial<Omit<JobRecord, 'id' | 'kind' | 'createdAt' | 'createdBy'>>,
    ): Promise<JobRecord>;
    list(options: { first: number }): Promise<JobRecord[]>;
  };
  /** A cheap round trip for readiness. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
