import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../test/db';
import { createApp } from './app';

// The built app ships name.js with name.js.br and name.js.gz beside it
// (scripts/build-web.mjs); the server must pick the one the browser accepts
// and still describe it as the JavaScript it is.

const SOURCE = `export const greeting = ${JSON.stringify('組合'.repeat(400))};\nconsole.log(greeting);\n`;
const ASSET = '/assets/index-abc123.js';

const MANIFEST = JSON.stringify({ name: '組合 Kumiai', start_url: '/field' });
const WORKER = 'self.addEventListener("fetch", () => {});';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let database: TestDatabase;
let webRoot: string;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  database = await createTestDb();
  webRoot = await mkdtemp(join(tmpdir(), 'kumiai-web-'));
  await mkdir(join(webRoot, 'assets'));
  await writeFile(join(webRoot, 'index.html'), '<!doctype html><div id="root"></div>');
  await mkdir(join(webRoot, 'survey'));
  await writeFile(join(webRoot, 'survey', 'index.html'), '<!doctype html><div id="root" data-survey></div>');
  await writeFile(join(webRoot, ASSET), SOURCE);
  await writeFile(join(webRoot, 'manifest.webmanifest'), MANIFEST);
  await writeFile(join(webRoot, 'sw.js'), WORKER);
  await mkdir(join(webRoot, 'icons'));
  await writeFile(join(webRoot, 'icons', 'icon-192.png'), PNG);
  await writeFile(join(webRoot, `${ASSET}.gz`), gzipSync(SOURCE));
  await writeFile(join(webRoot, `${ASSET}.br`), brotliCompressSync(SOURCE));
  // Too small to be worth compressing: the build writes no siblings for it.
  await writeFile(join(webRoot, 'assets', 'tiny-def456.js'), 'export {};');
  app = createApp({
    database,
    config: { secureCookies: false, trustProxy: false, sessionDays: 14 },
    webRoot,
    log: () => {},
  });
});
afterAll(async () => {
  await database?.close();
  await rm(webRoot, { recursive: true, force: true });
});

const get = (path: string, acceptEncoding?: string) =>
  app.request(path, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

async function bodyOf(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

function expectCachedJs(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
  expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
  expect(res.headers.get('vary')?.match(/accept-encoding/gi)).toHaveLength(1);
}

describe('precompressed web assets', () => {
  it('sends the .gz file to a browser that accepts only gzip', async () => {
    const res = await get(ASSET, 'gzip, deflate');
    expectCachedJs(res);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const body = await bodyOf(res);
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    expect(body.length).toBeLessThan(Buffer.byteLength(SOURCE) / 4);
    expect(gunzipSync(body).toString()).toBe(SOURCE);
  });

  it('prefers brotli when it is accepted', async () => {
    const res = await get(ASSET, 'gzip, deflate, br, zstd');
    expectCachedJs(res);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(await bodyOf(res)).toString()).toBe(SOURCE);
  });

  it('does not send brotli when the browser refuses it', async () => {
    const res = await get(ASSET, 'br;q=0, gzip');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(await bodyOf(res)).toString()).toBe(SOURCE);
  });

  it('sends the file as it is without Accept-Encoding, still varying on it', async () => {
    const res = await get(ASSET);
    expectCachedJs(res);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect((await bodyOf(res)).toString()).toBe(SOURCE);
  });

  it('sends a file without compressed siblings as it is', async () => {
    const res = await get('/assets/tiny-def456.js', 'gzip, br');
    expectCachedJs(res);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toBe('export {};');
  });

  it('answers a missing asset with 404, not the web page, whatever the encoding', async () => {
    for (const encoding of [undefined, 'gzip, br']) {
      const res = await get('/assets/index-gone99.js', encoding);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type') ?? '').not.toContain('text/html');
      expect(res.headers.get('content-encoding')).toBeNull();
      expect(res.headers.get('cache-control') ?? '').not.toContain('immutable');
    }
  });

  it('keeps index.html uncompressed and revalidated', async () => {
    const res = await get('/', 'gzip, br');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<div id="root">');
  });
});

describe('the public survey page', () => {
  it('answers /s/:token with its own small page, under the strict CSP, sending no Referer on', async () => {
    const res = await get('/s/AbCdEfGhIjKlMnOpQrStUvWxYz012345', 'gzip, br');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('data-survey');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps the staff app everywhere else', async () => {
    for (const path of ['/surveys', '/surveys/abc/slips', '/s', '/sx/abc']) {
      const text = await (await get(path)).text();
      expect(text, path).not.toContain('data-survey');
      expect(text, path).toContain('<div id="root">');
    }
  });
});

describe('the installable app (issue 19)', () => {
  it('serves the manifest as a manifest, revalidated on every fetch', async () => {
    const res = await get('/manifest.webmanifest');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/manifest+json');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.json()).toEqual(JSON.parse(MANIFEST));
  });

  it('serves the service worker as JavaScript that no cache keeps', async () => {
    const res = await get('/sw.js', 'gzip, br');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('cache-control')).not.toContain('max-age');
  });

  it('serves the icons as PNG, and a missing one as 404, not the page', async () => {
    const res = await get('/icons/icon-192.png');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    const missing = await get('/icons/icon-999.png');
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<div id="root">');
    // A name outside [a-z0-9-].png is no icon: the app's page answers it, never a file elsewhere.
    const trick = await get('/icons/..%2Findex.html');
    expect(trick.headers.get('content-type') ?? '').not.toContain('image/png');
  });
});
