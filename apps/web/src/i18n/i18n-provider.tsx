'use client';

import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from './config';
import { dictionaryFor, translate, type MessageKey, type MessageValues } from './dictionary';

interface I18nValue {
  locale: Locale;
  t: (key: MessageKey, values?: MessageValues) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

/** Makes the request's language available to client components. */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const dictionary = dictionaryFor(locale);
  const t = useCallback(
    (key: MessageKey, values?: MessageValues) => translate(dictionary, key, values),
    [dictionary],
  );
  const value = useMemo(() => ({ locale, t }), [locale, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The translator of the current language. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
