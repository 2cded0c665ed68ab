import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The web app lives in src/web; `npm run build` writes dist/web, which the
// server serves. `npm run dev` proxies /api to a server on port 3000.
// Two pages: the staff app (index.html) and the public survey answer page
// (survey/index.html, served for /s/:token), which shares only React with the app.
const web = fileURLToPath(new URL('./src/web/', import.meta.url));

/**
 * The field app's early start (issue 19). index.html is the same page for every path, so it
 * cannot name the field page's chunks; a small script beside it (built here, with the chunks'
 * hashed names) does, when the path is /field: it asks for the field page's chunks and for the
 * user's pack at once, while the app's own scripts are still loading, instead of after they
 * have run. features/field/prefetch.ts takes the pack's answer. Offline it asks for nothing
 * (the service worker has the chunks; the page reads the device).
 */
function fieldEarlyStart(): Plugin {
  return {
    name: 'kumiai-field-early-start',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = bundle['index.html'];
      const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
      const field = chunks.find((c) => c.facadeModuleId?.endsWith('/features/field/FieldPage.tsx'));
      const entry = chunks.find((c) => c.isEntry && c.facadeModuleId?.endsWith('/src/web/index.html'));
      if (html?.type !== 'asset' || !field || !entry) throw new Error('field early start: chunks not found');
      const closure = (start: string, into = new Set<string>()) => {
        if (into.has(start)) return into;
        into.add(start);
        const chunk = bundle[start];
        if (chunk?.type === 'chunk') for (const next of chunk.imports) closure(next, into);
        return into;
      };
      const loaded = closure(entry.fileName); // index.html asks for these itself
      const scripts = [...closure(field.fileName)].filter((file) => !loaded.has(file));
      const styles = scripts.flatMap((file) => {
        const chunk = bundle[file];
        return chunk?.type === 'chunk' ? [...(chunk.viteMetadata?.importedCss ?? [])] : [];
      });
      const source = `(function () {
  if (location.pathname !== '/field') return;
  var head = document.head;
  function add(rel, href, as) {
    var link = document.createElement('link');
    link.rel = rel;
    link.href = href;
    link.crossOrigin = '';
    if (as) link.as = as;
    head.appendChild(link);
  }
  ${JSON.stringify(scripts.map((f) => `/${f}`))}.forEach(function (href) { add('modulepreload', href); });
  ${JSON.stringify(styles.map((f) => `/${f}`))}.forEach(function (href) { add('preload', href, 'style'); });
  if (!navigator.onLine) return;
  var pack = fetch('/api/sync/pack', { credentials: 'same-origin' });
  pack.catch(function () {});
  window.__kumiaiFieldPack = { at: Date.now(), pack: pack };
})();
`;
      const file = this.getFileName(this.emitFile({ type: 'asset', name: 'field-start.js', source }));
      const page = String(html.source);
      const tag = `<script async src="/${file}"></script>\n    `;
      const at = page.indexOf('<script type="module"');
      if (at < 0) throw new Error('field early start: no module script in index.html');
      html.source = page.slice(0, at) + tag + page.slice(at);
    },
  };
}
export default defineConfig({
  root: 'src/web',
  plugins: [
    react(),
    fieldEarlyStart(),
    {
      // `npm run dev`: /s/:token is the survey page, as the server answers it.
      name: 'kumiai-survey-page',
      configureServer(server) {
        server.middlewares.use((req, _res, next) => {
          if (req.url?.startsWith('/s/')) req.url = '/survey/index.html';
          next();
        });
      },
    },
    // The installable field app (issue 19): the manifest and a Workbox service worker that
    // precaches the app shell, so /field opens without signal. API data is never cached here:
    // the field view keeps its pack and outbox in IndexedDB (features/field/store.ts).
    // main.tsx registers /sw.js; the server sends it and the manifest uncached (server/app.ts).
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        id: '/field',
        name: '組合 Kumiai',
        short_name: 'Kumiai',
        description: '職場委員のための組合員との関係づくり — 電波がなくても記録できます',
        lang: 'ja',
        dir: 'ltr',
        start_url: '/field',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#b3261e',
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-192-maskable.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The staff app's shell and chunks; not the survey page (its own entry), not source maps.
        globPatterns: ['**/*.{js,css,html,png,svg}'],
        globIgnores: ['survey/**', '**/*.map'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/index.html',
        // The API, the public survey page and the calendar feeds are never the app shell.
        navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/s\//],
        inlineWorkboxRuntime: true,
        // The server answers only /sw.js at the root: a map beside it would come back as the page.
        sourcemap: false,
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    // .vite/manifest.json: which chunks a page needs (scripts/check-field-budget.mjs reads it).
    manifest: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      input: { main: `${web}index.html`, survey: `${web}survey/index.html` },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
