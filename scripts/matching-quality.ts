// The quality of concern matching on the labelled set (issue 16): the metrics as JSON, then each
// failure (for docs and for tuning the default synonyms). `npx tsx scripts/matching-quality.ts`;
// options: --threshold 0.5, --half even|odd (only the even- or odd-numbered concerns),
// --json (everything, failures included, as one JSON document), --set held-out (the 100 concerns
// written apart from the tuning, test/fixtures/matching/held-out-set.json).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { evaluateLabelledSet, type LabelledSet } from '../src/services/matching/evaluate-labelled-set';
import { loadSegmenter } from '../src/services/matching/tokenizer';

// Piped into head or less: stop quietly when the reader goes away.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const { values } = parseArgs({
  options: {
    threshold: { type: 'string' },
    half: { type: 'string' },
    json: { type: 'boolean', default: false },
    set: { type: 'string', default: 'labelled' },
  },
});
if (values.half && values.half !== 'even' && values.half !== 'odd') {
  console.error('--half is even or odd');
  process.exit(2);
}
if (values.set !== 'labelled' && values.set !== 'held-out') {
  console.error('--set is labelled or held-out');
  process.exit(2);
}
const fixture = new URL(`../test/fixtures/matching/${values.set}-set.json`, import.meta.url);
const set = JSON.parse(readFileSync(fixture, 'utf8')) as LabelledSet;
const parity = values.half === 'even' ? 0 : 1;
const report = evaluateLabelledSet(set, await loadSegmenter(), {
  threshold: values.threshold === undefined ? undefined : Number(values.threshold),
  include: values.half ? (id) => Number(id.replace(/\D/g, '')) % 2 === parity : undefined,
});

if (values.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(JSON.stringify(report.metrics, null, 2));
  const label = {
    wrongBest: 'best suggestion is not a labelled demand',
    noSuggestion: 'no suggestion',
    notInTop3: 'first labelled demand not in the top 3',
    falseMatch: 'no demand covers it, yet suggested',
  } as const;
  for (const kind of ['wrongBest', 'noSuggestion', 'notInTop3', 'falseMatch'] as const) {
    const failures = report.failures.filter((f) => f.kind === kind);
    if (failures.length === 0) continue;
    console.log(`\n## ${label[kind]} (${failures.length})`);
    for (const f of failures) {
      const wanted = f.wanted.map((w) => `${w.title} ${w.score.toFixed(2)}`).join(' / ');
      const got = f.got ? `${f.got.title} ${f.got.score.toFixed(2)} [${f.got.words.join(', ')}]` : '—';
      console.log(`- ${f.concernId} ${f.text}\n    wanted: ${wanted || '—'}\n    got:    ${got}`);
    }
  }
}
