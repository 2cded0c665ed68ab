import { Command } from 'commander';
import { backupCommand, restoreCommand } from './backup';
import { exportCommand } from './export';
import { grantAppRoleCommand } from './grant-app-role';
import { importCommand } from './import';
import { digestsCommand, mailCommand } from './mail';
import { matchingCommand } from './matching';
import { migrateCommand } from './migrate';
import { seedDemoCommand } from './seed-demo';
import { serveCommand } from './serve';
import { describeError } from './shared';
import { usersCommand } from './users';
import { workflowsCommand } from './workflows';

const program = new Command('kumiai')
  .description(
    'Kumiai (組合): a relationship CRM for labor unions. Run `npm run kumiai -- <command> --help`.',
  )
  .showHelpAfterError('(add --help for usage)')
  .addCommand(serveCommand())
  .addCommand(migrateCommand())
  .addCommand(usersCommand())
  .addCommand(seedDemoCommand())
  .addCommand(workflowsCommand())
  .addCommand(matchingCommand())
  .addCommand(importCommand())
  .addCommand(exportCommand())
  .addCommand(grantAppRoleCommand())
  .addCommand(backupCommand())
  .addCommand(restoreCommand())
  .addCommand(mailCommand())
  .addCommand(digestsCommand());

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const { message, expected } = describeError(err);
  console.error(expected ? `Error: ${message}` : message);
  process.exitCode = (err as { exitCode?: unknown }).exitCode === 130 ? 130 : 1;
}
