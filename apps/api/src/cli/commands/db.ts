import { ValidationError } from '@rustygpt/core';
import { serveDatabase, DEFAULT_DATA_DIR } from '@rustygpt/store';
import type { Command } from 'commander';

/** `rustygpt db serve`: exposes the embedded database over the PostgreSQL wire protocol. */
export function register(program: Command): void {
  const db = program.command('db').description('database utilities');
  db.command('serve')
    .description('serve the embedded data directory over the PostgreSQL wire protocol (psql, DATABASE_URL)')
    .option('--port <port>', 'TCP port', '5433')
    .option('--host <host>', 'address to bind (keep it on loopback: there is no password)', '127.0.0.1')
    .option('--data-dir <dir>', 'data directory (default RUSTYGPT_DATA_DIR or ./.rustygpt/data)')
    .addHelpText(
      'after',
      '\nThe embedded database belongs to one process; while this runs, other commands reach it with\n' +
        '  DATABASE_URL=postgres://postgres@127.0.0.1:5433/postgres?sslmode=disable rustygpt ...\n' +
        'or psql:  PGSSLMODE=disable psql -h 127.0.0.1 -p 5433 -U postgres\n' +
        'Queries from all clients are serialised (one backend). Stop with Ctrl-C.',
    )
    .action(async (opts: { port: string; host: string; dataDir?: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new ValidationError('must be an integer 0..65535', '--port');
      const dataDir = opts.dataDir ?? (process.env.RUSTYGPT_DATA_DIR || DEFAULT_DATA_DIR);
      const served = await serveDatabase({ dataDir, port, host: opts.host });
      process.stdout.write(`serving ${served.database.location}\nDATABASE_URL=${served.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          served.close().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
