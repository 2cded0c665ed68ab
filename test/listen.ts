import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

export type Listening = { url: string; port: number; close: () => Promise<void> };

/**
 * Serves an app on a real loopback port, through the same Node adapter as the
 * server, so tests see what a real client sends (no Content-Length on a
 * body-less DELETE, chunked bodies, raw bytes in the path).
 */
export async function listen(app: { fetch: (request: Request) => Response | Promise<Response> }) {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  } satisfies Listening;
}
