import type { en } from './messages-en.ts';

export type MessageKey = keyof typeof en;
/** Every dictionary has every text of the English one. */
export type Messages = Readonly<Record<MessageKey, string>>;
