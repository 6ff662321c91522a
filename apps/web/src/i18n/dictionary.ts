import type { Locale } from './config';
import de from './messages/de.json';
import en from './messages/en.json';
import es from './messages/es.json';
import fr from './messages/fr.json';

/** Every translation key; English is the reference dictionary. */
export type MessageKey = keyof typeof en;

/** A complete dictionary for one language. */
export type Dictionary = Record<MessageKey, string>;

const DICTIONARIES: Record<Locale, Dictionary> = { en, de, es, fr };

/** The dictionary of a locale (checked complete by `npm run i18n:check`). */
export function dictionaryFor(locale: Locale): Dictionary {
  return DICTIONARIES[locale];
}

/** Values substituted into `{name}` placeholders. */
export type MessageValues = Record<string, string | number>;

/** Translates a key, filling `{placeholders}`; falls back to English, then to the key. */
export function translate(dictionary: Dictionary, key: MessageKey, values?: MessageValues): string {
  const template = dictionary[key] ?? en[key] ?? key;
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}
