import { type E164, formatPhoneNumber, type StoredContact } from '@wygc/routing-core';
import type { CardContext } from './card-context.ts';
import type { Card, Widget } from './card-schema.ts';
import { actionButton, buttonRow, decorated, linkButton, paragraph } from './card-widgets.ts';
import { escapeHtml } from './escape-html.ts';

export interface ContactsCardInput {
  readonly contacts: readonly StoredContact[];
  readonly calendarId: string;
  readonly canEdit: boolean;
}

const phoneLabel = (phone: E164): string => {
  try {
    return formatPhoneNumber(phone);
  } catch {
    return phone;
  }
};

/** The organisation's contacts by key; administrators get Edit and Add buttons, members read only. */
export const buildContactsCard = (input: ContactsCardInput, ctx: CardContext): Card => {
  const { messages } = ctx;
  const { calendarId } = input;
  const sorted = [...input.contacts].sort((a, b) => a.key.localeCompare(b.key));
  const list: Widget[] =
    sorted.length === 0
      ? [paragraph(escapeHtml(messages.noContacts))]
      : sorted.map((contact) =>
          decorated({
            icon: 'PERSON',
            topLabel: contact.key,
            text: contact.description ? escapeHtml(contact.description) : `<b>${escapeHtml(contact.key)}</b>`,
            bottomLabel: phoneLabel(contact.phone),
            ...(input.canEdit
              ? {
                  button: actionButton(messages.editButton, ctx.endpoint('contactForm'), {
                    calendarId,
                    contactId: contact.id,
                  }),
                }
              : {}),
          }),
        );
  const actions: Widget = input.canEdit
    ? buttonRow(
        actionButton(
          messages.addContactButton(),
          ctx.endpoint('contactForm'),
          { calendarId },
          { filled: true },
        ),
        linkButton(messages.webAdminButton, ctx.links.contacts),
      )
    : buttonRow(linkButton(messages.webAdminButton, ctx.links.contacts));
  return {
    name: 'contacts',
    header: { title: messages.contactsTitle, subtitle: messages.contactCount(sorted.length) },
    sections: [
      { widgets: list },
      { widgets: input.canEdit ? [actions] : [paragraph(escapeHtml(messages.readOnlyNote)), actions] },
    ],
  };
};
