import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import type { Db } from '../../db/client';
import { loginFailures } from '../../db/schema';
import { MAX_FAILURES_PER_EMAIL, THROTTLE_WINDOW_MINUTES } from '../auth/login-logout';

// Crockford's base32: no I, L, O or U, so a code read off a terminal is typed right.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Failed attempts are counted with sign-in failures, under this key instead of an email. */
const FAILURE_KEY = '(setup code)';

/**
 * A one-time code for the first-run screen, printed by the server at start while no user
 * exists: 12 characters (60 bits) in groups of four, e.g. `7KQ3-M9XA-2DPE`.
 */
export function newSetupCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** As typed: case, spaces and hyphens do not matter, and O/I/L read as 0/1/1. */
function normalize(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

function digest(code: string): Buffer {
  return createHash('sha256').update(normalize(code)).digest();
}

/**
 * Refuses a first-run request without the server's setup code (403), and throttles wrong
 * codes per client address like sign-in failures (429 past the limit). `expected` is
 * undefined when this server printed no code (a user already existed at start): then the
 * first-run screen cannot be used and the CLI creates users.
 */
export async function verifySetupCode(
  db: Db,
  options: { expected: string | undefined; given: string | undefined; ip: string; now: Date },
): Promise<void> {
  const since = new Date(options.now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
  const [recent] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginFailures)
    .where(
      and(
        eq(loginFailures.email, FAILURE_KEY),
        eq(loginFailures.ip, options.ip),
        gt(loginFailures.failedAt, since),
      ),
    );
  if ((recent?.n ?? 0) >= MAX_FAILURES_PER_EMAIL) {
    throw new AppError('rate_limited', 'Too many wrong setup codes. Try again later.', undefined, {
      retryAfterSeconds: THROTTLE_WINDOW_MINUTES * 60,
    });
  }
  const { expected, given } = options;
  if (expected !== undefined && given !== undefined && timingSafeEqual(digest(expected), digest(given)))
    return;
  await db.insert(loginFailures).values({ email: FAILURE_KEY, ip: options.ip, failedAt: options.now });
  throw new AppError(
    'forbidden',
    given
      ? 'The setup code is not correct. Use the code the server printed at start.'
      : 'Enter the setup code the server printed at start.',
    { setupCode: given ? 'is not correct' : 'is required' },
  );
}
