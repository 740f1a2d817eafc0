import { isApiError } from './api-error.ts';

/**
 * The part of a validation error (400) that is about `field`, to show beside that field. The server
 * names the field in its message: "fallback: neither a contact key nor a valid phone number", or
 * deeper in "contact: contact ZZ: phone is not a valid phone number". Undefined when it is about
 * something else.
 */
export const fieldError = (error: unknown, field: string): string | undefined => {
  if (!isApiError(error) || error.status !== 400) return undefined;
  for (const problem of error.message.split('; ')) {
    const parts = problem.split(': ');
    const index = parts.findIndex((part) => part === field || part.startsWith(`${field} `));
    if (index < 0) continue;
    const rest = parts[index] === field ? parts.slice(index + 1) : parts.slice(index);
    return rest.join(': ') || undefined;
  }
  return undefined;
};
