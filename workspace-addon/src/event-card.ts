import type { OpenEvent } from './calendar-event-reader.ts';
import type { RosterCardContext } from './card-context.ts';
import type { Button, Card, Widget } from './card-schema.ts';
import { actionButton, buttonRow, paragraph, warningParagraph } from './card-widgets.ts';
import { escapeHtml } from './escape-html.ts';
import type { EventRouting, NumberRouting } from './event-routing.ts';
import { formatDid } from './format-did.ts';
import { isContactKey } from './is-contact-key.ts';
import { ringSequence } from './ring-sequence.ts';

export interface EventCardInput {
  readonly event: OpenEvent;
  readonly routing: EventRouting;
  readonly calendarId: string;
  readonly canEdit: boolean;
}

/** At most this many "Add contact" buttons: a subject with many stray words is rare, and a card stays short. */
const maxAddButtons = 3;

const numberSentence = (entry: NumberRouting, ctx: RosterCardContext): Widget => {
  const { messages, label } = ctx;
  const did = escapeHtml(formatDid(entry.number.did));
  const name = escapeHtml(entry.number.name);
  if (entry.groups.length > 0)
    return paragraph(messages.callsRing(did, name, ringSequence({ ...entry, label, messages })));
  if (entry.fallback)
    return paragraph(
      messages.callsRingOnlyFallback(did, name, `<b>${escapeHtml(label(entry.fallback))}</b>`),
    );
  return paragraph(messages.callsRefused(did, name));
};

const subtitleOf = (event: OpenEvent, ctx: RosterCardContext): string | undefined => {
  if (event.start === undefined || event.end === undefined) return undefined;
  return event.allDay ? ctx.time.days(event.start, event.end) : ctx.time.period(event.start, event.end);
};

/**
 * The open event resolved through the routing core: who each number it feeds rings while it runs, or a
 * clear warning naming the words that match no contact, with buttons to add them as contacts.
 */
export const buildEventCard = (input: EventCardInput, ctx: RosterCardContext): Card => {
  const { event, routing, calendarId } = input;
  const { messages } = ctx;
  const widgets: Widget[] = [];
  if (event.status === 'cancelled') {
    widgets.push(paragraph(escapeHtml(messages.cancelledEvent)));
  } else if (!routing.matched) {
    widgets.push(warningParagraph(messages.unmatchedWarning(routing.unmatchedTokens.map(escapeHtml))));
    widgets.push(...routing.numbers.map((entry) => numberSentence(entry, ctx)));
    const addable = input.canEdit ? [...new Set(routing.unmatchedTokens.filter(isContactKey))] : [];
    const buttons: Button[] = addable
      .slice(0, maxAddButtons)
      .map((key) =>
        actionButton(
          messages.addContactButton(key),
          ctx.endpoint('contactForm'),
          { calendarId, key },
          { filled: true },
        ),
      );
    if (buttons.length > 0) widgets.push(buttonRow(...buttons));
  } else {
    widgets.push(...routing.numbers.map((entry) => numberSentence(entry, ctx)));
    if (routing.unmatchedTokens.length > 0)
      widgets.push(paragraph(`<i>${escapeHtml(messages.ignoredWords(routing.unmatchedTokens))}</i>`));
  }
  if (routing.numbers.length === 0 && event.status !== 'cancelled')
    widgets.push(paragraph(escapeHtml(messages.noNumbers)));
  const subtitle = subtitleOf(event, ctx);
  return {
    name: 'event',
    header: {
      title: event.summary.trim() || messages.untitledEvent,
      ...(subtitle === undefined ? {} : { subtitle }),
    },
    sections: [
      { widgets },
      {
        widgets: [
          buttonRow(
            actionButton(messages.overviewButton, ctx.endpoint('calendar'), { calendarId }),
            actionButton(messages.contactsButton, ctx.endpoint('contacts'), { calendarId }),
          ),
        ],
      },
    ],
  };
};
