import { Command, Option } from 'commander';
import type { z } from 'zod';
import { STAFF_ROLE_LABELS, STAFF_ROLES } from '../core/enums';
import { createUserSchema } from '../core/users/schemas';
import { actingAs } from '../db/acting';
import type { Db } from '../db/client';
import { findUserByEmail } from '../db/queries/users';
import { fieldErrorsOf } from '../server/openapi';
import { hasTotp, resetUserTotp } from '../services/auth/two-step';
import type { Actor } from '../services/context';
import { createUser } from '../services/users/create-user';
import { listUsers } from '../services/users/list-users';
import { updateUser } from '../services/users/update-user';
import { CliError, formatTable, readNewPassword, withDatabase } from './shared';

const ROLE_HELP = STAFF_ROLES.map((role) => `${role} (${STAFF_ROLE_LABELS[role]})`).join(', ');
const PAGE = 500;

function invalidInput(error: z.ZodError): CliError {
  const fields = Object.entries(fieldErrorsOf(error)).map(([field, why]) => `  ${field}: ${why}`);
  return new CliError(['Some fields are invalid; nothing was created.', ...fields].join('\n'));
}

function createCommand(): Command {
  return new Command('create')
    .description('Create a staff user; the password is read from stdin (asked twice on a terminal)')
    .requiredOption('--email <email>', 'sign-in email address')
    .requiredOption('--name <name>', 'display name, e.g. "山田 花子"')
    .addOption(
      new Option('--role <role>', `what the user may do: ${ROLE_HELP}`)
        .choices(STAFF_ROLES)
        .makeOptionMandatory(),
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  npm run kumiai -- users create --email kanri@example.org --name "管理者" --role admin\n' +
        '  printf "%s\\n" "$PASSWORD" | npm run kumiai -- users create --email … --name … --role officer',
    )
    .action(async (options: { email: string; name: string; role: string }) => {
      const fields = { email: options.email, displayName: options.name, role: options.role };
      // Check the rest first, so nobody types a password twice for a mistyped email.
      const early = createUserSchema.pick({ email: true, displayName: true, role: true }).safeParse(fields);
      if (!early.success) throw invalidInput(early.error);
      const parsed = createUserSchema.safeParse({ ...fields, password: await readNewPassword() });
      if (!parsed.success) throw invalidInput(parsed.error);
      const user = await withDatabase((database) => createUser(database.db, parsed.data));
      console.log(`Created ${user.role} ${user.email} (${user.displayName}), id ${user.id}`);
    });
}

function listCommand(): Command {
  return new Command('list').description('List staff users with their roles').action(async () => {
    const rows = await withDatabase(async (database) => {
      const all = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await listUsers(database.db, { limit: PAGE, offset });
        all.push(...page.items);
        if (page.items.length < PAGE) return all;
      }
    });
    if (!rows.length) {
      console.log('No users yet. Create the first admin with: npm run kumiai -- users create --role admin …');
      return;
    }
    console.log(
      formatTable(
        ['email', 'name', 'role', 'disabled'],
        rows.map((u) => [u.email, u.displayName, u.role, u.disabled ? 'yes' : 'no']),
      ),
    );
  });
}

function disableCommand(): Command {
  return new Command('disable')
    .description('Disable a staff user: ends their sessions and revokes their API tokens')
    .requiredOption('--email <email>', 'the email of the user to disable')
    .action(async (options: { email: string }) => {
      const message = await withDatabase(async (database) => {
        const target = await findUserByEmail(database.db, options.email);
        if (!target) throw new CliError(`No user has the email ${options.email}.`);
        if (target.disabled) return `${target.email} is already disabled.`;
        const actor = await organizationActor(database.db, target);
        const now = new Date();
        await updateUser({ db: actingAs(database.db, actor.id, now), actor, now }, target.id, {
          disabled: true,
          version: target.version,
        });
        return `Disabled ${target.email}; their sessions and API tokens no longer work.`;
      });
      console.log(message);
    });
}

/**
 * Who a command acts as. The CLI runs with access to the database itself, so it acts for the
 * organization, not a signed-in person: changes are attributed to the first enabled admin (the
 * one accountable for the installation), or, if there is none, to the user being changed.
 */
async function organizationActor(
  db: Db,
  target: { id: string; email: string; displayName: string; role: Actor['role'] },
) {
  const admins = await listUsers(db, { limit: PAGE, offset: 0 });
  const actorUser = admins.items.find((u) => u.role === 'admin' && !u.disabled) ?? target;
  const actor: Actor = {
    id: actorUser.id,
    email: actorUser.email,
    displayName: actorUser.displayName,
    role: actorUser.role,
    workplaceIds: [],
  };
  return actor;
}

function resetTwoStepCommand(): Command {
  return new Command('reset-two-step')
    .description(
      "Remove a user's two-step sign-in (a lost phone): they sign in with the password alone and, " +
        'when their role requires it, set up an authenticator app again first (audited)',
    )
    .requiredOption('--email <email>', 'the email of the user')
    .action(async (options: { email: string }) => {
      const message = await withDatabase(async (database) => {
        const target = await findUserByEmail(database.db, options.email);
        if (!target) throw new CliError(`No user has the email ${options.email}.`);
        if (!(await hasTotp(database.db, target.id)))
          return `${target.email} has no two-step sign-in to reset.`;
        const actor = await organizationActor(database.db, target);
        const now = new Date();
        await resetUserTotp({ db: actingAs(database.db, actor.id, now), actor, now }, target.id);
        return `Reset the two-step sign-in of ${target.email}; they sign in with their password and set up an app again.`;
      });
      console.log(message);
    });
}

export function usersCommand(): Command {
  return new Command('users')
    .description('Manage staff users (admins, full-time officers, executive committee, workplace reps)')
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(disableCommand())
    .addCommand(resetTwoStepCommand());
}
