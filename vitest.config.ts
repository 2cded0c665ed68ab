import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// TEST_DATABASE_ONLY=1 (the PostgreSQL pass of CI and npm run test:pg): only the files
// that use the test database; the others run the same on both engines.
const exclude =
  process.env.TEST_DATABASE_ONLY === '1'
    ? [...configDefaults.exclude, ...testFilesWithoutDatabase(['src', 'test'])]
    : configDefaults.exclude;

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        // Web components (happy-dom, Testing Library, mocks): a fresh process per file.
        extends: true,
        test: { name: 'web', include: ['src/web/**/*.test.{ts,tsx}'], exclude },
      },
      {
        // Everything else: the node environment, and no state kept between files (each opens
        // its own database and closes it; no vi.mock, no changed globals or process.env). The
        // two workers each load the app, PGlite and the libraries once instead of once per
        // file: the PostgreSQL pass takes half the time.
        extends: true,
        test: {
          name: 'node',
          include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
          exclude: [...exclude, 'src/web/**'],
          globalSetup: ['test/global-setup.ts'],
          isolate: false,
        },
      },
    ],
  },
});

// A test file uses the test database when it, or a module of this repository it imports
// (transitively), reads process.env.TEST_DATABASE_URL: test/db.ts does (createTestDb,
// createTestApp), and so does a file with its own PostgreSQL-only section. Every other file
// (web components in happy-dom, pure core, CLI tests on PGlite data directories that remove
// TEST_DATABASE_URL from the child's environment) cannot tell the engines apart. Decided by
// what a file is, so a new database test is picked up without a list to keep.
function testFilesWithoutDatabase(dirs: string[]): string[] {
  const readsUrl = /process\.env(?:\.TEST_DATABASE_URL\b|\[\s*['"]TEST_DATABASE_URL['"]\s*\])/;
  // Static imports and re-exports, side-effect and dynamic imports, vi.mock paths.
  const specifiers = /(?:\bfrom\s*|\bimport\s*\(?\s*|\bvi\.mock\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
  const memo = new Map<string, boolean>();
  const resolveLocal = (from: string, specifier: string) => {
    const base = resolve(dirname(from), specifier.replace(/\.(m?js|jsx)$/, ''));
    return ['', '.ts', '.tsx', '/index.ts', '/index.tsx']
      .map((ext) => base + ext)
      .find((file) => /\.tsx?$/.test(file) && existsSync(file) && statSync(file).isFile());
  };
  const usesDatabase = (file: string): boolean => {
    const known = memo.get(file);
    if (known !== undefined) return known;
    memo.set(file, false); // an import cycle adds nothing
    const text = readFileSync(file, 'utf8');
    let uses = readsUrl.test(text);
    for (const match of text.matchAll(specifiers)) {
      if (uses) break;
      const target = resolveLocal(file, match[1]!);
      if (target) uses = usesDatabase(target);
    }
    memo.set(file, uses);
    return uses;
  };
  const files: string[] = [];
  for (const dir of dirs) {
    for (const name of readdirSync(join(root, dir), { recursive: true }) as string[]) {
      if (!/\.test\.tsx?$/.test(name)) continue;
      const file = join(root, dir, name);
      if (!usesDatabase(file)) files.push(relative(root, file).split('\\').join('/'));
    }
  }
  return files;
}
