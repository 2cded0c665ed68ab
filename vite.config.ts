import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

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
  ],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
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
