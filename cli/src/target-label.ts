import {
  type ContactDirectory,
  formatPhoneNumber,
  type RoutingTarget,
  type TargetGroup,
} from '@wygc/routing-core';

/** "PK" for a contact, the formatted number for a fallback given as a bare number. */
export const targetName = (target: RoutingTarget): string => target.key ?? formatPhoneNumber(target.phone);

/** "JD + PK": a group rings together. */
export const groupName = (group: TargetGroup): string => group.map(targetName).join(' + ');

export const targetDescription = (target: RoutingTarget, contacts: ContactDirectory): string =>
  (target.key === undefined ? undefined : contacts.find(target.key)?.description) ?? '';

/** "Jan de Vries + Pieter Kramer"; a contact without a description shows its key. */
export const groupDescription = (group: TargetGroup, contacts: ContactDirectory): string =>
  group.map((target) => targetDescription(target, contacts) || targetName(target)).join(' + ');
