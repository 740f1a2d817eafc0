import type { CardContext } from './card-context.ts';
import type { Button, Card } from './card-schema.ts';
import { buttonRow, linkButton, paragraph } from './card-widgets.ts';
import { escapeHtml } from './escape-html.ts';

/** A card that only explains something (no access, an unreadable event, a missing contact): never any data. */
export const buildNoticeCard = (
  input: { title: string; html?: string; text?: string; buttons?: readonly Button[] },
  ctx: CardContext,
): Card => ({
  name: 'notice',
  header: { title: input.title, subtitle: ctx.messages.appName },
  sections: [
    {
      widgets: [
        paragraph(input.html ?? escapeHtml(input.text ?? '')),
        buttonRow(...(input.buttons ?? [linkButton(ctx.messages.webAdminButton, ctx.links.home)])),
      ],
    },
  ],
});
