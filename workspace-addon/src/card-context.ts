import type { AddonEndpoint } from './addon-paths.ts';
import type { Messages } from './messages.ts';
import type { TargetLabeler } from './target-label.ts';
import type { TimeFormat } from './time-format.ts';
import type { WebAdminLinks } from './web-admin-links.ts';

/** What every card builder needs besides its data: language, time zone, links and our endpoint URLs. */
export interface CardContext {
  readonly messages: Messages;
  readonly time: TimeFormat;
  readonly links: WebAdminLinks;
  /** The absolute URL of an endpoint, for action buttons. */
  readonly endpoint: (name: AddonEndpoint) => string;
}

/** A card context plus the names of the tenant's contacts. */
export interface RosterCardContext extends CardContext {
  readonly label: TargetLabeler;
}
