import type { KnowledgeBundle } from '@rustygpt/core';
import { signSessionToken } from '../../src/auth/session-token';
import { loadConfig } from '../../src/config';
import { startApi, type StartApiOptions, type StartedApi } from '../../src/compose';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123';

/** A user of the test server, signed in like the web app would (HS256 session JWT). */
export interface TestUser {
  sub: string;
  name?: string;
  email?: string;
  provider?: string;
}

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[] | undefined;
  headers: Headers;
}

/** A listening API on an ephemeral port with an in-memory embedded database. */
export interface TestApi {
  api: StartedApi;
  url: string;
  wsUrl: string;
  sseUrl: string;
  base: string;
  signIn(user: TestUser): Promise<string>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string | null; headers?: Record<string, string> },
  ): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export interface TestApiOptions extends StartApiOptions {
  env?: Record<string, string>;
  /** `token` (default): JWT/API tokens required; `local`: no-auth local mode. */
  auth?: 'token' | 'local';
  bundle?: KnowledgeBundle;
}

export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    RUSTYGPT_DATA_DIR: 'memory://',
    RUSTYGPT_LOG_LEVEL: process.env.RUSTYGPT_TEST_LOG_LEVEL ?? 'silent',
    RUSTYGPT_HOST: '127.0.0.1',
    RUSTYGPT_PORT: '0',
    RUSTYGPT_SHUTDOWN_GRACE_MS: '2000',
    RUSTYGPT_ADMIN_EMAILS: 'admin@example.org',
    RUSTYGPT_EMBEDDING_MODEL: 'none',
    ...(options.auth === 'local' ? { RUSTYGPT_AUTH: 'local' } : { RUSTYGPT_JWT_SECRET: TEST_JWT_SECRET }),
    ...options.env,
  };
  const config = loadConfig(env);
  const api = await startApi(config, { loadDemo: false, ...options });
  if (options.bundle) await api.services.data.knowledge(1).importBundle(options.bundle);
  const url = api.server.url;
  const base = url.replace(/\/graphql$/, '');
  return {
    api,
    url,
    base,
    wsUrl: url.replace(/^http/, 'ws'),
    sseUrl: `${url}/stream`,
    signIn: (user) =>
      signSessionToken(
        {
          sub: user.sub,
          name: user.name ?? user.sub,
          email: user.email ?? `${user.sub}@example.org`,
          provider: user.provider ?? 'github',
        },
        {
          secret: config.auth.jwtSecret ?? TEST_JWT_SECRET,
          issuer: config.auth.issuer,
          audience: config.auth.audience,
        },
      ),
    async gql(query, variables, opts = {}) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      };
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      let body: { data?: unknown; errors?: GqlResult['errors'] } = {};
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 200)}`);
      }
      return {
        status: response.status,
        data: (body.data ?? null) as never,
        errors: body.errors,
        headers: response.headers,
      };
    },
    close: () => api.close(),
  };
}

/** The error codes of a result, for assertions. */
export function codesOf(result: GqlResult): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}
