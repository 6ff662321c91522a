import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../src/index';
import { validUuids } from '../src/repositories/users';
import { openTestDatabase, type TestDatabase } from './support/modes';

// Users as sign-in sees them: an identity (provider, subject) is created once and refreshed on
// every sign-in, the admin flag only changes when given, lookups by id keep the order asked and
// drop unknown or malformed ids. One embedded database; every test signs in subjects of its own.
describe('user repository (embedded)', () => {
  let t: TestDatabase;
  let repos: Repositories;

  beforeAll(async () => {
    t = await openTestDatabase('embedded');
    repos = createRepositories(t.db);
  }, 60_000);
  afterAll(async () => t?.close());

  const signIn = (overrides: { subject?: string; provider?: string; isAdmin?: boolean } = {}) =>
    repos.users.upsertIdentity({
      provider: overrides.provider ?? 'github',
      subject: overrides.subject ?? randomUUID(),
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      ...(overrides.isAdmin === undefined ? {} : { isAdmin: overrides.isAdmin }),
    });

  describe('validUuids', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';

    it('keeps well-formed UUIDs in either case and drops everything else', () => {
      const upper = id.toUpperCase();
      expect(validUuids([id, upper])).toEqual([id, upper]);
      expect(
        validUuids(['', 'not-a-uuid', `${id}x`, `x${id}`, id.replace(/-/g, ''), id.replace('0', 'g')]),
      ).toEqual([]);
    });

    it('accepts every hex digit in every group and refuses a group one digit too long or too short', () => {
      const edges = '09af09af-09af-09af-09af-09af09af09af';
      expect(validUuids([edges, edges.toUpperCase()])).toEqual([edges, edges.toUpperCase()]);
      const groups = id.split('-');
      const reshaped = groups.flatMap((group, i) => {
        const withGroup = (g: string) => groups.map((x, j) => (j === i ? g : x)).join('-');
        return [withGroup(`${group}0`), withGroup(group.slice(1))];
      });
      expect(reshaped).toHaveLength(10);
      expect(validUuids(reshaped)).toEqual([]);
    });

    it('lists a repeated id once, in first-seen order', () => {
      const other = randomUUID();
      expect(validUuids([other, id, other, id])).toEqual([other, id]);
    });
  });

  it('creates a user from a first sign-in with every field, not an admin by default', async () => {
    const subject = randomUUID();
    const user = await signIn({ subject });
    expect(user).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      provider: 'github',
      subject,
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      isAdmin: false,
      createdAt: expect.any(Date),
    });
  });

  it('makes a new user an admin when the sign-in says so', async () => {
    expect((await signIn({ isAdmin: true })).isAdmin).toBe(true);
  });

  it('refreshes name and email on a later sign-in and keeps the admin flag unless given', async () => {
    const subject = randomUUID();
    const first = await signIn({ subject, isAdmin: true });
    const again = await repos.users.upsertIdentity({
      provider: 'github',
      subject,
      name: null,
      email: 'a@b.c',
    });
    expect(again).toEqual({ ...first, name: null, email: 'a@b.c' });
    const demoted = await repos.users.upsertIdentity({
      provider: 'github',
      subject,
      name: 'Ada',
      email: null,
      isAdmin: false,
    });
    expect(demoted).toMatchObject({ id: first.id, name: 'Ada', email: null, isAdmin: false });
  });

  it('keeps the same subject at two providers apart', async () => {
    const subject = randomUUID();
    const a = await signIn({ subject, provider: 'github' });
    const b = await signIn({ subject, provider: 'google' });
    expect(b.id).not.toBe(a.id);
    expect(b.provider).toBe('google');
  });

  it('loads users by id in the order asked, leaving out unknown and malformed ids', async () => {
    const a = await signIn();
    const b = await signIn();
    const loaded = await repos.users.get([b.id, 'nope', randomUUID(), a.id]);
    expect(loaded).toEqual([b, a]);
    expect(await repos.users.get(['nope', `${a.id}0`])).toEqual([]);
    expect(await repos.users.get([])).toEqual([]);
  });

  it('finds a user by provider and subject, and nothing for an unknown identity', async () => {
    const subject = randomUUID();
    const user = await signIn({ subject });
    expect(await repos.users.findByIdentity('github', subject)).toEqual(user);
    expect(await repos.users.findByIdentity('google', subject)).toBeNull();
    expect(await repos.users.findByIdentity('github', randomUUID())).toBeNull();
  });
});
