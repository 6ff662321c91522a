import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCALE_COOKIE } from './config';
import { requestLocale, serverTranslator } from './server';

// The request as next/headers exposes it to server components.
const request = vi.hoisted(() => ({
  cookies: new Map<string, string>(),
  headers: new Map<string, string>(),
}));

vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) =>
      request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined,
  }),
  headers: async () => ({ get: (name: string) => request.headers.get(name) ?? null }),
}));

beforeEach(() => {
  request.cookies.clear();
  request.headers.clear();
});

describe('requestLocale', () => {
  it('uses the language cookie over the browser languages', async () => {
    request.cookies.set(LOCALE_COOKIE, 'es');
    request.headers.set('accept-language', 'de-DE,de;q=0.9');
    expect(await requestLocale()).toBe('es');
  });

  it('negotiates from Accept-Language without a cookie, and defaults to English', async () => {
    request.headers.set('accept-language', 'fr-CA,fr;q=0.9,en;q=0.5');
    expect(await requestLocale()).toBe('fr');
    request.headers.clear();
    expect(await requestLocale()).toBe('en');
  });
});

describe('serverTranslator', () => {
  it('translates into the request language', async () => {
    request.headers.set('accept-language', 'de');
    const { locale, t } = await serverTranslator();
    expect(locale).toBe('de');
    expect(t('signin.with', { provider: 'GitHub' })).toBe('Anmelden mit GitHub');
  });
});
