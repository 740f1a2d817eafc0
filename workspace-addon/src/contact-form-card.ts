import type { CardContext } from './card-context.ts';
import type { Card, Widget } from './card-schema.ts';
import { actionButton, buttonRow, textField, warningParagraph } from './card-widgets.ts';
import { escapeHtml } from './escape-html.ts';
import type { ContactField, ContactFieldError } from './messages.ts';

export interface ContactFormInput {
  readonly calendarId: string;
  /** Absent for a new contact. */
  readonly contactId?: string;
  /** The key the contact has now, for the title of an edit form. */
  readonly currentKey?: string;
  readonly values: Readonly<Partial<Record<ContactField, string>>>;
  readonly errors: Readonly<Partial<Record<ContactField, ContactFieldError>>>;
}

const fields: readonly ContactField[] = ['key', 'phone', 'description'];

/**
 * Adds or edits a contact. Errors appear inline, in red above the field they concern, and the values
 * typed are kept, so a mistake costs one correction and not a new form.
 */
export const buildContactFormCard = (input: ContactFormInput, ctx: CardContext): Card => {
  const { messages } = ctx;
  const widgets: Widget[] = fields.flatMap((field): Widget[] => {
    const error = input.errors[field];
    const value = input.values[field];
    return [
      ...(error === undefined ? [] : [warningParagraph(escapeHtml(messages.fieldError(error)))]),
      textField({
        name: field,
        label: messages.fieldLabels[field],
        hint: messages.fieldHints[field],
        ...(value === undefined ? {} : { value }),
      }),
    ];
  });
  widgets.push(
    buttonRow(
      actionButton(
        messages.saveButton,
        ctx.endpoint('contactSave'),
        { calendarId: input.calendarId, contactId: input.contactId },
        { filled: true },
      ),
    ),
  );
  return {
    name: 'contact-form',
    header: {
      title:
        input.currentKey === undefined
          ? messages.newContactTitle
          : messages.editContactTitle(input.currentKey),
    },
    sections: [{ widgets }],
  };
};
