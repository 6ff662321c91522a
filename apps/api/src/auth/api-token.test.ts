import { describe, expect, it } from 'vitest';
import { hashApiToken, looksLikeApiToken, mintApiToken, sameHash } from './api-token';

describe('personal API tokens', () => {
  it('mints distinct secrets whose hash is what gets stored', () => {
    const a = mintApiToken();
    const b = mintApiToken();
    expect(a.secret).not.toBe(b.secret);
    expect(a.hash).toBe(hashApiToken(a.secret));
    expect(a.hash).not.toContain(a.secret);
    expect(a.secret.startsWith(a.prefix)).toBe(true);
    expect(sameHash(a.hash, hashApiToken(a.secret))).toBe(true);
    expect(sameHash(a.hash, b.hash)).toBe(false);
  });

  it('tells API tokens from JWTs', () => {
    expect(looksLikeApiToken(mintApiToken().secret)).toBe(true);
    expect(looksLikeApiToken('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
  });
});
