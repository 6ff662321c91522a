import { getServerSession } from 'next-auth';
import { apiTokenSettings, mintApiToken } from '@/auth/api-token';
import { authOptions } from '@/auth/options';

export const dynamic = 'force-dynamic';

/** Exchanges the NextAuth session cookie for a short-lived API token (never cached). */
export async function GET(): Promise<Response> {
  const headers = { 'cache-control': 'no-store' };
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) {
    return Response.json({ error: 'UNAUTHENTICATED' }, { status: 401, headers });
  }
  const settings = apiTokenSettings();
  if (!settings) {
    return Response.json({ error: 'RUSTYGPT_JWT_SECRET is not configured' }, { status: 500, headers });
  }
  const minted = await mintApiToken(
    {
      sub: session.user.id,
      name: session.user.name ?? null,
      email: session.user.email ?? null,
      provider: session.provider,
    },
    settings,
  );
  return Response.json(minted, { headers });
}
