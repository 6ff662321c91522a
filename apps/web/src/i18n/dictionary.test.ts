import { describe, expect, it } from 'vitest';
import { LOCALES } from './config';
import { dictionaryFor, translate, type Dictionary, type MessageKey } from './dictionary';

const english = dictionaryFor('en');

describe('dictionaryFor', () => {
  it('gives each locale its own translations of the same keys', () => {
    const keys = Object.keys(english).sort();
    for (const locale of LOCALES) expect(Object.keys(dictionaryFor(locale)).sort()).toEqual(keys);
    expect(dictionaryFor('fr')['signin.with']).not.toBe(english['signin.with']);
  });
});

describe('translate', () => {
  it('returns the template untouched when no values are given', () => {
    expect(translate(english, 'signin.with')).toBe('Sign in with {provider}');
  });

  it('fills every placeholder it has a value for, numbers included, and leaves the others', () => {
    expect(translate(english, 'entity.version', { version: 3 })).toBe('version 3');
    expect(translate(english, 'signin.with', { other: 'x' })).toBe('Sign in with {provider}');
  });

  it('falls back to English for a key a dictionary lacks, then to the key itself', () => {
    const partial = { ...dictionaryFor('de') } as Partial<Dictionary>;
    delete partial['signin.with'];
    expect(translate(partial as Dictionary, 'signin.with', { provider: 'Apple' })).toBe('Sign in with Apple');
    expect(translate(english, 'no.such.key' as MessageKey)).toBe('no.such.key');
  });
});
