import { jwtVerify } from 'jose';
import { getServerSession, type Session } from 'next-auth';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET } from './route';

vi.mock('next-auth', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next-auth')>()),
  getServerSession: vi.fn(),
}));

const SECRET = 'route-test-secret-long-enough-0123456789';

const session = (user: Session['user']): Session => ({
  user,
  provider: 'oidc',
  expires: '2030-01-01T00:00:00Z',
});

beforeEach(() => vi.stubEnv('RUSTYGPT_JWT_SECRET', SECRET));
afterEach(() => {
  vi.unstubAllEnvs();
  vi.mocked(getServerSession).mockReset();
});

describe('GET /api/token', () => {
  it('exchanges the session for a token the API accepts, never cached', async () => {
    vi.mocked(getServerSession).mockResolvedValue(
      session({ id: 'u1', name: 'Ada', email: 'ada@example.org' }),
    );
    const before = Date.now();
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { token: string; expiresAt: number };
    const { payload } = await jwtVerify(body.token, new TextEncoder().encode(SECRET), {
      issuer: 'rustygpt-web',
      audience: 'rustygpt-api',
    });
    expect(payload).toMatchObject({ sub: 'u1', name: 'Ada', email: 'ada@example.org', provider: 'oidc' });
    expect(body.expiresAt).toBe(payload.exp! * 1000);
    expect(body.expiresAt).toBeGreaterThan(before);
  });

  it('leaves unknown name and email null in the token', async () => {
    vi.mocked(getServerSession).mockResolvedValue(session({ id: 'u2' }));
    const body = (await (await GET()).json()) as { token: string };
    const { payload } = await jwtVerify(body.token, new TextEncoder().encode(SECRET));
    expect(payload).toMatchObject({ sub: 'u2', name: null, email: null });
  });

  it('answers 401 to a visitor without a session', async () => {
    vi.mocked(getServerSession).mockResolvedValue(null);
    const response = await GET();
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ error: 'UNAUTHENTICATED' });
  });

  it('answers 500 naming the missing setting when no signing secret is configured', async () => {
    vi.stubEnv('RUSTYGPT_JWT_SECRET', '');
    vi.mocked(getServerSession).mockResolvedValue(session({ id: 'u1' }));
    const response = await GET();
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'RUSTYGPT_JWT_SECRET is not configured' });
  });
});
