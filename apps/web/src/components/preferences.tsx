'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { useI18n } from '@/i18n/i18n-provider';
import { LOCALE_COOKIE, LOCALES, type Locale } from '@/i18n/config';
import { THEME_COOKIE, type Theme } from '@/theme/theme';

const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  de: 'Deutsch',
  es: 'Español',
  fr: 'Français',
};

function setCookie(name: string, value: string) {
  document.cookie = `${name}=${value}; path=/; max-age=31536000; samesite=lax`;
}

/** Language and colour-scheme pickers of the header; both persist in cookies. */
export function Preferences({ theme }: { theme: Theme }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const languageId = useId();
  const themeId = useId();
  const [currentTheme, setCurrentTheme] = useState(theme);
  return (
    <div className="preferences">
      <span className="inline-field">
        <label htmlFor={languageId}>{t('prefs.language')}</label>
        <select
          id={languageId}
          value={locale}
          onChange={(event) => {
            setCookie(LOCALE_COOKIE, event.target.value);
            document.documentElement.lang = event.target.value;
            router.refresh();
          }}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </span>
      <span className="inline-field">
        <label htmlFor={themeId}>{t('prefs.theme')}</label>
        <select
          id={themeId}
          value={currentTheme}
          onChange={(event) => {
            const next = event.target.value as Theme;
            setCookie(THEME_COOKIE, next);
            setCurrentTheme(next);
            document.documentElement.dataset.theme = next;
          }}
        >
          <option value="system">{t('prefs.themeSystem')}</option>
          <option value="light">{t('prefs.themeLight')}</option>
          <option value="dark">{t('prefs.themeDark')}</option>
        </select>
      </span>
    </div>
  );
}
