import { errors, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { anEnv } from '../../test/support/env';
import { apiTokenSettings, mintApiToken, type ApiTokenClaims, type ApiTokenSettings } from './api-token';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const key = (secret: string) => new TextEncoder().encode(secret);

const settings = (overrides: Partial<ApiTokenSettings> = {}): ApiTokenSettings => ({
  secret: SECRET,
  issuer: 'rustygpt-web',
  audience: 'rustygpt-api',
  ttlSeconds: 300,
  ...overrides,
});

const ada: ApiTokenClaims = { sub: 'github|42', name: 'Ada', email: 'ada@example.org', provider: 'github' };

describe('apiTokenSettings', () => {
  it('is null without a secret, or with one too short to sign safely', () => {
    expect(apiTokenSettings(anEnv())).toBeNull();
    expect(apiTokenSettings(anEnv({ RUSTYGPT_JWT_SECRET: '' }))).toBeNull();
    expect(apiTokenSettings(anEnv({ RUSTYGPT_JWT_SECRET: 'x'.repeat(31) }))).toBeNull();
  });

  it('defaults issuer, audience and a five-minute lifetime', () => {
    expect(apiTokenSettings(anEnv({ RUSTYGPT_JWT_SECRET: SECRET }))).toEqual(settings());
  });

  it('takes issuer, audience and lifetime from the environment', () => {
    expect(
      apiTokenSettings(
        anEnv({
          RUSTYGPT_JWT_SECRET: SECRET,
          RUSTYGPT_JWT_ISSUER: 'web.example',
          RUSTYGPT_JWT_AUDIENCE: 'api.example',
          RUSTYGPT_WEB_TOKEN_TTL_S: '90.7',
        }),
      ),
    ).toEqual(settings({ issuer: 'web.example', audience: 'api.example', ttlSeconds: 90 }));
  });

  it('ignores a lifetime that is not a number or shorter than 30 s', () => {
    for (const ttl of ['soon', '29', '-5', 'Infinity']) {
      expect(
        apiTokenSettings(anEnv({ RUSTYGPT_JWT_SECRET: SECRET, RUSTYGPT_WEB_TOKEN_TTL_S: ttl }))?.ttlSeconds,
      ).toBe(300);
    }
  });
});

describe('mintApiToken', () => {
  const now = new Date('2030-01-01T12:00:00Z');
  const nowS = now.getTime() / 1000;

  it('signs an HS256 token the API verifies with the same secret, issuer and audience', async () => {
    const minted = await mintApiToken(ada, settings(), now);
    const { payload, protectedHeader } = await jwtVerify(minted.token, key(SECRET), {
      issuer: 'rustygpt-web',
      audience: 'rustygpt-api',
      currentDate: now,
    });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({
      sub: 'github|42',
      name: 'Ada',
      email: 'ada@example.org',
      provider: 'github',
      iss: 'rustygpt-web',
      aud: 'rustygpt-api',
      iat: nowS,
      exp: nowS + 300,
    });
    expect(minted.expiresAt).toBe((nowS + 300) * 1000);
  });

  it('keeps missing name and email as null claims', async () => {
    const minted = await mintApiToken({ ...ada, name: null, email: null }, settings(), now);
    const { payload } = await jwtVerify(minted.token, key(SECRET), { currentDate: now });
    expect(payload).toMatchObject({ name: null, email: null });
  });

  it('is rejected once its lifetime has passed', async () => {
    const minted = await mintApiToken(ada, settings({ ttlSeconds: 60 }), now);
    const later = new Date(now.getTime() + 61_000);
    await expect(jwtVerify(minted.token, key(SECRET), { currentDate: later })).rejects.toBeInstanceOf(
      errors.JWTExpired,
    );
  });

  it('is rejected by an API with another secret, issuer or audience', async () => {
    const { token } = await mintApiToken(ada, settings(), now);
    const options = { currentDate: now };
    await expect(jwtVerify(token, key(`${SECRET}-other`), options)).rejects.toBeInstanceOf(
      errors.JWSSignatureVerificationFailed,
    );
    await expect(jwtVerify(token, key(SECRET), { ...options, issuer: 'someone-else' })).rejects.toThrow(
      /"iss"/,
    );
    await expect(jwtVerify(token, key(SECRET), { ...options, audience: 'another-api' })).rejects.toThrow(
      /"aud"/,
    );
  });
});
