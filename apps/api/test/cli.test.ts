import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashApiToken } from '../src/auth/api-token';
import { main } from '../src/cli/main';
import { withApiData } from '../src/compose';
import { loadConfig } from '../src/config';

let dir: string;
const saved = { ...process.env };

/** Runs the CLI in-process and returns its exit code and stdout. */
async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main(['node', 'rustygpt', ...args]);
    return { code, out };
  } finally {
    write.mockRestore();
    err.mockRestore();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'api-cli-'));
  process.env.RUSTYGPT_DATA_DIR = join(dir, 'data');
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('rustygpt token', () => {
  it('creates a token whose secret is shown once and stored hashed, lists it, and revokes it', async () => {
    const created = await cli('token', 'create', '--name', 'ci', '--admin');
    expect(created.code).toBe(0);
    const secret = created.out.trim();
    expect(secret).toMatch(/^rgpt_[A-Za-z0-9_-]{40,}$/);

    const listed = await cli('token', 'list', '--json');
    const rows = JSON.parse(listed.out) as {
      id: string;
      name: string;
      admin: boolean;
      revokedAt: string | null;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'ci', admin: true, revokedAt: null });
    expect(listed.out).not.toContain(secret);

    const config = loadConfig({ RUSTYGPT_DATA_DIR: process.env.RUSTYGPT_DATA_DIR });
    expect(
      await withApiData(config, (data) => data.apiTokens.findActiveByHash(hashApiToken(secret))),
    ).toMatchObject({ name: 'ci' });

    expect((await cli('token', 'revoke', rows[0]!.id)).code).toBe(0);
    expect(
      await withApiData(config, (data) => data.apiTokens.findActiveByHash(hashApiToken(secret))),
    ).toBeNull();
    expect((await cli('token', 'revoke', '00000000-0000-4000-8000-000000000000')).code).toBe(2);
  });
});
