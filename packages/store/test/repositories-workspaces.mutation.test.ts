import { randomUUID } from 'node:crypto';
import { NotFoundError, ValidationError } from '@rustygpt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../src/index';
import { openTestDatabase, type TestDatabase } from './support/modes';

// Workspaces as an admin sees them: slugs are checked, `ensure` is idempotent and keeps the
// first name, lookups by id and slug, the list in id order, and membership (add, change role,
// remove) scoped to one workspace. One embedded database; every test uses slugs of its own.
describe('workspace repository (embedded)', () => {
  let t: TestDatabase;
  let repos: Repositories;

  beforeAll(async () => {
    t = await openTestDatabase('embedded');
    repos = createRepositories(t.db);
  }, 60_000);
  afterAll(async () => t?.close());

  const uniqueSlug = (label = 'ws') => `${label}-${randomUUID().slice(0, 8)}`;
  const aUser = () =>
    repos.users.upsertIdentity({ provider: 'test', subject: randomUUID(), name: 'Ada', email: null });

  describe('slugs', () => {
    it('accepts lower-case letters, digits and inner hyphens from 1 to 63 characters', async () => {
      const tag = randomUUID().slice(0, 8);
      for (const slug of [
        `9lives-${tag}`,
        `a-b-${tag}-`,
        `${tag}`.padEnd(63, 'z'),
        'q',
        `z09a-${tag}`,
        `0${tag}`,
      ]) {
        const ws = await repos.workspaces.ensure(slug, 'Team');
        expect(ws.slug).toBe(slug);
      }
    });

    it('refuses upper case, a leading hyphen, other characters and more than 63 characters', async () => {
      for (const slug of ['', 'Team', '-team', 'team!', '!team', 'te am', 'a'.repeat(64), 'team\n']) {
        const error = await repos.workspaces.ensure(slug, 'x').catch((e: unknown) => e);
        expect(error, slug).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).path).toBe('slug');
        expect((error as ValidationError).message).toMatch(/lower-case letters, digits and hyphens/);
      }
      expect((await repos.workspaces.list()).map((w) => w.slug)).not.toContain('Team');
    });
  });

  it('creates a workspace once: ensuring it again returns it unchanged, keeping its first name', async () => {
    const slug = uniqueSlug();
    const ws = await repos.workspaces.ensure(slug, 'Team');
    expect(ws).toEqual({ id: expect.any(Number), slug, name: 'Team' });
    expect(await repos.workspaces.ensure(slug, 'Renamed')).toEqual(ws);
    expect(await repos.workspaces.get(ws.id)).toEqual(ws);
    expect(await repos.workspaces.bySlug(slug)).toEqual(ws);
  });

  it('finds nothing for an unknown id or slug', async () => {
    expect(await repos.workspaces.get(987_654_321)).toBeNull();
    expect(await repos.workspaces.bySlug(uniqueSlug('missing'))).toBeNull();
  });

  it('has the default workspace with id 1 and lists every workspace in id order', async () => {
    const a = await repos.workspaces.ensure(uniqueSlug('a'), 'A');
    const b = await repos.workspaces.ensure(uniqueSlug('b'), 'B');
    const all = await repos.workspaces.list();
    expect(all[0]).toEqual({ id: 1, slug: 'default', name: 'Default' });
    expect(all.map((w) => w.id)).toEqual([...all.map((w) => w.id)].sort((x, y) => x - y));
    expect(all).toContainEqual(a);
    expect(all).toContainEqual(b);
  });

  it('adds members, changes a role in place and lists memberships in workspace-id order', async () => {
    const user = await aUser();
    const first = await repos.workspaces.ensure(uniqueSlug('first'), 'First');
    const second = await repos.workspaces.ensure(uniqueSlug('second'), 'Second');
    await repos.workspaces.addMember(second.id, user.id, 'member');
    await repos.workspaces.addMember(first.id, user.id, 'member');
    await repos.workspaces.addMember(second.id, user.id, 'admin');
    expect(await repos.workspaces.membershipsOf(user.id)).toEqual([
      { workspace: first, role: 'member' },
      { workspace: second, role: 'admin' },
    ]);
    expect(await repos.workspaces.membershipsOf((await aUser()).id)).toEqual([]);
  });

  it('has no memberships for a malformed user id and refuses to add one', async () => {
    const ws = await repos.workspaces.ensure(uniqueSlug(), 'Team');
    expect(await repos.workspaces.membershipsOf('not-a-uuid')).toEqual([]);
    const error = await repos.workspaces.addMember(ws.id, 'not-a-uuid', 'member').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toBe('user not-a-uuid not found');
  });

  it('removes a member from one workspace only; false when the user was not a member', async () => {
    const user = await aUser();
    const a = await repos.workspaces.ensure(uniqueSlug('a'), 'A');
    const b = await repos.workspaces.ensure(uniqueSlug('b'), 'B');
    await repos.workspaces.addMember(a.id, user.id, 'member');
    await repos.workspaces.addMember(b.id, user.id, 'admin');
    expect(await repos.workspaces.removeMember(a.id, user.id)).toBe(true);
    expect(await repos.workspaces.membershipsOf(user.id)).toEqual([{ workspace: b, role: 'admin' }]);
    expect(await repos.workspaces.removeMember(a.id, user.id)).toBe(false);
    expect(await repos.workspaces.removeMember(a.id, (await aUser()).id)).toBe(false);
    expect(await repos.workspaces.removeMember(b.id, 'not-a-uuid')).toBe(false);
    expect(await repos.workspaces.membershipsOf(user.id)).toHaveLength(1);
  });
});
