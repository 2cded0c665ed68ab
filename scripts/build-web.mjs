#!/usr/bin/env node
// Builds the web app into dist/web. With --if-stale (what `npm start` runs) it
// builds only when dist/web is missing or older than a source file, so a fresh
// clone's first `npm start` builds and later starts are instant.
// Then it writes .br and .gz siblings of the text assets: the server sends them
// as they are (serveStatic `precompressed`), so the first load transfers a
// fraction of the bytes without compressing anything per request.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

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
if (result.status !== 0) process.exit(result.status ?? 1);

const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.json', '.html']);
// Below ~1 KB the saving is smaller than a packet and the headers it costs.
const MIN_BYTES = 1024;

/** Writes name.br and name.gz beside every compressible file of `dir` worth compressing. */
function compressAssets(dir) {
  let files = 0;
  let raw = 0;
  let brotli = 0;
  for (const name of readdirSync(dir, { recursive: true })) {
    const path = join(dir, name);
    if (!COMPRESSIBLE.has(extname(path)) || !statSync(path).isFile()) continue;
    const data = readFileSync(path);
    if (data.length < MIN_BYTES) continue;
    const br = brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gzipSync(data, { level: constants.Z_BEST_COMPRESSION }));
    files++;
    raw += data.length;
    brotli += br.length;
  }
  return { files, raw, brotli };
}

try {
  const { files, raw, brotli } = compressAssets(join(root, 'dist/web/assets'));
  console.log(
    `Compressed ${files} assets: ${Math.round(raw / 1024)} KB → ${Math.round(brotli / 1024)} KB (brotli).`,
  );
} catch (err) {
  // Without its marker the next `--if-stale` start builds again instead of
  // serving a half-compressed app as fresh.
  rmSync(marker, { force: true });
  throw err;
}
