/** A process environment holding only `vars` (as the app would see it in a test run). */
export function anEnv(vars: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { NODE_ENV: 'test', ...vars };
}
