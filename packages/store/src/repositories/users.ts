import type { Database } from '../database';

/** A person who signed in through a provider (or a service identity). */
export interface UserRecord {
  id: string;
  provider: string;
  subject: string;
  name: string | null;
  email: string | null;
  isAdmin: boolean;
  createdAt: Date;
}

interface UserRow {
  id: string;
  provider: string;
  subject: string;
  name: string | null;
  email: string | null;
  is_admin: boolean;
  created_at: Date;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  provider: r.provider,
  subject: r.subject,
  name: r.name,
  email: r.email,
  isAdmin: r.is_admin,
  createdAt: new Date(r.created_at),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keeps only well-formed UUIDs (a malformed id simply matches nothing instead of erroring). */
export function validUuids(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id) => UUID.test(id)))];
}

/** Users, keyed by (provider, subject) of their sign-in identity. */
export class UserRepository {
  constructor(private readonly db: Database) {}

  /** Creates or refreshes a user from a sign-in; `isAdmin` is only changed when given. */
  async upsertIdentity(identity: {
    provider: string;
    subject: string;
    name: string | null;
    email: string | null;
    isAdmin?: boolean;
  }): Promise<UserRecord> {
    const rows = await this.db.query<UserRow>(
      `INSERT INTO users (provider, subject, name, email, is_admin) VALUES ($1, $2, $3, $4, coalesce($5, false))
       ON CONFLICT (provider, subject) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email,
         is_admin = coalesce($5, users.is_admin), updated_at = now()
       RETURNING *`,
      [identity.provider, identity.subject, identity.name, identity.email, identity.isAdmin ?? null],
    );
    return toUser(rows[0] as UserRow);
  }

  /** Users with the given ids, in the order of `ids`; unknown and malformed ids are left out. */
  async get(ids: string[]): Promise<UserRecord[]> {
    const valid = validUuids(ids);
    if (valid.length === 0) return [];
    const rows = await this.db.query<UserRow>('SELECT * FROM users WHERE id = ANY($1::uuid[])', [valid]);
    const byId = new Map(rows.map((r) => [r.id, toUser(r)]));
    return ids.map((id) => byId.get(id)).filter((u): u is UserRecord => u !== undefined);
  }

  /** The user signed in as `subject` at `provider`, or null. */
  async findByIdentity(provider: string, subject: string): Promise<UserRecord | null> {
    const rows = await this.db.query<UserRow>('SELECT * FROM users WHERE provider = $1 AND subject = $2', [
      provider,
      subject,
    ]);
    return rows[0] ? toUser(rows[0]) : null;
  }
}
