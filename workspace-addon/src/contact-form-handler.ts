import { type E164, formatPhoneNumber } from '@wygc/routing-core';
import { parameter } from './addon-event.ts';
import {
  type AddonHandler,
  calendarIdOf,
  canEdit,
  cardContext,
  denialCard,
  noticeCard,
} from './addon-request.ts';
import { pushCard } from './addon-response.ts';
import { buildContactFormCard } from './contact-form-card.ts';
import { isContactKey } from './is-contact-key.ts';

const displayPhone = (phone: E164): string => {
  try {
    return formatPhoneNumber(phone);
  } catch {
    return phone;
  }
};

/**
 * Action: the form to add a contact (optionally with the key of an unmatched event filled in) or to edit
 * one (parameters.contactId, looked up in the verified tenant only: another tenant's id finds nothing).
 */
export const contactFormHandler: AddonHandler = async (request, deps) => {
  const { messages, event } = request;
  const calendarId = calendarIdOf(event);
  if (calendarId === undefined)
    return { response: pushCard(noticeCard(request, deps, messages.eventNotOpen)), outcome: 'no-calendar' };
  const access = await deps.access.forCalendar(request.user, calendarId);
  if (typeof access === 'string')
    return { response: pushCard(denialCard(access, request, deps)), outcome: access };
  if (!canEdit(access))
    return {
      response: pushCard(noticeCard(request, deps, messages.adminRoleNeeded)),
      outcome: 'role-needed',
    };

  const settings = await access.tenant.tenant();
  const ctx = cardContext(request, deps, settings.timeZone);
  const contactId = parameter(event, 'contactId');
  if (contactId !== undefined) {
    const contact = await access.tenant.contacts.get(contactId);
    if (!contact)
      return {
        response: pushCard(noticeCard(request, deps, messages.contactNotFound)),
        outcome: 'contact-not-found',
      };
    const form = buildContactFormCard(
      {
        calendarId,
        contactId: contact.id,
        currentKey: contact.key,
        values: {
          key: contact.key,
          phone: displayPhone(contact.phone),
          description: contact.description ?? '',
        },
        errors: {},
      },
      ctx,
    );
    return { response: pushCard(form), outcome: 'edit-form' };
  }
  const key = parameter(event, 'key');
  const values = key !== undefined && isContactKey(key) ? { key: key.normalize('NFC') } : {};
  return {
    response: pushCard(buildContactFormCard({ calendarId, values, errors: {} }, ctx)),
    outcome: 'new-form',
  };
};
