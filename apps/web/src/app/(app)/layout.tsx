import { cookies } from 'next/headers';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { requireSession } from '@/auth/session';
import { NavLinks } from '@/components/nav-links';
import { Preferences } from '@/components/preferences';
import { SignOutButton } from '@/components/sign-out-button';
import { ApiProvider } from '@/graphql/api-provider';
import { serverTranslator } from '@/i18n/server';
import { parseTheme, THEME_COOKIE } from '@/theme/theme';

export const dynamic = 'force-dynamic';

/** Shell of every signed-in page: header, navigation, API client. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  const { t } = await serverTranslator();
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  const apiUrl = process.env.RUSTYGPT_API_URL ?? 'http://127.0.0.1:4000/graphql';
  return (
    <ApiProvider apiUrl={apiUrl}>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <Link href="/chat" className="brand">
          RustyGPT
        </Link>
        <NavLinks />
        <div className="header-end">
          <Preferences theme={theme} />
          <span className="user-name" data-testid="user-name">
            {session.user.name ?? session.user.email}
          </span>
          <SignOutButton />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </ApiProvider>
  );
}
