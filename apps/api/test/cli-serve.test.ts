/**
 * The long-running commands: `rustygpt serve` (the API, optionally with its database on the
 * Postgres wire protocol) and `rustygpt db serve`, reached by real clients and stopped by their
 * signal handlers, as Ctrl-C or a process manager would.
 */
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, useCliSandbox, type RunningCli } from './support/cli';
import { aKnowledgeBase } from './support/knowledge-builder';

const sandbox = useCliSandbox('api-cli-serve', { RUSTYGPT_AUTH: 'local', RUSTYGPT_EMBEDDING_MODEL: 'none' });

beforeAll(() => {
  process.env.RUSTYGPT_DEMO_BUNDLE = sandbox.write(
    'demo.json',
    aKnowledgeBase().withCountry('Peru', { capital: 'Lima' }).build(),
  );
});

/** A TCP port nothing listens on now (the OS picks it). */
async function freePort(): Promise<number> {
  const server = await listening();
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function listening(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

interface LongRunning {
  run: RunningCli;
  /** Delivers the signal to the command's own handler and returns its exit code. */
  stop(signal: 'SIGINT' | 'SIGTERM'): Promise<number>;
}

/** Starts a long-running command and returns it once `ready` holds (or fails if it exits first). */
async function startUntil(
  args: string[],
  ready: (run: RunningCli) => Promise<boolean>,
): Promise<LongRunning> {
  const before = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
  const run = startCli(args);
  let exited: string | null = null;
  void run.done.then((r) => (exited = `exited with ${r.code}: ${r.err}`));
  while (!(await ready(run).catch(() => false))) {
    if (exited) throw new Error(exited);
    await sleep(200);
  }
  const handlers = (signal: 'SIGINT' | 'SIGTERM') => process.listeners(signal).filter((l) => !before.has(l));
  return {
    run,
    async stop(signal) {
      const [handler] = handlers(signal);
      expect(handler, `a ${signal} handler`).toBeDefined();
      handler!(signal);
      const result = await run.done;
      expect(handlers('SIGINT').concat(handlers('SIGTERM'))).toEqual([]);
      return result.code;
    },
  };
}

async function graphql(port: number, query: string): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

async function healthy(port: number): Promise<boolean> {
  return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
}

/** Runs a command against the database a server exposes (DATABASE_URL), like a second terminal. */
async function viaDatabaseUrl(url: string, args: string[]) {
  process.env.DATABASE_URL = url;
  try {
    return await runCli(args);
  } finally {
    delete process.env.DATABASE_URL;
  }
}

const ENTITY_NAMES = '{ entities(first: 10) { edges { node { name } } } }';

describe('rustygpt serve', () => {
  it('loads the demo bundle into an empty database, answers GraphQL and stops on SIGTERM', async () => {
    const port = await freePort();
    const server = await startUntil(['serve', '--port', String(port)], () => healthy(port));
    try {
      expect(await graphql(port, ENTITY_NAMES)).toEqual({
        data: { entities: { edges: [{ node: { name: 'Peru' } }, { node: { name: 'Lima' } }] } },
      });
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('with --db-port, lets other commands reach its database, and keeps the data on restart', async () => {
    const [port, dbPort] = [await freePort(), await freePort()];
    const server = await startUntil(['serve', '--port', String(port), '--db-port', String(dbPort)], () =>
      healthy(port),
    );
    const url = `postgres://postgres@127.0.0.1:${dbPort}/postgres?sslmode=disable`;
    try {
      const search = await viaDatabaseUrl(url, ['entities', 'search', 'Peru']);
      expect(search.code, search.err).toBe(0);
      expect(search.out).toMatch(/^ +\d+ {2}country:peru {2}Peru {2}\[Country\]\n$/);
    } finally {
      expect(await server.stop('SIGINT')).toBe(0);
    }
  });

  it('refuses bad ports, and serving a database it does not own, with exit code 2', async () => {
    expect(await runCli(['serve', '--port', '70000'])).toMatchObject({
      code: 2,
      err: 'error [BAD_USER_INPUT]: --port: must be an integer 0..65535\n',
    });
    expect(await runCli(['serve', '--db-port', 'x'])).toMatchObject({
      code: 2,
      err: 'error [BAD_USER_INPUT]: --db-port: must be an integer 0..65535\n',
    });
    const remote = await viaDatabaseUrl('postgres://db.example:5432/rustygpt', [
      'serve',
      '--db-port',
      '5433',
    ]);
    expect(remote).toMatchObject({
      code: 2,
      err: 'error [BAD_USER_INPUT]: --db-port: only the embedded database can be served (unset DATABASE_URL)\n',
    });
  });
});

describe('rustygpt db serve', () => {
  it('serves a data directory over the Postgres protocol until SIGINT', async () => {
    const dataDir = join(sandbox.dir, 'served');
    const server = await startUntil(['db', 'serve', '--port', '0', '--data-dir', dataDir], async (run) =>
      run.printed().out.includes('DATABASE_URL='),
    );
    const printed = server.run.printed().out;
    expect(printed).toMatch(
      /^serving embedded \(\/.*\/served\)\nDATABASE_URL=postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres\?sslmode=disable\n$/,
    );
    const url = /DATABASE_URL=(\S+)/.exec(printed)?.[1] ?? '';
    try {
      const migrate = await viaDatabaseUrl(url, ['migrate']);
      expect(migrate.code, migrate.err).toBe(0);
      expect(migrate.out).toMatch(/: 0 applied, \d+ already up to date\n$/);
      const bundle = sandbox.write('served.json', aKnowledgeBase().withCountry('Chile').build());
      expect((await viaDatabaseUrl(url, ['ingest', bundle])).out).toMatch(/^entities 1 created/);
      expect((await viaDatabaseUrl(url, ['entities', 'search', 'chile'])).out).toContain('country:chile');
    } finally {
      expect(await server.stop('SIGINT')).toBe(0);
    }

    // The data stayed in the directory: opened directly now that no server holds it.
    process.env.RUSTYGPT_DATA_DIR = dataDir;
    try {
      expect((await runCli(['entities', 'show', 'country:chile'])).out).toMatch(/^Chile {2}\[Country\]/);
    } finally {
      process.env.RUSTYGPT_DATA_DIR = sandbox.dataDir;
    }
  });

  it('exits 3 when the port is taken, and 2 for a port out of range', async () => {
    const other = await listening();
    const { port } = other.address() as { port: number };
    try {
      const taken = await runCli([
        'db',
        'serve',
        '--port',
        String(port),
        '--data-dir',
        join(sandbox.dir, 'taken'),
      ]);
      expect(taken).toMatchObject({
        code: 3,
        err: `error [UNAVAILABLE]: cannot listen on 127.0.0.1:${port} (port in use)\n`,
      });
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
    expect(await runCli(['db', 'serve', '--port', '65536'])).toMatchObject({
      code: 2,
      err: 'error [BAD_USER_INPUT]: --port: must be an integer 0..65535\n',
    });
  });
});
