import { describe, expect, it } from 'vitest';
import { parseTheme, THEMES } from './theme';

describe('parseTheme', () => {
  it('keeps every supported colour scheme', () => {
    expect(THEMES.map((theme) => parseTheme(theme))).toEqual(['system', 'light', 'dark']);
  });

  it('falls back to following the system for a missing or unknown cookie', () => {
    expect(parseTheme(undefined)).toBe('system');
    expect(parseTheme('')).toBe('system');
    expect(parseTheme('DARK')).toBe('system');
    expect(parseTheme('sepia')).toBe('system');
  });
});
