import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command } from 'commander';
import type { ImportKind } from '../core/import/types';
import { actingAs } from '../db/acting';
import type { Db } from '../db/client';
import type { Actor, ServiceContext } from '../services/context';
import type { ImportPhase, ImportProgress } from '../services/import/import-engine';
import { type ImportFileResult, importFile } from '../services/import/import-file';
import { MAX_IMPORT_BYTES } from '../services/import/read-table';
import { listUsers } from '../services/users/list-users';
import { CliError, formatTable, withDatabase } from './shared';

/** The errors printed; the rest are counted. */
const SHOWN_ERRORS = 20;

const PHASE_LABELS: Record<ImportPhase, string> = {
  reading: 'Reading the file',
  validating: 'Checking rows',
  writing: 'Writing',
};

type Options = { dryRun?: boolean; createWorkplaces?: boolean; skipInvalid?: boolean; mapping?: string };

/**
 * The CLI acts for the organization, not a signed-in person: the import is
 * attributed to the first enabled admin (the one accountable for the installation).
 */
async function actingAdmin(db: Db, now: Date): Promise<ServiceContext> {
  const page = await listUsers(db, { limit: 500, offset: 0 });
  const admin = page.items.find((u) => u.role === 'admin' && !u.disabled);
  if (!admin) {
    throw new CliError(
      'No enabled admin exists to attribute the import to. Create one first: npm run kumiai -- users create --role admin …',
    );
  }
  const actor: Actor = {
    id: admin.id,
    email: admin.email,
    displayName: admin.displayName,
    role: admin.role,
    workplaceIds: [],
  };
  return { db: actingAs(db, actor.id, now), actor, now };
}

/**
 * Progress on stderr: a bar redrawn in place on a terminal, otherwise one plain
 * line per step (logs and pipes get no control characters).
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  let lastLine = '';
  let drawn = false;
  return {
    update(p: ImportProgress) {
      const label = PHASE_LABELS[p.phase];
      const unit = p.phase === 'reading' ? 'bytes' : 'rows';
      if (stream.isTTY) {
        const width = 30;
        const ratio = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
        const filled = Math.round(ratio * width);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
        const text = `${label.padEnd(17)} ${bar} ${String(Math.round(ratio * 100)).padStart(3)}% ${p.done}/${p.total} ${unit}`;
        stream.write(`\r${text}\u001b[K`);
        drawn = true;
        return;
      }
      const line = `${label}: ${p.done}/${p.total} ${unit}`;
      if (line !== lastLine) stream.write(`${line}\n`);
      lastLine = line;
    },
    end() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}

/** The summary printed on stdout. */
export function formatImportResult(result: ImportFileResult): string {
  const lines: string[] = [];
  const mode = result.dryRun
    ? 'Dry run (nothing was written)'
    : result.applied
      ? 'Imported'
      : 'Nothing was imported';
  const encoding = result.encoding ? `, ${result.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'}` : '';
  lines.push(`${mode}: ${result.fileName} (${result.format}${encoding}), ${result.total} data rows`);
  const verb = result.applied ? '' : ' (would be)';
  if (result.kind === 'demand-links') {
    lines.push(
      formatTable(
        ['', 'rows'],
        [
          [`linked${verb}`, String(result.created)],
          ['already linked', String(result.unchanged)],
          ['with errors (skipped)', String(result.skipped)],
        ],
      ),
    );
    if (result.byDemand.length) {
      lines.push('', `Per demand:`);
      lines.push(
        formatTable(
          ['season', 'demand', `linked${verb}`, 'already linked'],
          result.byDemand.map((d) => [
            d.seasonName ?? '—',
            d.title,
            String(d.linked),
            String(d.alreadyLinked),
          ]),
        ),
      );
    }
  } else {
    lines.push(
      formatTable(
        ['', 'rows'],
        [
          [`created${verb}`, String(result.created)],
          [`updated${verb}`, String(result.updated)],
          ['unchanged', String(result.unchanged)],
          ['with errors (skipped)', String(result.skipped)],
        ],
      ),
    );
  }
  if (result.createdWorkplaces.length) {
    lines.push(`Workplaces created${verb}: ${result.createdWorkplaces.join('、')}`);
  }
  if (result.followUpTasks) lines.push(`At-risk follow-up tasks${verb}: ${result.followUpTasks}`);
  if (result.changes.length) {
    // Before → after of each updated field, as the web app's dry run shows it.
    const rows = result.changes.flatMap((c) =>
      c.fields.map((f) => [String(c.row), c.name, f.column, `${f.before ?? '—'} → ${f.after ?? '—'}`]),
    );
    const shown = rows.slice(0, SHOWN_ERRORS);
    lines.push('', `Changes${verb}:`);
    lines.push(formatTable(['row', 'member', 'column', 'before → after'], shown));
    const more = rows.length - shown.length;
    if (more > 0 || result.changesNotListed > 0) {
      const rowsMore = result.changesNotListed ? ` (and ${result.changesNotListed} more updated rows)` : '';
      lines.push(`… ${more} more changed fields${rowsMore}`);
    }
  }
  if (result.errors.length) {
    const shown = result.errors.slice(0, SHOWN_ERRORS);
    lines.push('', `Errors (${result.errors.length}):`);
    lines.push(
      formatTable(
        ['row', 'column', 'reason'],
        shown.map((e) => [String(e.row), e.column ?? '—', e.message]),
      ),
    );
    if (result.errors.length > shown.length) lines.push(`… and ${result.errors.length - shown.length} more`);
    if (!result.applied && !result.dryRun) {
      lines.push(
        '',
        'Fix these rows and run the import again, or add --skip-invalid to import the other rows.',
      );
    }
  }
  if (result.warnings.length) {
    const shown = result.warnings.slice(0, SHOWN_ERRORS);
    lines.push(
      '',
      result.kind === 'demand-links'
        ? `Repeated rows (${result.warnings.length}; linked once):`
        : `Possible duplicates (${result.warnings.length}; imported as they are):`,
    );
    lines.push(
      formatTable(
        ['row', 'column', 'reason'],
        shown.map((w) => [String(w.row), w.column ?? '—', w.message]),
      ),
    );
    if (result.warnings.length > shown.length)
      lines.push(`… and ${result.warnings.length - shown.length} more`);
  }
  return lines.join('\n');
}

const KIND_TEXT: Record<ImportKind, { what: string; example: string }> = {
  members: {
    what: 'members (組合員名簿), upserting by employee number (社員番号)',
    example: '名簿.xlsx --create-workplaces',
  },
  workplaces: { what: 'workplaces (職場一覧), upserting by name', example: '職場.xlsx' },
  'demand-links': {
    what: 'links of members (社員番号 or ID) to demands (要求 — the title within 交渉シーズン, else the current season — or 要求ID)',
    example: '紐付け.xlsx',
  },
};

function kindCommand(kind: ImportKind): Command {
  const what = KIND_TEXT[kind].what;
  const command = new Command(kind)
    .description(`Import ${what} from a CSV (UTF-8 or Shift_JIS), TSV or XLSX file`)
    .argument('<file>', 'the file to import')
    .option('--dry-run', 'check the file and print what would change; write nothing')
    .option(
      '--skip-invalid',
      'import the valid rows and skip the rows with errors (default: any error stops the import)',
    );
  // Demand-link mappings cannot be saved (the columns are matched by their headers).
  if (kind !== 'demand-links') {
    command.option(
      '--mapping <name>',
      'a saved column mapping to use (default: match the headers automatically)',
    );
  }
  if (kind === 'members') {
    command.option('--create-workplaces', 'create the workplaces the file names that do not exist yet');
  }
  return command
    .addHelpText(
      'after',
      '\nAll or nothing: the import runs in one transaction; with errors nothing is written unless\n' +
        '--skip-invalid is given. Exit code 1 when errors stop the import (or would, with --dry-run).\n' +
        'On PGlite stop the server first (the data directory takes one process).\n\n' +
        'Examples:\n' +
        `  npm run kumiai -- import ${kind} 名簿.csv --dry-run\n` +
        `  npm run kumiai -- import ${kind} ${KIND_TEXT[kind].example}`,
    )
    .action(async (file: string, options: Options) => {
      const size = await stat(file).then(
        (s) => s.size,
        () => {
          throw new CliError(`Cannot read ${file}: no such file.`);
        },
      );
      if (size > MAX_IMPORT_BYTES) {
        throw new CliError(
          `${file} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it into smaller files.`,
        );
      }
      const data = new Uint8Array(await readFile(file));
      const progress = progressPrinter();
      const result = await withDatabase(async (database) => {
        const ctx = await actingAdmin(database.db, new Date());
        try {
          return await importFile(ctx, {
            kind,
            data,
            fileName: basename(file),
            mappingName: options.mapping,
            dryRun: options.dryRun ?? false,
            createWorkplaces: options.createWorkplaces ?? false,
            skipInvalid: options.skipInvalid ?? false,
            onProgress: (p) => progress.update(p),
          });
        } finally {
          progress.end();
        }
      });
      console.log(formatImportResult(result));
      if (result.errors.length && !options.skipInvalid) process.exitCode = 1;
    });
}

export function importCommand(): Command {
  return new Command('import')
    .description('Import members, workplaces or links of members to demands from a file (CSV, TSV, XLSX)')
    .addCommand(kindCommand('members'))
    .addCommand(kindCommand('workplaces'))
    .addCommand(kindCommand('demand-links'));
}
