import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import type { AppEnv } from '../env';

const assets = new Set(['swagger-ui.css', 'swagger-ui-bundle.js']);

const page = `<!doctype html>
<html lang="ja">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Kumiai API</title>
  <link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
  <div id="docs"></div>
  <script src="/api/docs/swagger-ui-bundle.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>`;

// Served from this origin (no CDN): the docs work offline and under a strict CSP.
const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs', withCredentials: true });`;

/** `/api/docs`: the OpenAPI document rendered for people by a bundled Swagger UI. */
export function docsRoutes() {
  const dir = getAbsoluteFSPath();
  return new Hono<AppEnv>()
    .get('/docs', (c) => c.html(page))
    .get('/docs/init.js', (c) => c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
    .get('/docs/:file', async (c) => {
      const file = c.req.param('file');
      if (!assets.has(file)) return c.notFound();
      const body = await readFile(join(dir, file));
      const type = file.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
      return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
    });
}
