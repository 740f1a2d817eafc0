import type { CalendarSource } from '@wygc/routing-core';
import type { CardContext } from './card-context.ts';
import type { Card } from './card-schema.ts';
import { actionButton, decorated, paragraph } from './card-widgets.ts';
import { escapeHtml } from './escape-html.ts';

/** The homepage when the user administers several Google calendars: the Calendar homepage names none. */
export const buildCalendarPickerCard = (calendars: readonly CalendarSource[], ctx: CardContext): Card => ({
  name: 'calendars',
  header: { title: ctx.messages.chooseCalendar, subtitle: ctx.messages.appName },
  sections: [
    {
      widgets: [
        paragraph(escapeHtml(ctx.messages.chooseCalendarHint)),
        ...[...calendars]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((source) =>
            decorated({
              icon: 'INVITE',
              text: escapeHtml(source.name),
              button: actionButton(ctx.messages.overviewButton, ctx.endpoint('calendar'), {
                calendarId: source.externalId,
              }),
            }),
          ),
      ],
    },
  ],
});
