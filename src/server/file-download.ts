import { Readable } from 'node:stream';
import { contentDisposition } from '../core/export/columns';
import { ExportAborted } from '../services/export/writers';
import { errorFields, type Log } from './logger';

/** A file a service streams: its names, type, bytes and the promise that settles when it is written. */
export type FileDownload = {
  fileNames: { ascii: string; display: string };
  contentType: string;
  body: Readable;
  finished: Promise<unknown>;
};

/**
 * The 200 response of a streamed download, as an attachment (Content-Disposition with the
 * ASCII and the display name) that no browser or proxy cache keeps (personal data). The
 * status is sent before the rows, so a failure while streaming can only cut the file short
 * (the service's audit event marks it incomplete): one `download failed` record names the
 * route and what `errorFields` may say of the error (never its message, which may hold
 * values). A download the reader cancelled (ExportAborted) is not a failure.
 */
export function fileDownload(download: FileDownload, log: Log | undefined, route: string): Response {
  download.finished.catch((error: unknown) => {
    if (error instanceof ExportAborted) return;
    log?.('error', 'download failed', { route, ...errorFields(error) });
  });
  return new Response(Readable.toWeb(download.body) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      'content-type': download.contentType,
      'content-disposition': contentDisposition(download.fileNames),
      'cache-control': 'no-store',
    },
  });
}
