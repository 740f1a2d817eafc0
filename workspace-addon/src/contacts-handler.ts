import {
  type AddonHandler,
  type AddonHandlerDeps,
  type AddonRequest,
  calendarIdOf,
  canEdit,
  cardContext,
  denialCard,
  noticeCard,
} from './addon-request.ts';
import { pushCard } from './addon-response.ts';
import type { CalendarAccess } from './calendar-access.ts';
import type { Card } from './card-schema.ts';
import { buildContactsCard } from './contacts-card.ts';

/** The contact list of the organisation that owns the calendar. */
export const contactsCard = async (
  access: CalendarAccess,
  request: AddonRequest,
  deps: AddonHandlerDeps,
): Promise<Card> => {
  const [settings, contacts] = await Promise.all([access.tenant.tenant(), access.tenant.contacts.list()]);
  return buildContactsCard(
    { contacts, calendarId: access.source.externalId, canEdit: canEdit(access) },
    cardContext(request, deps, settings.timeZone),
  );
};

/** Action: the contacts, for any admin account of the tenant; editing is offered to admins and owners. */
export const contactsHandler: AddonHandler = async (request, deps) => {
  const calendarId = calendarIdOf(request.event);
  if (calendarId === undefined)
    return {
      response: pushCard(noticeCard(request, deps, request.messages.eventNotOpen)),
      outcome: 'no-calendar',
    };
  const access = await deps.access.forCalendar(request.user, calendarId);
  if (typeof access === 'string')
    return { response: pushCard(denialCard(access, request, deps)), outcome: access };
  return { response: pushCard(await contactsCard(access, request, deps)), outcome: 'contacts' };
};
