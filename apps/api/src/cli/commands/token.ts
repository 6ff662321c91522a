import { NotFoundError, ValidationError } from '@rustygpt/core';
import type { Command } from 'commander';
import { mintApiToken } from '../../auth/api-token';
import { LOCAL_IDENTITY } from '../../auth/viewer';
import { loadConfig } from '../../config';
import { withApiData } from '../../compose';
import type { ApiData, UserRecord } from '../../data/ports';

async function resolveUser(data: ApiData, user: string | undefined): Promise<UserRecord> {
  if (!user || user === 'local') return data.users.upsertIdentity({ ...LOCAL_IDENTITY, isAdmin: true });
  const match = /^([a-z0-9_-]+):(.+)$/i.exec(user);
  if (!match) throw new ValidationError('use <provider>:<subject>, e.g. github:12345, or "local"', '--user');
  const provider = match[1]!;
  const subject = match[2]!;
  // An existing user keeps their name and e-mail; an unknown one is created (and completed at sign-in).
  return (
    (await data.users.findByIdentity(provider, subject)) ??
    data.users.upsertIdentity({ provider, subject, name: null, email: null })
  );
}

/** `rustygpt token create|list|revoke`: personal API tokens, stored hashed, accepted as Bearer. */
export function register(program: Command): void {
  const token = program
    .command('token')
    .description('manage personal API tokens (Authorization: Bearer rgpt_...)');
  token
    .command('create')
    .description('create a token and print its secret once')
    .option('--name <name>', 'label to tell tokens apart', 'cli')
    .option('--admin', 'grant the admin role (merge, delete, lifecycle jobs)', false)
    .option('--user <provider:subject>', 'owner of the token (default: the local user)')
    .action(async (opts: { name: string; admin: boolean; user?: string }) => {
      await withApiData(loadConfig(), async (data) => {
        const user = await resolveUser(data, opts.user);
        const minted = mintApiToken();
        const record = await data.apiTokens.create({
          userId: user.id,
          name: opts.name,
          hash: minted.hash,
          prefix: minted.prefix,
          admin: opts.admin,
        });
        process.stderr.write(
          `token ${record.id} (${record.name}${record.admin ? ', admin' : ''}) for ${user.provider}:${user.subject}\n`,
        );
        process.stderr.write('store it now: it is not shown again\n');
        process.stdout.write(`${minted.secret}\n`);
      });
    });
  token
    .command('list')
    .description('list tokens (never their secrets)')
    .option('--json', 'print JSON', false)
    .action(async (opts: { json: boolean }) => {
      await withApiData(loadConfig(), async (data) => {
        const rows = await data.apiTokens.list();
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        for (const r of rows) {
          const state = r.revokedAt ? `revoked ${r.revokedAt.toISOString()}` : 'active';
          process.stdout.write(
            `${r.id}  ${r.prefix}…  ${r.name}${r.admin ? ' [admin]' : ''}  ${state}  created ${r.createdAt.toISOString()}\n`,
          );
        }
        if (rows.length === 0) process.stdout.write('no tokens\n');
      });
    });
  token
    .command('revoke')
    .description('revoke a token by id')
    .argument('<id>', 'token id (from `token list`)')
    .action(async (id: string) => {
      await withApiData(loadConfig(), async (data) => {
        if (!(await data.apiTokens.revoke(id))) throw new NotFoundError('token', id);
        process.stdout.write(`revoked ${id}\n`);
      });
    });
}
