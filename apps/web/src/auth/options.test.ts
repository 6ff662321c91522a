import type { Account, User } from 'next-auth';
import type { OAuthConfig, Provider } from 'next-auth/providers/index';
import { describe, expect, it } from 'vitest';
import { anEnv } from '../../test/support/env';
import { buildAuthOptions, configuredProviders } from './options';

const GITHUB = { GITHUB_ID: 'gh-client', GITHUB_SECRET: 'gh-secret' };
const APPLE = { APPLE_ID: 'apple-client', APPLE_SECRET: 'apple-secret' };
const OIDC = { OIDC_TEST_ISSUER: 'http://127.0.0.1:9400/' };

const ids = (providers: Provider[]) => providers.map((p) => p.id);

/** The OAuth provider with this id (fails the test when it is not configured). */
function oauth(providers: Provider[], id: string): OAuthConfig<Record<string, string>> {
  const provider = providers.find((p) => p.id === id);
  if (!provider || provider.type !== 'oauth') throw new Error(`no OAuth provider ${id}`);
  return provider as OAuthConfig<Record<string, string>>;
}

describe('configuredProviders', () => {
  it('offers no sign-in at all when nothing is configured', () => {
    expect(configuredProviders(anEnv())).toEqual([]);
  });

  it('offers each provider only when both its id and secret are set', () => {
    expect(ids(configuredProviders(anEnv(GITHUB)))).toEqual(['github']);
    expect(ids(configuredProviders(anEnv(APPLE)))).toEqual(['apple']);
    expect(ids(configuredProviders(anEnv({ GITHUB_ID: 'gh-client', APPLE_SECRET: 'apple-secret' })))).toEqual(
      [],
    );
    expect(ids(configuredProviders(anEnv({ ...GITHUB, ...APPLE, ...OIDC })))).toEqual([
      'github',
      'apple',
      'oidc',
    ]);
  });

  it('passes the GitHub and Apple credentials to their providers', () => {
    const providers = configuredProviders(anEnv({ ...GITHUB, ...APPLE }));
    expect(oauth(providers, 'github').options).toMatchObject({
      clientId: 'gh-client',
      clientSecret: 'gh-secret',
    });
    expect(oauth(providers, 'apple').options).toMatchObject({
      clientId: 'apple-client',
      clientSecret: 'apple-secret',
    });
  });

  it('registers the test OIDC provider only for a non-blank issuer', () => {
    expect(configuredProviders(anEnv({ OIDC_TEST_ISSUER: '   ' }))).toEqual([]);
  });

  it('discovers the test issuer as a public PKCE client by default', () => {
    const oidc = oauth(configuredProviders(anEnv(OIDC)), 'oidc');
    expect(oidc).toMatchObject({
      name: 'Test OIDC',
      issuer: 'http://127.0.0.1:9400/',
      wellKnown: 'http://127.0.0.1:9400/.well-known/openid-configuration',
      clientId: 'rustygpt-web',
      client: { token_endpoint_auth_method: 'none' },
      checks: ['pkce', 'state'],
      idToken: true,
    });
    expect(oidc.clientSecret).toBeUndefined();
  });

  it('uses a confidential client when the test provider has a secret', () => {
    const oidc = oauth(
      configuredProviders(
        anEnv({
          ...OIDC,
          OIDC_TEST_NAME: 'Local IdP',
          OIDC_TEST_CLIENT_ID: 'web',
          OIDC_TEST_CLIENT_SECRET: 's3cret',
        }),
      ),
      'oidc',
    );
    expect(oidc).toMatchObject({ name: 'Local IdP', clientId: 'web', clientSecret: 's3cret' });
    expect(oidc.client).toBeUndefined();
  });

  it('names the signed-in user from the profile: name, then username, then subject', async () => {
    const profile = oauth(configuredProviders(anEnv(OIDC)), 'oidc').profile;
    expect(await profile({ sub: 'u1', name: 'Ada', email: 'ada@example.org' }, {})).toEqual({
      id: 'u1',
      name: 'Ada',
      email: 'ada@example.org',
    });
    expect(await profile({ sub: 'u2', preferred_username: 'grace' }, {})).toEqual({
      id: 'u2',
      name: 'grace',
      email: null,
    });
    expect(await profile({ sub: 'u3' }, {})).toEqual({ id: 'u3', name: 'u3', email: null });
  });
});

describe('buildAuthOptions', () => {
  const options = buildAuthOptions(anEnv({ ...GITHUB, NEXTAUTH_SECRET: 'cookie-secret' }));
  const callbacks = options.callbacks!;
  type JwtParams = Parameters<NonNullable<typeof callbacks.jwt>>[0];
  type SessionParams = Parameters<NonNullable<typeof callbacks.session>>[0];
  const user: User = { id: 'u1' };
  const account: Account = { provider: 'github', type: 'oauth', providerAccountId: '42' };

  it('keeps eight-hour JWT sessions signed with NEXTAUTH_SECRET and its own sign-in page', () => {
    expect(ids(options.providers)).toEqual(['github']);
    expect(options.secret).toBe('cookie-secret');
    expect(options.session).toEqual({ strategy: 'jwt', maxAge: 8 * 60 * 60 });
    expect(options.pages).toEqual({ signIn: '/signin', error: '/signin' });
  });

  it('remembers the provider in the JWT at sign-in and keeps it afterwards', async () => {
    const signedIn = await callbacks.jwt!({ token: { sub: 'u1' }, user, account } as JwtParams);
    expect(signedIn).toEqual({ sub: 'u1', provider: 'github' });
    const later = await callbacks.jwt!({ token: signedIn, user, account: null } as JwtParams);
    expect(later).toEqual({ sub: 'u1', provider: 'github' });
  });

  it('exposes the user id and provider on the session', async () => {
    const session = { user: { name: 'Ada', email: 'ada@example.org' }, expires: '2030-01-01T00:00:00Z' };
    expect(
      await callbacks.session!({ session, token: { sub: 'u1', provider: 'github' } } as SessionParams),
    ).toEqual({
      user: { name: 'Ada', email: 'ada@example.org', id: 'u1' },
      expires: '2030-01-01T00:00:00Z',
      provider: 'github',
    });
  });

  it('marks a session without subject or provider as such instead of inventing them', async () => {
    const session = { user: { name: 'Ada' }, expires: '2030-01-01T00:00:00Z' };
    expect(await callbacks.session!({ session, token: {} } as SessionParams)).toMatchObject({
      user: { id: '' },
      provider: 'unknown',
    });
  });
});
