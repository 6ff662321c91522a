import type { NextAuthOptions } from 'next-auth';
import type { OAuthConfig, Provider } from 'next-auth/providers/index';
import AppleProvider from 'next-auth/providers/apple';
import GitHubProvider from 'next-auth/providers/github';

/** Claims an OIDC provider returns from its userinfo / id token. */
interface OidcProfile {
  sub: string;
  name?: string;
  email?: string;
  preferred_username?: string;
}

/**
 * Local OIDC provider for browser tests (oauth2-mock-server). Registered only when
 * OIDC_TEST_ISSUER is set, so no production deployment carries a test sign-in path by accident;
 * it is a real OAuth code flow with PKCE, never a password backdoor.
 */
function testOidcProvider(env: NodeJS.ProcessEnv): OAuthConfig<OidcProfile> | null {
  const issuer = env.OIDC_TEST_ISSUER?.trim();
  if (!issuer) return null;
  return {
    id: 'oidc',
    name: env.OIDC_TEST_NAME ?? 'Test OIDC',
    type: 'oauth',
    wellKnown: `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    issuer,
    clientId: env.OIDC_TEST_CLIENT_ID ?? 'rustygpt-web',
    // Without a secret the client is public (PKCE only), as local test providers expect.
    ...(env.OIDC_TEST_CLIENT_SECRET
      ? { clientSecret: env.OIDC_TEST_CLIENT_SECRET }
      : { client: { token_endpoint_auth_method: 'none' } }),
    authorization: { params: { scope: 'openid profile email' } },
    idToken: true,
    checks: ['pkce', 'state'],
    profile(profile) {
      return {
        id: profile.sub,
        name: profile.name ?? profile.preferred_username ?? profile.sub,
        email: profile.email ?? null,
      };
    },
  };
}

/** The sign-in providers configured by the environment (GitHub, Apple, test OIDC). */
export function configuredProviders(env: NodeJS.ProcessEnv = process.env): Provider[] {
  const providers: Provider[] = [];
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));
  }
  if (env.APPLE_ID && env.APPLE_SECRET) {
    providers.push(AppleProvider({ clientId: env.APPLE_ID, clientSecret: env.APPLE_SECRET }));
  }
  const oidc = testOidcProvider(env);
  if (oidc) providers.push(oidc);
  return providers;
}

/** NextAuth configuration: JWT sessions that remember the provider, a custom sign-in page. */
export function buildAuthOptions(env: NodeJS.ProcessEnv = process.env): NextAuthOptions {
  return {
    providers: configuredProviders(env),
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
    pages: { signIn: '/signin', error: '/signin' },
    callbacks: {
      jwt({ token, account }) {
        if (account) token.provider = account.provider;
        return token;
      },
      session({ session, token }) {
        return {
          ...session,
          user: { ...session.user, id: token.sub ?? '' },
          provider: typeof token.provider === 'string' ? token.provider : 'unknown',
        };
      },
    },
  };
}

/** Shared instance used by the route handler and server components. */
export const authOptions: NextAuthOptions = buildAuthOptions();
