import { RustyError } from '@rustygpt/core';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';

/** The claims the web app puts in the session token it mints from the NextAuth session. */
export interface SessionClaims {
  /** Stable user id at the provider (NextAuth `token.sub`). */
  sub: string;
  name: string | null;
  email: string | null;
  /** Sign-in provider id (`github`, `apple`, `oidc`). */
  provider: string;
}

/** Verification settings of session tokens (HS256, shared secret with the web app). */
export interface SessionTokenOptions {
  secret: string;
  issuer: string;
  audience: string;
  maxAgeSeconds: number;
}

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Verifies signature, issuer, audience, expiry and age of a session token; throws UNAUTHENTICATED. */
export async function verifySessionToken(
  token: string,
  options: SessionTokenOptions,
): Promise<SessionClaims> {
  try {
    const { payload } = await jwtVerify(token, keyOf(options.secret), {
      algorithms: ['HS256'],
      issuer: options.issuer,
      audience: options.audience,
      maxTokenAge: `${options.maxAgeSeconds}s`,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    const provider =
      typeof payload.provider === 'string' && payload.provider !== '' ? payload.provider : null;
    if (!payload.sub || !provider) {
      throw new RustyError('UNAUTHENTICATED', 'session token lacks sub or provider');
    }
    return {
      sub: payload.sub,
      provider,
      name: typeof payload.name === 'string' ? payload.name : null,
      email: typeof payload.email === 'string' ? payload.email.toLowerCase() : null,
    };
  } catch (error) {
    if (error instanceof RustyError) throw error;
    const reason =
      error instanceof joseErrors.JWTExpired
        ? 'session token expired'
        : error instanceof joseErrors.JWTClaimValidationFailed
          ? `session token rejected: ${error.claim} ${error.reason}`
          : 'invalid session token';
    throw new RustyError('UNAUTHENTICATED', reason);
  }
}

/** Mints a session token the way the web app does (used by tests, the bench and docs examples). */
export async function signSessionToken(
  claims: SessionClaims,
  options: Pick<SessionTokenOptions, 'secret' | 'issuer' | 'audience'> & { expiresInSeconds?: number },
): Promise<string> {
  return new SignJWT({ name: claims.name, email: claims.email, provider: claims.provider })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(`${options.expiresInSeconds ?? 300}s`)
    .sign(keyOf(options.secret));
}
