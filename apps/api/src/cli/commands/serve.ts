import { ValidationError } from '@rustygpt/core';
import { serveDatabase, type ServedDatabase } from '@rustygpt/store';
import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { startApi } from '../../compose';

/** `rustygpt serve`: runs the GraphQL API (HTTP, graphql-ws, SSE), health and metrics on one port. */
export function register(program: Command): void {
  program
    .command('serve')
    .description('start the GraphQL API server (GraphQL at /graphql, /healthz, /readyz, /metrics)')
    .option('--port <port>', 'port to listen on (RUSTYGPT_PORT, default 4000)')
    .option('--host <host>', 'address to bind (RUSTYGPT_HOST, default 127.0.0.1)')
    .option(
      '--db-port <port>',
      'also serve the embedded database over the Postgres wire protocol on this port, so other CLI commands can reach it with DATABASE_URL while the server runs',
    )
    .action(async (opts: { port?: string; host?: string; dbPort?: string }) => {
      const overrides: { port?: number; host?: string } = {};
      if (opts.port !== undefined) {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new ValidationError('must be an integer 0..65535', '--port');
        overrides.port = port;
      }
      if (opts.host !== undefined) overrides.host = opts.host;
      const config = loadConfig(process.env, overrides);
      let served: ServedDatabase | null = null;
      if (opts.dbPort !== undefined) {
        if (config.databaseUrl)
          throw new ValidationError(
            'only the embedded database can be served (unset DATABASE_URL)',
            '--db-port',
          );
        const dbPort = Number(opts.dbPort);
        if (!Number.isInteger(dbPort) || dbPort < 0 || dbPort > 65535)
          throw new ValidationError('must be an integer 0..65535', '--db-port');
        served = await serveDatabase({ dataDir: config.dataDir, port: dbPort, host: '127.0.0.1' });
      }
      const api = await startApi(config, served ? { database: served.database } : {}).catch(
        async (error: unknown) => {
          await served?.close();
          throw error;
        },
      );
      if (served)
        api.logger.info(
          { url: served.url },
          `embedded database served at ${served.url} (DATABASE_URL for other commands)`,
        );
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          api.logger.info({ signal }, 'stop requested');
          process.off('SIGINT', onInt);
          process.off('SIGTERM', onTerm);
          api
            .close()
            .then(() => served?.close())
            .then(resolve, (error: unknown) => {
              api.logger.error({ err: error }, 'error while stopping');
              resolve();
            });
        };
        const onInt = () => stop('SIGINT');
        const onTerm = () => stop('SIGTERM');
        process.on('SIGINT', onInt);
        process.on('SIGTERM', onTerm);
      });
    });
}
