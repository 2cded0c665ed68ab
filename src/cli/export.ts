import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Command, Option } from 'commander';
import { DEMAND_SORTS } from '../core/demands/schemas';
import {
  ATMOSPHERES,
  ENGAGEMENTS,
  MEMBER_STATUSES,
  NEGOTIATION_STATUSES,
  PRIORITIES,
  TASK_STATUSES,
  TASK_SUBJECT_TYPES,
  UNION_ROLES,
} from '../core/enums';
import { EXPORT_FORMATS, EXPORT_LANGS, type ExportFormat, type ExportKind } from '../core/export/columns';
import { EXPORT_QUERIES, type ExportQueryOf } from '../core/export/schemas';
import { MEMBER_SORTS } from '../core/members/schemas';
import { TASK_SORTS } from '../core/tasks/schemas';
import { WORKPLACE_SORTS } from '../core/workplaces/schemas';
import { actingAs } from '../db/acting';
import type { Database } from '../db/client';
import { findWorkplaceIdByName } from '../db/queries/export';
import { findUserByEmail } from '../db/queries/users';
import { fieldErrorsOf } from '../server/openapi';
import type { Actor } from '../services/context';
import { exportRecords } from '../services/export/export-records';
import { listUsers } from '../services/users/list-users';
import { CliError, withDatabase } from './shared';

/**
 * `npm run kumiai -- export <kind> <file>`: the same file as
 * `GET /api/export/<kind>.<format>` with the list's filters, written to a file
 * (or stdout with `-`). The CLI has the database itself, so it acts for the
 * organization: as the first enabled admin (like `users disable`), who is named in
 * the audit log's `export` event.
 */

type Options = Record<string, string | undefined> & { format?: ExportFormat; lang?: string };

/** The first enabled admin, in the users list's order; none means the CLI cannot act. */
async function cliActor(database: Database): Promise<Actor> {
  const { items } = await listUsers(database.db, { limit: 500, offset: 0 });
  const admin = items.find((u) => u.role === 'admin' && !u.disabled);
  if (!admin) {
    throw new CliError(
      'No enabled admin: create one first with `npm run kumiai -- users create --role admin …`.',
    );
  }
  return {
    id: admin.id,
    email: admin.email,
    displayName: admin.displayName,
    role: 'admin',
    workplaceIds: [],
  };
}

async function userIdByEmail(database: Database, email: string, option: string): Promise<string> {
  const user = await findUserByEmail(database.db, email);
  if (!user) throw new CliError(`${option}: no staff user has the email ${email}.`);
  return user.id;
}

/** The command-line options as the list route's query (names and emails resolved to ids). */
async function queryOf(database: Database, kind: ExportKind, options: Options) {
  const {
    format: _format,
    workplace,
    owner,
    assignee,
    subjectType,
    rule,
    dueBefore,
    unionRole,
    ...rest
  } = options;
  const raw: Record<string, string | undefined> = {
    ...rest,
    unionRole,
    subjectType,
    ruleId: rule,
    dueBefore,
  };
  if (workplace !== undefined) {
    const id = await findWorkplaceIdByName(database.db, workplace.normalize('NFKC').trim());
    if (!id) throw new CliError(`--workplace: no workplace is named ${workplace}.`);
    raw.workplaceId = id;
  }
  if (owner !== undefined) raw.ownerId = await userIdByEmail(database, owner, '--owner');
  if (assignee !== undefined) {
    raw.assignee = assignee === 'none' ? 'none' : await userIdByEmail(database, assignee, '--assignee');
  }
  const parsed = EXPORT_QUERIES[kind].safeParse(raw);
  if (!parsed.success) {
    const fields = Object.entries(fieldErrorsOf(parsed.error)).map(([field, why]) => `  ${field}: ${why}`);
    throw new CliError(['Some options are invalid; nothing was exported.', ...fields].join('\n'));
  }
  return parsed.data as ExportQueryOf[typeof kind];
}

function formatOf(file: string, format: ExportFormat | undefined): ExportFormat {
  if (format) return format;
  return extname(file).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv';
}

async function run(kind: ExportKind, file: string, options: Options) {
  const format = formatOf(file, options.format);
  const { rows, matched } = await withDatabase(async (database) => {
    const actor = await cliActor(database);
    const query = await queryOf(database, kind, options);
    const now = new Date();
    const download = await exportRecords(
      { db: actingAs(database.db, actor.id, now), actor, now },
      kind,
      format,
      query,
    );
    if (file === '-') {
      await pipeline(download.body, process.stdout, { end: false });
    } else {
      // Written beside the target and renamed at the end: a failed export leaves no half file.
      const partial = `${file}.partial`;
      try {
        await pipeline(download.body, createWriteStream(partial));
        await download.finished;
        await rename(partial, file);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    }
    return { rows: await download.finished, matched: download.matched };
  });
  const skipped = matched - rows;
  console.error(
    `Exported ${rows} ${kind} to ${file === '-' ? 'stdout' : file} (${format.toUpperCase()})` +
      (skipped > 0 ? `; ${skipped} changed while exporting and were left out` : ''),
  );
}

const listOf = (values: readonly string[]) => values.join(', ');

function kindCommand(kind: ExportKind, description: string, sorts: readonly string[]): Command {
  return new Command(kind)
    .description(description)
    .argument('<file>', 'the file to write (.csv or .xlsx), or - for stdout')
    .addOption(
      new Option('--format <format>', 'csv or xlsx (default: from the file name, else csv)').choices(
        EXPORT_FORMATS,
      ),
    )
    .addOption(
      new Option('--lang <lang>', 'ja: Japanese headers and labels; en: English headers and API values')
        .choices(EXPORT_LANGS)
        .default('ja'),
    )
    .option('--q <text>', 'search, as in the list')
    .addOption(new Option('--sort <order>', `row order: ${listOf(sorts)}`).choices(sorts));
}

export function exportCommand(): Command {
  const members = kindCommand('members', 'Export members (組合員) with the list filters', MEMBER_SORTS)
    .option('--workplace <name>', 'only this workplace (by its name)')
    .addOption(new Option('--engagement <value>', '関与度').choices(ENGAGEMENTS))
    .addOption(new Option('--union-role <value>', '役職').choices(UNION_ROLES))
    .addOption(new Option('--status <value>', '在籍 (default: every status)').choices(MEMBER_STATUSES))
    .option('--owner <email>', '担当者 by email')
    .addHelpText(
      'after',
      '\nThe columns are those the member import reads, so the file can be edited and imported again.\n\n' +
        'Examples:\n' +
        '  npm run kumiai -- export members members.csv --status active\n' +
        '  npm run kumiai -- export members 第一工場.xlsx --workplace 第一工場',
    )
    .action((file: string, options: Options) => run('members', file, options));
  const workplaces = kindCommand('workplaces', 'Export workplaces (職場) with their figures', WORKPLACE_SORTS)
    .addOption(new Option('--atmosphere <value>', '職場の雰囲気').choices(ATMOSPHERES))
    .option('--establishment <name>', '所属事業所 (exactly)')
    .option('--owner <email>', '担当者 by email')
    .action((file: string, options: Options) => run('workplaces', file, options));
  const demands = kindCommand(
    'demands',
    'Export demands (交渉・要求) with their related member counts',
    DEMAND_SORTS,
  )
    .addOption(new Option('--priority <value>', '要求の優先度').choices(PRIORITIES))
    .addOption(new Option('--status <value>', '交渉ステータス').choices(NEGOTIATION_STATUSES))
    .action((file: string, options: Options) => run('demands', file, options));
  const tasks = kindCommand('tasks', 'Export tasks (タスク)', TASK_SORTS)
    .addOption(new Option('--status <value>', 'open or done').choices(TASK_STATUSES))
    .option('--assignee <email>', 'assigned to this staff user, or none for unassigned tasks')
    .addOption(new Option('--subject-type <type>', 'what the tasks are about').choices(TASK_SUBJECT_TYPES))
    .option('--rule <id>', 'made by this workflow rule')
    .option('--due-before <date>', 'due on or before this day (YYYY-MM-DD)')
    .action((file: string, options: Options) => run('tasks', file, options));
  return new Command('export')
    .description('Export members, workplaces, demands or tasks as CSV (UTF-8 with BOM, for Excel) or XLSX')
    .addHelpText(
      'after',
      '\nEvery export is recorded in the audit log, attributed to the first enabled admin.\n' +
        'On PGlite, stop the server first (one process at a time on the data directory).',
    )
    .addCommand(members)
    .addCommand(workplaces)
    .addCommand(demands)
    .addCommand(tasks);
}
