/** Languages the UI is translated into; the first is the fallback. */
export const LOCALES = ['en', 'de', 'es', 'fr'] as const;

/** One of the supported UI languages. */
export type Locale = (typeof LOCALES)[number];

/** Language used when neither the cookie nor the browser asks for a supported one. */
export const DEFAULT_LOCALE: Locale = 'en';

/** Cookie that remembers the language picked in the header. */
export const LOCALE_COOKIE = 'rustygpt-locale';

/** Narrows a string to a supported locale. */
export function isLocale(value: string | undefined | null): value is Locale {
  return value !== undefined && value !== null && (LOCALES as readonly string[]).includes(value);
}

/** Picks the best supported locale from a cookie value and an Accept-Language header. */
export function negotiateLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookie)) return cookie;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', q = 'q=1'] = part.trim().split(';');
      return { lang: tag.slice(0, 2).toLowerCase(), q: Number(q.replace('q=', '')) || 0 };
    })
    .sort((a, b) => b.q - a.q);
  return wanted.map((w) => w.lang).find(isLocale) ?? DEFAULT_LOCALE;
}
