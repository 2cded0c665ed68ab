import { formatPhone, phoneHref } from '../../../core/members/phone-format';
import { useCan } from '../../components/access';
import type { Member } from '../../http/types';
import { useContactText } from './contact-messages';

/**
 * The member's 連絡先 with tap-to-call (`tel:`) and `mailto:` links, large enough to tap on a
 * phone. Shown only to roles with contacts.read: the server leaves the fields out for anyone
 * else (executives), and this card is then not drawn at all.
 */
export function MemberContacts({ member }: { member: Member }) {
  const c = useContactText();
  const mayRead = useCan('contacts.read');
  if (!mayRead || member.phones === undefined) return null;
  const phones = member.phones ?? [];
  const emails = member.emails ?? [];
  const none = <span className="muted">{c.none}</span>;
  return (
    <section className="card member-section member-contacts" aria-labelledby="member-contacts-title">
      <h2 id="member-contacts-title">{c.sectionTitle}</h2>
      <dl className="facts">
        <dt>{c.phones}</dt>
        <dd>
          {phones.length ? (
            <ul className="contact-links">
              {phones.map((p) => {
                const shown = formatPhone(p.number);
                return (
                  <li key={p.number}>
                    <a className="contact-link" href={phoneHref(p.number)} aria-label={c.call(shown)}>
                      <span aria-hidden="true">📞 </span>
                      {shown}
                    </a>
                    {p.label && <span className="muted contact-label">{p.label}</span>}
                  </li>
                );
              })}
            </ul>
          ) : (
            none
          )}
        </dd>
        <dt>{c.emails}</dt>
        <dd>
          {emails.length ? (
            <ul className="contact-links">
              {emails.map((e) => (
                <li key={e.address}>
                  <a className="contact-link" href={`mailto:${e.address}`} aria-label={c.mail(e.address)}>
                    <span aria-hidden="true">✉ </span>
                    {e.address}
                  </a>
                  {e.label && <span className="muted contact-label">{e.label}</span>}
                </li>
              ))}
            </ul>
          ) : (
            none
          )}
        </dd>
        <dt>{c.postalAddress}</dt>
        <dd className="multiline">{member.postalAddress || none}</dd>
        <dt>{c.preferredChannel}</dt>
        <dd>{member.preferredChannel ? c.channels[member.preferredChannel] : none}</dd>
      </dl>
    </section>
  );
}
