import { useRef } from 'react';

/**
 * An `Idempotency-Key` for a write the user may send again: pressing 実行 a second time after a
 * network failure (the first request may have been carried out) sends the same key with the same
 * body, so the server answers with the first outcome instead of doing the work twice. A different
 * body, or the next write after a success, gets a new key.
 */
export function useIdempotencyKey() {
  const last = useRef<{ body: string; key: string } | null>(null);
  return {
    /** The headers for this body: the key of the last unfinished attempt with the same body, or a new one. */
    headersFor(body: unknown): Record<string, string> {
      const text = JSON.stringify(body);
      if (last.current?.body !== text) last.current = { body: text, key: newKey() };
      return { 'Idempotency-Key': last.current.key };
    },
    /** The write went through: the next one is a new request. */
    done() {
      last.current = null;
    },
  };
}

/** 128 random bits as hex (crypto.randomUUID needs a secure context; a LAN server may be plain http). */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
