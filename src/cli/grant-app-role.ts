import { Command } from 'commander';
import { grantAppRole } from '../db/roles';
import { withDatabase } from './shared';

export function grantAppRoleCommand(): Command {
  return new Command('grant-app-role')
    .description(
      'PostgreSQL: give the role the server connects as read/write access to the records, but no UPDATE, DELETE or TRUNCATE on the audit log and history (run as the schema owner)',
    )
    .argument('<role>', 'the existing PostgreSQL role the server uses in DATABASE_URL')
    .action(async (role: string) => {
      await withDatabase(async (database) => {
        await grantAppRole(database, role);
        console.log(
          `Granted ${role} access to the records; the audit log and history are append-only for it.`,
        );
      });
    });
}
