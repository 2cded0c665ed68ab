import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { importMappingSchema, importResultSchema } from '../../../core/import/api-schemas';
import type { ColumnMapping, ImportKind } from '../../../core/import/types';
import { ApiError, get, type Page, post } from '../../http/client';

// What the API sends (type-only imports: no schema code reaches the bundle).
export type ImportResult = z.infer<typeof importResultSchema>;
export type ImportMapping = z.infer<typeof importMappingSchema>;
export type ImportProgress = { phase: 'reading' | 'validating' | 'writing'; done: number; total: number };

export const importKeys = {
  mappings: (kind: ImportKind) => ['import', 'mappings', kind] as const,
};

export function useImportMappings(kind: ImportKind, enabled = true) {
  return useQuery({
    queryKey: importKeys.mappings(kind),
    enabled,
    queryFn: () => get<Page<ImportMapping>>('/import/mappings', { kind }),
  });
}

export function useSaveMapping(kind: ImportKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; columns: ColumnMapping }) =>
      post<ImportMapping>('/import/mappings', { kind, ...input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importKeys.mappings(kind) }),
  });
}

export type ImportRequest = {
  kind: ImportKind;
  file: File;
  dryRun: boolean;
  createWorkplaces: boolean;
  skipInvalid: boolean;
  mapping?: ColumnMapping | null;
  mappingId?: string;
};

const STATUS_OF: Record<string, number> = {
  validation_failed: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
};

/**
 * Uploads the file (multipart, the one non-JSON request) and follows the
 * server's NDJSON stream: `{phase, done, total}` lines, then `{result}` or
 * `{error}`. Errors become ApiError, as for every other request.
 */
export async function runImport(
  request: ImportRequest,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', request.file, request.file.name);
  form.append('dryRun', String(request.dryRun));
  form.append('createWorkplaces', String(request.createWorkplaces));
  form.append('skipInvalid', String(request.skipInvalid));
  if (request.mapping) form.append('mapping', JSON.stringify(request.mapping));
  else if (request.mappingId) form.append('mappingId', request.mappingId);

  const res = await fetch(`/api/import/${request.kind}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/x-ndjson' },
    body: form,
  });
  if (!res.ok) {
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    throw new ApiError(res.status, body);
  }

  let result: ImportResult | undefined;
  const handle = (line: string) => {
    if (!line.trim()) return;
    const message = JSON.parse(line) as
      | ImportProgress
      | { result: ImportResult }
      | { error: { code: string; message: string; fields?: Record<string, string> } };
    if ('phase' in message) onProgress(message);
    else if ('result' in message) result = message.result;
    else if ('error' in message) throw new ApiError(STATUS_OF[message.error.code] ?? 500, message);
  };

  const reader = res.body?.getReader?.();
  if (reader) {
    const decoder = new TextDecoder();
    let buffered = '';
    for (;;) {
      const { done, value } = await reader.read();
      buffered += decoder.decode(value, { stream: !done });
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) handle(line);
      if (done) break;
    }
    handle(buffered);
  } else {
    for (const line of (await res.text()).split('\n')) handle(line);
  }
  if (!result)
    throw new ApiError(500, {
      error: { code: 'internal_error', message: 'The import ended without a result' },
    });
  return result;
}
