import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app lives in src/web; `npm run build` writes dist/web, which the
// server serves. `npm run dev` proxies /api to a server on port 3000.
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
