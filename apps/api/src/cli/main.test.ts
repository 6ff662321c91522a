import { join } from 'node:path';
import {
  CancelledError,
  ConflictError,
  NotFoundError,
  RustyError,
  TimeoutError,
  UnavailableError,
  ValidationError,
} from '@rustygpt/core';
import { describe, expect, it } from 'vitest';
import { runCli, useCliSandbox } from '../../test/support/cli';
import { exitCodeFor } from './main';

// No test here should reach the database; if one did, it would find an empty directory.
const sandbox = useCliSandbox('api-cli-main');

describe('exit codes', () => {
  it('tells bad input, outages and cancellation apart from unexpected failures', () => {
    expect(exitCodeFor(new ValidationError('bad', '--k'))).toBe(2);
    expect(exitCodeFor(new NotFoundError('entity', 'x'))).toBe(2);
    expect(exitCodeFor(new ConflictError('exists'))).toBe(2);
    expect(exitCodeFor(new UnavailableError('port in use'))).toBe(3);
    expect(exitCodeFor(new CancelledError())).toBe(130);
    expect(exitCodeFor(new TimeoutError('slow'))).toBe(1);
    expect(exitCodeFor(new RustyError('INTERNAL', 'bug'))).toBe(1);
    expect(exitCodeFor(new Error('plain'))).toBe(1);
    expect(exitCodeFor('thrown string')).toBe(1);
  });
});

describe('rustygpt (no database)', () => {
  it('lists every command in --help and prints its version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: rustygpt \[options\] \[command\]\n/);
    const commands = [...help.out.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]);
    expect(commands).toEqual(
      expect.arrayContaining([
        'ask',
        'config',
        'consistency',
        'db',
        'dedup',
        'doctor',
        'entities',
        'ingest',
        'migrate',
        'prune',
        'rebase',
        'reindex',
        'retrieve',
        'serve',
        'token',
      ]),
    );
    expect(await runCli(['--version'])).toEqual({ code: 0, out: '0.1.0\n', err: '' });
  });

  it('documents the bundle format in the help of ingest', async () => {
    const help = await runCli(['ingest', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: rustygpt ingest [options] <file>');
    expect(help.out).toContain('docs/knowledge-bundle.md');
  });

  it('exits 1 with the usage for an unknown command or a missing argument', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^error: unknown command 'frobnicate'\n/);
    expect(unknown.err).toContain('Usage: rustygpt');
    const missing = await runCli(['ingest']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^error: missing required argument 'file'\n/);
  });

  it('reports an unexpected failure with its cause and exit code 1', async () => {
    const r = await runCli(['config', '--out', join(sandbox.dir, 'no-such-folder', 'example.env')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: Error: ENOENT: no such file or directory, open '.*example\.env'\n/);
  });

  it('names an embedding model it cannot load, exits 2, and leaves no Ctrl-C handler behind', async () => {
    const handlers = process.listenerCount('SIGINT');
    for (const command of ['reindex', 'rebase']) {
      expect(await runCli([command, '--model', 'builtin:word2vec'])).toEqual({
        code: 2,
        out: '',
        err: expect.stringMatching(
          /^error \[BAD_USER_INPUT\]: .*unknown built-in embedding model "builtin:word2vec"/,
        ),
      });
    }
    const missing = await runCli(['reindex', '--model', join(sandbox.dir, 'model.gguf')]);
    expect(missing).toMatchObject({
      code: 2,
      err: expect.stringContaining('embedding model file not found'),
    });
    expect(process.listenerCount('SIGINT')).toBe(handlers);
  });
});
