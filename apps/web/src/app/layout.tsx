import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { I18nProvider } from '@/i18n/i18n-provider';
import { requestLocale } from '@/i18n/server';
import { parseTheme, THEME_COOKIE } from '@/theme/theme';
import './globals.css';

export const metadata: Metadata = {
  title: 'RustyGPT',
  description: 'Answers reasoned over a knowledge graph',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

/** Root layout: language and colour scheme come from cookies, so the first paint is right. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await requestLocale();
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang={locale} data-theme={theme}>
      <body>
        <I18nProvider locale={locale}>{children}</I18nProvider>
      </body>
    </html>
  );
}
