import type { StoredContact } from '@wygc/routing-core';
import { parameter } from './addon-event.ts';
import {
  type AddonHandler,
  calendarIdOf,
  canEdit,
  cardContext,
  denialCard,
  noticeCard,
} from './addon-request.ts';
import { pushCard, updateCard } from './addon-response.ts';
import { buildContactFormCard } from './contact-form-card.ts';
import { type ContactFormErrors, parseContactForm } from './contact-form-input.ts';
import { contactsCard } from './contacts-handler.ts';

/** Keys are unique regardless of case in a tenant (the store's rule), whatever the tenant's matching. */
const sameKey = (a: string, b: string): boolean =>
  a.normalize('NFC').toUpperCase() === b.normalize('NFC').toUpperCase();

const isConflict = (error: unknown): boolean => (error as { code?: unknown }).code === 'CONFLICT';

/**
 * Action: saves the contact form. Authorization, role and the contact id are checked again here: the
 * parameters came back from the client. Invalid input re-renders the form with inline errors and changes
 * nothing; a saved contact recompiles the routing tables and shows the updated list.
 */
export const contactSaveHandler: AddonHandler = async (request, deps) => {
  const { messages, event } = request;
  const calendarId = calendarIdOf(event);
  if (calendarId === undefined)
    return { response: pushCard(noticeCard(request, deps, messages.eventNotOpen)), outcome: 'no-calendar' };
  const access = await deps.access.forCalendar(request.user, calendarId);
  if (typeof access === 'string')
    return { response: updateCard(denialCard(access, request, deps)), outcome: access };
  if (!canEdit(access))
    return {
      response: updateCard(noticeCard(request, deps, messages.adminRoleNeeded)),
      outcome: 'role-needed',
    };

  const { tenant } = access;
  const contactId = parameter(event, 'contactId');
  const contacts = await tenant.contacts.list();
  let existing: StoredContact | undefined;
  if (contactId !== undefined) {
    existing = contacts.find((contact) => contact.id === contactId);
    if (!existing)
      return {
        response: updateCard(noticeCard(request, deps, messages.contactNotFound)),
        outcome: 'contact-not-found',
      };
  }

  const settings = await tenant.tenant();
  const ctx = cardContext(request, deps, settings.timeZone);
  const form = parseContactForm(event);
  const formWith = (errors: ContactFormErrors) =>
    updateCard(
      buildContactFormCard(
        {
          calendarId,
          ...(existing ? { contactId: existing.id, currentKey: existing.key } : {}),
          values: form.values,
          errors,
        },
        ctx,
      ),
    );
  if (!form.ok) return { response: formWith(form.errors), outcome: 'invalid-form' };
  const taken = contacts.some(
    (contact) => contact.id !== existing?.id && sameKey(contact.key, form.contact.key),
  );
  if (taken) return { response: formWith({ key: 'keyTaken' }), outcome: 'key-taken' };

  let saved: StoredContact;
  try {
    saved = existing
      ? await tenant.contacts.update(existing.id, {
          key: form.contact.key,
          phone: form.contact.phone,
          ...(form.contact.description === undefined
            ? { clearDescription: true }
            : { description: form.contact.description }),
        })
      : await tenant.contacts.create(form.contact);
  } catch (error) {
    // Another admin took the key between our check and the write.
    if (isConflict(error)) return { response: formWith({ key: 'keyTaken' }), outcome: 'key-taken' };
    throw error;
  }
  try {
    await deps.onRosterChange(access.tenantId, `admin:${access.adminId}`);
  } catch (error) {
    // The contact is saved; the next sync or daily roll recompiles. Only the error's code is logged.
    deps.logger.warn(
      { code: (error as { code?: unknown }).code },
      'recompiling tables after a contact change failed',
    );
  }
  return {
    response: updateCard(await contactsCard(access, request, deps), messages.contactSaved(saved.key)),
    outcome: existing ? 'contact-updated' : 'contact-created',
  };
};
