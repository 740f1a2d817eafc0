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
import { loadCalendarOverview } from './calendar-overview.ts';
import type { Card } from './card-schema.ts';
import { buildOverviewCard } from './overview-card.ts';
import { createTargetLabeler } from './target-label.ts';

/** The homepage looks one week ahead: a duty roster's usual horizon for "who is on, what is missing". */
export const overviewDays = 7;

/** The overview card of a calendar the user was just verified to administer. */
export const overviewCard = async (
  access: CalendarAccess,
  request: AddonRequest,
  deps: AddonHandlerDeps,
): Promise<Card> => {
  const overview = await loadCalendarOverview({
    tenant: access.tenant,
    source: access.source,
    now: deps.clock(),
    days: overviewDays,
  });
  const ctx = {
    ...cardContext(request, deps, overview.timeZone),
    label: createTargetLabeler(overview.contacts),
  };
  return buildOverviewCard({ overview, days: overviewDays, canEdit: canEdit(access) }, ctx);
};

/** Action: the overview of parameters.calendarId, after checking the user administers its tenant. */
export const calendarHandler: AddonHandler = async (request, deps) => {
  const calendarId = calendarIdOf(request.event);
  if (calendarId === undefined)
    return {
      response: pushCard(noticeCard(request, deps, request.messages.eventNotOpen)),
      outcome: 'no-calendar',
    };
  const access = await deps.access.forCalendar(request.user, calendarId);
  if (typeof access === 'string')
    return { response: pushCard(denialCard(access, request, deps)), outcome: access };
  return { response: pushCard(await overviewCard(access, request, deps)), outcome: 'overview' };
};
