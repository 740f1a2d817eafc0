import { describe, expect, it } from 'vitest';
import { actionResponseSchema, cardSchema, triggerResponseSchema } from './card-schema.ts';

/** A card as the Card v2 reference writes one: header, sections, the widgets this add-on uses. */
const documentedCard = {
  header: { title: 'Storingsdienst', subtitle: 'WhoYouGonnaCall' },
  sections: [
    {
      header: 'Now',
      widgets: [
        { textParagraph: { text: '<b>Jan</b> rings' } },
        {
          decoratedText: {
            startIcon: { knownIcon: 'PHONE' },
            topLabel: 'Rings now',
            text: 'Jan de Vries (JD)',
            wrapText: true,
            bottomLabel: 'until 17:00',
            button: { text: 'Edit', onClick: { action: { function: 'https://example.com/edit' } } },
          },
        },
        { textInput: { name: 'key', label: 'Key', type: 'SINGLE_LINE' } },
        { divider: {} },
        {
          buttonList: {
            buttons: [
              {
                text: 'Save',
                type: 'FILLED',
                onClick: {
                  action: {
                    function: 'https://example.com/save',
                    parameters: [{ key: 'calendarId', value: 'x@group.calendar.google.com' }],
                    loadIndicator: 'SPINNER',
                  },
                },
              },
              {
                icon: { knownIcon: 'INVITE', altText: 'calendar' },
                onClick: { openLink: { url: 'https://example.com' } },
              },
            ],
          },
        },
      ],
    },
  ],
};

describe('card schema', () => {
  it('accepts a card written as the reference documents it', () => {
    expect(cardSchema.safeParse(documentedCard).success).toBe(true);
  });

  it('accepts the two response shapes: a trigger card and render actions', () => {
    expect(
      triggerResponseSchema.safeParse({ action: { navigations: [{ pushCard: documentedCard }] } }).success,
    ).toBe(true);
    const update = {
      renderActions: {
        action: { navigations: [{ updateCard: documentedCard }], notification: { text: 'Saved.' } },
      },
    };
    expect(actionResponseSchema.safeParse(update).success).toBe(true);
    expect(
      actionResponseSchema.safeParse({ renderActions: { action: { navigations: [{ popCard: true }] } } })
        .success,
    ).toBe(true);
  });

  it.each([
    ['a misspelt widget', { textParagrah: { text: 'x' } }],
    ['two widgets in one', { textParagraph: { text: 'x' }, divider: {} }],
    ['an unknown icon', { decoratedText: { text: 'x', startIcon: { knownIcon: 'PHONE_CALL' } } }],
    ['a button without onClick', { buttonList: { buttons: [{ text: 'Go' }] } }],
    [
      'an action without an endpoint URL',
      { buttonList: { buttons: [{ text: 'Go', onClick: { action: { function: 'save' } } }] } },
    ],
    [
      'a parameter given as a map',
      {
        buttonList: {
          buttons: [
            { text: 'Go', onClick: { action: { function: 'https://e.x/s', parameters: { a: 'b' } } } },
          ],
        },
      },
    ],
    ['a text input name with spaces', { textInput: { name: 'the key', label: 'Key' } }],
    ['an empty paragraph', { textParagraph: { text: '' } }],
  ])('rejects %s', (_name, widget) => {
    expect(cardSchema.safeParse({ sections: [{ widgets: [widget] }] }).success).toBe(false);
  });

  it('rejects a card without sections and a response that neither navigates nor notifies', () => {
    expect(cardSchema.safeParse({ header: { title: 'x' }, sections: [] }).success).toBe(false);
    expect(actionResponseSchema.safeParse({ renderActions: { action: {} } }).success).toBe(false);
    expect(
      triggerResponseSchema.safeParse({ action: { navigations: [{ updateCard: documentedCard }] } }).success,
    ).toBe(false);
  });
});
