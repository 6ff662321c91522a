/**
 * `rustygpt ask` end to end: a real process over an embedded data directory, one question per
 * line on standard input, one JSON object per line out, in order.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/rustygpt.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'reasoning-cli-'));
const env = {
  ...process.env,
  RUSTYGPT_DATA_DIR: join(dir, 'data'),
  DATABASE_URL: '',
  RUSTYGPT_EMBEDDING_MODEL: '',
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
  const bundle = {
    entities: [
      {
        key: 'element:H',
        type: 'element',
        name: 'Hydrogen',
        aliases: ['H'],
        attributes: { atomic_mass: 1.008 },
      },
      {
        key: 'element:Ne',
        type: 'element',
        name: 'Neon',
        aliases: ['Ne'],
        attributes: { atomic_mass: 20.18 },
      },
      { key: 'person:cavendish', type: 'person', name: 'Henry Cavendish' },
      { key: 'person:ramsay', type: 'person', name: 'William Ramsay' },
    ],
    relationships: [
      { from: 'element:H', to: 'person:cavendish', type: 'discovered_by' },
      { from: 'element:Ne', to: 'person:ramsay', type: 'discovered_by' },
    ],
  };
  writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
  const ingest = await cli(['ingest', join(dir, 'bundle.json')]);
  expect(ingest.code).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rustygpt ask', () => {
  it('answers questions read line by line as JSON lines, in order', async () => {
    const { code, stdout } = await cli(
      ['ask', '--json', '-'],
      'Who discovered neon?\n\nWhat is the atomic mass of H?\nWho discovered Vibranium?\n',
    );
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            question: string;
            answer: string;
            citations: unknown[];
            runId: string;
            items: string[];
          },
      );
    expect(lines.map((l) => l.question)).toEqual([
      'Who discovered neon?',
      'What is the atomic mass of H?',
      'Who discovered Vibranium?',
    ]);
    expect(lines[0]!.items).toEqual(['William Ramsay']);
    expect(lines[1]!.items).toEqual(['1.008']);
    expect(lines[2]!.answer).toMatch(/^I don't know/);
    for (const l of lines) {
      expect(l.runId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Array.isArray(l.citations)).toBe(true);
    }
  });

  it('prints the streamed answer, its citations and, on request, the trace', async () => {
    const { code, stdout } = await cli(['ask', '--trace', 'Who discovered hydrogen?']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Henry Cavendish\./);
    expect(stdout).toMatch(/Citations: .*Henry Cavendish/);
    expect(stdout).toMatch(/\n {4}entity-identification ok .*identified/);
  });
});
