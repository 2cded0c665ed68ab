import { Command, InvalidArgumentError } from 'commander';
import { isValidPlainDate } from '../core/common/dates';
import { WORKFLOW_RULES } from '../core/workflows/rules';
import { runWorkflowRules } from '../services/workflows/run-workflow-rules';
import { formatTable, withDatabase } from './shared';

function parseDate(value: string): string {
  if (!isValidPlainDate(value)) throw new InvalidArgumentError('must be a real calendar date (YYYY-MM-DD)');
  return value;
}

function runCommand(): Command {
  return new Command('run')
    .description('Run the date workflow rules now and print how many tasks each created')
    .option(
      '--as-of <date>',
      "the day to evaluate (YYYY-MM-DD); default today in the organization's time zone",
      parseDate,
    )
    .addHelpText(
      'after',
      '\nIdempotent: running it again for the same day creates nothing more. The server also runs the\n' +
        'rules at start and daily at 00:05 organization time; on PGlite stop the server first.\n\n' +
        'Example:\n  npm run kumiai -- workflows run --as-of 2026-04-01',
    )
    .action(async (options: { asOf?: string }) => {
      const result = await withDatabase((database) =>
        runWorkflowRules({ db: database.db, now: new Date() }, { asOf: options.asOf }),
      );
      const rows = Object.entries(result.counts).map(([rule, n]) => [
        rule,
        WORKFLOW_RULES[rule as keyof typeof WORKFLOW_RULES].label,
        String(n),
      ]);
      console.log(`Workflow rules as of ${result.asOf}: created ${result.created.length} task(s)`);
      console.log(formatTable(['rule', 'when', 'created'], rows));
    });
}

export function workflowsCommand(): Command {
  return new Command('workflows').description('Workflow rules (SPEC §4)').addCommand(runCommand());
}
