import { isApiError } from './api-error.ts';
import type { I18n } from './i18n-context.tsx';

/**
 * What to tell the user about a failed call. The server's messages say precisely what was wrong with
 * the input ("phone: not a valid phone number") and are shown as they are; the generic failures are
 * translated.
 */
export const errorText = (error: unknown, t: I18n['t']): string => {
  if (!isApiError(error)) return t('error.unexpected');
  switch (error.code) {
    case 'NETWORK':
      return t('error.network');
    case 'BAD_RESPONSE':
      return t('error.badResponse');
    case 'TOO_MANY_REQUESTS':
      return t('error.tooManyRequests');
    case 'FORBIDDEN':
      return error.message || t('error.forbidden');
    default:
      return error.message || t('error.unexpected');
  }
};
