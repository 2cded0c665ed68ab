import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const INFO = 'kumiai user_totp.secret_ciphertext v1';

/**
 * The key that seals authenticator secrets: derived (HKDF-SHA256) from the server secret
 * (config/secret.ts: KUMIAI_SECRET or <data dir>/secret.key), so the same secret opens them
 * after a restore on another machine, and a survey link's key never equals this one.
 */
export function totpKey(serverSecret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, Buffer.alloc(0), INFO, 32));
}

/**
 * AES-256-GCM with a random 96-bit nonce; `context` (the user's id) is authenticated too, so a
 * ciphertext copied onto another user's row does not open. `v1.<nonce|tag|ciphertext base64url>`.
 */
export function seal(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/** The plaintext, or undefined when the ciphertext was sealed under another key or context. */
export function open(key: Buffer, sealed: string, context: string): string | undefined {
  const [version, data] = sealed.split('.');
  if (version !== VERSION || !data) return undefined;
  const bytes = Buffer.from(data, 'base64url');
  if (bytes.length < 29) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
