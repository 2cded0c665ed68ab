import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The web app lives in src/web; `npm run build` writes dist/web, which the
// server serves. `npm run dev` proxies /api to a server on port 3000.
// Two pages: the staff app (index.html) and the public survey answer page
// (survey/index.html, served for /s/:token), which shares only React with the app.
const web = fileURLToPath(new URL('./src/web/', import.meta.url));
export default defineConfig({
  root: 'src/web',
  plugins: [
    react(),
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
