/**
 * Runs the `rustygpt` CLI in this process (argv in, exit code and printed text out) over a
 * temporary embedded data directory, so CLI tests meet the real commands and the real database.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, vi } from 'vitest';
import { main } from '../../src/cli/main';

/** What one command printed, and how it exited. */
export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** A command still running (servers): what it printed so far, and its end. */
export interface RunningCli {
  printed(): { out: string; err: string };
  done: Promise<CliResult>;
}

interface Sink {
  out: string;
  err: string;
}

// Every command running in this process sees what is printed while it runs.
const sinks = new Set<Sink>();
let restoreWrites: (() => void) | null = null;

function text(chunk: unknown): string {
  return typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
}

function capture(): Sink {
  const sink = { out: '', err: '' };
  if (sinks.size === 0) {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      for (const s of sinks) s.out += text(chunk);
      return true;
    });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      for (const s of sinks) s.err += text(chunk);
      return true;
    });
    restoreWrites = () => {
      stdout.mockRestore();
      stderr.mockRestore();
    };
  }
  sinks.add(sink);
  return sink;
}

function release(sink: Sink): void {
  sinks.delete(sink);
  if (sinks.size === 0) {
    restoreWrites?.();
    restoreWrites = null;
  }
}

/** Starts `rustygpt <args>`; `stdin` is what the command reads from standard input. */
export function startCli(args: string[], options: { stdin?: string } = {}): RunningCli {
  const sink = capture();
  const stdin =
    options.stdin === undefined
      ? null
      : vi
          .spyOn(process, 'stdin', 'get')
          .mockReturnValue(Readable.from([Buffer.from(options.stdin)]) as typeof process.stdin);
  const done = main(['node', 'rustygpt', ...args])
    .then((code) => ({ code, out: sink.out, err: sink.err }))
    .finally(() => {
      stdin?.mockRestore();
      release(sink);
    });
  return { printed: () => ({ out: sink.out, err: sink.err }), done };
}

/** Runs `rustygpt <args>` to its end. */
export function runCli(args: string[], options: { stdin?: string } = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

/** A temporary folder for one test file: its `data/` is the CLI's database (RUSTYGPT_DATA_DIR). */
export interface CliSandbox {
  dir: string;
  dataDir: string;
  /** Writes a file into the folder (objects as JSON) and returns its path. */
  write(name: string, contents: string | object): string;
}

/**
 * Points the CLI at a fresh data directory for the tests of this file (no DATABASE_URL, no
 * embedding model unless `env` names one) and puts the environment back afterwards.
 */
export function useCliSandbox(prefix: string, env: Record<string, string> = {}): CliSandbox {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const dataDir = join(dir, 'data');
  const saved = { ...process.env };
  beforeAll(() => {
    delete process.env.DATABASE_URL;
    delete process.env.RUSTYGPT_EMBEDDING_MODEL;
    delete process.env.RUSTYGPT_CHAT_MODEL;
    Object.assign(process.env, { RUSTYGPT_DATA_DIR: dataDir, RUSTYGPT_LOG_LEVEL: 'silent' }, env);
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    dataDir,
    write(name, contents) {
      const path = join(dir, name);
      writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
      return path;
    },
  };
}
