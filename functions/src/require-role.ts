import type { AdminRole } from '@wygc/routing-core';
import { createMiddleware } from 'hono/factory';
import type { ApiEnv } from './api-env.ts';
import { HttpError } from './http-error.ts';

const rank: Readonly<Record<AdminRole, number>> = { member: 0, admin: 1, owner: 2 };

/** Members read the roster and take over duty; admins manage data; owners manage admins and the contract. */
export const requireRole = (minimum: AdminRole) =>
  createMiddleware<ApiEnv>(async (c, next) => {
    if (rank[c.var.session.role] < rank[minimum]) {
      throw new HttpError('FORBIDDEN', `This needs the ${minimum} role.`);
    }
    await next();
  });
