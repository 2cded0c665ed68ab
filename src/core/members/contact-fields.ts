// Members' contact details (issue 17): the values and limits the web app needs too, apart from
// the validation in contacts.ts (which loads the full phone number metadata).

export const PREFERRED_CHANNELS = ['phone', 'email', 'line', 'in_person'] as const;
export type PreferredChannel = (typeof PREFERRED_CHANNELS)[number];
export const PREFERRED_CHANNEL_LABELS: Record<PreferredChannel, string> = {
  phone: '電話',
  email: 'メール',
  line: 'LINE',
  in_person: '対面',
};

export const MAX_PHONES = 5;
export const MAX_EMAILS = 5;
export const CONTACT_LABEL_MAX = 40;
export const POSTAL_ADDRESS_MAX = 300;
