import { NotFoundError } from '@rustygpt/core';
import type { Database } from '../database';
import { validUuids } from './users';

/** A chat conversation of one user in one workspace. */
export interface ConversationRecord {
  id: string;
  /** The owner. */
  userId: string;
  workspaceId: number;
  title: string;
  createdAt: Date;
  /** Bumped by renames and by every new message. */
  updatedAt: Date;
}

/**
 * Where a message is: `pending` or `streaming` while its answer is being produced, then
 * `complete`, `error` or `cancelled`.
 */
export type MessageStatus = 'pending' | 'streaming' | 'complete' | 'error' | 'cancelled';
/** Who wrote a message: the user, the assistant (a reasoning run), or the system. */
export type MessageRole = 'user' | 'assistant' | 'system';

/** One message of a conversation. */
export interface MessageRecord {
  id: string;
  conversationId: string;
  userId: string;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  /** The reasoning run that produced an assistant message; null otherwise. */
  runId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A page of rows with whether more follow. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}

interface ConversationRow {
  id: string;
  user_id: string;
  workspace_id: number;
  title: string;
  created_at: Date;
  updated_at: Date;
}

interface MessageRow {
  id: string;
  conversation_id: string;
  user_id: string;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  run_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const toConversation = (r: ConversationRow): ConversationRecord => ({
  id: r.id,
  userId: r.user_id,
  workspaceId: Number(r.workspace_id),
  title: r.title,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

const toMessage = (r: MessageRow): MessageRecord => ({
  id: r.id,
  conversationId: r.conversation_id,
  userId: r.user_id,
  role: r.role,
  content: r.content,
  status: r.status,
  runId: r.run_id,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/** Conversations belong to a user and a workspace. */
export class ConversationRepository {
  constructor(private readonly db: Database) {}

  /** Starts a conversation. */
  async create(input: { userId: string; workspaceId: number; title: string }): Promise<ConversationRecord> {
    const rows = await this.db.query<ConversationRow>(
      'INSERT INTO conversations (user_id, workspace_id, title) VALUES ($1, $2, $3) RETURNING *',
      [input.userId, input.workspaceId, input.title],
    );
    return toConversation(rows[0] as ConversationRow);
  }

  /** Conversations with the given ids, in the order of `ids`; unknown and malformed ids are left out. */
  async get(ids: string[]): Promise<ConversationRecord[]> {
    const valid = validUuids(ids);
    if (valid.length === 0) return [];
    const rows = await this.db.query<ConversationRow>(
      'SELECT * FROM conversations WHERE id = ANY($1::uuid[])',
      [valid],
    );
    const byId = new Map(rows.map((r) => [r.id, toConversation(r)]));
    return ids.map((id) => byId.get(id)).filter((c): c is ConversationRecord => c !== undefined);
  }

  /** A user's conversations, most recently updated first. */
  async listByUser(
    userId: string,
    options: { first: number; offset?: number; workspaceId?: number },
  ): Promise<Page<ConversationRecord>> {
    if (validUuids([userId]).length === 0) return { items: [], hasNextPage: false };
    const first = Math.max(0, options.first);
    const rows = await this.db.query<ConversationRow>(
      `SELECT * FROM conversations WHERE user_id = $1 AND ($2::bigint IS NULL OR workspace_id = $2)
        ORDER BY updated_at DESC, id LIMIT $3 OFFSET $4`,
      [userId, options.workspaceId ?? null, first + 1, Math.max(0, options.offset ?? 0)],
    );
    return { items: rows.slice(0, first).map(toConversation), hasNextPage: rows.length > first };
  }

  /**
   * Changes a conversation's title.
   * @throws NotFoundError (`NOT_FOUND`) for an unknown or malformed id.
   */
  async rename(id: string, title: string): Promise<ConversationRecord> {
    const rows = validUuids([id]).length
      ? await this.db.query<ConversationRow>(
          'UPDATE conversations SET title = $2, updated_at = now() WHERE id = $1 RETURNING *',
          [id, title],
        )
      : [];
    if (!rows[0]) throw new NotFoundError('conversation', id);
    return toConversation(rows[0]);
  }

  /** Deletes a conversation with its messages; false when it did not exist. */
  async delete(id: string): Promise<boolean> {
    if (validUuids([id]).length === 0) return false;
    return (await this.db.query('DELETE FROM conversations WHERE id = $1 RETURNING id', [id])).length > 0;
  }
}

/** Messages of conversations; assistant messages carry their streaming status and run. */
export class MessageRepository {
  constructor(private readonly db: Database) {}

  /** Adds a message and bumps the conversation's `updatedAt`, in one transaction. */
  async create(input: {
    conversationId: string;
    userId: string;
    role: MessageRole;
    content: string;
    status: MessageStatus;
  }): Promise<MessageRecord> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<MessageRow>(
        'INSERT INTO messages (conversation_id, user_id, role, content, status) VALUES ($1, $2, $3, $4, $5) RETURNING *',
        [input.conversationId, input.userId, input.role, input.content, input.status],
      );
      await tx.query('UPDATE conversations SET updated_at = now() WHERE id = $1', [input.conversationId]);
      return toMessage(rows[0] as MessageRow);
    });
  }

  /** Messages with the given ids, in the order of `ids`; unknown and malformed ids are left out. */
  async get(ids: string[]): Promise<MessageRecord[]> {
    const valid = validUuids(ids);
    if (valid.length === 0) return [];
    const rows = await this.db.query<MessageRow>('SELECT * FROM messages WHERE id = ANY($1::uuid[])', [
      valid,
    ]);
    const byId = new Map(rows.map((r) => [r.id, toMessage(r)]));
    return ids.map((id) => byId.get(id)).filter((m): m is MessageRecord => m !== undefined);
  }

  /** Messages of several conversations, oldest first (one statement, for DataLoader batching). */
  async listByConversations(conversationIds: string[]): Promise<MessageRecord[]> {
    const valid = validUuids(conversationIds);
    if (valid.length === 0) return [];
    const rows = await this.db.query<MessageRow>(
      'SELECT * FROM messages WHERE conversation_id = ANY($1::uuid[]) ORDER BY conversation_id, created_at, id',
      [valid],
    );
    return rows.map(toMessage);
  }

  /**
   * Changes a message's content, status or run; fields left undefined keep their value.
   * @throws NotFoundError (`NOT_FOUND`) for an unknown or malformed id.
   */
  async update(
    id: string,
    patch: { content?: string; status?: MessageStatus; runId?: string | null },
  ): Promise<MessageRecord> {
    const rows = validUuids([id]).length
      ? await this.db.query<MessageRow>(
          `UPDATE messages SET content = coalesce($2, content), status = coalesce($3, status),
             run_id = CASE WHEN $4::boolean THEN $5::uuid ELSE run_id END, updated_at = now()
           WHERE id = $1 RETURNING *`,
          [id, patch.content ?? null, patch.status ?? null, patch.runId !== undefined, patch.runId ?? null],
        )
      : [];
    if (!rows[0]) throw new NotFoundError('message', id);
    return toMessage(rows[0]);
  }
}
