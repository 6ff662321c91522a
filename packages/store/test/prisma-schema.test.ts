import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMigrations } from '../src/index';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const schema = readFileSync(`${root}prisma/schema.prisma`, 'utf8');

describe('prisma/schema.prisma', () => {
  it('describes every table the migrations create', () => {
    const tables = loadMigrations().flatMap((m) =>
      [...m.sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)/g)].map((x) => x[1]),
    );
    const mapped = new Set([...schema.matchAll(/@@map\("(\w+)"\)/g)].map((x) => x[1]));
    expect(tables.length).toBeGreaterThan(20);
    expect(tables.filter((t) => !mapped.has(t))).toEqual([]);
  });

  it('validates offline', () => {
    const out = execFileSync(
      `${root}node_modules/.bin/prisma`,
      ['validate', '--schema', 'prisma/schema.prisma'],
      {
        cwd: root,
        env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    expect(out).toMatch(/is valid/);
  });
});
