import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { prefetchPack } from './features/field/prefetch';
import { ApiError } from './http/client';
import { I18nProvider } from './i18n/I18nProvider';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // 4xx answers are final; retry only what may be transient.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

// Opened on the field app (issue 19, a rep's phone): its chunk and its data are asked for at
// once, side by side — in a build already by the early-start script beside index.html
// (vite.config.ts), whose answer prefetchPack adopts — instead of the chunk once the router has
// drawn the route and the data once the chunk has run. The same chunk as App.tsx's lazy page.
if (window.location.pathname === '/field') {
  void import('./features/field/FieldPage').catch(() => {
    // The router's own import of the page reports a failure.
  });
  prefetchPack();
}

// The installable field app's service worker (vite.config.ts): it precaches the app shell so
// /field opens without signal. Built apps only: `npm run dev` has none.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without it the app still works online; the field view says when it cannot work offline.
    });
  });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
