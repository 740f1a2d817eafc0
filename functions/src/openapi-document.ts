import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from './api-env.ts';
import { sessionCookieName } from './auth/session-tokens.ts';

export const openApiPath = '/api/v1/openapi.json';

/**
 * Serves the OpenAPI 3.1 description of every route group mounted on `api` (from their zod schemas,
 * so it cannot drift from what the routes accept). Call it once all groups are mounted. Every
 * operation needs a session unless it says otherwise (the sign-in endpoints do).
 */
export const mountOpenApiDocument = (api: OpenAPIHono<ApiEnv>, options: { readonly publicUrl: string }) => {
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The session token from POST /api/v1/auth/login, /auth/totp or /auth/teams',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: sessionCookieName,
    description: 'Cookie mode (the standalone web admin); POST, PATCH and DELETE also need X-CSRF-Token',
  });
  api.doc31(openApiPath, {
    openapi: '3.1.0',
    info: {
      title: 'WhoYouGonnaCall admin API',
      version: 'v1',
      description:
        "Contacts, routed numbers, calendars, administrators, calls and audit of one organisation: the caller's. " +
        'Errors are {"error": {"code", "message"}}.',
    },
    servers: [{ url: options.publicUrl }],
    security: [{ bearer: [] }, { sessionCookie: [] }],
  });
};
