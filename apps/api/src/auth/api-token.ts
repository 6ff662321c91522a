import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix that makes personal API tokens recognisable (and distinguishable from JWTs). */
export const API_TOKEN_PREFIX = 'rgpt_';

/** A freshly minted personal API token: the secret is shown once, only the hash is stored. */
export interface MintedApiToken {
  secret: string;
  hash: string;
  /** First characters, stored to let users tell their tokens apart. */
  prefix: string;
}

/** sha256 of a token secret, hex: what the database stores and looks up. */
export function hashApiToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Mints a new random token (256 bits). */
export function mintApiToken(): MintedApiToken {
  const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashApiToken(secret), prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6) };
}

/** True when a bearer credential has the shape of a personal API token. */
export function looksLikeApiToken(credential: string): boolean {
  return credential.startsWith(API_TOKEN_PREFIX) && credential.length > API_TOKEN_PREFIX.length + 20;
}

/** Constant-time comparison of two hex hashes. */
export function sameHash(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
