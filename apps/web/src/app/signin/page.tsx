import { getServerSession } from 'next-auth';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { authOptions, configuredProviders } from '@/auth/options';
import { Preferences } from '@/components/preferences';
import { serverTranslator } from '@/i18n/server';
import { parseTheme, THEME_COOKIE } from '@/theme/theme';
import { SignInButton } from './sign-in-button';

export const dynamic = 'force-dynamic';

/** Only same-site paths may be a post-sign-in destination (no open redirect). */
function safeCallback(value: string | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/chat';
}

/** Custom sign-in page: one button per configured provider, no external assets. */
export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  const session = await getServerSession(authOptions);
  if (session?.user?.id) redirect(callbackUrl);
  const { t } = await serverTranslator();
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  const providers = configuredProviders().map((p) => ({ id: p.id, name: p.name }));
  return (
    <main id="main" className="signin">
      <div className="signin-card">
        <h1>RustyGPT</h1>
        <p className="muted">{t('signin.tagline')}</p>
        {params.error ? (
          <p role="alert" className="error-text">
            {t('signin.error', { code: params.error })}
          </p>
        ) : null}
        {providers.length === 0 ? (
          <p role="alert">{t('signin.noProviders')}</p>
        ) : (
          <ul className="provider-list" aria-label={t('signin.providers')}>
            {providers.map((p) => (
              <li key={p.id}>
                <SignInButton id={p.id} name={p.name} callbackUrl={callbackUrl} />
              </li>
            ))}
          </ul>
        )}
        <Preferences theme={theme} />
      </div>
    </main>
  );
}
