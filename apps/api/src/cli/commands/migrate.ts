import type { Command } from 'commander';
import { migrate } from '@rustygpt/store';
import { withDatabase } from '../context';

/** `rustygpt migrate`: applies pending SQL migrations (prisma/migrations) to the configured database. */
export function register(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (embedded data dir, or DATABASE_URL)')
    .addHelpText(
      'after',
      '\nMigrations are the SQL files in prisma/migrations/<NNNN_name>/migration.sql, applied in order,\n' +
        'each in a transaction, recorded with a checksum in _rustygpt_migrations. Opening the database\n' +
        'applies them too; this command does only that and reports what it did.',
    )
    .action(async () => {
      await withDatabase(
        async (db) => {
          const report = await migrate(db);
          for (const name of report.applied) process.stdout.write(`applied ${name}\n`);
          process.stdout.write(
            `${db.location}: ${report.applied.length} applied, ${report.alreadyApplied.length} already up to date\n`,
          );
        },
        { migrate: false },
      );
    });
}
