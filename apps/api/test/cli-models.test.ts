/**
 * `rustygpt reindex`, `retrieve` and `rebase` end to end (models helper): real processes over an
 * embedded data directory and the built-in embedders.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/rustygpt.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'models-cli-'));
const env = {
  ...process.env,
  RUSTYGPT_DATA_DIR: join(dir, 'data'),
  RUSTYGPT_MODELS_DIR: join(tmpdir(), 'rustygpt-models-test-cache'),
  RUSTYGPT_GPU: 'cpu',
  DATABASE_URL: '',
  RUSTYGPT_EMBEDDING_MODEL: 'builtin:use-lite-512',
};

function cli(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

beforeAll(async () => {
  const cities = ['Paris', 'Berlin', 'Rome', 'Madrid', 'Budapest'];
  const countries = ['France', 'Germany', 'Italy', 'Spain', 'Hungary'];
  const bundle = {
    entities: [
      ...cities.map((c) => ({ key: `city:${c}`, type: 'city', name: c })),
      ...countries.map((c) => ({ key: `country:${c}`, type: 'country', name: c })),
    ],
    relationships: cities.map((c, i) => ({
      from: `city:${c}`,
      to: `country:${countries[i]}`,
      type: 'capital_of',
    })),
    resources: [
      {
        uri: 'https://example.org/danube',
        title: 'Danube',
        text: 'The Danube flows through Budapest and Vienna to the Black Sea.',
        entities: [{ key: 'city:Budapest' }],
      },
      {
        uri: 'https://example.org/violin',
        title: 'Violin',
        text: 'The violin is a string instrument played with a bow.',
      },
    ],
  };
  writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
  expect((await cli(['ingest', join(dir, 'bundle.json')])).code).toBe(0);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// Each test starts real processes that load models: generous limits for a busy 2-core machine.
describe('models CLI', { timeout: 240_000 }, () => {
  it('reindex embeds what changed, then nothing on a second run', async () => {
    const first = await cli(['reindex', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      model: 'builtin:use-lite-512',
      dims: 512,
      state: 'active',
      embedded: { entities: 10, chunks: 2 },
    });
    const second = await cli(['reindex', '--json']);
    expect(JSON.parse(second.stdout)).toMatchObject({ embedded: { entities: 0, chunks: 0 } });
  });

  it('retrieve - answers one JSON line per question, in order', async () => {
    const out = await cli(
      ['retrieve', '--k', '1', '-'],
      'Which river flows through Budapest?\nWhat is played with a bow?\n',
    );
    expect(out.code, out.stderr).toBe(0);
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { resources: { uri: string }[] });
    expect(lines.map((l) => l.resources[0]?.uri)).toEqual([
      'https://example.org/danube',
      'https://example.org/violin',
    ]);
  });

  it('rebase moves to GloVe, and retrieve then uses it', async () => {
    const out = await cli(['rebase', '--model', 'builtin:glove-100d', '--json']);
    expect(out.code, out.stderr).toBe(0);
    const report = JSON.parse(out.stdout) as { switched: boolean; to: { name: string; dims: number } };
    expect(report).toMatchObject({ switched: true, to: { name: 'builtin:glove-100d', dims: 100 } });
    const again = await cli(['retrieve', '--json', '--mode', 'dense', 'Which river flows through Budapest?']);
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as { resources: { title: string }[] }).resources[0]?.title).toBe(
      'Danube',
    );
  });
});
