import { MAX_EMAILS, MAX_PHONES, PREFERRED_CHANNELS } from '../../../core/members/contact-fields';
import { Field } from '../../components/Field';
import { useContactText } from './contact-messages';
import type { ContactValues, EmailRow, PhoneRow } from './contact-values';

/**
 * The member form's 連絡先: phone numbers and e-mail addresses as rows to add and remove
 * (at most five each, as the server takes), the postal address and the preferred channel.
 * `fieldError(path)` gives the server's message for `phones.1.number` and the like.
 */
export function ContactFields({
  values,
  onChange,
  fieldError,
}: {
  values: ContactValues;
  onChange: (next: ContactValues) => void;
  fieldError: (path: string) => string | undefined;
}) {
  const c = useContactText();
  const setPhone = (i: number, patch: Partial<PhoneRow>) =>
    onChange({ ...values, phones: values.phones.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const setEmail = (i: number, patch: Partial<EmailRow>) =>
    onChange({ ...values, emails: values.emails.map((e, j) => (j === i ? { ...e, ...patch } : e)) });

  return (
    <fieldset className="member-contacts-form">
      <legend>{c.sectionTitle}</legend>
      <fieldset className="contact-list">
        <legend className="field-label">{c.phones}</legend>
        {fieldError('phones') && (
          <small className="field-error" role="alert">
            {fieldError('phones')}
          </small>
        )}
        {values.phones.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
          <div className="contact-row" key={i}>
            <Field
              label={c.itemLabel(c.number, i + 1)}
              error={fieldError(`phones.${i}.number`)}
              hint={c.phoneHint}
            >
              {(props) => (
                <input
                  {...props}
                  name={`phones.${i}.number`}
                  type="tel"
                  inputMode="tel"
                  autoComplete="off"
                  placeholder={c.numberPlaceholder}
                  value={p.number}
                  onChange={(e) => setPhone(i, { number: e.target.value })}
                />
              )}
            </Field>
            <Field label={c.itemLabel(c.label, i + 1)} error={fieldError(`phones.${i}.label`)}>
              {(props) => (
                <input
                  {...props}
                  name={`phones.${i}.label`}
                  placeholder={c.labelPlaceholder}
                  value={p.label}
                  onChange={(e) => setPhone(i, { label: e.target.value })}
                />
              )}
            </Field>
            <button
              type="button"
              className="contact-remove"
              aria-label={c.removePhone(i + 1)}
              onClick={() => onChange({ ...values, phones: values.phones.filter((_, j) => j !== i) })}
            >
              {c.remove}
            </button>
          </div>
        ))}
        {values.phones.length < MAX_PHONES && (
          <button
            type="button"
            onClick={() => onChange({ ...values, phones: [...values.phones, { label: '', number: '' }] })}
          >
            + {c.addPhone}
          </button>
        )}
      </fieldset>

      <fieldset className="contact-list">
        <legend className="field-label">{c.emails}</legend>
        {fieldError('emails') && (
          <small className="field-error" role="alert">
            {fieldError('emails')}
          </small>
        )}
        {values.emails.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
          <div className="contact-row" key={i}>
            <Field label={c.itemLabel(c.address, i + 1)} error={fieldError(`emails.${i}.address`)}>
              {(props) => (
                <input
                  {...props}
                  name={`emails.${i}.address`}
                  type="email"
                  inputMode="email"
                  autoComplete="off"
                  placeholder={c.addressPlaceholder}
                  value={e.address}
                  onChange={(ev) => setEmail(i, { address: ev.target.value })}
                />
              )}
            </Field>
            <Field label={c.itemLabel(c.label, i + 1)} error={fieldError(`emails.${i}.label`)}>
              {(props) => (
                <input
                  {...props}
                  name={`emails.${i}.label`}
                  placeholder={c.labelPlaceholder}
                  value={e.label}
                  onChange={(ev) => setEmail(i, { label: ev.target.value })}
                />
              )}
            </Field>
            <button
              type="button"
              className="contact-remove"
              aria-label={c.removeEmail(i + 1)}
              onClick={() => onChange({ ...values, emails: values.emails.filter((_, j) => j !== i) })}
            >
              {c.remove}
            </button>
          </div>
        ))}
        {values.emails.length < MAX_EMAILS && (
          <button
            type="button"
            onClick={() => onChange({ ...values, emails: [...values.emails, { label: '', address: '' }] })}
          >
            + {c.addEmail}
          </button>
        )}
      </fieldset>

      <div className="form-grid">
        <Field label={c.postalAddress} error={fieldError('postalAddress')}>
          {(props) => (
            <textarea
              {...props}
              name="postalAddress"
              rows={2}
              autoComplete="off"
              value={values.postalAddress}
              onChange={(e) => onChange({ ...values, postalAddress: e.target.value })}
            />
          )}
        </Field>
        <Field label={c.preferredChannel} error={fieldError('preferredChannel')}>
          {(props) => (
            <select
              {...props}
              name="preferredChannel"
              value={values.preferredChannel}
              onChange={(e) => onChange({ ...values, preferredChannel: e.target.value })}
            >
              <option value="">{c.noChannel}</option>
              {PREFERRED_CHANNELS.map((ch) => (
                <option key={ch} value={ch}>
                  {c.channels[ch]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </fieldset>
  );
}
