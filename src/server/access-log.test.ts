import { describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../../test/app';
import { createAccessLog } from './access-log';

describe('access log', () => {
  it('writes the lines of many requests in one write, after the interval or at 100 lines', () => {
    vi.useFakeTimers();
    try {
      const writes: string[] = [];
      const log = createAccessLog((text) => writes.push(text), 250);
      log.line('GET /api/members 200 3.1ms');
      log.line('GET /api/members 200 2.9ms');
      expect(writes).toEqual([]);
      vi.advanceTimersByTime(250);
      expect(writes).toEqual(['GET /api/members 200 3.1ms\nGET /api/members 200 2.9ms']);
      for (let i = 0; i < 100; i++) log.line(`GET /api/health 200 ${i}ms`);
      expect(writes).toHaveLength(2);
      expect(writes[1]!.split('\n')).toHaveLength(100);
      log.flush();
      expect(writes).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('logs each request of the app with method, path and status, never the query string', async () => {
    const messages: string[] = [];
    const t = await createTestApp({ log: (_level, message) => messages.push(message) });
    try {
      await t.app.request('/api/nowhere?q=%E5%B1%B1%E7%94%B0');
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await t.close();
    }
    const lines = messages.join('\n').split('\n');
    expect(lines.some((l) => /^GET \/api\/nowhere (401|404) [\d.]+ms$/.test(l))).toBe(true);
    expect(messages.join('\n')).not.toContain('q=');
  });
});
