import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assertBuilt, ROOT } from './harness';

// Issue 19: the field app's initial load stays within 250 KB of gzip'd JavaScript. What /field
// needs before it can draw: the app entry (index.html's script and the chunks it imports
// statically) and the field page's lazy chunk with its static imports — read from Vite's
// manifest of the build (dist/web/.vite/manifest.json), each file counted once.

const BUDGET = 250 * 1024;
const DIST = join(ROOT, 'dist/web');

type Chunk = { file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean; src?: string };

/** The JS files a chunk needs at once: itself and its static imports, transitively. */
function closure(manifest: Record<string, Chunk>, keys: string[], seen = new Set<string>()): Set<string> {
  for (const key of keys) {
    if (seen.has(key)) continue;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build's manifest`);
    seen.add(key);
    closure(manifest, chunk.imports ?? [], seen);
  }
  return seen;
}

describe('the field app’s JavaScript budget', () => {
  it('loads /field with at most 250 KB of gzip’d JavaScript', () => {
    assertBuilt();
    const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Record<
      string,
      Chunk
    >;
    const field = Object.keys(manifest).find((key) => key.endsWith('features/field/FieldPage.tsx'));
    expect(field, 'the field page is a chunk of its own').toBeDefined();
    expect(manifest['index.html']?.dynamicImports, 'the app loads the field page lazily').toContain(field);
    const keys = closure(manifest, ['index.html', field!]);
    const files = [...keys].map((key) => manifest[key]!.file).filter((file) => file.endsWith('.js'));
    const sizes = files.map((file) => ({
      file,
      gzip: gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length,
    }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    const report = sizes
      .sort((a, b) => b.gzip - a.gzip)
      .map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)} KB`)
      .join(', ');
    console.log(
      `field app initial JS: ${(total / 1024).toFixed(1)} KB gzip in ${files.length} files (${report})`,
    );
    // Nothing heavy rides along: the charts library is for the dashboards only.
    expect(files.some((file) => /echarts/.test(file))).toBe(false);
    expect(total, report).toBeLessThanOrEqual(BUDGET);
  });

  it('starts the field page’s chunks and its pack early on /field (the early-start script)', () => {
    assertBuilt();
    const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Record<
      string,
      Chunk
    >;
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const src = /<script async src="\/(assets\/field-start-[\w-]+\.js)"><\/script>/.exec(html)?.[1];
    expect(src, 'index.html carries the early-start script').toBeDefined();
    // Before the app's own script, so that it runs while that one is still loading.
    expect(html.indexOf(src!)).toBeLessThan(html.indexOf('<script type="module"'));
    const script = readFileSync(join(DIST, src!), 'utf8');
    const field = Object.entries(manifest).find(([key]) => key.endsWith('features/field/FieldPage.tsx'))![1];
    expect(script).toContain(`/${field.file}`);
    expect(script).toContain("location.pathname !== '/field'");
    expect(script).toContain("fetch('/api/sync/pack'");
    expect(gzipSync(script).length).toBeLessThan(1024);
  });
});
