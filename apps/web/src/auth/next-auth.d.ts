import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  /** The session as the app sees it: the provider user id and provider name are exposed. */
  interface Session {
    user: { id: string; name?: string | null; email?: string | null; image?: string | null };
    provider: string;
  }
}

declare module 'next-auth/jwt' {
  /** The NextAuth JWT remembers which provider signed the user in. */
  interface JWT {
    provider?: string;
  }
}
