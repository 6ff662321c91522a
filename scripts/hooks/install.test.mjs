import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The root `prepare` script must never fail an install; these are the paths where it must skip.
const script = new URL('./install.mjs', import.meta.url).pathname;
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_') && k !== 'CI'),
);

describe('scripts/hooks/install.mjs (npm prepare)', () => {
  it('skips in CI with exit 0', () => {
    const r = spawnSync(process.execPath, [script], { env: { ...env, CI: 'true' }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/not installed \(CI\)/);
  });

  it('skips outside a git checkout (a package tarball, a copied tree) with exit 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quality-nogit-'));
    try {
      mkdirSync(join(dir, 'scripts', 'hooks'), { recursive: true });
      copyFileSync(script, join(dir, 'scripts', 'hooks', 'install.mjs'));
      const r = spawnSync(process.execPath, [join(dir, 'scripts', 'hooks', 'install.mjs')], {
        env: { ...env, GIT_CEILING_DIRECTORIES: tmpdir() },
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/not installed \(not a git checkout\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
