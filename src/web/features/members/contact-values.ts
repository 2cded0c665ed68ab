import type { Member } from '../../http/types';

// The member form's contact details (issue 17), kept apart from the text fields: lists of rows
// the user adds and removes. Rows left blank are not sent; the server normalizes the rest.

export type PhoneRow = { label: string; number: string };
export type EmailRow = { label: string; address: string };
export type ContactValues = {
  phones: PhoneRow[];
  emails: EmailRow[];
  postalAddress: string;
  preferredChannel: string;
};

export const EMPTY_CONTACTS: ContactValues = {
  phones: [],
  emails: [],
  postalAddress: '',
  preferredChannel: '',
};

export function contactValuesOf(member: Member): ContactValues {
  return {
    phones: (member.phones ?? []).map((p) => ({ label: p.label ?? '', number: p.number })),
    emails: (member.emails ?? []).map((e) => ({ label: e.label ?? '', address: e.address })),
    postalAddress: member.postalAddress ?? '',
    preferredChannel: member.preferredChannel ?? '',
  };
}

const filled = <T extends Record<string, string>>(rows: T[]) =>
  rows.filter((r) => Object.values(r).some((v) => v.trim() !== ''));

function bodyField(values: ContactValues, field: keyof ContactValues): unknown {
  switch (field) {
    case 'phones':
      return filled(values.phones).map((p) => ({
        ...(p.label.trim() ? { label: p.label } : {}),
        number: p.number,
      }));
    case 'emails':
      return filled(values.emails).map((e) => ({
        ...(e.label.trim() ? { label: e.label } : {}),
        address: e.address,
      }));
    case 'postalAddress':
      return values.postalAddress;
    case 'preferredChannel':
      return values.preferredChannel || null;
  }
}

const FIELDS = ['phones', 'emails', 'postalAddress', 'preferredChannel'] as const;

/** The contact fields that differ from `original` (all of them that are set, for a new member). */
export function changedContactFields(
  values: ContactValues,
  original: ContactValues,
): (keyof ContactValues)[] {
  return FIELDS.filter(
    (f) => JSON.stringify(bodyField(values, f)) !== JSON.stringify(bodyField(original, f)),
  );
}

export function contactBody(values: ContactValues, fields: readonly (keyof ContactValues)[]) {
  return Object.fromEntries(fields.map((f) => [f, bodyField(values, f)]));
}
