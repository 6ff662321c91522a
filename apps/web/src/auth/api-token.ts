import { SignJWT } from 'jose';

/** Who the API token speaks for (claims the API verifies). */
export interface ApiTokenClaims {
  sub: string;
  name: string | null;
  email: string | null;
  provider: string;
}

/** How API tokens are signed; must match the API's RUSTYGPT_JWT_* settings. */
export interface ApiTokenSettings {
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** Reads the token settings from the environment; null when RUSTYGPT_JWT_SECRET is missing. */
export function apiTokenSettings(env: NodeJS.ProcessEnv = process.env): ApiTokenSettings | null {
  const secret = env.RUSTYGPT_JWT_SECRET;
  if (!secret || secret.length < 32) return null;
  const ttl = Number(env.RUSTYGPT_WEB_TOKEN_TTL_S ?? 300);
  return {
    secret,
    issuer: env.RUSTYGPT_JWT_ISSUER ?? 'rustygpt-web',
    audience: env.RUSTYGPT_JWT_AUDIENCE ?? 'rustygpt-api',
    ttlSeconds: Number.isFinite(ttl) && ttl >= 30 ? Math.floor(ttl) : 300,
  };
}

/**
 * Mints the short-lived HS256 token the browser sends to the API (Bearer header and graphql-ws
 * connectionParams), so the API never needs the NextAuth cookie or secret.
 */
export async function mintApiToken(
  claims: ApiTokenClaims,
  settings: ApiTokenSettings,
  now: Date = new Date(),
): Promise<{ token: string; expiresAt: number }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + settings.ttlSeconds;
  const token = await new SignJWT({ name: claims.name, email: claims.email, provider: claims.provider })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(settings.secret));
  return { token, expiresAt: exp * 1000 };
}
