/**
 * Child processes for resilience tests: the real `rustygpt` CLI started with node (so the PID we
 * kill is the CLI's own), line waiting on its output, and HTTP polling. Every child is tracked and
 * stopped by `stopAll` so no server outlives its test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../../../../..');
const BIN = resolve(REPO, 'apps/api/bin/rustygpt.mjs');
const children = new Set<ChildProcess>();

/** A running CLI process with its collected output. */
export interface Cli {
  child: ChildProcess;
  output: () => string;
  /** Resolves when a line of stdout/stderr matches, rejects when the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `rustygpt <args>` with extra environment (quiet logs, no telemetry). */
export function startCli(args: string[], env: Record<string, string | undefined>): Cli {
  return startNode([BIN, ...args], env);
}

/** Starts a TypeScript script of the repository with node + tsx. */
export function startScript(script: string, args: string[], env: Record<string, string | undefined>): Cli {
  return startNode(['--import', 'tsx', script, ...args], env);
}

function startNode(argv: string[], env: Record<string, string | undefined>): Cli {
  const child = spawn(process.execPath, argv, {
    cwd: REPO,
    env: { ...process.env, RUSTYGPT_LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let text = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const w of [...waiters]) {
      const m = text.match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      res({ code, signal });
    }),
  );
  return {
    child,
    output: () => text,
    exited,
    waitFor(pattern, timeoutMs = 120_000) {
      const found = text.match(pattern);
      if (found) return Promise.resolve(found);
      return new Promise((res, rej) => {
        const timer = setTimeout(
          () => rej(new Error(`timed out waiting for ${pattern}; output:\n${text.slice(-2000)}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (m) => {
            clearTimeout(timer);
            res(m);
          },
        });
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          rej(
            new Error(`process exited (${code ?? signal}) before ${pattern}; output:\n${text.slice(-2000)}`),
          );
        });
      });
    },
  };
}

/** Runs the CLI to completion; resolves with exit code and output. */
export async function runCli(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  const cli = startCli(args, env);
  const { code } = await cli.exited;
  return { code, output: cli.output() };
}

/** Polls `url` until `accept(status)` holds. */
export async function waitForHttp(
  url: string,
  accept: (status: number) => boolean,
  timeoutMs = 120_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      last = res.status;
      await res.arrayBuffer();
      if (accept(res.status)) return res.status;
    } catch {
      last = -1;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} never answered as expected (last status ${last})`);
}

/** Sends SIGKILL (or another signal) to every child still running and waits for them. */
export async function stopAll(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const waits = [...children].map(
    (c) =>
      new Promise<void>((res) => {
        if (c.exitCode !== null || c.signalCode !== null) return res();
        c.once('exit', () => res());
        c.kill(signal);
        setTimeout(() => {
          c.kill('SIGKILL');
        }, 10_000).unref();
      }),
  );
  await Promise.all(waits);
}
