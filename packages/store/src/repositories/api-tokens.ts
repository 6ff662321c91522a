import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../database';
import { validUuids } from './users';

/** Prefix of personal API tokens (recognisable in logs and secret scanners). */
export const API_TOKEN_PREFIX = 'rgpt_';

/** A personal API token as stored: everything but the secret. */
export interface ApiTokenRecord {
  id: string;
  /** The user the token acts as. */
  userId: string;
  /** The owner's label for the token. */
  name: string;
  /** First characters of the secret (`rgpt_` and 6 more for minted tokens), to recognise it in lists. */
  prefix: string;
  /** Whether the token carries admin rights. */
  admin: boolean;
  createdAt: Date;
  /** Last successful verification; null when never used. */
  lastUsedAt: Date | null;
  /** Null while the token is valid. */
  revokedAt: Date | null;
}

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  is_admin: boolean;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const toToken = (r: TokenRow): ApiTokenRecord => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  prefix: r.prefix,
  admin: r.is_admin,
  createdAt: new Date(r.created_at),
  lastUsedAt: r.last_used_at ? new Date(r.last_used_at) : null,
  revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
});

/** sha256 (hex) of a token secret: the only form the database keeps. */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

const COLUMNS = 'id, user_id, name, prefix, is_admin, created_at, last_used_at, revoked_at';

/** Personal API tokens: hashed at rest, shown once, revocable. */
export class ApiTokenRepository {
  constructor(private readonly db: Database) {}

  /** Mints a token; the plaintext `secret` is returned here and never again. */
  async create(input: {
    userId: string;
    name: string;
    admin?: boolean;
  }): Promise<{ token: ApiTokenRecord; secret: string }> {
    const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const token = await this.createHashed({
      userId: input.userId,
      name: input.name,
      hash: hashToken(secret),
      prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
      admin: input.admin ?? false,
    });
    return { token, secret };
  }

  /** Stores a token minted elsewhere (only its hash and display prefix). */
  async createHashed(input: {
    userId: string;
    name: string;
    hash: string;
    prefix: string;
    admin: boolean;
  }): Promise<ApiTokenRecord> {
    const rows = await this.db.query<TokenRow>(
      `INSERT INTO api_tokens (user_id, name, token_hash, prefix, is_admin) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [input.userId, input.name, input.hash, input.prefix, input.admin],
    );
    return toToken(rows[0] as TokenRow);
  }

  /** The token record for a presented secret when it exists and is not revoked (records the use). */
  async verify(secret: string): Promise<ApiTokenRecord | null> {
    return this.findActiveByHash(hashToken(secret));
  }

  /** Like verify, for callers that hash themselves. */
  async findActiveByHash(hash: string): Promise<ApiTokenRecord | null> {
    const rows = await this.db.query<TokenRow>(
      `UPDATE api_tokens SET last_used_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [hash],
    );
    return rows[0] ? toToken(rows[0]) : null;
  }

  /** Tokens of `userId` (of every user when omitted), revoked ones included, newest first. */
  async list(userId?: string): Promise<ApiTokenRecord[]> {
    if (userId !== undefined && validUuids([userId]).length === 0) return [];
    const rows = await this.db.query<TokenRow>(
      `SELECT ${COLUMNS} FROM api_tokens WHERE ($1::uuid IS NULL OR user_id = $1::uuid) ORDER BY created_at DESC, id`,
      [userId ?? null],
    );
    return rows.map(toToken);
  }

  /** Revokes a token; false when it does not exist or was already revoked. */
  async revoke(id: string): Promise<boolean> {
    if (validUuids([id]).length === 0) return false;
    const rows = await this.db.query(
      'UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
      [id],
    );
    return rows.length > 0;
  }
}
