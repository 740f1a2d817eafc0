/**
 * Deep links into the web admin (the Teams tab's standalone build). Kept in one place so the routes
 * can follow the web admin's router.
 */
export interface WebAdminLinks {
  readonly home: string;
  readonly contacts: string;
  /** The roster (coverage report) of one number. */
  roster(numberId: string): string;
}

export const createWebAdminLinks = (webAdminUrl: string): WebAdminLinks => ({
  home: `${webAdminUrl}/`,
  contacts: `${webAdminUrl}/contacts`,
  roster: (numberId) => `${webAdminUrl}/numbers/${encodeURIComponent(numberId)}/roster`,
});
