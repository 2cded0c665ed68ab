import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ExportAborted } from '../services/export/writers';
import { fileDownload } from './file-download';

describe('fileDownload', () => {
  const download = (finished: Promise<unknown>) => ({
    fileNames: { ascii: 'members.csv', display: '組合員.csv' },
    contentType: 'text/csv; charset=utf-8',
    body: Readable.from([Buffer.from('a,b\r\n')]),
    finished,
  });

  it('sends an uncached attachment, and logs a failure while streaming without its message', async () => {
    const records: unknown[][] = [];
    const failure = Object.assign(new Error('insert into notes values ($1) -- params: 山田 花子'), {
      code: '57014',
    });
    const res = fileDownload(download(Promise.reject(failure)), (...r) => void records.push(r), 'GET /api/x');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toContain('members.csv');
    expect(await res.text()).toBe('a,b\r\n');
    await new Promise((r) => setTimeout(r, 0));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject([
      'error',
      'download failed',
      { route: 'GET /api/x', class: 'Error', code: '57014' },
    ]);
    expect(JSON.stringify(records)).not.toContain('山田');
  });

  it('does not log a download the reader cancelled', async () => {
    const records: unknown[] = [];
    fileDownload(download(Promise.reject(new ExportAborted())), (...r) => void records.push(r), 'GET /api/x');
    await new Promise((r) => setTimeout(r, 0));
    expect(records).toEqual([]);
  });
});
