import { Command } from 'commander';
import { describeDatabase } from '../server/main';
import { withDatabase } from './shared';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('Apply pending database migrations (the server also does this at start)')
    .action(async () => {
      await withDatabase(async (_database, config) => {
        // withDatabase has applied them by now: opening the database always migrates.
        console.log(`The database schema is up to date (${describeDatabase(config)}).`);
      });
    });
}
