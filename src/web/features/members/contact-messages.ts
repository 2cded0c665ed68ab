import type { PreferredChannel } from '../../../core/members/contact-fields';
import { useI18n } from '../../i18n/I18nProvider';

/** Strings of members' contact details (issue 17); `en` has the same shape. */
export const ja = {
  sectionTitle: '連絡先',
  phones: '電話番号',
  emails: 'メールアドレス',
  postalAddress: '住所',
  preferredChannel: '希望連絡手段',
  channels: { phone: '電話', email: 'メール', line: 'LINE', in_person: '対面' } as Record<
    PreferredChannel,
    string
  >,
  noChannel: '指定なし',
  none: '未登録',
  label: '種類（任意）',
  labelPlaceholder: '例：携帯、自宅、勤務先',
  number: '電話番号',
  numberPlaceholder: '例：090-1234-5678',
  address: 'メールアドレス',
  addressPlaceholder: '例：yamada@example.jp',
  addPhone: '電話番号を追加',
  addEmail: 'メールアドレスを追加',
  removePhone: (n: number) => `${n}件目の電話番号を削除`,
  removeEmail: (n: number) => `${n}件目のメールアドレスを削除`,
  remove: '削除',
  phoneHint: '市外局番から。ハイフンはあってもなくても構いません。海外の番号は＋国番号から。',
  call: (number: string) => `${number} に電話をかける`,
  mail: (address: string) => `${address} にメールを送る`,
  itemLabel: (field: string, n: number) => `${field}（${n}件目）`,
};

type Widen<T> = T extends (...args: infer A) => infer R
  ? (...args: A) => R
  : T extends string
    ? string
    : { [K in keyof T]: Widen<T[K]> };

export const en: Widen<typeof ja> = {
  sectionTitle: 'Contact details',
  phones: 'Phone numbers',
  emails: 'E-mail addresses',
  postalAddress: 'Postal address',
  preferredChannel: 'Preferred contact channel',
  channels: { phone: 'Phone', email: 'E-mail', line: 'LINE', in_person: 'In person' },
  noChannel: 'No preference',
  none: 'None recorded',
  label: 'Label (optional)',
  labelPlaceholder: 'e.g. mobile, home, work',
  number: 'Phone number',
  numberPlaceholder: 'e.g. 090-1234-5678',
  address: 'E-mail address',
  addressPlaceholder: 'e.g. yamada@example.jp',
  addPhone: 'Add a phone number',
  addEmail: 'Add an e-mail address',
  removePhone: (n: number) => `Remove phone number ${n}`,
  removeEmail: (n: number) => `Remove e-mail address ${n}`,
  remove: 'Remove',
  phoneHint: 'With the area code; hyphens optional. Numbers abroad start with + and the country code.',
  call: (number: string) => `Call ${number}`,
  mail: (address: string) => `Send an e-mail to ${address}`,
  itemLabel: (field: string, n: number) => `${field} (${n})`,
};

export type ContactText = typeof ja;

export function useContactText(): ContactText {
  const { lang } = useI18n();
  return (lang === 'ja' ? ja : en) as ContactText;
}
