import { getServerSession, type Session } from 'next-auth';
import { redirect } from 'next/navigation';
import { authOptions } from './options';

/** The signed-in session, or a redirect to the sign-in page (for protected pages). */
export async function requireSession(callbackPath = '/chat'): Promise<Session> {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return session;
}
