import { contactKeyPattern } from '@wygc/routing-core';

/** Whether a subject token could become a contact key as it is (offered as "Add contact JDD"). */
export const isContactKey = (token: string): boolean => contactKeyPattern.test(token.normalize('NFC'));
