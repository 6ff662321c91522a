import { NotFoundError, ValidationError } from '@rustygpt/core';
import type { Database } from '../database';
import { validUuids } from './users';

/** A workspace: one tenant's knowledge graph. */
export interface WorkspaceRecord {
  id: number;
  /** Lower-case letters, digits and hyphens; unique. */
  slug: string;
  /** Display name. */
  name: string;
}

/** A member's role in a workspace (the API exposes it as the viewer's role). */
export type WorkspaceRole = 'member' | 'admin';

/** A workspace a user belongs to, with the user's role there. */
export interface MembershipRecord {
  workspace: WorkspaceRecord;
  role: WorkspaceRole;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Workspaces (tenants of the knowledge graph) and who may use them. */
export class WorkspaceRepository {
  constructor(private readonly db: Database) {}

  /**
   * Returns the workspace with this slug, creating it when missing (an existing one keeps its name).
   * @throws ValidationError (`BAD_USER_INPUT`) when the slug is not lower-case letters, digits and hyphens.
   */
  async ensure(slug: string, name: string): Promise<WorkspaceRecord> {
    if (!SLUG.test(slug))
      throw new ValidationError('slug must be lower-case letters, digits and hyphens', 'slug');
    const rows = await this.db.query<WorkspaceRecord>(
      `INSERT INTO workspaces (slug, name) VALUES ($1, $2)
       ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug
       RETURNING id, slug, name`,
      [slug, name],
    );
    const w = rows[0] as WorkspaceRecord;
    return { ...w, id: Number(w.id) };
  }

  /** The workspace with this id, or null. */
  async get(id: number): Promise<WorkspaceRecord | null> {
    const rows = await this.db.query<WorkspaceRecord>('SELECT id, slug, name FROM workspaces WHERE id = $1', [
      id,
    ]);
    return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
  }

  /** The workspace with this slug, or null. */
  async bySlug(slug: string): Promise<WorkspaceRecord | null> {
    const rows = await this.db.query<WorkspaceRecord>(
      'SELECT id, slug, name FROM workspaces WHERE slug = $1',
      [slug],
    );
    return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
  }

  /** Every workspace, ordered by id. */
  async list(): Promise<WorkspaceRecord[]> {
    const rows = await this.db.query<WorkspaceRecord>('SELECT id, slug, name FROM workspaces ORDER BY id');
    return rows.map((w) => ({ ...w, id: Number(w.id) }));
  }

  /** The workspaces `userId` is a member of, ordered by id (none for a malformed id). */
  async membershipsOf(userId: string): Promise<MembershipRecord[]> {
    if (validUuids([userId]).length === 0) return [];
    const rows = await this.db.query<{ id: number; slug: string; name: string; role: WorkspaceRole }>(
      `SELECT w.id, w.slug, w.name, m.role FROM workspace_members m JOIN workspaces w ON w.id = m.workspace_id
        WHERE m.user_id = $1 ORDER BY w.id`,
      [userId],
    );
    return rows.map((r) => ({ workspace: { id: Number(r.id), slug: r.slug, name: r.name }, role: r.role }));
  }

  /** Adds (or changes the role of) a member. */
  async addMember(workspaceId: number, userId: string, role: WorkspaceRole): Promise<void> {
    if (validUuids([userId]).length === 0) throw new NotFoundError('user', userId);
    await this.db.query(
      `INSERT INTO workspace_members (workspace_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [workspaceId, userId, role],
    );
  }

  /** Removes a member; false when the user was not a member. */
  async removeMember(workspaceId: number, userId: string): Promise<boolean> {
    if (validUuids([userId]).length === 0) return false;
    const rows = await this.db.query(
      'DELETE FROM workspace_members WHERE workspace_id = $1 AND user_id = $2 RETURNING user_id',
      [workspaceId, userId],
    );
    return rows.length > 0;
  }
}
