import { contactKeyPattern, toE164 } from '@wygc/routing-core';
import { z } from 'zod';
import { type AddonEvent, formValue } from './addon-event.ts';
import type { ContactField, ContactFieldError } from './messages.ts';

export type ContactFormValues = Readonly<Record<ContactField, string>>;
export type ContactFormErrors = Partial<Record<ContactField, ContactFieldError>>;

export type ContactFormResult =
  | {
      readonly ok: true;
      readonly values: ContactFormValues;
      readonly contact: { key: string; phone: string; description?: string };
    }
  | { readonly ok: false; readonly values: ContactFormValues; readonly errors: ContactFormErrors };

// A generous bound only against abuse; the real rules (and their bilingual messages) follow below.
const fieldSchema = z.string().max(1000).optional();

const validPhone = (phone: string): boolean => {
  try {
    toE164(phone);
    return true;
  } catch {
    return false;
  }
};

/**
 * The submitted contact form (commonEventObject.formInputs), checked with the routing core's rules: a
 * key of 1 to 16 letters or digits, a phone number libphonenumber accepts (region NL), a description of
 * at most 80 characters. Every problem is reported, each on its own field.
 */
export const parseContactForm = (event: AddonEvent): ContactFormResult => {
  const field = (name: ContactField) => fieldSchema.safeParse(formValue(event, name));
  const [key, phone, description] = [field('key'), field('phone'), field('description')];
  const values: ContactFormValues = {
    key: (key.data ?? '').trim().normalize('NFC'),
    phone: (phone.data ?? '').trim(),
    description: (description.data ?? '').trim(),
  };
  const errors: ContactFormErrors = {};
  if (!key.success || !contactKeyPattern.test(values.key)) errors.key = 'keyInvalid';
  if (!phone.success) errors.phone = 'phoneInvalid';
  else if (values.phone === '') errors.phone = 'phoneRequired';
  else if (!validPhone(values.phone)) errors.phone = 'phoneInvalid';
  if (!description.success || values.description.length > 80) errors.description = 'descriptionTooLong';
  if (Object.keys(errors).length > 0) return { ok: false, values, errors };
  return {
    ok: true,
    values,
    contact: {
      key: values.key,
      phone: values.phone,
      ...(values.description === '' ? {} : { description: values.description }),
    },
  };
};
