import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './config';
import { dictionaryFor, translate } from './dictionary';

describe('negotiateLocale', () => {
  it('prefers the cookie, then the best Accept-Language match, then English', () => {
    expect(negotiateLocale('fr', 'de-DE,de;q=0.9')).toBe('fr');
    expect(negotiateLocale(undefined, 'it;q=0.9,es-ES;q=0.8,de;q=0.5')).toBe('es');
    expect(negotiateLocale('xx', 'ja')).toBe('en');
  });
});

describe('translate', () => {
  it('fills placeholders in the chosen language', () => {
    expect(translate(dictionaryFor('de'), 'signin.with', { provider: 'GitHub' })).toBe('Anmelden mit GitHub');
  });
});
