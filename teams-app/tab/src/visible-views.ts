import type { AdminRole } from './api-schemas.ts';
import { hasRole } from './has-role.ts';
import { type ViewName, viewNames } from './routes.ts';

/** The audit log and privacy tools need an administrator, as the API's own role checks do. */
const neededRole: Partial<Record<ViewName, AdminRole>> = { audit: 'admin', privacy: 'admin' };

export const visibleViews = (role: AdminRole): ViewName[] =>
  viewNames.filter((view) => hasRole(role, neededRole[view] ?? 'member'));
