import { type AddonHandler, canEdit, cardContext, denialCard, noticeCard } from './addon-request.ts';
import { triggerCard } from './addon-response.ts';
import { buildEventCard } from './event-card.ts';
import { describeEventRouting } from './event-routing.ts';
import { createTargetLabeler } from './target-label.ts';

/**
 * Trigger: an event opened in Calendar. The event object carries ids but no title, so the title is read
 * with the user's own OAuth token, then resolved through the routing core against the organisation that
 * owns this calendar, and only after the user was verified to administer it.
 */
export const eventOpenHandler: AddonHandler = async (request, deps) => {
  const { messages, event } = request;
  const calendarId = event.calendar?.calendarId;
  const eventId = event.calendar?.id;
  if (calendarId === undefined || eventId === undefined)
    return { response: triggerCard(noticeCard(request, deps, messages.eventNotOpen)), outcome: 'no-event' };
  const access = await deps.access.forCalendar(request.user, calendarId);
  if (typeof access === 'string')
    return { response: triggerCard(denialCard(access, request, deps)), outcome: access };

  const userOAuthToken = event.authorizationEventObject.userOAuthToken;
  const read = userOAuthToken
    ? await deps.reader.read({ calendarId, eventId, userOAuthToken })
    : ('forbidden' as const);
  if (typeof read === 'string') {
    return {
      response: triggerCard(noticeCard(request, deps, messages.eventUnreadable(read))),
      outcome: `event-${read}`,
    };
  }

  const { tenant, source } = access;
  const [settings, contacts, numbers] = await Promise.all([
    tenant.tenant(),
    tenant.contacts.list(),
    tenant.numbers.list(),
  ]);
  const routing = describeEventRouting({
    subject: read.summary,
    contacts,
    caseSensitive: settings.settings.caseSensitiveKeys,
    numbers: numbers
      .filter((number) => number.sourceIds.includes(source.id))
      .sort((a, b) => a.name.localeCompare(b.name) || a.did.localeCompare(b.did)),
  });
  const ctx = { ...cardContext(request, deps, settings.timeZone), label: createTargetLabeler(contacts) };
  const card = buildEventCard({ event: read, routing, calendarId, canEdit: canEdit(access) }, ctx);
  return { response: triggerCard(card), outcome: routing.matched ? 'event-matched' : 'event-unmatched' };
};
