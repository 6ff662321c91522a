import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printApiSchema } from '../src/schema';

describe('committed schema', () => {
  it('matches the schema the server builds (run `npm run schema -w @rustygpt/api` after a change)', () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(printApiSchema()).toBe(committed);
  });
});
