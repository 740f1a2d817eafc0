import { isIanaTimeZone } from '@wygc/routing-core';
import type { AddonEvent } from './addon-event.ts';
import { parameter } from './addon-event.ts';
import type { AddonLogger } from './addon-logger.ts';
import type { AddonEndpoint } from './addon-paths.ts';
import type { AccessDenial, AdminAccess, CalendarAccessResolver } from './calendar-access.ts';
import type { CalendarEventReader } from './calendar-event-reader.ts';
import type { CardContext } from './card-context.ts';
import type { AddonResponse, Card } from './card-schema.ts';
import { escapeHtml } from './escape-html.ts';
import type { GoogleIdentity } from './google-id-token-verifier.ts';
import type { Messages } from './messages.ts';
import { messagesFor } from './messages-for.ts';
import { buildNoticeCard } from './notice-card.ts';
import { createTimeFormat } from './time-format.ts';
import type { WebAdminLinks } from './web-admin-links.ts';

/** What every endpoint handler gets: its dependencies and one authenticated request. */
export interface AddonHandlerDeps {
  readonly access: CalendarAccessResolver;
  readonly reader: CalendarEventReader;
  readonly clock: () => number;
  readonly logger: AddonLogger;
  readonly links: WebAdminLinks;
  readonly endpoint: (name: AddonEndpoint) => string;
  /** Called after a contact changed, to recompile the tenant's routing tables. */
  readonly onRosterChange: (tenantId: string, actor: string) => Promise<void>;
}

export interface AddonRequest {
  readonly event: AddonEvent;
  /** Verified from the user ID token. */
  readonly user: GoogleIdentity;
  readonly messages: Messages;
}

/** A handler's answer and a short outcome for the log line (no personal data). */
export interface HandlerResult {
  readonly response: AddonResponse;
  readonly outcome: string;
}

export type AddonHandler = (request: AddonRequest, deps: AddonHandlerDeps) => Promise<HandlerResult>;

export const createAddonRequest = (event: AddonEvent, user: GoogleIdentity): AddonRequest => ({
  event,
  user,
  messages: messagesFor(event.commonEventObject.userLocale),
});

/** Times in the user's zone (commonEventObject.timeZone) when Calendar sends a valid one, else the organisation's. */
export const cardContext = (
  request: AddonRequest,
  deps: AddonHandlerDeps,
  organisationZone: string,
): CardContext => {
  const userZone = request.event.commonEventObject.timeZone?.id;
  const zone = userZone !== undefined && isIanaTimeZone(userZone) ? userZone : organisationZone;
  return {
    messages: request.messages,
    time: createTimeFormat(request.messages.language, zone),
    links: deps.links,
    endpoint: deps.endpoint,
  };
};

/** The calendar a callback acts on: the one its card was built for, else the one open in Calendar. */
export const calendarIdOf = (event: AddonEvent): string | undefined =>
  parameter(event, 'calendarId') ?? event.calendar?.calendarId;

export const canEdit = (access: AdminAccess): boolean => access.role === 'admin' || access.role === 'owner';

/** The card for users without access to the calendar in view: how to get it, and no data at all. */
export const denialCard = (denial: AccessDenial, request: AddonRequest, deps: AddonHandlerDeps): Card => {
  const { messages } = request;
  const ctx = cardContext(request, deps, 'UTC');
  const email = request.user.email === undefined ? undefined : escapeHtml(request.user.email);
  return buildNoticeCard(
    {
      title: messages.noAccessTitle,
      html: denial === 'no-account' ? messages.noAccount(email) : escapeHtml(messages.calendarNotConnected),
    },
    ctx,
  );
};

/** A card that explains why nothing can be shown (or done) here. */
export const noticeCard = (request: AddonRequest, deps: AddonHandlerDeps, text: string): Card =>
  buildNoticeCard({ title: request.messages.noticeTitle, text }, cardContext(request, deps, 'UTC'));
