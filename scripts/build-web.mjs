#!/usr/bin/env node
// Builds the web app into dist/web. With --if-stale (what `npm start` runs) it
// builds only when dist/web is missing or older than a source file, so a fresh
// clone's first `npm start` builds and later starts are instant.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const marker = join(root, 'dist/web/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestMtime(path) : stat.mtimeMs);
  }
  return newest;
}

if (process.argv.includes('--if-stale') && existsSync(marker)) {
  const sources = Math.max(newestMtime(join(root, 'src/web')), newestMtime(join(root, 'src/core')));
  if (statSync(marker).mtimeMs >= sources) process.exit(0);
}
console.log('Building the web app…');
const result = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
