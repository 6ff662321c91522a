import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, hashToken, type Repositories } from '../src/index';
import { openTestDatabase, type TestDatabase } from './support/modes';

// Personal API tokens as their owner sees them: the secret is shown once and only its hash is
// kept, a token verifies (and records its use) until revoked, lists show a user's tokens newest
// first with revoked ones included. One embedded database; every test uses users of its own.
describe('api token repository (embedded)', () => {
  let t: TestDatabase;
  let repos: Repositories;

  beforeAll(async () => {
    t = await openTestDatabase('embedded');
    repos = createRepositories(t.db);
  }, 60_000);
  afterAll(async () => t?.close());

  const aUser = () =>
    repos.users.upsertIdentity({ provider: 'test', subject: randomUUID(), name: 'Ada', email: null });
  /** Moves a token's creation time (orders lists without depending on the clock). */
  const createdAt = (id: string, iso: string) =>
    t.db.query('UPDATE api_tokens SET created_at = $2 WHERE id = $1', [id, iso]);

  it('hashes a secret as lower-case hex sha256 of its UTF-8 bytes', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken('é')).toBe('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
  });

  it('mints an rgpt_ secret of 32 random bytes, shown with a display prefix, not an admin by default', async () => {
    const user = await aUser();
    const { token, secret } = await repos.apiTokens.create({ userId: user.id, name: 'laptop' });
    expect(secret).toMatch(/^rgpt_[A-Za-z0-9_-]{43}$/);
    expect(token).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      userId: user.id,
      name: 'laptop',
      prefix: secret.slice(0, 11),
      admin: false,
      createdAt: expect.any(Date),
      lastUsedAt: null,
      revokedAt: null,
    });
    const other = await repos.apiTokens.create({ userId: user.id, name: 'laptop' });
    expect(other.secret).not.toBe(secret);
  });

  it('keeps only the hash of a minted secret', async () => {
    const user = await aUser();
    const { token, secret } = await repos.apiTokens.create({ userId: user.id, name: 'ci', admin: true });
    const rows = await t.db.query<{ token_hash: string; is_admin: boolean }>(
      'SELECT token_hash, is_admin FROM api_tokens WHERE id = $1',
      [token.id],
    );
    expect(rows).toEqual([{ token_hash: hashToken(secret), is_admin: true }]);
  });

  it('verifies a secret to its token and records when it was last used', async () => {
    const user = await aUser();
    const { token, secret } = await repos.apiTokens.create({ userId: user.id, name: 'ci', admin: true });
    const verified = await repos.apiTokens.verify(secret);
    expect(verified).toEqual({ ...token, lastUsedAt: expect.any(Date) });
    const [listed] = await repos.apiTokens.list(user.id);
    expect(listed?.lastUsedAt).toEqual(verified?.lastUsedAt);
    expect(await repos.apiTokens.verify(secret.slice(0, -1))).toBeNull();
    expect(await repos.apiTokens.verify(token.prefix)).toBeNull();
  });

  it('stores a token minted elsewhere and finds it by its hash', async () => {
    const user = await aUser();
    const hash = hashToken(`external-${randomUUID()}`);
    const token = await repos.apiTokens.createHashed({
      userId: user.id,
      name: 'imported',
      hash,
      prefix: 'ext_abc',
      admin: true,
    });
    expect(token).toMatchObject({ userId: user.id, name: 'imported', prefix: 'ext_abc', admin: true });
    expect((await repos.apiTokens.findActiveByHash(hash))?.id).toBe(token.id);
    expect(await repos.apiTokens.findActiveByHash(hashToken('unknown'))).toBeNull();
  });

  it('revokes a token once: it no longer verifies but stays listed with its revocation time', async () => {
    const user = await aUser();
    const { token, secret } = await repos.apiTokens.create({ userId: user.id, name: 'ci' });
    const keep = await repos.apiTokens.create({ userId: user.id, name: 'keep' });
    expect(await repos.apiTokens.revoke(token.id)).toBe(true);
    expect(await repos.apiTokens.verify(secret)).toBeNull();
    expect(await repos.apiTokens.revoke(token.id)).toBe(false);
    expect((await repos.apiTokens.verify(keep.secret))?.id).toBe(keep.token.id);
    const listed = await repos.apiTokens.list(user.id);
    expect(listed.find((x) => x.id === token.id)?.revokedAt).toBeInstanceOf(Date);
    expect(listed.find((x) => x.id === keep.token.id)?.revokedAt).toBeNull();
  });

  it('refuses to revoke an unknown or malformed id', async () => {
    expect(await repos.apiTokens.revoke(randomUUID())).toBe(false);
    expect(await repos.apiTokens.revoke('not-a-uuid')).toBe(false);
  });

  it("lists one user's tokens newest first, nothing for a malformed id, everyone's when no user is given", async () => {
    const ada = await aUser();
    const bob = await aUser();
    const old = await repos.apiTokens.create({ userId: ada.id, name: 'old' });
    const recent = await repos.apiTokens.create({ userId: ada.id, name: 'recent' });
    const bobs = await repos.apiTokens.create({ userId: bob.id, name: 'bob' });
    await createdAt(old.token.id, '2020-01-01T00:00:00Z');
    await createdAt(recent.token.id, '2021-01-01T00:00:00Z');
    await createdAt(bobs.token.id, '2019-01-01T00:00:00Z');
    expect((await repos.apiTokens.list(ada.id)).map((x) => x.name)).toEqual(['recent', 'old']);
    expect((await repos.apiTokens.list(bob.id)).map((x) => x.name)).toEqual(['bob']);
    expect(await repos.apiTokens.list('not-a-uuid')).toEqual([]);
    const everyone = (await repos.apiTokens.list()).map((x) => x.id);
    expect(everyone.filter((id) => [old, recent, bobs].some((x) => x.token.id === id))).toEqual([
      recent.token.id,
      old.token.id,
      bobs.token.id,
    ]);
  });
});
