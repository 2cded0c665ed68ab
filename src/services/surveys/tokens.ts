import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Survey links (docs/ARCHITECTURE.md "Demand survey"). A link's token is never stored: an
 * invitation keeps a random nonce, the token is HMAC-SHA256(secret, 'survey-link:' + nonce)
 * cut to 24 bytes (192 bits, 32 base64url characters), and the invitation is found by
 * sha256(token). Whoever holds the database alone can neither read nor forge a link.
 */
export const TOKEN_LENGTH = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;

/** 32 random bytes, base64url: a new link's nonce. */
export function newNonce(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenOf(secret: Buffer, nonce: string): string {
  return createHmac('sha256', secret)
    .update(`survey-link:${nonce}`)
    .digest()
    .subarray(0, 24)
    .toString('base64url');
}

/** What the invitation stores to find a token: sha256, hex. */
export function tokenHashOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a string could be a token at all (anything else is a 404 without a database read). */
export function isTokenShaped(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

/**
 * The key an anonymous answer is kept under: lets the same link (or a paper answer for that
 * member) replace its own answer, while nothing in the database ties it to the invitation.
 */
export function ownerKeyOf(secret: Buffer, invitationId: string): string {
  return createHmac('sha256', secret).update(`survey-answer:${invitationId}`).digest('base64url');
}

/** A new invitation's nonce and token hash. */
export function newLink(secret: Buffer) {
  const nonce = newNonce();
  return { nonce, hash: tokenHashOf(tokenOf(secret, nonce)) };
}

/** The page a link opens: `${base}/s/${token}`. */
export function linkOf(base: string, secret: Buffer, nonce: string): string {
  return `${base}/s/${tokenOf(secret, nonce)}`;
}
