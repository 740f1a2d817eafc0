import type { ActionResponse, Card, Navigation, TriggerResponse } from './card-schema.ts';

/** A trigger (homepage, event open) answers with the card to show. */
export const triggerCard = (card: Card): TriggerResponse => ({
  action: { navigations: [{ pushCard: card }] },
});

/** An action callback answers with navigations and, optionally, a notification at the bottom of the panel. */
export const renderActions = (navigations: readonly Navigation[], notification?: string): ActionResponse => ({
  renderActions: {
    action: {
      navigations: [...navigations],
      ...(notification === undefined ? {} : { notification: { text: notification } }),
    },
  },
});

export const pushCard = (card: Card): ActionResponse => renderActions([{ pushCard: card }]);

export const updateCard = (card: Card, notification?: string): ActionResponse =>
  renderActions([{ updateCard: card }], notification);
