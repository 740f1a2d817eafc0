import { type Contact, type E164, formatPhoneNumber, type RoutingTarget } from '@wygc/routing-core';

/** How a target is named on a card: "Jan de Vries (JD)", "JD", or a formatted number for a bare fallback. */
export type TargetLabeler = (target: RoutingTarget) => string;

const formatPhone = (phone: E164): string => {
  try {
    return formatPhoneNumber(phone);
  } catch {
    return phone;
  }
};

/** Tables carry keys and phones only; descriptions come from the current contacts. Plain text: cards escape it. */
export const createTargetLabeler = (contacts: readonly Contact[]): TargetLabeler => {
  const descriptions = new Map(contacts.map((contact) => [contact.key, contact.description]));
  return (target) => {
    if (target.key === undefined) return formatPhone(target.phone);
    const description = descriptions.get(target.key);
    return description ? `${description} (${target.key})` : target.key;
  };
};
