import type { Button, Icon, Widget } from './card-schema.ts';

/**
 * Small constructors for the Card v2 widgets the cards use, so every card writes the same JSON shapes.
 * Text given to `paragraph` and `decorated.text` is HTML: callers escape what people typed.
 */

export const paragraph = (text: string): Widget => ({ textParagraph: { text } });

/** Red, bold text: how inline form errors and warnings stand out in a card. */
export const warningParagraph = (html: string): Widget => paragraph(`<font color="#B3261E">${html}</font>`);

export const decorated = (input: {
  text: string;
  topLabel?: string;
  bottomLabel?: string;
  icon?: Icon['knownIcon'];
  button?: Button;
}): Widget => ({
  decoratedText: {
    ...(input.icon === undefined ? {} : { startIcon: { knownIcon: input.icon } }),
    ...(input.topLabel === undefined ? {} : { topLabel: input.topLabel }),
    text: input.text,
    wrapText: true,
    ...(input.bottomLabel === undefined ? {} : { bottomLabel: input.bottomLabel }),
    ...(input.button === undefined ? {} : { button: input.button }),
  },
});

/** A button that calls one of our endpoints; its state travels in `parameters` and is re-checked there. */
export const actionButton = (
  text: string,
  functionUrl: string,
  parameters: Readonly<Record<string, string | undefined>> = {},
  options: { filled?: boolean } = {},
): Button => {
  const entries = Object.entries(parameters).flatMap(([key, value]) =>
    value === undefined ? [] : [{ key, value }],
  );
  return {
    text,
    onClick: {
      action: {
        function: functionUrl,
        ...(entries.length > 0 ? { parameters: entries } : {}),
        loadIndicator: 'SPINNER',
      },
    },
    ...(options.filled ? { type: 'FILLED' as const } : {}),
  };
};

export const linkButton = (text: string, url: string): Button => ({
  text,
  onClick: { openLink: { url, openAs: 'FULL_SIZE', onClose: 'NOTHING' } },
});

export const buttonRow = (...buttons: readonly Button[]): Widget => ({
  buttonList: { buttons: [...buttons] },
});

export const textField = (input: { name: string; label: string; hint?: string; value?: string }): Widget => ({
  textInput: {
    name: input.name,
    label: input.label,
    type: 'SINGLE_LINE',
    ...(input.hint === undefined ? {} : { hintText: input.hint }),
    ...(input.value === undefined ? {} : { value: input.value }),
  },
});
