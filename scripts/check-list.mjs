// The frame of CI's JSON checkers (check-bench.mjs, check-reliability.mjs): reads the
// arguments `<file.json> [--report <checks.json>]`, collects named checks, prints them and
// writes a Vitest-shaped report so they count in CI's "N passed, N failed" line.
import { writeFileSync } from 'node:fs';

/** `script`: the checker's file name; `label`: what each printed line starts with. */
export function checkList(script, label) {
  const [file, flag, reportFile] = process.argv.slice(2);
  if (!file || (flag && flag !== '--report')) {
    console.error(`usage: ${script} <${label}.json> [--report <file>]`);
    process.exit(2);
  }
  const results = [];
  /** A check passes when `fn` returns true; a throw fails it with the error as its message. */
  const check = (title, fn) => {
    try {
      const ok = fn();
      results.push({ title, status: ok ? 'passed' : 'failed' });
    } catch (err) {
      results.push({ title, status: 'failed', failureMessages: [String(err)] });
    }
  };
  /** Prints every check (and `notes` under the failures), writes the report, exits 1 on a failure. */
  const finish = (notes = []) => {
    const failed = results.filter((x) => x.status === 'failed');
    for (const x of results) console.log(`${x.status === 'passed' ? '✓' : '✗'} ${label}: ${x.title}`);
    for (const x of failed) if (x.failureMessages) console.log(`  ${x.failureMessages.join('\n  ')}`);
    if (notes.length) console.log(`  ${notes.join('\n  ')}`);
    if (reportFile) {
      writeFileSync(
        reportFile,
        JSON.stringify({
          numPassedTests: results.length - failed.length,
          numFailedTests: failed.length,
          testResults: [
            { name: file, status: failed.length ? 'failed' : 'passed', assertionResults: results },
          ],
        }),
      );
    }
    process.exit(failed.length ? 1 : 0);
  };
  return { file, check, finish };
}
