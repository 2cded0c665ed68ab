import { Command, InvalidArgumentError } from 'commander';
import { hasEnabledAdmin, loadDemoUnion } from '../server/main';
import { CliError, withDatabase } from './shared';

function parseSeed(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new InvalidArgumentError('must be a whole number (0–999999999)');
  return Number(value);
}

export function seedDemoCommand(): Command {
  return new Command('seed-demo')
    .description('Load a fictional demo union (workplaces, members, demands, staff) into an empty database')
    .option('--seed <n>', 'random seed: the same seed gives the same demo data', parseSeed, 1)
    .addHelpText(
      'after',
      '\nThe demo is only loaded into a database with no members or workplaces, so real records are never mixed with it.',
    )
    .action(async (options: { seed: number }) => {
      const lines = await withDatabase(async (database) => {
        const demo = await loadDemoUnion(database.db, { seed: options.seed, now: new Date() });
        if (!demo.loaded) throw new CliError(demo.lines.join('\n'));
        if (!(await hasEnabledAdmin(database.db))) {
          demo.lines.push(
            'The demo has no admin. Create one with: npm run kumiai -- users create --email … --name … --role admin',
          );
        }
        return demo.lines;
      });
      for (const line of lines) console.log(line);
    });
}
