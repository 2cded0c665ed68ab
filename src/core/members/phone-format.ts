import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * A stored phone number (core/members/contacts.ts: national digits for Japan, E.164 otherwise)
 * as people read it: 090-1234-5678, 03-1234-5678, +1 415 555 2671. Formatting only (the
 * server validated the number), so the web app loads the small metadata.
 */
export function formatPhone(stored: string): string {
  const parsed = parsePhoneNumberFromString(stored, 'JP');
  if (!parsed) return stored;
  return parsed.country === 'JP' || !stored.startsWith('+')
    ? parsed.formatNational()
    : parsed.formatInternational();
}

/** The `tel:` link of a stored number (E.164, which every phone dials). */
export function phoneHref(stored: string): string {
  const parsed = parsePhoneNumberFromString(stored, 'JP');
  return `tel:${parsed ? parsed.number : stored.replace(/[^\d+]/g, '')}`;
}
