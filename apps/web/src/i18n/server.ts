import { cookies, headers } from 'next/headers';
import { LOCALE_COOKIE, negotiateLocale, type Locale } from './config';
import { dictionaryFor, translate, type MessageKey, type MessageValues } from './dictionary';

/** The request's UI language (cookie first, then Accept-Language). */
export async function requestLocale(): Promise<Locale> {
  const [jar, list] = await Promise.all([cookies(), headers()]);
  return negotiateLocale(jar.get(LOCALE_COOKIE)?.value, list.get('accept-language'));
}

/** A translator for server components. */
export async function serverTranslator(): Promise<{
  locale: Locale;
  t: (key: MessageKey, values?: MessageValues) => string;
}> {
  const locale = await requestLocale();
  const dictionary = dictionaryFor(locale);
  return { locale, t: (key, values) => translate(dictionary, key, values) };
}
