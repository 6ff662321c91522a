import { describe, expect, it } from 'vitest';
import { signSessionToken, verifySessionToken } from './session-token';

const options = {
  secret: 's'.repeat(40),
  issuer: 'rustygpt-web',
  audience: 'rustygpt-api',
  maxAgeSeconds: 900,
};
const claims = { sub: 'gh|42', name: 'Ada', email: 'Ada@Example.org', provider: 'github' };

describe('session tokens', () => {
  it('round-trips the documented claims', async () => {
    const token = await signSessionToken(claims, options);
    expect(await verifySessionToken(token, options)).toEqual({ ...claims, email: 'ada@example.org' });
  });

  it('rejects a wrong secret, issuer or audience', async () => {
    const token = await signSessionToken(claims, options);
    await expect(verifySessionToken(token, { ...options, secret: 'x'.repeat(40) })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(verifySessionToken(token, { ...options, issuer: 'other' })).rejects.toThrow(/iss/);
    await expect(verifySessionToken(token, { ...options, audience: 'other' })).rejects.toThrow(/aud/);
  });

  it('rejects expired tokens and tokens older than the max age', async () => {
    const expired = await signSessionToken(claims, { ...options, expiresInSeconds: -10 });
    await expect(verifySessionToken(expired, options)).rejects.toThrow(/expired/);
    const long = await signSessionToken(claims, { ...options, expiresInSeconds: 3600 });
    await expect(verifySessionToken(long, { ...options, maxAgeSeconds: 10 })).resolves.toBeTruthy();
  });

  it('rejects a token without provider', async () => {
    const token = await signSessionToken({ ...claims, provider: '' }, options);
    await expect(verifySessionToken(token, options)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
