import { type AddonHandler, cardContext, denialCard } from './addon-request.ts';
import { triggerCard } from './addon-response.ts';
import { overviewCard } from './calendar-handler.ts';
import { buildCalendarPickerCard } from './calendar-picker-card.ts';

/**
 * Trigger: the add-on opened outside an event. Calendar's homepage event names no calendar, so the
 * user's Google calendars decide: one is shown at once, several are offered to choose from.
 */
export const homepageHandler: AddonHandler = async (request, deps) => {
  const calendarId = request.event.calendar?.calendarId;
  const found =
    calendarId === undefined
      ? await deps.access.googleCalendars(request.user)
      : await deps.access
          .forCalendar(request.user, calendarId)
          .then((a) => (typeof a === 'string' ? a : [a]));
  if (typeof found === 'string')
    return { response: triggerCard(denialCard(found, request, deps)), outcome: found };
  const [only] = found;
  if (found.length === 1 && only)
    return { response: triggerCard(await overviewCard(only, request, deps)), outcome: 'overview' };
  const picker = buildCalendarPickerCard(
    found.map((access) => access.source),
    cardContext(request, deps, 'UTC'),
  );
  return { response: triggerCard(picker), outcome: 'calendar-picker' };
};
