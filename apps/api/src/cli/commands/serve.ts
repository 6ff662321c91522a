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
    .action(async (opts: { port?: string; host?: string }) => {
      const overrides: { port?: number; host?: string } = {};
      if (opts.port !== undefined) {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new (await import('@rustygpt/core')).ValidationError('must be an integer 0..65535', '--port');
        }
        overrides.port = port;
      }
      if (opts.host !== undefined) overrides.host = opts.host;
      const config = loadConfig(process.env, overrides);
      const api = await startApi(config);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          api.logger.info({ signal }, 'stop requested');
          process.off('SIGINT', onInt);
          process.off('SIGTERM', onTerm);
          api.close().then(resolve, (error: unknown) => {
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
