import { NotFoundError, ValidationError } from '@rustygpt/core';
import type { Database } from '../database';
import { validUuids } from './users';

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

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Workspaces (tenants of the knowledge graph) and who may use them. */
export class WorkspaceRepository {
  constructor(private readonly db: Database) {}

  /** Returns the workspace with this slug, creating it when missing. */
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

  async get(id: number): Promise<WorkspaceRecord | null> {
    const rows = await this.db.query<WorkspaceRecord>('SELECT id, slug, name FROM workspaces WHERE id = $1', [
      id,
    ]);
    return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
  }

  async bySlug(slug: string): Promise<WorkspaceRecord | null> {
    const rows = await this.db.query<WorkspaceRecord>(
      'SELECT id, slug, name FROM workspaces WHERE slug = $1',
      [slug],
    );
    return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
  }

  async list(): Promise<WorkspaceRecord[]> {
    const rows = await this.db.query<WorkspaceRecord>('SELECT id, slug, name FROM workspaces ORDER BY id');
    return rows.map((w) => ({ ...w, id: Number(w.id) }));
  }

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

  async removeMember(workspaceId: number, userId: string): Promise<boolean> {
    if (validUuids([userId]).length === 0) return false;
    const rows = await this.db.query(
      'DELETE FROM workspace_members WHERE workspace_id = $1 AND user_id = $2 RETURNING user_id',
      [workspaceId, userId],
    );
    return rows.length > 0;
  }
}
