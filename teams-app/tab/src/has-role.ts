import type { AdminRole } from './api-schemas.ts';

const rank: Readonly<Record<AdminRole, number>> = { member: 0, admin: 1, owner: 2 };

/** Whether `role` has at least the rights of `needed` (owner > admin > member), as the API checks. */
export const hasRole = (role: AdminRole, needed: AdminRole): boolean => rank[role] >= rank[needed];
