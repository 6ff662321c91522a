/** Colour scheme choices; `system` follows the operating system. */
export const THEMES = ['system', 'light', 'dark'] as const;

/** One of the colour scheme choices. */
export type Theme = (typeof THEMES)[number];

/** Cookie that remembers the chosen colour scheme. */
export const THEME_COOKIE = 'rustygpt-theme';

/** Narrows a cookie value to a theme, defaulting to `system`. */
export function parseTheme(value: string | undefined): Theme {
  return (THEMES as readonly string[]).includes(value ?? '') ? (value as Theme) : 'system';
}
