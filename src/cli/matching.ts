import { Command } from 'commander';
import { enqueue, findIndexStatus, REINDEX_ALL } from '../db/queries/matching';
import { syncMatchIndex } from '../services/matching/sync-match-index';
import { formatTable, withDatabase } from './shared';

// Concern matching's index (issue 16), for operators: what it holds, and a rebuild from the
// texts (after restoring by hand, or to measure). The server keeps it current by itself.

function statusCommand(): Command {
  return new Command('status')
    .description('Show what the matching index holds and how many changes wait to be matched')
    .action(async () => {
      const s = await withDatabase((database) => findIndexStatus(database.db));
      console.log(
        formatTable(
          ['texts', 'anonymous', 'demands', 'scored pairs', 'queued', 'synonyms applied'],
          [[s.texts, s.anonymousTexts, s.demands, s.pairs, s.queued, s.builtAt ?? '-'].map(String)],
        ),
      );
    });
}

function rebuildCommand(): Command {
  return new Command('rebuild')
    .description('Match every text against every demand again, from scratch, and wait until done')
    .addHelpText(
      'after',
      "\nReads every member's concerns, note and survey answer again. The server does the same by\n" +
        'itself after a restore; on PGlite stop the server first.\n\nExample:\n  npm run kumiai -- matching rebuild',
    )
    .action(async () => {
      const result = await withDatabase(async (database) => {
        await enqueue(database.db, 'all', [REINDEX_ALL]);
        const started = Date.now();
        let processed = 0;
        for (;;) {
          const step = await syncMatchIndex(database.db, { budgetMs: 10_000, batchSize: 5000 });
          processed += step.processed;
          console.error(`matched ${processed} change(s), ${step.pending} left`);
          if (step.pending === 0) break;
        }
        return { processed, ms: Date.now() - started, status: await findIndexStatus(database.db) };
      });
      console.log(
        `Rebuilt in ${(result.ms / 1000).toFixed(1)} s: ${result.status.texts} text(s), ` +
          `${result.status.demands} demand(s), ${result.status.pairs} scored pair(s)`,
      );
    });
}

export function matchingCommand(): Command {
  return new Command('matching')
    .description('Concern matching: the index of what members said, matched to demands')
    .addCommand(statusCommand())
    .addCommand(rebuildCommand());
}
